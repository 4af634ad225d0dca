"""DoPaymentPlanCreate as the plan service sends it, over SOAP 1.1 and 1.2 through a
recording loopback in front of the sandbox: valid against payment.wsdl's schema (lxml),
PascalCase elements of PaymentPlanRequestData, the SOAPAction the WSDL names, and the
plan's values from soap.json plan_values."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.gateway import Protocol
from desktop_app.services.history import GatewayUpdates
from desktop_app.services.plans import PlanService
from desktop_app.store import Journal
from desktop_app.store.plans import PlanState, PlanTerms
from tests.conftest import gateway_for
from tests.gateway.soap_schema import assert_valid
from tests.gateway.test_soap_codec import Loopback, loopback  # noqa: F401 (fixture)

NS = "http://online.instamed.com/TransactionServices/Payment/v1r3/"


@pytest.mark.parametrize("protocol", [Protocol.SOAP11, Protocol.SOAP12], ids=["1.1", "1.2"])
async def test_the_plan_request_is_the_wsdls_do_payment_plan_create(
        sandbox: object, loopback: Loopback, protocol: Protocol, tmp_path: object) -> None:  # noqa: F811
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    journal = await Journal(f"{tmp_path}/journal.sqlite3").open()
    async with gateway_for(loopback.url, protocol) as gw:
        saved = await gw.send(PaymentRequest(TransactionKind.SAVE_ON_FILE, tender=Tender.keyed(
            CardData("4111111111111111", 12, 2030)), patient_id="P-7"))
        plans = PlanService(gw, journal, GatewayUpdates(f"{tmp_path}/none.sqlite3"))
        record = await plans.create(PlanTerms("P-7", Money(25000), 4, "every_two_weeks",
                                              date(2027, 2, 1), saved.saved_card_token))
    await journal.close()
    assert record.state is PlanState.CREATED
    headers, body = loopback.seen[-1]
    call = assert_valid(body)
    assert (etree.QName(call).namespace, etree.QName(call).localname) == (
        NS, "DoPaymentPlanCreate")
    action = NS + "DoPaymentPlanCreate"
    assert (headers.get("SOAPAction") == f'"{action}"' if protocol is Protocol.SOAP11
            else f'action="{action}"' in headers["Content-Type"])
    [transaction] = call
    sent = {etree.QName(e).localname: e.text for e in transaction if len(e) == 0}
    assert {k: sent[k] for k in ("PaymentPlanType", "IsInstallment", "TotalAmountDue",
                                 "Frequency", "PaymentAmount", "StartDate",
                                 "NumberOfPayments", "SaveOnFileTransactionID",
                                 "AdditionalInfo1")} == {
        "PaymentPlanType": "Installment", "IsInstallment": "true", "TotalAmountDue": "250.00",
        "Frequency": "BiWeekly", "PaymentAmount": "62.50", "StartDate": "02/01/2027",
        "NumberOfPayments": "4", "SaveOnFileTransactionID": saved.saved_card_token,
        "AdditionalInfo1": record.reference}
    assert "4111111111111111" not in body.decode()
