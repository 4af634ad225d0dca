"""Hostile DoEligibilityInquiryEnhanced replies: its names are unconfirmed, so nothing in it
but the payer's own 271 may decide coverage, and an amount that is missing, doubled or odd
is never shown as what the patient owes."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from lxml import etree

from desktop_app.domain.money import Money
from desktop_app.edi.eligibility import Coverage
from desktop_app.edi.errors import EdiError
from desktop_app.services.eligibility import read_enhanced
from tests.edi.patients import sample

NS = "http://tempuri.org/"


def _result(inner: str) -> etree._Element:
    return etree.fromstring(f'<DoEligibilityInquiryEnhancedResult xmlns="{NS}">{inner}'
                            "</DoEligibilityInquiryEnhancedResult>")


def _edi(name: str) -> str:
    return f"<ResponseEDI>{escape(sample(name))}</ResponseEDI>"


def _owes(amount: str) -> str:
    return f"<EffectiveBenefit><PatientResponsibility>{amount}</PatientResponsibility>" \
           "</EffectiveBenefit>"


def test_an_active_271_with_a_plain_amount_gives_what_the_patient_owes() -> None:
    answer = read_enhanced(_result(_edi("active") + _owes("25.00")), "30")
    assert answer.coverage is Coverage.ACTIVE and answer.patient_owes == Money.parse("25.00")
    assert answer.copay is not None  # the 271's own figures are still read


@pytest.mark.parametrize("inner", [
    "",                                              # nothing at all
    _owes("25.00"),                                  # an amount but no 271: could not tell
    "<ResponseEDI></ResponseEDI>" + _owes("25.00"),  # an empty 271
    _edi("active") + _edi("active") + _owes("1.00"),  # two 271s: which one?
    "<ResponseEDI><x>nested</x></ResponseEDI>" + _owes("1.00"),
    "<Active>true</Active><Copay>25.00</Copay>",     # typed fields we do not guess at
])
def test_without_one_readable_271_the_answer_is_could_not_tell(inner: str) -> None:
    answer = read_enhanced(_result(inner), "30")
    assert answer.coverage is Coverage.UNKNOWN and not answer.active
    assert answer.patient_owes is None and answer.copay is None


def test_no_result_element_is_could_not_tell() -> None:
    answer = read_enhanced(None, "30")
    assert answer.coverage is Coverage.UNKNOWN and answer.patient_owes is None


@pytest.mark.parametrize("amount", ["25.001", "-5.00", "1e3", "NaN", "Infinity", "$25.00",
                                    "25,00", "", " ", "100000.00", "0x19", "٢٥", "25.00 USD"])
def test_an_odd_amount_is_no_figure_and_the_271_still_speaks(amount: str) -> None:
    answer = read_enhanced(_result(_edi("active") + _owes(amount)), "30")
    assert answer.coverage is Coverage.ACTIVE
    assert answer.patient_owes is None


def test_two_amounts_are_no_figure() -> None:
    doubled = "<EffectiveBenefit><PatientResponsibility>25.00</PatientResponsibility>" \
              "<PatientResponsibility>0.00</PatientResponsibility></EffectiveBenefit>"
    assert read_enhanced(_result(_edi("active") + doubled), "30").patient_owes is None


@pytest.mark.parametrize("case", ["inactive", "not_found"])
def test_an_amount_beside_coverage_that_is_not_active_is_dropped(case: str) -> None:
    answer = read_enhanced(_result(_edi(case) + _owes("25.00")), "30")
    assert not answer.active and answer.patient_owes is None


def test_a_271_that_fails_validation_is_an_error_never_active() -> None:
    broken = sample("active").replace("SE*", "SE*9", 1)
    with pytest.raises(EdiError):
        read_enhanced(_result(f"<ResponseEDI>{escape(broken)}</ResponseEDI>"
                              + _owes("25.00")), "30")


def test_zero_owed_is_a_figure() -> None:
    answer = read_enhanced(_result(_edi("active") + _owes("0")), "30")
    assert answer.patient_owes == Money(0)
