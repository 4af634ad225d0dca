"""The webhook wire table (resources/protocol/webhooks.json) and the rules read from it.

Pure: field names by our key, the identifiers masking must never touch, the sensitive names
dropped on sight, and the ordered rules that tell what kind of update a message is. Names are
compared case-insensitively (the gateway's own pages spell one name several ways).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from desktop_app.paths import resources_dir

_SEPARATORS = str.maketrans("", "", " \t\r\n_-")


def normalized(name: str) -> str:
    """How a field name is compared: case and ``_``/``-``/whitespace ignored."""
    return name.translate(_SEPARATORS).lower()


@dataclass(frozen=True)
class Rule:
    update: str
    has: str = ""
    missing: str = ""
    value_contains: str = ""
    statuses: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()

    def matches(self, lookup: Mapping[str, str]) -> bool:
        """``lookup``: normalized wire name → value (stripped)."""
        if self.has and not lookup.get(normalized(self.has)):
            return False
        if self.missing and lookup.get(normalized(self.missing)):
            return False
        if self.value_contains and self.value_contains not in \
                lookup.get(normalized(self.has), "").lower():
            return False
        status = lookup.get(normalized("CurrentTransactionStatusCode"), "").upper()
        if self.statuses and status not in self.statuses:
            return False
        action = lookup.get(normalized("TransactionAction"), "").lower()
        return not self.actions or action in self.actions


@dataclass(frozen=True)
class WebhookTable:
    raw: dict[str, Any]

    def wire(self, key: str) -> str:
        return str(self.raw["fields"][key]["wire"])

    @cached_property
    def keys(self) -> dict[str, str]:
        """Our key → wire name, every field we read."""
        return {key: str(spec["wire"]) for key, spec in self.raw["fields"].items()}

    @cached_property
    def identifiers(self) -> frozenset[str]:
        return frozenset(normalized(n) for n in self.raw["identifiers"]["names"])

    @cached_property
    def sensitive(self) -> frozenset[str]:
        return frozenset(normalized(n) for n in self.raw["sensitive_fields"]["names"])

    @cached_property
    def updates(self) -> tuple[str, ...]:
        spec = self.raw["updates"]
        return tuple(spec["payment"]) + tuple(spec["payment_plan"])

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        out = []
        for rule in self.raw["updates"]["rules"]:
            when = rule["when"]
            out.append(Rule(update=str(rule["update"]), has=when.get("has", ""),
                            missing=when.get("missing", ""),
                            value_contains=when.get("value_contains", ""),
                            statuses=tuple(s.upper() for s in when.get("status", ())),
                            actions=tuple(a.lower() for a in when.get("action", ()))))
        return tuple(out)

    @cached_property
    def normalized_keys(self) -> tuple[tuple[str, str], ...]:
        """(our key, normalized wire name), for reading a message."""
        return tuple((key, normalized(wire)) for key, wire in self.keys.items())

    @cached_property
    def reference_slots(self) -> tuple[str, ...]:
        return tuple(self.raw["reference_slot"]["choices"])

    @property
    def default_reference_slot(self) -> str:
        return str(self.raw["reference_slot"]["default"])


@cache
def webhook_table() -> WebhookTable:
    path = resources_dir() / "protocol" / "webhooks.json"
    return WebhookTable(json.loads(path.read_text(encoding="utf-8")))


def classify(lookup: Mapping[str, str]) -> str:
    """The update a message is, by the table's first matching rule; "" when none matches."""
    for rule in webhook_table().rules:
        if rule.matches(lookup):
            return rule.update
    return ""
