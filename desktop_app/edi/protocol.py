"""The healthcare service's names (resources/protocol/healthcare.json), loaded once.

Read by the client (``service.py``) and the sandbox, so a name the partner spec spells
differently is a change in the table, not in code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class HealthcareTable:
    raw: dict[str, Any]

    @property
    def path(self) -> str:
        return str(self.raw["path"]["value"])

    @property
    def namespace(self) -> str:
        return str(self.raw["namespace"]["value"])

    def operation(self, key: str) -> str:
        return str(self.raw["operations"][key]["wire"])

    @property
    def edi_request(self) -> str:
        return str(self.raw["edi_request"]["wire"])

    @property
    def edi_result(self) -> str:
        return str(self.raw["edi_result"]["wire"])


@cache
def healthcare_table() -> HealthcareTable:
    path = resources_dir() / "protocol" / "healthcare.json"
    return HealthcareTable(json.loads(path.read_text(encoding="utf-8")))
