"""A 270 we built reads back into the question it asked (History asks a patient's last
question again from the journal's copy); anything else is an EdiError, never a guess."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery, Relationship, ServiceType
from desktop_app.edi.x270 import build_270
from desktop_app.edi.x270_read import read_270
from tests.edi.patients import CLINIC, JANE, JIM, NOW, sample


def _sent(query: EligibilityQuery) -> str:
    return build_270(query, CLINIC, reference="R1", control=7, now=NOW)


def test_a_subscriber_question_reads_back_as_the_payer_spells_it() -> None:
    assert read_270(_sent(JANE)) == replace(JANE, last_name="DOE", first_name="JANE",
                                            payer_name="SANDBOX HEALTH")


def test_a_dependent_reads_back_with_its_relationship_and_visit_type() -> None:
    asked = read_270(_sent(JIM))
    assert (asked.member_id, asked.last_name, asked.first_name, asked.birth_date) == (
        "SBX100001", "DOE", "JIM", date(2010, 4, 1))
    assert (asked.relationship, asked.service_type) == (Relationship.CHILD, ServiceType("98"))
    assert asked.payer_name == ""  # NM103 was the payer ID itself: no name was given


@pytest.mark.parametrize("text", ["", "not x12", _sent(JANE).replace("DMG*D8*", "DMG*D9*"),
                                  _sent(JANE)[:300]])
def test_what_is_not_our_valid_270_is_refused(text: str) -> None:
    with pytest.raises(EdiError):
        read_270(text)


def test_a_271_is_not_a_question() -> None:
    with pytest.raises(EdiError) as refused:
        read_270(sample("active"))
    assert "SBX100001" not in str(refused.value) and "DOE" not in str(refused.value)

