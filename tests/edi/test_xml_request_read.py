"""A typed Enhanced request we kept reads back into the question it asked (History asks a
patient's last question again when the desk asked it with DoEligibilityInquiryEnhanced)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery
from desktop_app.edi.xml_request import build_request
from desktop_app.edi.xml_request_read import read_request
from desktop_app.services.eligibility import request_xml
from tests.edi.patients import CLINIC, JANE, JIM


def _kept(query: EligibilityQuery) -> str:
    return request_xml(build_request(query, CLINIC, reference="R1", today=date(2026, 12, 3)))


@pytest.mark.parametrize("query", [JANE, JIM], ids=["subscriber", "dependent"])
def test_a_kept_request_reads_back_as_asked(query: EligibilityQuery) -> None:
    assert read_request(_kept(query)) == query


@pytest.mark.parametrize("text", [
    "", "<request", "<other><SubscriberID>SBX100001</SubscriberID></other>",
    _kept(JANE).replace("01/01/1980", "1980-01-01"),
    _kept(JANE).replace("<ServiceTypeCode>30<", "<ServiceTypeCode>ZZ<"),
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><request>&x;</request>'])
def test_what_is_not_our_request_is_refused_naming_no_value(text: str) -> None:
    with pytest.raises(EdiError) as refused:
        read_request(text)
    assert "SBX100001" not in str(refused.value) and "Doe" not in str(refused.value)
