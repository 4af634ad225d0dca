"""The wire table (resources/protocol/gateway.json) as the sandbox reads it.

The sandbox has its own small loader instead of importing ``desktop_app.gateway``: the emulator
must not share code with the client it is meant to test, or a shared bug would pass unnoticed.
Both read the same JSON, so a renamed field is a data change on both sides.

The sandbox speaks our keys inside (``Processor.process(account, kind, values)``); endpoints
turn wire names into our keys here, case-insensitively as the gateway does, and back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from desktop_app.paths import resources_dir

# The gateway's additionalInfo1..6, as the sandbox stores and echoes them.
INFO_KEYS = tuple(f"additional_info_{n}" for n in range(1, 7))


@dataclass(frozen=True)
class WireTable:
    raw: dict[str, Any]

    @property
    def paths(self) -> dict[str, str]:
        return dict(self.raw["paths"])

    def req(self, key: str) -> str:
        """Wire name of a request field, by our key (``card_number`` → ``cardNumber``)."""
        if key in INFO_KEYS:
            return str(self.raw["reference_slots"][INFO_KEYS.index(key)])
        return str(self.raw["request_fields"][key])

    def resp(self, key: str) -> str:
        """Wire name of a response field, by our key."""
        if key in INFO_KEYS:
            return str(self.raw["reference_slots"][INFO_KEYS.index(key)])
        return str(self.raw["response_fields"][key])

    @cached_property
    def request_keys(self) -> dict[str, str]:
        """Lower-case wire name → our key. ``our_reference`` is the client's idea: the gateway
        (and so the sandbox) knows only additionalInfo1..6."""
        names = {str(n).lower(): str(k) for k, n in self.raw["request_fields"].items()
                 if k != "our_reference"}
        names.update({self.req(k).lower(): k for k in INFO_KEYS})
        return names

    @cached_property
    def ignored_names(self) -> frozenset[str]:
        return frozenset(n.lower() for n in self.raw["accepted_request_names"]["names"])

    @cached_property
    def response_names(self) -> dict[str, str]:
        names = {str(k): str(n) for k, n in self.raw["response_fields"].items()
                 if k != "our_reference"}
        names.update({k: self.resp(k) for k in INFO_KEYS})
        return names

    def kind(self, name: str) -> dict[str, str]:
        """transactionType / transactionAction of one of our kinds."""
        entry = self.raw["kinds"][name]
        return {n: str(entry[n]) for n in ("transactionType", "transactionAction") if n in entry}

    def action(self, name: str) -> str:
        return str(self.raw["kinds"][name]["transactionAction"])

    def message(self, code: str) -> str:
        entry = self.raw["response_codes"].get(code)
        return str(entry["message"]) if entry else f"Response code {code}"

    def status_of(self, code: str) -> str:
        entry = self.raw["response_codes"].get(code)
        return str(entry["status"]) if entry else str(self.raw["unlisted_response_code"])

    def presence_values(self) -> dict[str, str]:
        """Lower-case cardPresentStatus value → its spelling (the gateway takes any case)."""
        return {v.lower(): v for v in self.raw["card_present_status"]["values"]}

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
