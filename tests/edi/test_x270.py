"""Every 270 we build passes pyx12 against our 005010X279A1 map, and says what was asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.errors import ValidationError
from desktop_app.edi.envelope import clean
from desktop_app.edi.query import EligibilityQuery, Provider, Relationship, ServiceType
from desktop_app.edi.validation import walk
from desktop_app.edi.x270 import build_270
from desktop_app.edi.x270_read import read_270
from tests.edi.patients import CLINIC, JANE, JIM, NOW


def test_a_subscriber_inquiry_validates_and_carries_the_question() -> None:
    text = build_270(JANE, CLINIC, reference="R1", control=7, now=NOW)
    result = walk(text)
    assert result.findings == ()
    loops = {(s.loop, s.id): s for s in result.segments}
    assert loops[("2100A", "NM1")].get(9) == "SBX01"
    assert loops[("2100B", "NM1")].elements[7:9] == ("XX", "1234567893")
    assert loops[("2100C", "NM1")].elements[2:4] == ("DOE", "JANE")
    assert loops[("2100C", "NM1")].get(9) == "SBX100001"
    assert loops[("2100C", "DMG")].get(2) == "19800101"
    assert loops[("2110C", "EQ")].get(1) == "30"
    assert loops[("2000C", "TRN")].get(2) == "R1"
    assert loops[("HEADER", "BHT")].get(3) == "R1"


def test_a_dependent_is_asked_in_loop_2000d_with_its_relationship() -> None:
    result = walk(build_270(JIM, CLINIC, reference="R2", control=8, now=NOW))
    assert result.findings == ()
    loops = {(s.loop, s.id): s for s in result.segments}
    assert loops[("2100D", "NM1")].elements[2:4] == ("DOE", "JIM")
    assert loops[("2100D", "INS")].elements[:2] == ("N", "19")
    assert loops[("2110D", "EQ")].get(1) == "98"
    assert ("2100C", "DMG") not in loops


def test_separators_in_names_cannot_shift_elements() -> None:
    query = replace(JANE, last_name="O*Brien~", first_name="Ann:Marie^")
    result = walk(build_270(query, CLINIC, reference="R*3", control=9, now=NOW))
    assert result.findings == ()
    nm1 = next(s for s in result.segments if s.loop == "2100C" and s.id == "NM1")
    assert nm1.elements[2:4] == ("OBRIEN", "ANNMARIE")


def test_the_validator_catches_a_broken_270() -> None:
    text = build_270(JANE, CLINIC, reference="R4", control=10, now=NOW)
    findings = walk(text.replace("HL*3*2*22*0", "HL*3*2*99*0")).findings
    assert findings and findings[0].segment == "HL" and findings[0].position == 7


def test_the_validator_says_which_element_is_wrong_without_its_value() -> None:
    text = build_270(JANE, CLINIC, reference="R5", control=11, now=NOW)
    findings = walk(text.replace("NM1*1P*2*", "NM1*1P*7*")).findings
    assert [(f.segment, f.position) for f in findings][:1] == [("NM1", 6)]
    assert "element 2" in findings[0].text and "7" not in findings[0].text.split(":")[-1]


def test_query_refuses_what_cannot_be_sent() -> None:
    with pytest.raises(ValidationError):
        replace(JANE, member_id="A")
    with pytest.raises(ValidationError):
        replace(JANE, last_name=" ")
    with pytest.raises(ValidationError):
        Provider("1234567890", "Clinic")  # bad NPI check digit


def test_query_repr_carries_no_member_id_or_name() -> None:
    assert "SBX100001" not in repr(JANE) and "Jane" not in repr(JANE)


names = st.text(alphabet=st.characters(codec="latin-1"), min_size=1, max_size=70).filter(
    lambda s: any(c.isalnum() and c.isascii() for c in s))


@settings(max_examples=40, deadline=None)
@given(last=names, first=names, member=st.from_regex(r"[A-Za-z0-9]{2,30}", fullmatch=True),
       born=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 1)),
       relationship=st.sampled_from(Relationship), service=st.sampled_from(ServiceType))
def test_every_270_we_build_validates(last: str, first: str, member: str, born: date,
                                      relationship: Relationship,
                                      service: ServiceType) -> None:
    query = EligibilityQuery("SBX01", member, last, first, born, relationship, service)
    text = build_270(query, CLINIC, reference="REF", control=1, now=NOW)
    assert walk(text).findings == ()
    assert read_270(text) == replace(  # and reads back as asked, as the payer spells it
        query, member_id=member.upper(), last_name=clean(last, 60), first_name=clean(first, 35))
