"""The wire table (resources/protocol/gateway.json), loaded once and typed.

The table maps our keys (``merchant_id``) to NVP names (``merchantID``). We send the table's
spelling; replies are matched case-insensitively, since the gateway's own pages spell one
field three ways (``MerchantID``, ``merchantID``, ``merchantId``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from desktop_app.paths import resources_dir

WIRE_KIND_NAMES = ("transactionType", "transactionAction")


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

    def request_names(self, reference_slot: str = "") -> dict[str, str]:
        """Our request key → NVP name, our reference in ``reference_slot`` if given."""
        names = {str(k): str(v) for k, v in self.raw["request_fields"].items()}
        if reference_slot:
            names["our_reference"] = self.check_slot(reference_slot)
        return names

    def response_names(self, reference_slot: str = "") -> dict[str, str]:
        names = {str(k): str(v) for k, v in self.raw["response_fields"].items()}
        if reference_slot:
            names["our_reference"] = self.check_slot(reference_slot)
        return names

    def check_slot(self, slot: str) -> str:
        if slot not in self.raw["reference_slots"]:
            raise ValueError(f"{slot!r} is not one of {', '.join(self.raw['reference_slots'])}")
        return slot

    @property
    def reference_slots(self) -> tuple[str, ...]:
        return tuple(self.raw["reference_slots"])

    def kind(self, kind: str) -> dict[str, Any]:
        return dict(self.raw["kinds"][kind])

    def kind_fields(self, kind: str) -> dict[str, str]:
        """transactionType / transactionAction of one of our kinds, by NVP name."""
        entry = self.raw["kinds"][kind]
        return {name: str(entry[name]) for name in WIRE_KIND_NAMES if name in entry}

    def kind_confirmed(self, kind: str) -> bool:
        entry = self.raw["kinds"][kind]
        return bool(entry.get("confirmed", True) or entry.get("allowed_unconfirmed", False))

    def card_present_status(self, tender_kind: str) -> str:
        return str(self.raw["card_present_status"][tender_kind])

    def classify(self, response_code: str) -> tuple[str, str] | None:
        """(class, default message) for a listed responseCode; None for any other."""
        entry = self.raw["response_codes"].get(response_code)
        if entry is None:
            return None
        return str(entry["status"]), str(entry["message"])

    def status_outcome(self, letter: str) -> str | None:
        """What a transactionStatus letter means for the outcome; None if unlisted."""
        entry = self.raw["transaction_statuses"].get(letter)
        return None if entry is None else str(entry["outcome"])

    @property
    def transaction_statuses(self) -> frozenset[str]:
        return frozenset(self.raw["transaction_statuses"])

    def error_kind(self, error_code: str) -> str:
        return str(self.raw["error_codes"].get(error_code, "server"))

    def soap_only_fields(self) -> frozenset[str]:
        """Our keys with no NVP name (gateway.json ``soap_only_request_fields``)."""
        return frozenset(k for k in self.raw["soap_only_request_fields"] if k[0] != "_")

    @property
    def sensitive_fields(self) -> frozenset[str]:
        return frozenset(self.raw["sensitive_request_fields"])

    @cached_property
    def known_response_fields(self) -> frozenset[str]:
        return frozenset(self.raw["response_fields"].values())

    def environment_hosts(self, name: str) -> dict[str, str]:
        return dict(self.raw["environments"][name])


@cache
def protocol() -> ProtocolTable:
    path = resources_dir() / "protocol" / "gateway.json"
    return ProtocolTable(json.loads(path.read_text(encoding="utf-8")))
