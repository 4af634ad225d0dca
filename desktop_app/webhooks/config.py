"""How one receiver runs: where it listens, who may post, how big and how slow a post may be.

Defaults are the safe ones: the partner's eight gateway addresses only, no auth (the partner
makes it optional) but every option one flag away, 256 KiB bodies, 8 KiB header lines, 10 s
for headers and for a body, 256 connections at once. A configuration that would leak
credentials or open the door is refused at start, not discovered in an audit (issue 14).
"""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from desktop_app import tlspolicy
from desktop_app.webhooks.fields import normalized, webhook_table
from desktop_app.webhooks.oauth import OAuthConfig
from desktop_app.webhooks.security import GATEWAY_ADDRESSES, LOOPBACK, Network, networks


class UnsafeConfiguration(ValueError):
    """A receiver set-up that would expose secrets or admit anyone."""


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ReceiverConfig:
    host: str = "127.0.0.1"
    port: int = 8443
    allow: tuple[str, ...] = GATEWAY_ADDRESSES
    sandbox: bool = False                      # also admit loopback (the embedded gateway)
    trusted_proxies: tuple[str, ...] = ()
    basic_user: str = ""
    basic_password: str = ""                   # from the keyring
    oauth: OAuthConfig | None = None
    tls_cert: str = ""
    tls_key: str = ""
    client_ca: str = ""                        # set: mutual TLS, a client certificate required
    max_body: int = 256 * 1024
    max_line_size: int = 8190
    max_field_size: int = 8190
    max_headers: int = 64
    max_connections: int = 256
    header_timeout: float = 10.0               # headers complete within this, or 408
    body_timeout: float = 10.0                 # the body read within this, or 408
    client_error_burst: int = 20               # client-error log lines at once...
    client_error_per_second: float = 1.0       # ...then this many a second
    reference_slot: str = ""                   # AdditionalInfoN holding our reference
    shutdown_timeout: float = 15.0

    def __post_init__(self) -> None:
        if self.basic_user and self.oauth is not None:
            # The partner: "either Basic or Open Authentication, but not both".
            raise ValueError("choose Basic or OAuth2 authentication, not both")
        if self.client_ca and not self.tls_cert:
            raise ValueError("mutual TLS needs --tls-cert and --tls-key")
        slots = webhook_table().reference_slots
        if self.reference_slot and normalized(self.reference_slot) not in {
                normalized(s) for s in slots}:
            raise ValueError(f"reference slot must be one of {', '.join(slots)}")
        self.allowed_networks()  # a typo in a CIDR fails at start, not per request
        self._refuse_unsafe()

    def _refuse_unsafe(self) -> None:
        if self.basic_user and not self.tls_cert and not is_loopback(self.host):
            raise UnsafeConfiguration(
                "Basic auth over plain HTTP would send the password in clear: give "
                "--tls-cert/--tls-key, or listen on 127.0.0.1 behind a TLS proxy")
        if self.oauth is not None:
            for what, url in (("issuer", self.oauth.issuer), ("key set", self.oauth.jwks_url),
                              ("introspection", self.oauth.introspection_url)):
                if url and not self._secure_url(url):
                    raise UnsafeConfiguration(
                        f"the OAuth2 {what} URL must be https:// (got {url[:80]})")
        for net in self.proxy_networks():
            if net.prefixlen == 0:
                raise UnsafeConfiguration(
                    f"trusted proxy {net} would let anyone claim any address: name the "
                    "proxy's own address")

    def _secure_url(self, url: str) -> bool:
        """https, or plain http to this machine in sandbox mode (the tests' local issuer)."""
        parts = urlsplit(url)
        if parts.scheme == "https":
            return True
        return parts.scheme == "http" and self.sandbox and is_loopback(parts.hostname or "")

    def allowed_networks(self) -> tuple[Network, ...]:
        return self._allowed

    def proxy_networks(self) -> tuple[Network, ...]:
        return self._proxies

    @cached_property
    def _allowed(self) -> tuple[Network, ...]:
        return networks(self.allow + (LOOPBACK if self.sandbox else ()))

    @cached_property
    def _proxies(self) -> tuple[Network, ...]:
        return networks(self.trusted_proxies)

    def admitted_networks(self) -> tuple[Network, ...]:
        """Who may open a connection at all: allowed sources and our own proxies."""
        return self.allowed_networks() + self.proxy_networks()

    @property
    def scheme(self) -> str:
        return "https" if self.tls_cert else "http"

    def ssl_context(self) -> ssl.SSLContext | None:
        """TLS 1.2+; with a client CA the handshake itself refuses unknown clients."""
        if not self.tls_cert:
            return None
        context = tlspolicy.server_context(self.tls_cert, self.tls_key)
        if self.client_ca:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(cafile=self.client_ca)
        return context
