"""The questions the tests ask, and a reader for the 271 files in tests/edi/data (written for
these tests, reproducing the cases of public 005010X279A1 samples: active with copay,
deductible met, inactive, subscriber not found, invalid member ID, payer unavailable,
dependent)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desktop_app.edi.query import EligibilityQuery, Provider, Relationship, ServiceType

DATA = Path(__file__).parent / "data"
CLINIC = Provider("1234567893", "Sandbox Clinic")
NOW = datetime(2026, 12, 3, 9, 30)
JANE = EligibilityQuery("SBX01", "SBX100001", "Doe", "Jane", date(1980, 1, 1),
                        payer_name="Sandbox Health")
JIM = EligibilityQuery("SBX01", "SBX100001", "Doe", "Jim", date(2010, 4, 1),
                       relationship=Relationship.CHILD, service_type=ServiceType(
                           "98"))


def sample(name: str) -> str:
    return (DATA / f"271_{name}.x12").read_text()
