"""Which gateway to talk to, as whom, and how."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from desktop_app.domain.errors import ValidationError
from desktop_app.gateway.protocol import protocol


class Environment(enum.StrEnum):  # str: settings files and the UI hold the value
    SANDBOX = "sandbox"        # the embedded emulator: the default of a fresh install
    STAGING = "staging"
    PRODUCTION = "production"


class Protocol(enum.StrEnum):
    NVP = "nvp"
    SOAP11 = "soap11"
    SOAP12 = "soap12"
    REST = "rest"


# Demo account of the embedded sandbox: the overview's example IDs. Not a secret.
SANDBOX_ACCOUNT = ("sandbox@frontdeskpay.test", "sandbox")
SANDBOX_IDS = ("6011000551245", "001", "002")
# The sandbox's SSO login (accountID, securityKey, ssoAlias): demo values, not a secret.
SANDBOX_SSO = ("sandbox@frontdeskpay.test", "sandbox-sso", "frontdeskpay")
# The sandbox's REST key pair (Api-Key, Api-Secret): demo values, not a secret.
SANDBOX_REST = ("sandbox-api-key", "sandbox-api-secret")


@dataclass(frozen=True)
class SsoLogin:
    """The hosted pages' own login: the ACS token request and SSOService authenticate with
    it, never with the API password (resources/protocol/sso.json, H-cred)."""

    account_id: str = SANDBOX_SSO[0]
    security_key: str = field(default=SANDBOX_SSO[1], repr=False)
    alias: str = SANDBOX_SSO[2]
    id: str = ""  # blank: the account ID before its "@", as HHK derives it

    @property
    def payment_id(self) -> str:
        return self.id or self.account_id.partition("@")[0]


@dataclass(frozen=True)
class GatewayConfig:
    environment: Environment = Environment.SANDBOX
    protocol: Protocol = Protocol.NVP
    account_id: str = SANDBOX_ACCOUNT[0]
    password: str = field(default=SANDBOX_ACCOUNT[1], repr=False)
    merchant_id: str = SANDBOX_IDS[0]
    store_id: str = SANDBOX_IDS[1]
    terminal_id: str = SANDBOX_IDS[2]
    # The sandbox's URL, or an override for any environment (a test gateway, a proxy).
    base_url: str | None = None
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    # A reply larger than this is not read (a 200 MB answer once took 850 MB of memory): it
    # is unknown. Real replies are a few kilobytes.
    max_reply_bytes: int = 1024 * 1024
    # Our request reference travels in this additionalInfoN slot (gateway.json
    # reference_slots): the gateway stores it and echoes it in webhooks and posting files.
    reference_slot: str = "additionalInfo1"
    # Kinds gateway.json marks unconfirmed (no public source spells them) are refused unless
    # the gateway has confirmed them to the clinic.
    unconfirmed_operations: bool = False
    sso: SsoLogin = field(default_factory=SsoLogin)
    # REST authenticates with its own key pair, never the API password (rest.json, M).
    rest_api_key: str = SANDBOX_REST[0]
    rest_api_secret: str = field(default=SANDBOX_REST[1], repr=False)
    # Who asks for a hosted page, and at which PC (its userID/userName and workstation slot,
    # as HHK sends them): the journal's origin, set when the app's parts are built.
    desk_user: str = ""
    workstation_id: str = ""
    sso_service_path: str = ""  # blank: sso.json's (with /providers/; the portal omits it)

    def __post_init__(self) -> None:
        try:
            protocol().check_slot(self.reference_slot)
        except ValueError as exc:
            raise ValidationError(f"Reference field: {exc}") from None

    @property
    def exchange_deadline(self) -> float:
        """The whole exchange (connect, send, headers and every byte of the body) must end
        within this many seconds. httpx's read timeout is per chunk, so a reply dripping a
        byte at a time would otherwise never time out."""
        return self.connect_timeout + self.read_timeout

    @property
    def connect_url(self) -> str:
        return self._host("connect")

    @property
    def online_url(self) -> str:
        """Host of the SSO pages and SSOService (online.* in production)."""
        return self._host("online")

    def _host(self, role: str) -> str:
        if self.base_url:
            url = self.base_url.rstrip("/")
        elif self.environment is Environment.SANDBOX:
            raise ValidationError("The sandbox gateway is not running yet")
        else:
            url = protocol().environment_hosts(self.environment.value)[role]
        _require_tls_off_loopback(url, sandbox=self.environment is Environment.SANDBOX)
        return url


def _require_tls_off_loopback(url: str, *, sandbox: bool) -> None:
    """Card data only crosses a network under TLS (PCI DSS 4.2.1). Plain HTTP is for the
    embedded sandbox on loopback only: staging and production always use TLS, whatever
    address overrides their host (desktop_app/tlspolicy.py, issue 14)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if sandbox and parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost",
                                                                  "::1"}:
        return
    where = "" if sandbox else " outside the sandbox"
    raise ValidationError(f"Gateway address must use https{where}: "
                          f"{parts.scheme}://{parts.hostname}")
