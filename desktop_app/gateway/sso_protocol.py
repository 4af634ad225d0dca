"""The SSO table (resources/protocol/sso.json), loaded once and typed, for the client.

The token request's form names, the target pages, the relay-state answer, SSOService's names
and the token statuses are data, each with its public source, so the hosted-page flow can
follow the partner's full spec by editing the table.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.paths import resources_dir


class TokenStatus(enum.Enum):
    """What a GetSSOTokenStatus answer means (the table maps the gateway's spellings)."""

    NEW = "new"            # the page is open: keep waiting
    EXPIRED = "expired"    # nobody paid before the token's 15 minutes ended
    COMPLETE = "complete"  # the page processed a payment: fetch its details


class Target(enum.Enum):
    """Which hosted page a token opens (keys of the table's ``targets``)."""

    PAYMENT = "payment"
    SAVE_ON_FILE = "save_on_file"
    VOID = "void"
    REFUND = "refund"


@dataclass(frozen=True)
class SsoTable:
    raw: dict[str, Any]

    def path(self, key: str) -> str:
        return str(self.raw["paths"][key]["value"])

    def target(self, target: Target) -> str:
        return str(self.raw["targets"][target.value]["value"])

    def form_field(self, key: str) -> str:
        return str(self.raw["form_fields"][key]["wire"])

    @property
    def secret_form_fields(self) -> frozenset[str]:
        return frozenset(str(v["wire"]) for v in self.raw["form_fields"].values()
                         if v.get("secret"))

    def fixed_values(self) -> dict[str, str]:
        """Our key -> value, for what every token request sends as is."""
        return {k: str(v) for k, v in self.raw["fixed_values"].items()}

    def page_switches(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.raw["page_switches"].items()
                if not k.startswith("_")}

    def return_url(self, key: str) -> str:
        return str(self.raw["return_urls"][key]["value"])

    @property
    def relay_header(self) -> str:
        return str(self.raw["relay_state"]["header"]["wire"])

    def relay_query(self, key: str) -> str:
        return str(self.raw["relay_state"]["query"][key]["wire"])

    def relay_list(self, key: str) -> tuple[Any, ...]:
        entry = self.raw["relay_state"][key]
        return tuple(entry.get("value", entry.get("accepted", ())))

    @property
    def namespace(self) -> str:
        return str(self.raw["service"]["namespace"]["value"])

    def binding(self, soap12: bool) -> str:
        return str(self.raw["service"]["bindings"]["soap12" if soap12 else "soap11"])

    def operation(self, key: str) -> str:
        return str(self.raw["service"]["operations"][key]["wire"])

    def credential_param(self, key: str) -> str:
        return str(self.raw["service"]["credentials"][key])

    def details_fields(self) -> dict[str, str]:
        """SSOService detail element -> our key."""
        return {k: str(v) for k, v in self.raw["service"]["details_fields"].items()
                if k[0].isupper()}

    def token_status(self, text: str) -> TokenStatus | None:
        """The meaning of a token status, compared case-insensitively; None if unlisted."""
        entry = self.raw["token_statuses"].get(text.strip().upper())
        if not isinstance(entry, dict) or text != text.strip() or not text:
            return None
        return TokenStatus(entry["means"])


@cache
def sso_table() -> SsoTable:
    path = resources_dir() / "protocol" / "sso.json"
    return SsoTable(json.loads(path.read_text(encoding="utf-8")))
