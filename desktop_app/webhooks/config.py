"""How one receiver runs: where it listens, who may post, how big a post may be.

Defaults are the safe ones: the partner's eight gateway addresses only, no auth (the partner
makes it optional) but every option one flag away, 256 KiB bodies, 8 KiB header lines.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass

from desktop_app.webhooks.oauth import OAuthConfig
from desktop_app.webhooks.security import GATEWAY_ADDRESSES, LOOPBACK, Network, networks


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
    shutdown_timeout: float = 15.0

    def __post_init__(self) -> None:
        if self.basic_user and self.oauth is not None:
            # The partner: "either Basic or Open Authentication, but not both".
            raise ValueError("choose Basic or OAuth2 authentication, not both")
        if self.client_ca and not self.tls_cert:
            raise ValueError("mutual TLS needs --tls-cert and --tls-key")
        self.allowed_networks()  # a typo in a CIDR fails at start, not per request

    def allowed_networks(self) -> tuple[Network, ...]:
        return networks(self.allow + (LOOPBACK if self.sandbox else ()))

    def proxy_networks(self) -> tuple[Network, ...]:
        return networks(self.trusted_proxies)

    @property
    def scheme(self) -> str:
        return "https" if self.tls_cert else "http"

    def ssl_context(self) -> ssl.SSLContext | None:
        """TLS 1.2+; with a client CA the handshake itself refuses unknown clients."""
        if not self.tls_cert:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.tls_cert, self.tls_key or None)
        if self.client_ca:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(cafile=self.client_ca)
        return context
