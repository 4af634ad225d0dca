"""The sandbox's healthcare service: ``DoEligibilityInquiryEDI`` (and the typed
``DoEligibilityInquiryEnhanced``, healthcare_enhanced.py) over SOAP 1.1 and 1.2 at
``/healthcare/service.asmx`` (resources/protocol/healthcare.json), Basic auth as payments.

A 270 that fails pyx12's validation is answered with the 999 pyx12 writes for it, as a
clearinghouse would; a valid one with the test patient's 271 (healthcare_patients.py). The
payer-unavailable patient gets a soap:Server fault, as an unreachable payer would cause.
"""

from __future__ import annotations

from datetime import datetime

from aiohttp import web
from lxml import etree

from desktop_app.edi.errors import EdiError
from desktop_app.edi.protocol import healthcare_table
from desktop_app.edi.validation import Segment, walk
from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.errors import GatewayRefusal, invalid
from desktop_app.sandbox.healthcare_enhanced import (
    PayerUnavailable,
    answer_enhanced,
    result_body,
)
from desktop_app.sandbox.healthcare_patients import PATIENTS, Inquiry, answer_271
from desktop_app.sandbox.pipeline import Framing, Job, run_payment
from desktop_app.sandbox.soap_endpoint import soap_version, unsupported
from desktop_app.sandbox.soap_xml import (
    CONTENT_TYPES,
    EnvelopeError,
    child_text,
    fault,
    read_call,
    xml_text,
)

PAYER_DOWN = "The payer is not available right now. Try again later."


def _xml(soap_ns: str, body: bytes, status: int = 200) -> web.Response:
    return web.Response(status=status, body=body,
                        headers={"Content-Type": f"{CONTENT_TYPES[soap_ns]}; charset=utf-8"})


def _result(soap_ns: str, text: str) -> bytes:
    table = healthcare_table()
    ns, operation = table.namespace, table.operation("eligibility_edi")
    env = etree.Element(f"{{{soap_ns}}}Envelope", nsmap={"soap": soap_ns})
    body = etree.SubElement(env, f"{{{soap_ns}}}Body")
    wrapper = etree.SubElement(body, f"{{{ns}}}{operation}Response", nsmap={None: ns})
    etree.SubElement(wrapper, f"{{{ns}}}{table.edi_result}").text = xml_text(text)
    return bytes(etree.tostring(env, xml_declaration=True, encoding="utf-8"))


def inquiry_of(segments: tuple[Segment, ...]) -> Inquiry:
    """The 270's question: the patient is the dependent (2100D) when there is one."""
    def first(loop: str, seg: str) -> Segment | None:
        return next((s for s in segments if s.loop == loop and s.id == seg), None)

    subscriber = first("2100C", "NM1")
    patient = first("2100D", "NM1") or subscriber
    born = first("2100D", "DMG") or first("2100C", "DMG")
    question = first("2110D", "EQ") or first("2110C", "EQ")
    provider, payer = first("2100B", "NM1"), first("2100A", "NM1")
    header, trace, isa = first("HEADER", "BHT"), first("2000C", "TRN"), first("ISA_LOOP", "ISA")
    assert subscriber and patient and provider and payer and header and isa  # map: required
    return Inquiry(payer.get(9), subscriber.get(9), patient.get(3), patient.get(4),
                   born.get(2) if born else "", question.repeats(1)[0] if question and
                   question.repeats(1) else "30", trace.get(2) if trace else header.get(3),
                   (provider.get(3), provider.get(9)), isa.get(13))


def answer(x12: str, now: datetime) -> str:
    """A 999 for a 270 that fails validation, else the 271 (PayerUnavailable for the test
    payer that cannot answer)."""
    try:
        result = walk(x12, want_999=True)
    except EdiError as error:
        raise invalid(f"requestEDI is not X12: {error}") from None
    if not result.valid:
        return result.ack_999
    inquiry = inquiry_of(result.segments)
    patient = PATIENTS.get(inquiry.member_id)
    if patient is not None and patient.case == "payer_unavailable":
        raise PayerUnavailable
    return answer_271(inquiry, now)


def _framing(soap_ns: str) -> Framing:
    return Framing(unauthorized=lambda: web.Response(status=401),
                   refusal=lambda r: _xml(soap_ns, fault(soap_ns, True, r.message, r.code), 500),
                   soap_fault=lambda: _xml(soap_ns, fault(soap_ns, False, PAYER_DOWN), 500))


async def post_healthcare(request: web.Request) -> web.StreamResponse:
    soap_ns = soap_version(request)
    if soap_ns is None:
        return unsupported()
    framing = _framing(soap_ns)

    async def read(req: web.Request, account: Account) -> Job:
        table = healthcare_table()
        try:
            call = read_call(await req.read(), soap_ns)
        except EnvelopeError as exc:
            raise invalid(str(exc)) from None
        enhanced = call.operation == table.operation("eligibility_enhanced")
        known = enhanced or call.operation == table.operation("eligibility_edi")
        if call.namespace != table.namespace or not known:
            raise invalid(f"Unknown operation {{{call.namespace}}}{call.operation}")
        x12 = child_text(call.element, table.edi_request) or ""

        def reply() -> bytes:
            if enhanced:
                return result_body(soap_ns, *answer_enhanced(call.element, datetime.now()))
            return _result(soap_ns, answer(x12, datetime.now()))

        def work() -> web.Response:
            try:
                return _xml(soap_ns, reply())
            except GatewayRefusal as refusal:
                return framing.refusal(refusal)
            except PayerUnavailable:
                return framing.soap_fault()
        return Job({"operation": call.operation}, work)

    return await run_payment(request, framing, read)


def add_routes(app: web.Application) -> None:
    app.router.add_post(healthcare_table().path, post_healthcare)
