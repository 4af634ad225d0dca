"""The SSO endpoint (ACS) and the hosted pages its tokens open, as resources/protocol/sso.json
names them.

``POST /providers/Forms/SSO/ACS_SAML2.aspx``: the SSO login (accountID, securityKey, ssoAlias)
is checked, a token issued for the ``RelayState`` target page, and the answer carries the
``relayState`` header: the page URL with ``?token=…``. With ``responseActionType=header`` the
answer is a 200 (HHK reads only the headers); otherwise a 302 to that page, as a browser
posting the form expects. A refused login answers as HHK documents the real one does: the
relay state is the SSOError page with ``respCode=401&respMessage=…``.

The target pages are plain HTML forms (resources/html/sso_*.html) for the app's embedded
browser and for training. Paying runs the sandbox processor like any sale (kind ``sale``,
keyed on the page), recorded with the token so ViewReceipt and SSOService find it; after it,
the page goes to the ``confirmURL`` given with the token (Cancel: the ``cancelURL``).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from aiohttp import web

from desktop_app.domain import Money
from desktop_app.sandbox import sso_pages
from desktop_app.sandbox.app_state import Services, services
from desktop_app.sandbox.errors import GatewayRefusal
from desktop_app.sandbox.nvp_endpoint import parse_form
from desktop_app.sandbox.pipeline import Framing, Job, answer, pick_fault
from desktop_app.sandbox.sso_table import form_value, sso_wire
from desktop_app.sandbox.validation import parse_amount

LOGIN_REFUSED = "Invalid AccountID or Password."
PAYMENT_TARGETS = ("payment",)


def _relay(svc: Services, path: str, query: dict[str, str]) -> str:
    return f"{svc.state.base_url}{path}?{urlencode(query)}"


def _error_relay(svc: Services, code: str, message: str) -> str:
    w = sso_wire()
    return _relay(svc, w.path("sso_error"), {
        w.relay_query("response_code"): code, w.relay_query("response_message"): message,
        w.field("light_weight"): "true"})


def _target_of(relay_state: str) -> str | None:
    """Our target key for a RelayState URL (any host: the sandbox answers for its own)."""
    path = urlsplit(relay_state).path.rstrip("?")
    for key, target in sso_wire().targets().items():
        if path.lower() == target.lower():
            return key
    return None


def issue(svc: Services, form: dict[str, str]) -> str:
    """The relay-state URL for a token request: the page with its token, or SSOError."""
    login = svc.state.tokens.login(form_value(form, "account_id"),
                                   form_value(form, "security_key"),
                                   form_value(form, "sso_alias"))
    if login is None:
        return _error_relay(svc, "401", LOGIN_REFUSED)
    target = _target_of(form_value(form, "relay_state"))
    if target is None:
        return _error_relay(svc, "400", "Invalid RelayState.")
    amount: Money | None = None
    if target in PAYMENT_TARGETS or form_value(form, "amount"):
        try:
            amount = parse_amount(form_value(form, "amount"), sso_wire().field("amount"))
        except GatewayRefusal as refusal:
            return _error_relay(svc, "400", refusal.message.partition(" with Reference")[0])
    name = " ".join(filter(None, (form_value(form, "patient_first_name"),
                                  form_value(form, "patient_last_name"))))
    token = svc.state.tokens.issue(
        login, target, amount, patient_id=form_value(form, "patient_id"), patient_name=name,
        additional_info=sso_pages.additional_info(form),
        confirm_url=form_value(form, "confirm_url"),
        cancel_url=form_value(form, "cancel_url") or form_value(form, "return_url"))
    w = sso_wire()
    return _relay(svc, w.targets()[target], {w.relay_query("token"): token.token})


def _acs_answer(form: dict[str, str], relay: str) -> web.Response:
    header = {sso_wire().relay_header: relay}
    if form_value(form, "response_action_type").lower() == "header":
        return web.Response(status=200, headers=header)
    return web.Response(status=302, headers={**header, "Location": relay})


ACS_FRAMING = Framing(
    unauthorized=lambda: web.Response(status=401),
    refusal=lambda r: web.Response(status=400, text=r.message),
    soap_fault=lambda: web.Response(status=500, text="sandbox fault injection"),
)


async def post_acs(request: web.Request) -> web.StreamResponse:
    svc = services(request)
    try:
        form = parse_form(await request.read())
        fault = pick_fault(request, form)
    except GatewayRefusal as refusal:
        return ACS_FRAMING.refusal(refusal)
    return await answer(request, Job(form, lambda: _acs_answer(form, issue(svc, form))),
                        ACS_FRAMING, fault)


async def get_error(request: web.Request) -> web.Response:
    w = sso_wire()
    code = request.query.get(w.relay_query("response_code"), "")
    message = request.query.get(w.relay_query("response_message"), "")
    return sso_pages.message_page(200, "The payment page could not be opened",
                        f"{message} (code {code})", "ERROR")


def add_routes(app: web.Application) -> None:
    """The ACS endpoint, the SSOError page and every target page."""
    w = sso_wire()
    app.router.add_post(w.path("acs"), post_acs)
    app.router.add_get(w.path("sso_error"), get_error)
    for key, path in w.targets().items():
        app.router.add_get(path, sso_pages.get_handler(key))
        app.router.add_post(path, sso_pages.post_handler(key))
