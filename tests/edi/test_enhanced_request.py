"""The DoEligibilityInquiryEnhanced request against the portal's public XML Request table
(developers.instamed.com/healthcare/eligibility/table-eligibility-xml-request): every row of
the table as the page gives it, the request we build field by field, and the table's required
fields, lengths and MM/DD/YYYY dates enforced before anything is sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import zeep

from desktop_app.domain.errors import ValidationError
from desktop_app.edi.query import Relationship
from desktop_app.edi.xml_request import build_request, check_request, problems, xml_table
from desktop_app.paths import resources_dir
from tests.edi.patients import CLINIC, JANE, JIM

# The page's table, row by row, typed in from it: field, format, required, min, max.
PUBLIC_TABLE = """
PayerIDQualifier AN N 1 2 | RecipientID AN Y 1 7 | RecipientIDQualifier AN Y 1 2
RecipientName AN Y 1 35 | SubscriberID AN N 1 30 | SubscriberIDQualifier AN N 2 3
SubscriberID2 AN N 1 30 | SubscriberIDQualifier2 AN N 2 3 | SubscriberID3 AN N 1 30
SubscriberIDQualifier3 AN N 2 3 | SubscriberLastName AN N 1 35 | SubscriberFirstName AN N 1 25
SubscriberMiddleName AN N 1 25 | SubscriberDateOfBirth DT N 1 35 | AsOfDate DT N 0 0
PatientLastName AN N 1 35 | PatientFirstName AN N 1 25 | PatientMiddleName AN N 1 25
PatientDateOfBirth DT N 1 10 | PatientRelationship AN Y 2 2 | PatientGender AN N 1 1
TraceNumber AN N 1 30 | ServiceTypeCode AN N 1 2 | ProviderLastName AN N 1 35
ProviderFirstName AN N 1 25 | ProviderMiddleName AN N 1 25 | ProviderID2 AN N 2 80
ProviderID1 AN Y 2 80 | ProviderIDQualifier2 AN N 2 3 | ProviderIDQualifier1 AN Y 2 3
PatientID2 AN N 2 3 | PatientIDQualifier2 AN N 1 2 | PatientID1 AN N 1 30
PatientIDQualifier1 AN N 2 3 | CoverageLevel AN N 3 3 | InNetwork Boolean N 1 5
PatientSSN NUM N 1 9 | PatientAccountNumber AN N 1 80 | FromDate DT N 10 10 | ToDate DT N 10 10
SubscriberGroupNumber AN N 1 80 | GroupID AN N 1 30 | SubscriberPrefix AN N 1 10
SubscriberSuffix AN N 1 10 | PatientPrefix AN N 1 10 | PatientSuffix AN N 1 10
ProviderPrefix AN N 1 10 | ProviderSuffix AN N 1 10
"""
ROWS = [row.split() for line in PUBLIC_TABLE.strip().splitlines() for row in line.split("|")]
TODAY = date(2026, 12, 3)


def test_the_data_table_is_the_public_table_row_by_row() -> None:
    ours = [(f.wire, f.format, "Y" if f.required else "N", str(f.min), str(f.max))
            for f in xml_table().fields]
    assert ours == [tuple(row) for row in ROWS]
    assert {f.wire for f in xml_table().fields if f.required} == {
        "RecipientID", "RecipientIDQualifier", "RecipientName", "PatientRelationship",
        "ProviderID1", "ProviderIDQualifier1"}


def test_the_wsdl_declares_the_same_fields_in_the_same_order() -> None:
    client = zeep.Client(str(resources_dir() / "wsdl" / "healthcare.wsdl"))
    declared = [name for name, _ in client.get_type("{http://tempuri.org/}EligibilityRequest")
                .elements]
    assert declared == [row[0] for row in ROWS]


def test_jane_doe_field_by_field() -> None:
    sent = build_request(JANE, CLINIC, reference="CHECKIN1", today=TODAY)
    assert sent == {
        "RecipientID": "SBX01", "RecipientIDQualifier": "PI", "RecipientName": "Sandbox Health",
        "SubscriberID": "SBX100001", "SubscriberLastName": "Doe", "SubscriberFirstName": "Jane",
        "SubscriberDateOfBirth": "01/01/1980", "AsOfDate": "12/03/2026",
        "PatientRelationship": "18", "TraceNumber": "CHECKIN1", "ServiceTypeCode": "30",
        "ProviderLastName": "Sandbox Clinic", "ProviderID1": "1234567893",
        "ProviderIDQualifier1": "XX"}
    order = [row[0] for row in ROWS]
    assert list(sent) == sorted(sent, key=order.index)  # the table's (and schema's) order
    assert problems(sent) == []


def test_a_dependent_is_asked_about_by_the_patient_fields() -> None:
    sent = build_request(JIM, CLINIC, reference="R1", today=TODAY)
    assert (sent["PatientLastName"], sent["PatientFirstName"], sent["PatientDateOfBirth"],
            sent["PatientRelationship"], sent["ServiceTypeCode"]) == (
        "Doe", "Jim", "04/01/2010", "19", "98")
    assert "SubscriberLastName" not in sent and sent["SubscriberID"] == "SBX100001"


def test_without_a_payer_name_the_payer_id_names_the_recipient() -> None:
    sent = build_request(replace(JANE, payer_name=""), CLINIC, reference="R", today=TODAY)
    assert sent["RecipientName"] == "SBX01"


@pytest.mark.parametrize(("change", "words"), [
    ({"payer_id": "SBX0123456"}, "payer ID"),                 # RecipientID max 7
    ({"member_id": "M" * 31}, "member ID"),                   # SubscriberID max 30
    ({"last_name": "L" * 36}, "last name"),                   # SubscriberLastName max 35
    ({"first_name": "F" * 26}, "first name"),                 # SubscriberFirstName max 25
    ({"payer_name": "P" * 36}, "payer name"),                 # RecipientName max 35
])
def test_a_value_longer_than_the_table_allows_is_refused_not_cut(change: dict[str, str],
                                                                 words: str) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        build_request(replace(JANE, **change), CLINIC, reference="R", today=TODAY)
    assert "Nothing was sent" in str(caught.value)
    assert not any(v in str(caught.value) for v in change.values())  # PHI stays out


def test_a_long_clinic_name_or_reference_is_refused() -> None:
    long_clinic = replace(CLINIC, name="C" * 36)
    with pytest.raises(ValidationError, match="clinic name"):
        build_request(JANE, long_clinic, reference="R", today=TODAY)
    with pytest.raises(ValidationError, match="reference"):
        build_request(JANE, CLINIC, reference="R" * 31, today=TODAY)


@pytest.mark.parametrize("missing", ["RecipientID", "RecipientIDQualifier", "RecipientName",
                                     "PatientRelationship", "ProviderID1",
                                     "ProviderIDQualifier1"])
def test_each_required_field_missing_is_refused(missing: str) -> None:
    sent = build_request(JANE, CLINIC, reference="R", today=TODAY)
    del sent[missing]
    assert problems(sent) == [(missing, "is required")]
    with pytest.raises(ValidationError, match=missing):
        check_request(sent)


@pytest.mark.parametrize(("name", "value", "why"), [
    ("SubscriberDateOfBirth", "1980-01-01", "must be MM/DD/YYYY"),
    ("AsOfDate", "13/01/2026", "must be MM/DD/YYYY"),
    ("PatientRelationship", "1", "is shorter than 2 characters"),
    ("ProviderIDQualifier1", "X", "is shorter than 2 characters"),
    ("PatientSSN", "12345678X", "must be digits"),
    ("SubscriberLastName", "DOE\x07", "has a control character"),
    ("FavouriteColour", "blue", "is not a field of the request"),
])
def test_formats_and_unknown_fields(name: str, value: str, why: str) -> None:
    sent = build_request(JANE, CLINIC, reference="R", today=TODAY)
    assert problems({**sent, name: value}) == [(name, why)]


def test_relationship_codes_fit_the_two_characters_the_table_allows() -> None:
    for relationship in Relationship:
        sent = build_request(replace(JANE, relationship=relationship), CLINIC, reference="R",
                             today=TODAY)
        assert len(sent["PatientRelationship"]) == 2
