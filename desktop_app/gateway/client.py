"""GatewayClient: one request in, one Outcome out, whichever protocol carries it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.gateway import check_images, wire
from desktop_app.gateway.check_images import ImageAnalysis
from desktop_app.gateway.config import GatewayConfig, Protocol
from desktop_app.gateway.errors import GatewayError, OutcomeUnknown
from desktop_app.gateway.nvp import NvpCodec
from desktop_app.gateway.redaction import redact_fields
from desktop_app.gateway.rest import RestCodec
from desktop_app.gateway.sso_protocol import Target
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.wire import Codec

if TYPE_CHECKING:
    from desktop_app.gateway.soap import SoapCodec
    from desktop_app.gateway.sso_service import Details, SsoService

log = logging.getLogger(__name__)


class GatewayClient:
    """Owns the shared transport for one configuration. Close it with ``aclose()``."""

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        self.transport = SharedTransport(config)
        self._codecs: dict[Protocol, Codec] = {}
        self._sso: SsoService | None = None

    def codec(self, protocol: Protocol | None = None) -> Codec:
        protocol = protocol or self.config.protocol
        if protocol not in self._codecs:
            self._codecs[protocol] = self._make(protocol)
        return self._codecs[protocol]

    def _make(self, protocol: Protocol) -> Codec:
        c = self.config
        if protocol is Protocol.NVP:
            return NvpCodec(self.transport, c.connect_url, c.reference_slot)
        if protocol is Protocol.REST:
            return RestCodec(self.transport, c.connect_url, c.rest_api_key, c.rest_api_secret,
                             c.reference_slot)
        from desktop_app.gateway.soap import SoapCodec  # zeep + lxml: ~0.2 s, only for SOAP

        return SoapCodec(self.transport, c.connect_url, soap12=protocol is Protocol.SOAP12,
                         reference_slot=c.reference_slot)

    def soap(self) -> SoapCodec:
        """The payment service over SOAP (1.2 when so configured, else 1.1)."""
        from desktop_app.gateway.soap import SoapCodec

        codec = self.codec(Protocol.SOAP12 if self.config.protocol is Protocol.SOAP12
                           else Protocol.SOAP11)
        assert isinstance(codec, SoapCodec)
        return codec

    async def send(self, request: PaymentRequest, protocol: Protocol | None = None) -> Outcome:
        if request.kind is TransactionKind.SSO_TOKEN:  # a form POST, not a payment protocol
            return await self.request_sso_token(request)
        wire_request = wire.encode(request, self.config)
        if log.isEnabledFor(logging.INFO):  # redaction costs regexes: only when it is logged
            log.info("gateway %s ref=%s fields=%s", request.kind.value, request.reference,
                     redact_fields(wire_request.values))
        reply = await self.codec(protocol).exchange(wire_request)
        outcome = wire.decode(reply, request)
        log.info("gateway %s ref=%s -> %s code=%s txn=%s", request.kind.value,
                 request.reference, outcome.status.value, outcome.response_code,
                 outcome.transaction_id)
        return outcome

    async def analyse_check_image(self, front_image: bytes) -> ImageAnalysis:
        """The gateway's image analysis of a scanned check (SOAP only: check_images.py)."""
        return await check_images.analyse(self.soap(), front_image)

    async def view_receipt(self, *, sso_token: str) -> Outcome:
        """NVP ViewReceipt by SSO token (the portal's polling page): the only receipt look-up
        the public NVP contract has. There is none by our own reference (services/reconcile.py
        says which channels settle a payment instead)."""
        request = PaymentRequest(TransactionKind.VIEW_RECEIPT, sso_token=sso_token)
        return await self.send(request, Protocol.NVP)

    # Hosted pages (SSO): the ACS token request and SSOService, resources/protocol/sso.json.
    # Kept together here so the protocol codecs above can change without touching them.

    def sso(self) -> SsoService:
        """SSOService is SOAP-only: polling uses it whatever protocol payments use."""
        if self._sso is None:
            from desktop_app.gateway.sso_service import SsoService  # zeep: only when polled

            self._sso = SsoService(self.transport, self.config,
                                   soap12=self.config.protocol is Protocol.SOAP12)
        return self._sso

    async def request_sso_token(self, request: PaymentRequest, target: Target = Target.PAYMENT
                                ) -> Outcome:
        """A token and its page: an UNKNOWN outcome (nobody has paid yet) carrying both."""
        from desktop_app.gateway.sso_form import AcsForm

        ticket = await AcsForm(self.transport, self.config).request_token(request, target)
        return Outcome(OutcomeStatus.UNKNOWN, reference=request.reference,
                       requested=request.amount, sso_token=ticket.token,
                       relay_state_url=ticket.url, message="Hosted payment page opened")

    async def sso_receipt(self, sso_token: str, requested: Money | None = None) -> Outcome:
        """What a complete token's page did. NVP ViewReceipt by token first: the portal's
        polling page prescribes it, and it carries the amount, card and partial approval.
        Only when the gateway refuses that (not when it may not have arrived), SSOService
        GetTransactionDetails, which settles a full approval of ``requested`` only."""
        try:
            return await self.view_receipt(sso_token=sso_token)
        except OutcomeUnknown:
            raise
        except GatewayError as exc:
            log.warning("ViewReceipt by SSO token refused (%s); asking SSOService",
                        exc.code or type(exc).__name__)
            return await self.transaction_details(sso_token=sso_token, requested=requested)

    async def sso_token_status(self, token: str) -> str:
        """``NEW``, ``EXPIRED`` or ``COMPLETE`` (the gateway's ``complete``/``USED``)."""
        return (await self.sso().token_status(token)).name

    async def transaction_details(self, *, sso_token: str, requested: Money | None = None
                                  ) -> Outcome:
        """SSOService GetTransactionDetails by token. It carries no amount: only a full
        approval of ``requested`` can be read from it; anything else is unknown."""
        details = await self.sso().transaction_details(sso_token)
        return self._details_outcome(details, requested, sso_token)

    async def transaction_details_by_id(self, transaction_id: str, *, sso_token: str = "",
                                        requested: Money | None = None) -> Outcome:
        details = await self.sso().transaction_details_by_id(transaction_id, sso_token)
        return self._details_outcome(details, requested, sso_token)

    @staticmethod
    def _details_outcome(details: Details, requested: Money | None, sso_token: str
                         ) -> Outcome:
        from desktop_app.gateway.sso_service import details_reply

        request = PaymentRequest(TransactionKind.VIEW_RECEIPT, amount=requested,
                                 sso_token=sso_token or None)
        return wire.decode(details_reply(details), request)

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def __aenter__(self) -> GatewayClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
