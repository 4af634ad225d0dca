"""The one shared HTTP transport: a single httpx.AsyncClient per gateway configuration.

Keep-alive, TLS verification always on (the OS trust store via truststore), explicit connect
and read timeouts. NVP, REST and zeep's SOAP all post through ``SharedTransport.post``, so the
error rules below hold for every protocol:

- connection refused / connect timeout / no free connection: the request never left, so it
  is retried (bounded) and then reported as ``GatewayUnreachable``;
- anything after the request may have been written: ``OutcomeUnknown``, never retried here.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from typing import Any

import httpx
import truststore

from desktop_app import __version__
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import GatewayAuthError, GatewayUnreachable, OutcomeUnknown

log = logging.getLogger(__name__)

CONNECT_ATTEMPTS = 3
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def _tls_context() -> ssl.SSLContext:
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class SharedTransport:
    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        self.client = httpx.AsyncClient(
            auth=httpx.BasicAuth(config.account_id, config.password),
            timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            limits=httpx.Limits(max_connections=10, max_keepalive_connections=5,
                                keepalive_expiry=60),
            verify=_tls_context(),
            headers={"User-Agent": f"FrontDeskPay/{__version__}"},
            follow_redirects=False,
        )

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        delay = 0.2
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                response = await self.client.post(url, **kwargs)
            except _NOT_SENT as exc:
                if attempt == CONNECT_ATTEMPTS:
                    raise GatewayUnreachable(
                        "Could not reach the payment gateway. Nothing was charged; check the "
                        "network and try again.", detail=type(exc).__name__) from None
                log.warning("gateway connect failed (%s), attempt %d", type(exc).__name__,
                            attempt)
                await asyncio.sleep(delay)
                delay *= 2
            except httpx.TransportError as exc:
                raise OutcomeUnknown(
                    "The connection to the gateway broke before its answer arrived.",
                    detail=type(exc).__name__) from None
            else:
                _check_auth(response)
                return response
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self.client.aclose()


def _check_auth(response: httpx.Response) -> None:
    if response.status_code in (401, 403):
        raise GatewayAuthError(
            "The gateway refused the account ID or password. Ask IT to check the gateway "
            "settings.", code=str(response.status_code))


def server_error(response: httpx.Response) -> OutcomeUnknown:
    """A 5xx (other than a SOAP fault) may come after the charge: treat as unknown."""
    return OutcomeUnknown("The gateway had a problem answering.",
                          code=str(response.status_code),
                          detail=f"HTTP {response.status_code}")
