"""The SSO table (resources/protocol/sso.json) as the sandbox reads it.

Its own loader, as ``table.py`` is for gateway.json: the emulator shares no code with the
client it tests, only the data both are built from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class SsoWire:
    raw: dict[str, Any]

    def path(self, key: str) -> str:
        return str(self.raw["paths"][key]["value"])

    def targets(self) -> dict[str, str]:
        """Our target key -> page path."""
        return {k: str(v["value"]) for k, v in self.raw["targets"].items()}

    def field(self, key: str) -> str:
        return str(self.raw["form_fields"][key]["wire"])

    @property
    def relay_header(self) -> str:
        return str(self.raw["relay_state"]["header"]["wire"])

    def relay_query(self, key: str) -> str:
        return str(self.raw["relay_state"]["query"][key]["wire"])

    @property
    def namespace(self) -> str:
        return str(self.raw["service"]["namespace"]["value"])

    def operation(self, key: str) -> str:
        return str(self.raw["service"]["operations"][key]["wire"])

    def credential(self, key: str) -> str:
        return str(self.raw["service"]["credentials"][key])

    def details_fields(self) -> dict[str, str]:
        """Element -> our key, in the service's element order."""
        return {k: str(v) for k, v in self.raw["service"]["details_fields"].items()
                if k[0].isupper()}


@cache
def sso_wire() -> SsoWire:
    path = resources_dir() / "protocol" / "sso.json"
    return SsoWire(json.loads(path.read_text(encoding="utf-8")))


def form_value(form: dict[str, str], key: str) -> str:
    """A form field by our key, its name matched case-insensitively (the portal writes
    ``relayState``/``accountId``/``cancelUrl``, HHK ``RelayState``/``accountID``/``cancelURL``)."""
    wanted = sso_wire().field(key).lower()
    for name, value in form.items():
        if name.lower() == wanted:
            return value.strip()
    return ""
