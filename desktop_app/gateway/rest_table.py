"""resources/protocol/rest.json, loaded once: which ``/rest/payment/…`` path carries each of
our operation keys, which JSON field carries each of our keys, the credential headers.

Pure data and lookups; ``rest.py`` does the I/O. What the table does not place is refused
before a byte is sent (a ``GatewayValidationError``: nothing was charged), as soap_table does,
so a key added elsewhere never silently falls out of a REST payment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from desktop_app.gateway.errors import GatewayValidationError, table_entry
from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class RestOperation:
    kind: str
    path: str                                  # /rest/payment/sale
    send: dict[str, str] = field(default_factory=dict)   # fixed fields (PaymentMethod ...)
    card_entry: bool = False                   # carries a Card object
    reply_aliases: dict[str, str] = field(default_factory=dict)
    saved_without_status: bool = False


@dataclass(frozen=True)
class RestTable:
    raw: dict[str, Any]

    def header(self, role: str) -> str:
        return str(self.raw["headers"][role]["name"])

    @property
    def base_path(self) -> str:
        return str(self.raw["base_path"]["value"])

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(self.base_path + op["path"] for op in self.raw["operations"].values())

    def operation(self, kind: str) -> RestOperation:
        entry = table_entry(self.raw, kind, table="rest.json", service="The REST API",
                            call="call")
        return RestOperation(kind, self.base_path + entry["path"], dict(entry.get("send", {})),
                             bool(entry.get("card_entry")), dict(entry.get("reply_aliases", {})),
                             bool(entry.get("saved_without_status")))

    def entry_mode(self, card_present_status: str) -> str:
        """``Card/EntryMode`` for how the card came to us; refused for a card REST cannot
        carry (a swipe, a chip, a tap)."""
        mode = self.raw["card_entry"]["values"].get(card_present_status)
        if mode is None:
            raise GatewayValidationError(str(self.raw["card_entry"]["refused"]),
                                         detail=f"no REST EntryMode for {card_present_status}")
        return str(mode)

    @property
    def entry_mode_path(self) -> str:
        return str(self.raw["card_entry"]["field"])

    def request_path(self, key: str, reference_slot: str = "") -> str | None:
        """Where our key goes; None for a key REST has no use for (rest.json not_sent);
        any other key is refused: a track or an account number must not be dropped."""
        entry = self.raw["request_fields"].get(key)
        if entry is not None:
            return slot_path(entry, reference_slot)
        if key in self.raw["not_sent"]["ignored"]:
            return None
        entry_refused = key in self.raw["card_entry"]["reader_keys"]
        raise GatewayValidationError(
            str(self.raw["card_entry"]["refused"]) if entry_refused
            else "This payment cannot be sent over REST: the REST API has no field for part "
                 "of it. Use NVP, or ask IT to check the gateway settings.",
            detail=f"no REST field for {key}")

    def reply_keys(self, reference_slot: str = "") -> dict[str, str]:
        """Lower-cased JSON path (CardResult/LastFour) → our key."""
        return {slot_path(entry, reference_slot).lower(): key
                for key, entry in self.raw["response_fields"].items()}


def slot_path(entry: dict[str, Any], reference_slot: str) -> str:
    """A field's path; our reference goes to the AdditionalInfoN the setting names."""
    if entry.get("reference_slot") and reference_slot:
        return "AdditionalInfo" + reference_slot[len("additionalInfo"):]
    return str(entry["path"])


@cache
def rest_table() -> RestTable:
    path = resources_dir() / "protocol" / "rest.json"
    return RestTable(json.loads(path.read_text(encoding="utf-8")))
