"""The 271 in the desk's words: coverage, plan, copay, deductible, out-of-pocket, coinsurance,
and the payer's reasons for a refusal. Figures are Money (cents), never floats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.money import Money
from desktop_app.edi.eligibility import Coverage
from desktop_app.edi.errors import EdiError
from desktop_app.edi.x271 import read_271
from tests.edi.patients import sample


def test_active_coverage_with_office_visit_copay_and_remaining_deductible() -> None:
    answer = read_271(sample("active"))
    assert answer.coverage is Coverage.ACTIVE and answer.active
    assert answer.plan == "SANDBOX PPO GOLD"
    assert answer.copay == Money.parse("25.00")  # the plan was asked: the office visit's
    assert answer.coinsurance_percent == Decimal(20)
    assert answer.deductible_remaining.in_network == Money.parse("500.00")
    assert answer.deductible_remaining.out_of_network == Money.parse("1200.00")
    assert answer.out_of_pocket_remaining.in_network == Money.parse("2749.50")  # 4000 - 1250.50
    assert answer.trace == "R123"
    assert answer.messages == ("PRIOR AUTHORIZATION IS NEEDED FOR IMAGING",)


def test_the_office_visit_asked_directly_gives_the_same_copay() -> None:
    assert read_271(sample("active"), "98").copay == Money.parse("25")


def test_a_service_type_the_payer_did_not_list_has_no_copay() -> None:
    answer = read_271(sample("active"), "AL")
    assert answer.copay is None and answer.coinsurance_percent is None


def test_deductible_met_is_zero_remaining_from_total_less_year_to_date() -> None:
    answer = read_271(sample("deductible_met"))
    assert answer.active and answer.deductible_remaining.in_network == Money(0)
    assert answer.copay == Money.parse("40") and answer.coinsurance_percent == Decimal(10)


def test_inactive_coverage_keeps_the_plan_name() -> None:
    answer = read_271(sample("inactive"))
    assert answer.coverage is Coverage.INACTIVE and not answer.active
    assert answer.plan == "SANDBOX PPO BRONZE" and answer.copay is None


@pytest.mark.parametrize(("name", "coverage", "reason"), [
    ("not_found", Coverage.NOT_FOUND, "75"),
    ("invalid_member", Coverage.REJECTED, "72"),
    ("payer_unavailable", Coverage.PAYER_UNAVAILABLE, "42"),
])
def test_aaa_rejections_are_reported_with_the_payers_reason(name: str, coverage: Coverage,
                                                            reason: str) -> None:
    answer = read_271(sample(name))
    assert answer.coverage is coverage and not answer.active
    assert [r.reason for r in answer.rejections] == [reason]


def test_a_dependents_benefits_come_from_loop_2110d() -> None:
    answer = read_271(sample("dependent"))
    assert answer.active and answer.copay == Money.parse("15")
    assert answer.deductible_remaining.in_network == Money.parse("350")


def test_active_pending_investigation_is_unknown_not_active() -> None:
    text = sample("active").replace("EB*1*IND*30^98", "EB*5*IND*30^98")
    assert read_271(text).coverage is Coverage.UNKNOWN


def test_a_271_that_fails_validation_is_an_error_with_segment_and_position() -> None:
    broken = sample("active").replace("EB*B*IND*98***27*25", "EB*Q9*IND*98***27*25")
    with pytest.raises(EdiError) as caught:
        read_271(broken)
    assert caught.value.findings[0].segment == "EB"
    assert caught.value.findings[0].position == 13  # counted from ST, as 999 IK302


def test_an_amount_with_fractions_of_a_cent_is_refused_not_rounded() -> None:
    with pytest.raises(EdiError, match="element 07"):
        read_271(sample("active").replace("*27*25*", "*27*25.001*"))


def test_a_270_is_not_taken_for_a_271() -> None:
    from desktop_app.edi.x270 import build_270
    from tests.edi.patients import CLINIC, JANE, NOW
    with pytest.raises(EdiError):
        read_271(build_270(JANE, CLINIC, reference="R", control=1, now=NOW))


# Cases of the public 005010X279A1 samples (LinuxForHealth x12's test resources: subscriber
# and dependent benefit checks with a primary care provider in LS/LE, repeated service
# types, in- and out-of-network copays; a provider refusal), reproduced with our own values.

def test_a_primary_care_provider_loop_and_repeated_service_types() -> None:
    answer = read_271(sample("pcp_and_repeated_services"))
    assert answer.active and answer.plan == "RIVER SILVER 500"
    assert answer.copay == Money.parse("15.00")  # in network, office visit among the types
    assert read_271(sample("pcp_and_repeated_services"), "MH").copay == Money.parse("15.00")


def test_the_same_for_a_dependent() -> None:
    answer = read_271(sample("dependent_pcp"))
    assert answer.active and answer.copay == Money.parse("15.00") and answer.trace == "Q7781-2"


def test_a_provider_the_payer_refuses_is_rejected_with_its_reason() -> None:
    answer = read_271(sample("provider_refused"))
    assert answer.coverage is Coverage.REJECTED
    assert [(r.reason, r.follow_up, r.loop) for r in answer.rejections] == [("50", "N", "2100B")]
