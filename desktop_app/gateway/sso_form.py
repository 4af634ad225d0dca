"""The hosted page's token request: a form POST to the SSO endpoint (ACS), answered in a header.

As HHK's hosted sale does it (resources/protocol/sso.json): POST ``requestToken=true``,
``responseActionType=header``, ``RelayState=<target page>``, the SSO login (``accountID``,
``securityKey``, ``ssoAlias``, ``id``), the payment fields and the page switches to
``{online}/providers/Forms/SSO/ACS_SAML2.aspx``. The answer's ``relayState`` header is the page
to open; its query holds ``token`` (or ``respCode``/``respMessage`` when refused, e.g. an
``SSOError`` page with ``respCode=401`` for a wrong security key).

Whether money moved: a token request charges nothing by itself. Every failure here raises
before any page is shown, so nobody can have paid (PaymentService journals it "never shown").
What is raised only says who should act: ``SsoLoginRefused`` (IT: the SSO settings),
``GatewayValidationError`` (the request), ``OutcomeUnknown`` (no readable answer).
The security key travels only in the form body, over TLS, and never in a log line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from desktop_app.domain import PaymentRequest
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import GatewayAuthError, GatewayValidationError, OutcomeUnknown
from desktop_app.gateway.nvp import FORM, encode_form
from desktop_app.gateway.redaction import redact_text
from desktop_app.gateway.sso_protocol import SsoTable, Target, sso_table
from desktop_app.gateway.transport import Reply, SharedTransport
from desktop_app.gateway.verdict import DuplicateField, merge_pairs

log = logging.getLogger(__name__)

LOGIN_REFUSED = ("The gateway refused the hosted payment page's login (SSO account ID, alias "
                 "or security key). Ask IT to check the SSO settings.")

NO_KEY = ("No security key is stored for the hosted payment page's SSO login. Ask IT to "
          "enter it in Settings.")


class SsoLoginRefused(GatewayAuthError):
    """The ACS refused the SSO login; ``gateway_message`` is its own words (respMessage)."""

    def __init__(self, gateway_message: str, code: str) -> None:
        super().__init__(LOGIN_REFUSED, code=code, detail=f"respCode={code}")
        self.gateway_message = gateway_message


@dataclass(frozen=True)
class HostedTicket:
    """A token and the relay-state page it opens."""

    token: str
    url: str


@dataclass(frozen=True)
class HostedDetails:
    """Who the page is for, beyond the PaymentRequest (optional: the page asks otherwise)."""

    patient_first_name: str = ""
    patient_last_name: str = ""


def form_fields(request: PaymentRequest, config: GatewayConfig, target: Target,
                details: HostedDetails = HostedDetails()) -> dict[str, str]:
    """The token request's form, in the table's names; empty values are left out."""
    t = sso_table()
    login = config.sso
    values: dict[str, str] = {
        **t.fixed_values(),
        "relay_state": config.online_url + t.target(target),
        "account_id": login.account_id, "security_key": login.security_key,
        "sso_alias": login.alias, "id": login.payment_id,
        "amount": request.amount.wire() if request.amount is not None else "",
        "patient_id": request.patient_id,
        "patient_first_name": details.patient_first_name,
        "patient_last_name": details.patient_last_name,
        "user_id": config.desk_user, "user_name": config.desk_user,
        "workstation_id": config.workstation_id,
        **t.page_switches(),
        "confirm_url": t.return_url("confirm_url"), "cancel_url": t.return_url("cancel_url"),
    }
    form = {t.form_field(key): value for key, value in values.items() if value}
    # our reference in the slot the setting names (gateway.json reference_slots), the same
    # the payments use; it wins over a workstation id in that slot
    form[config.reference_slot] = request.reference
    return form


def read_ticket(reply: Reply, online_url: str, table: SsoTable | None = None) -> HostedTicket:
    """The token and page from the ACS answer, or the typed refusal it states."""
    t = table or sso_table()
    if reply.status_code in (401, 403):
        raise SsoLoginRefused("", str(reply.status_code))
    relay = reply.headers.get(t.relay_header, "")  # httpx: either case
    if not relay:
        if reply.status_code not in t.relay_list("statuses"):
            raise OutcomeUnknown("The gateway had a problem answering.",
                                 code=str(reply.status_code), detail="ACS status")
        raise OutcomeUnknown("The gateway's reply could not be read.",
                             detail=f"ACS HTTP {reply.status_code} without a relay state")
    url = _same_site(relay, online_url)
    try:
        query = merge_pairs(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    except DuplicateField as exc:
        raise OutcomeUnknown("The gateway's reply could be read more than one way.",
                             detail=str(exc)) from None
    token = query.get(t.relay_query("token"), "")
    code = query.get(t.relay_query("response_code"), "")
    message = redact_text(query.get(t.relay_query("response_message"), ""))[:200]
    if code in t.relay_list("auth_response_codes"):
        raise SsoLoginRefused(message, code)
    if token and code in t.relay_list("ok_response_codes"):
        return HostedTicket(token, url)
    if not token and code:
        raise GatewayValidationError(
            message or "The gateway refused to open the hosted payment page.", code=code,
            detail=f"respCode={code}")
    raise OutcomeUnknown("The gateway's reply could not be read.",
                         detail=f"relay state with token={bool(token)} respCode={code[:8]!r}")


def _same_site(url: str, online_url: str) -> str:
    """The page must be on the gateway's own site: nothing else is opened for a patient."""
    page, ours = urlsplit(url), urlsplit(online_url)
    if (page.scheme, page.hostname, page.port) != (ours.scheme, ours.hostname, ours.port):
        raise OutcomeUnknown("The gateway's reply could not be read.",
                             detail=f"relay state on another site: {page.scheme}://"
                                    f"{page.hostname}")
    return url


class AcsForm:
    """Token requests on the shared transport (no API Basic login: the form carries its own)."""

    def __init__(self, transport: SharedTransport, config: GatewayConfig) -> None:
        self.transport = transport
        self.config = config

    @property
    def url(self) -> str:
        return self.config.online_url + sso_table().path("acs")

    async def request_token(self, request: PaymentRequest, target: Target = Target.PAYMENT,
                            details: HostedDetails = HostedDetails()) -> HostedTicket:
        if not self.config.sso.security_key:
            raise GatewayValidationError(NO_KEY, detail="no SSO security key")
        fields = form_fields(request, self.config, target, details)
        log.info("SSO token request ref=%s target=%s", request.reference, target.value)
        reply = await self.transport.post(self.url, content=encode_form(fields),
                                          headers={"Content-Type": FORM}, auth=None)
        ticket = read_ticket(reply, self.config.online_url)
        log.info("SSO token issued ref=%s", request.reference)
        return ticket
