"""SSOService: the SOAP service that says what became of a hosted-page token.

Our own WSDL (resources/wsdl/sso.wsdl, namespace ``http://tempuri.org/``), SOAP 1.1 or 1.2 as
payments are configured, whatever protocol payments use. Each call authenticates in its body
with the SSO login (``accountID``, ``alias``, ``password`` = the SSO security key; H-cred
toSOAP), so no API Basic login is sent. The path is a setting: the service's own page and
HHK's WSDL say ``/providers/Forms/WebServices/SSOService.asmx``, the portal's polling page
omits ``/providers/``.

Reading, not deciding: ``token_status`` maps the answer through sso.json (case-insensitive;
unlisted is ``OutcomeUnknown``), and the details come back in our keys for the caller's
verdict rules, under their element names when no key is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.gateway.config import GatewayConfig, SsoLogin
from desktop_app.gateway.sso_protocol import TokenStatus, sso_table
from desktop_app.gateway.transport import Reply, SharedTransport
from desktop_app.gateway.verdict import ambiguous
from desktop_app.gateway.wire import WireReply
from desktop_app.gateway.zeep_io import SharedZeepTransport, async_service, call, load_client


class _NoBasicLogin(SharedZeepTransport):
    """The SSO login is in the body; the API password is not sent to SSOService."""

    async def post(self, address: str, message: bytes, headers: dict[str, str]) -> Reply:
        return await self.shared.post(address, content=message, headers=headers, auth=None)


class SsoService:
    def __init__(self, transport: SharedTransport, config: GatewayConfig, soap12: bool) -> None:
        t = sso_table()
        self._client = load_client("sso.wsdl", _NoBasicLogin(transport))
        path = config.sso_service_path or t.path("sso_service")
        self.address = config.online_url + path
        self.service = async_service(self._client, f"{{{t.namespace}}}{t.binding(soap12)}",
                                     self.address)
        self.login: SsoLogin = config.sso

    def _credentials(self) -> dict[str, str]:
        t = sso_table()
        return {t.credential_param("account_id"): self.login.account_id,
                t.credential_param("alias"): self.login.alias,
                t.credential_param("password"): self.login.security_key}

    async def token_status(self, token: str) -> TokenStatus:
        """NEW, EXPIRED or COMPLETE as the table reads the answer; anything else is unknown."""
        operation = getattr(self.service, sso_table().operation("token_status"))
        text = await call(operation, tokenID=token, **self._credentials())
        status = sso_table().token_status(str(text) if text is not None else "")
        if status is None:
            raise ambiguous(f"unlisted SSO token status {str(text)[:12]!r}")
        return status

    async def transaction_details(self, token: str) -> Details:
        """GetTransactionDetails by SSO token."""
        operation = getattr(self.service, sso_table().operation("transaction_details"))
        return _details(await call(operation, tokenID=token, **self._credentials()))

    async def transaction_details_by_id(self, transaction_id: str, token: str = ""
                                        ) -> Details:
        """GetTransactionDetailsByTransactionID (the token too, when one is known)."""
        operation = getattr(self.service, sso_table().operation("transaction_details_by_id"))
        return _details(await call(operation, tokenID=token or None,
                                   transactionID=transaction_id, **self._credentials()))


@dataclass(frozen=True)
class Details:
    """A BasePaymentDetailedResponse: ``values`` in our keys, ``extra`` under the element
    names no key is listed for (kept, never dropped)."""

    values: dict[str, str]
    extra: dict[str, str]


def _details(result: Any) -> Details:
    if result is None:
        raise ambiguous("SSOService answered with no transaction details")
    names = sso_table().details_fields()
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    for element in result:  # zeep objects iterate their element names in schema order
        value = result[element]
        if value is None:
            continue
        if element in names:
            values[names[element]] = str(value)
        else:
            extra[element] = str(value)
    return Details(values, extra)


def details_reply(details: Details) -> WireReply:
    """The details as ``wire.decode`` reads any reply: our keys, and the rest kept."""
    return WireReply(details.values, details.extra)
