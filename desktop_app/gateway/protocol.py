"""The wire table (resources/protocol/gateway.json), loaded once and typed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class ProtocolTable:
    raw: dict[str, Any]

    @property
    def paths(self) -> dict[str, str]:
        return dict(self.raw["paths"])

    def request_field(self, key: str) -> str:
        return str(self.raw["request_fields"][key])

    def response_field(self, key: str) -> str:
        return str(self.raw["response_fields"][key])

    def kind_fields(self, kind: str) -> dict[str, str]:
        return dict(self.raw["kinds"][kind])

    def classify(self, response_code: str) -> tuple[str, str] | None:
        """(status, default message) for a listed responseCode; None for any other.

        The client never guesses what an unlisted code means (``verdict.py`` makes it
        unknown); the table's ``unlisted_response_code`` rule is the sandbox's alone."""
        entry = self.raw["response_codes"].get(response_code)
        if entry is None:
            return None
        return str(entry["status"]), str(entry["message"])

    @property
    def transaction_statuses(self) -> frozenset[str]:
        return frozenset(self.raw["transaction_statuses"])

    @property
    def sso_token_statuses(self) -> frozenset[str]:
        return frozenset(self.raw["sso_token_statuses"])

    def error_kind(self, error_code: str) -> str:
        return str(self.raw["error_codes"].get(error_code, "server"))

    @property
    def sensitive_fields(self) -> frozenset[str]:
        return frozenset(self.raw["sensitive_request_fields"])

    @property
    def known_response_fields(self) -> frozenset[str]:
        return frozenset(self.raw["response_fields"].values())

    def environment_hosts(self, name: str) -> dict[str, str]:
        return dict(self.raw["environments"][name])


@cache
def protocol() -> ProtocolTable:
    path = resources_dir() / "protocol" / "gateway.json"
    return ProtocolTable(json.loads(path.read_text(encoding="utf-8")))
