"""A patient's last coverage question comes back from the journal by the clinic's patient ID:
asked over loopback against the sandbox's healthcare service, journaled under the patient,
and read back from the 270 as sent (the payer-down answer keeps its question too)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.edi.eligibility import Coverage
from desktop_app.edi.query import EligibilityQuery
from desktop_app.edi.service import HealthcareService
from desktop_app.gateway import Protocol
from desktop_app.services.eligibility import EligibilityService
from desktop_app.services.eligibility_recall import last_check
from desktop_app.store import Journal
from tests.conftest import gateway_for
from tests.edi.patients import CLINIC, JANE

LEE = EligibilityQuery("SBX01", "SBX100005", "Loe", "Lee", date(1970, 7, 7))


@pytest.fixture
async def desk(sandbox: object, tmp_path: Path
               ) -> AsyncIterator[tuple[EligibilityService, Journal]]:
    client = gateway_for(sandbox.url, Protocol.SOAP11)  # type: ignore[attr-defined]
    journal = await Journal(str(tmp_path / "journal.sqlite3")).open()
    yield EligibilityService(HealthcareService(client.transport, client.config, False),
                             CLINIC, journal), journal
    await journal.close()
    await client.aclose()


async def test_the_last_question_of_a_patient_comes_back_as_asked(
        desk: tuple[EligibilityService, Journal]) -> None:
    service, journal = desk
    assert await last_check(journal, "MRN-20311") is None  # never checked
    await service.check(replace(JANE, first_name="Janet"), patient_id="MRN-20311")
    exchange = await service.check(JANE, patient_id="MRN-20311")
    await service.check(LEE, patient_id="MRN-20644")
    found = await last_check(journal, " MRN-20311 ")
    assert found is not None and found.coverage == Coverage.ACTIVE.value
    assert found.query == replace(JANE, last_name="DOE", first_name="JANE",
                                  payer_name="SANDBOX HEALTH")
    row = await journal.eligibility.get(exchange.reference)
    assert row is not None and row.patient_id == "MRN-20311"
    assert "SBX100001" not in repr(found) and "DOE" not in repr(found)


async def test_a_payer_down_answer_still_keeps_the_question(
        desk: tuple[EligibilityService, Journal]) -> None:
    service, journal = desk
    exchange = await service.check(LEE, patient_id="MRN-20644")
    assert exchange.eligibility.coverage is Coverage.PAYER_UNAVAILABLE
    found = await last_check(journal, "MRN-20644")
    assert found is not None and found.coverage == Coverage.PAYER_UNAVAILABLE.value
    assert found.query is not None and found.query.member_id == "SBX100005"


async def test_a_stored_question_that_cannot_be_read_back_says_so(
        desk: tuple[EligibilityService, Journal]) -> None:
    service, journal = desk
    exchange = await service.check(JANE, patient_id="MRN-X")
    await journal.db.run(lambda: journal.db.change(  # as a damaged row would hold it
        "UPDATE eligibility_checks SET request_x12='ISA*garbled' WHERE reference=?",
        (exchange.reference,)))
    found = await last_check(journal, "MRN-X")
    assert found is not None and found.query is None and found.coverage == Coverage.ACTIVE.value


async def test_a_check_asked_with_the_enhanced_method_comes_back_too(
        sandbox: object, tmp_path: Path) -> None:
    from desktop_app.services.eligibility import eligibility_service
    from desktop_app.settings import Settings

    client = gateway_for(sandbox.url, Protocol.SOAP11)  # type: ignore[attr-defined]
    journal = await Journal(str(tmp_path / "journal.sqlite3")).open()
    try:
        service = eligibility_service(client, Settings(  # type: ignore[arg-type]
            unconfirmed_operations=True, eligibility_enhanced=True), journal)
        assert service.enhanced
        await service.check(JANE, patient_id="MRN-20311")
        found = await last_check(journal, "MRN-20311")
        assert found is not None and found.query == JANE  # the typed request keeps the case
    finally:
        await journal.close()
        await client.aclose()
