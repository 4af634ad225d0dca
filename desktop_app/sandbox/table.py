"""The wire table (resources/protocol/gateway.json) as the sandbox reads it.

The sandbox has its own small loader instead of importing ``desktop_app.gateway``: the emulator
must not share code with the client it is meant to test, or a shared bug would pass unnoticed.
Both read the same JSON, so a renamed field is a data change on both sides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class WireTable:
    raw: dict[str, Any]

    @property
    def paths(self) -> dict[str, str]:
        return dict(self.raw["paths"])

    def req(self, key: str) -> str:
        """Wire name of a request field, by our key (``card_number`` → ``cardNumber``)."""
        return str(self.raw["request_fields"][key])

    def resp(self, key: str) -> str:
        """Wire name of a response field, by our key."""
        return str(self.raw["response_fields"][key])

    def kind(self, name: str) -> dict[str, str]:
        return dict(self.raw["kinds"][name])

    def action(self, name: str) -> str:
        return str(self.raw["kinds"][name]["transactionAction"])

    def message(self, code: str) -> str:
        entry = self.raw["response_codes"].get(code)
        return str(entry["message"]) if entry else f"Response code {code}"

    def status_of(self, code: str) -> str:
        entry = self.raw["response_codes"].get(code)
        return str(entry["status"]) if entry else str(self.raw["unlisted_response_code"])

    @property
    def sensitive(self) -> frozenset[str]:
        return frozenset(self.raw["sensitive_request_fields"])


@cache
def table() -> WireTable:
    path = resources_dir() / "protocol" / "gateway.json"
    return WireTable(json.loads(path.read_text(encoding="utf-8")))


def req(key: str) -> str:
    return table().req(key)


def resp(key: str) -> str:
    return table().resp(key)
