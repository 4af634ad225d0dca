"""Eligibility at check-in: build the 270, ask the healthcare service, read what came back;
or, where the account offers it and IT allows it, the typed DoEligibilityInquiryEnhanced
request, whose answer adds what the patient owes today (read only from a 271 that says
active: the Enhanced reply's own names are unconfirmed, so they never decide coverage).

Moves no money, so no write-ahead rules apply; an answer that cannot be read is an error
(never "active"), and a payer or gateway that cannot answer is PAYER_UNAVAILABLE, which the
desk may simply ask again. A wrong gateway login is raised: IT must fix it.
Member IDs and names are never logged: lines here carry the payer, the reference and the
coverage only (HIPAA minimum necessary).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from lxml import etree

from desktop_app.edi.codes import FOLLOW_UPS, reason_words
from desktop_app.edi.eligibility import Coverage, Eligibility
from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery, Provider
from desktop_app.edi.service import HealthcareService
from desktop_app.edi.x270 import build_270
from desktop_app.edi.x271 import read_271
from desktop_app.edi.x999 import read_999
from desktop_app.edi.xml_reply import read_reply
from desktop_app.edi.xml_request import build_request, xml_table
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.errors import GatewayAuthError, GatewayError, UnconfirmedOperation
from desktop_app.settings import Settings
from desktop_app.store import Journal
from desktop_app.store.eligibility import EligibilityRow

log = logging.getLogger(__name__)


def provider_from(settings: Settings) -> Provider:
    """The 270's information receiver: the NPI setting and the clinic's name."""
    return Provider(settings.provider_npi.strip(),
                    settings.clinic_name.strip() or settings.receipt_header.strip())


Asked = tuple[str, Callable[[], Eligibility]]  # the answer as journaled, and its reading


class EligibilityService:
    def __init__(self, healthcare: HealthcareService, provider: Provider,
                 journal: Journal | None = None, *, enhanced: bool = False) -> None:
        self.healthcare = healthcare
        self.provider = provider
        self.journal = journal
        self.enhanced = enhanced  # DoEligibilityInquiryEnhanced instead of the 270 as EDI
        self._control = int(datetime.now().strftime("%H%M%S"))

    async def check(self, query: EligibilityQuery, *, reference: str = "",
                    patient_id: str = "") -> Exchange:
        """Ask once; the request and the answer as sent and received, and what it means.
        ``patient_id``, the clinic's own, is kept with them so History can ask again."""
        reference = reference or uuid.uuid4().hex[:20].upper()
        request, ask = self._question(query, reference)  # a refusal here: nothing was sent
        log.info("eligibility ref=%s payer=%s service=%s%s", reference, query.payer_id,
                 query.service_type.value, " enhanced" if self.enhanced else "")
        try:
            answer, read = await ask()
        except GatewayAuthError:
            raise
        except GatewayError as error:
            log.warning("eligibility ref=%s: no answer (%s)", reference, type(error).__name__)
            unavailable = Eligibility(Coverage.PAYER_UNAVAILABLE,
                                      service_type=query.service_type.value)
            return await self._kept(query, Exchange(reference, request, "", unavailable,
                                                    str(error)), patient_id)
        try:
            result = read()
        except EdiError as error:
            await self._kept(query, Exchange(reference, request, answer, Eligibility(
                Coverage.UNKNOWN, service_type=query.service_type.value), str(error)), patient_id)
            raise
        log.info("eligibility ref=%s -> %s", reference, result.coverage.value)
        return await self._kept(query, Exchange(reference, request, answer, result, ""),
                                patient_id)

    def _question(self, query: EligibilityQuery, reference: str
                  ) -> tuple[str, Callable[[], Awaitable[Asked]]]:
        """The request as journaled, and how to send it and read what comes back."""
        service_type = query.service_type.value
        if self.enhanced:
            fields = build_request(query, self.provider, reference=reference,
                                   today=date.today())

            async def typed() -> Asked:
                result = await self.healthcare.exchange_enhanced(fields)
                text = "" if result is None else etree.tostring(result, encoding="unicode")
                return text, lambda: read_enhanced(result, service_type)
            return request_xml(fields), typed
        self._control += 1
        x12 = build_270(query, self.provider, reference=reference, control=self._control,
                        now=datetime.now())

        async def edi() -> Asked:
            answer = await self.healthcare.exchange_edi(x12)
            return answer, lambda: read_answer(answer, service_type)
        return x12, edi

    async def _kept(self, query: EligibilityQuery, exchange: Exchange, patient_id: str
                    ) -> Exchange:
        """The 270 and what came back, in the journal's database (never in a log)."""
        if self.journal is not None:
            copay = exchange.eligibility.copay
            await self.journal.eligibility.record(EligibilityRow(
                exchange.reference, query.payer_id, query.service_type.value,
                exchange.eligibility.coverage.value, copay.cents if copay else None,
                exchange.request, exchange.answer, exchange.problem, "", patient_id))
        return exchange


def read_answer(answer: str, service_type: str) -> Eligibility:
    """A 271, or the 999 that refused our 270 (an EdiError naming the segment)."""
    text = answer.lstrip()
    separator = text[3] if text.startswith("ISA") and len(text) > 3 else "*"
    if f"ST{separator}999{separator}" in text[:400].replace("\n", ""):
        ack = read_999(answer)
        where = ", ".join(f"{n.segment} at segment {n.position}" for n in ack.notes[:3])
        raise EdiError(f"The clearinghouse refused the question ({where or ack.status}).")
    return replace(read_271(answer, service_type), service_type=service_type)


def read_enhanced(result: etree._Element | None, service_type: str) -> Eligibility:
    """The payer's 271 inside the Enhanced reply decides; with none, "could not tell". What
    the patient owes is kept only beside an active coverage."""
    reply = read_reply(result)
    if not reply.payer_271:
        return Eligibility(Coverage.UNKNOWN, service_type=service_type)
    base = read_answer(reply.payer_271, service_type)
    return replace(base, patient_owes=reply.patient_owes if base.active else None)


def request_xml(fields: dict[str, str]) -> str:
    """The typed request as the journal keeps it (in its database, never a log)."""
    root = etree.Element(xml_table().parameter)
    for name, value in fields.items():
        etree.SubElement(root, name).text = value
    return etree.tostring(root, encoding="unicode")


def use_enhanced(settings: Settings, asked: bool | None = None) -> bool:
    """Whether to ask DoEligibilityInquiryEnhanced. Its reply is read by names no public page
    shows, so it needs IT's "allow unconfirmed gateway operations" as well as the site's "the
    account offers it" (``asked`` None) or an explicit request (the command line's
    ``--enhanced``, refused with that reason rather than silently answered another way)."""
    allowed = xml_table().reply_confirmed or settings.unconfirmed_operations
    if asked is None:
        if settings.eligibility_enhanced and not allowed:
            log.warning("eligibility: the Enhanced method is set but unconfirmed operations "
                        "are not allowed; asking with the 270")
        return settings.eligibility_enhanced and allowed
    if asked and not allowed:
        raise UnconfirmedOperation(
            "Checking what the patient owes (DoEligibilityInquiryEnhanced) is not available: "
            "the names its answer is read by are not confirmed by any public source. Nothing "
            "was sent. Ask IT (Settings: allow unconfirmed gateway operations) if the gateway "
            "confirmed them.", detail="eligibility_xml.json reply unconfirmed")
    return asked


@dataclass(frozen=True)
class Exchange:
    """One question and its answer: what the journal keeps (in the database, never a log).
    The 270 and 271 carry member IDs and names, so they stay out of the repr."""

    reference: str
    request: str = field(repr=False)
    answer: str = field(repr=False)
    eligibility: Eligibility
    problem: str = ""  # why there is no answer (the gateway's words), when there is none


def summary(answer: Eligibility) -> str:
    """The answer in one plain sentence (English: the command line's words)."""
    if answer.rejections:
        first = answer.rejections[0]
        advice = FOLLOW_UPS.get(first.follow_up, "")
        return f"{reason_words(first.reason)}." + (f" {advice}." if advice else "")
    return {
        Coverage.ACTIVE: "Coverage is active.",
        Coverage.INACTIVE: "Coverage is not active.",
        Coverage.PAYER_UNAVAILABLE: "The payer cannot answer right now. Try again later.",
        Coverage.UNKNOWN: "The payer's answer does not say whether coverage is active.",
    }.get(answer.coverage, answer.coverage.value)


def eligibility_service(gateway: GatewayClient, settings: Settings,
                        journal: Journal | None = None, *, soap12: bool | None = None,
                        enhanced: bool | None = None) -> EligibilityService:
    """The healthcare service over this gateway client's shared transport, asking for the
    settings' provider; SOAP 1.2 when the client's protocol is, unless ``soap12`` says; the
    Enhanced method as ``use_enhanced`` decides."""
    if soap12 is None:
        soap12 = gateway.config.protocol is Protocol.SOAP12
    healthcare = HealthcareService(gateway.transport, gateway.config, soap12)
    return EligibilityService(healthcare, provider_from(settings), journal,
                              enhanced=use_enhanced(settings, enhanced))


Check = Callable[[EligibilityQuery, str], Awaitable[Exchange]]  # the question, the patient ID


def checker(gateway: GatewayClient, settings: Callable[[], Settings], journal: Journal
            ) -> Check:
    """The check-in question for the UI, built on first use (zeep loads its WSDL then); the
    provider and the method are read from the settings at each question, so IT's change
    applies at once."""
    built: list[EligibilityService] = []

    async def check(query: EligibilityQuery, patient_id: str) -> Exchange:
        current = settings()
        enhanced = use_enhanced(current)  # once a question: its warning is said once
        if not built:
            built.append(eligibility_service(gateway, current, journal, enhanced=enhanced))
        built[0].provider = provider_from(current)
        built[0].enhanced = enhanced
        return await built[0].check(query, patient_id=patient_id)
    return check
