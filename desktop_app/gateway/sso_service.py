"""SSOService: the SOAP service that says what became of a hosted-page token.

It is SOAP whatever protocol payments use, so it has its own zeep client, loaded lazily.
"""

from __future__ import annotations

from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import check_token_status
from desktop_app.gateway.zeep_io import SharedZeepTransport, async_service, call, load_client

SSO_NS = "{https://online.instamed.com/Forms/WebServices/}"


class SsoService:
    def __init__(self, transport: SharedTransport, online_url: str, soap12: bool) -> None:
        suffix = "Soap12" if soap12 else "Soap"
        self._client = load_client("sso.wsdl", SharedZeepTransport(transport))
        self.service = async_service(self._client, f"{SSO_NS}SSOService{suffix}",
                                     online_url + protocol().paths["soap_sso"])

    async def token_status(self, token: str) -> str:
        """NEW, COMPLETE or EXPIRED exactly; anything else is unknown, never a guess."""
        return check_token_status(str(await call(self.service.GetSSOTokenStatus, token=token)))
