"""zeep on the shared transport: the adapter, the async service proxy, and how a SOAP call's
failures become typed gateway errors. Shared by the payment service and SSOService.

The WSDLs ship in resources/wsdl and load from disk: no network at start-up, and the
service address comes from our configuration, not the WSDL (whose ":8005" ports the
overview says to strip).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
import zeep
import zeep.exceptions
from lxml import etree
from zeep.proxy import AsyncServiceProxy
from zeep.transports import AsyncTransport

from desktop_app.gateway.errors import GatewayAuthError, GatewayError, OutcomeUnknown, SoapFault
from desktop_app.gateway.redaction import redact_text
from desktop_app.gateway.transport import Reply, SharedTransport
from desktop_app.gateway.verdict import ambiguous, error_for
from desktop_app.paths import resources_dir

SETTINGS = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True,
                         forbid_external=True, xml_huge_tree=False)
# The payment service reads its replies itself (names case-insensitively, unknown elements
# kept): zeep builds and sends the typed request and hands back the raw reply.
RAW_SETTINGS = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True,
                             forbid_external=True, xml_huge_tree=False, raw_response=True)


class SharedZeepTransport(AsyncTransport):
    """zeep's AsyncTransport on our client. Its own __init__ would replace the shared
    client's headers and its post() logs whole bodies (card numbers) at DEBUG."""

    def __init__(self, shared: SharedTransport) -> None:
        self.shared = shared
        self.client = shared.client
        self.cache = None
        self.load_timeout = 0
        self.operation_timeout = None
        self._close_session = False
        self.logger = zeep.transports.logging.getLogger(__name__)

    def _load_remote_data(self, url: str) -> bytes:
        raise GatewayError("WSDLs are loaded from disk only", detail=url)

    async def post(self, address: str, message: bytes, headers: dict[str, str]) -> Any:
        return await self.shared.post(address, content=message, headers=headers)

    def new_response(self, response: Reply) -> requests.Response:
        """zeep reads a requests.Response; ours is already complete and bounded."""
        new = requests.Response()
        new._content = response.content
        new.status_code = response.status_code
        new.headers = response.headers  # type: ignore[assignment]  # zeep only calls .get
        return new

    async def aclose(self) -> None:
        """The shared client belongs to SharedTransport, which closes it."""


def load_client(wsdl_name: str, transport: SharedZeepTransport,
                settings: zeep.Settings = SETTINGS) -> zeep.AsyncClient:
    """A zeep client on one of our WSDLs, from disk."""
    return zeep.AsyncClient(str(resources_dir() / "wsdl" / wsdl_name), transport=transport,
                            settings=settings)


def async_service(client: zeep.AsyncClient, binding: str, address: str) -> AsyncServiceProxy:
    """zeep 4.3's AsyncClient.create_service returns a *sync* proxy whose calls never await
    the transport; build the async proxy ourselves, at our address, not the WSDL's."""
    return AsyncServiceProxy(client, client.wsdl.bindings[binding], address=address)


async def call(operation: Any, **kwargs: Any) -> Any:
    with zeep_errors():
        return await operation(**kwargs)


@contextmanager
def zeep_errors() -> Iterator[None]:
    """zeep's exceptions (a fault, a non-200 without XML, unreadable XML) as gateway errors."""
    try:
        yield
    except zeep.exceptions.Fault as fault:
        raise fault_error(fault) from None
    except zeep.exceptions.TransportError as exc:
        # A non-200 whose body is empty or not XML: a login refusal, or no answer at all.
        if exc.status_code in (401, 403):
            raise GatewayAuthError(
                "The gateway refused the account ID or password. Ask IT to check the gateway "
                "settings.", code=str(exc.status_code)) from None
        raise OutcomeUnknown("The gateway had a problem answering.",
                             code=str(exc.status_code), detail="SOAP HTTP error") from None
    except (zeep.exceptions.XMLSyntaxError, zeep.exceptions.XMLParseError,
            zeep.exceptions.ValidationError, etree.XMLSyntaxError) as exc:
        raise OutcomeUnknown("The gateway's reply could not be read.",
                             detail=type(exc).__name__) from None


def fault_error(fault: zeep.exceptions.Fault) -> GatewayError:
    if fault.code is None:
        # zeep's "Unknown fault": a non-200 status whose envelope holds no Fault, such as an
        # approval on HTTP 500 or 404. Nothing says it was refused.
        return ambiguous("SOAP reply on a non-200 status without a fault")
    code = ""
    if fault.detail is not None:
        found = fault.detail.find(".//{*}errorCode")
        if found is not None and found.text:
            code = found.text.strip()
    if code:  # errorCode 500 or an unlisted one is unknown here as over NVP and REST
        return error_for(code, redact_text(fault.message or ""))
    if str(fault.code).rsplit(":", 1)[-1].lower() not in ("client", "sender"):
        # soap:Server / soap:Receiver ("unable to process request ... timeout") may follow
        # a charge: only the caller's own mistake says nothing happened.
        return ambiguous(f"SOAP {str(fault.code)[:40]} fault without an errorCode")
    return SoapFault(redact_text(fault.message or "") or "The gateway refused the request.",
                     code=code, detail=f"SOAP fault {fault.code}")
