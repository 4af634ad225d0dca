"""The hosted payment page (RelayState URL) that an SSO token opens.

A real, plain HTML form (resources/html/sso_payment.html) so the app's embedded browser and
staff training see what a patient-facing page does. Paying charges through the same core as
every protocol (found later by its token, as ViewReceipt does) and marks the token
COMPLETE, which the app's poller then sees.
"""

from __future__ import annotations

import html
from functools import cache
from string import Template

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import Services, services
from desktop_app.sandbox.errors import is_error_reply
from desktop_app.sandbox.rules import PARTIAL
from desktop_app.sandbox.sso_tokens import EXPIRED, NEW, SsoToken
from desktop_app.sandbox.table import req, table

CARD_FIELDS = ("card_number", "card_cvv", "cardholder_name")
# The page's own form (resources/html/sso_payment.html) still posts these names.
FORM_EXPIRY = ("cardExpirationMonth", "cardExpirationYear")


@cache
def _template(name: str) -> Template:
    from desktop_app.paths import resources_dir
    return Template((resources_dir() / "html" / name).read_text(encoding="utf-8"))


def message_page(status: int, title: str, message: str, state: str) -> web.Response:
    body = _template("sso_message.html").substitute(
        title=html.escape(title), message=html.escape(message), status=html.escape(state))
    return web.Response(status=status, text=body, content_type="text/html")


def form_page(token: SsoToken, error: str = "", status: int = 200) -> web.Response:
    alert = f'<p class="error" id="error" role="alert">{html.escape(error)}</p>' if error else ""
    body = _template("sso_payment.html").substitute(
        amount=html.escape(f"${token.amount.wire()}"), patient=html.escape(token.patient_id or
                                                                          "not given"),
        token=html.escape(token.token, quote=True), error=alert,
        action=html.escape(table().paths["sso_page"], quote=True))
    return web.Response(status=status, text=body, content_type="text/html")


def _usable(svc: Services, token_text: str) -> SsoToken | web.Response:
    token = svc.state.tokens.get(token_text)
    status = svc.state.tokens.status(token_text)
    if token is None or status is None:
        return message_page(404, "Payment link not found",
                            "This payment link is not valid. Ask the front desk for a new one.",
                            "UNKNOWN")
    if status == EXPIRED:
        return message_page(410, "Payment page expired", "This payment page has expired; "
                            "nothing was charged. Ask the front desk for a new link.", EXPIRED)
    if status != NEW:
        return message_page(200, "Payment complete", "This payment was already made.", status)
    return token


async def get_page(request: web.Request) -> web.Response:
    found = _usable(services(request), request.query.get("token", ""))
    return found if isinstance(found, web.Response) else form_page(found)


def _charge_fields(account: Account, token: SsoToken, form: dict[str, str]) -> dict[str, str]:
    """The page's payment as a sale in our keys."""
    token.attempts += 1
    fields = {"merchant_id": account.merchant_id, "store_id": account.store_id,
              "terminal_id": account.terminal_id, "amount": token.amount.wire(),
              "sso_token": token.token, "card_present_status": "NotPresentInternet"}
    if token.patient_id:
        fields["patient_id"] = token.patient_id
    for key in CARD_FIELDS:
        text = form.get(req(key), "").strip().replace(" ", "")
        if key == "cardholder_name":
            text = form.get(req(key), "").strip()
        if text:
            fields[key] = text
    month, year = (form.get(name, "").strip() for name in FORM_EXPIRY)
    if month or year:
        fields["card_exp_date"] = f"{month.zfill(2)}-{year[-2:]}"
    return fields


async def post_page(request: web.Request) -> web.Response:
    svc = services(request)
    posted = await request.post()
    form = {k: v for k, v in posted.items() if isinstance(v, str)}
    found = _usable(svc, form.get("token") or request.query.get("token", ""))
    if isinstance(found, web.Response):
        return found
    account = next((a for a in svc.settings.accounts if a.account_id == found.account_id), None)
    if account is None:
        return message_page(404, "Payment link not found", "This payment link's account is "
                            "no longer set up in the sandbox.", "UNKNOWN")
    reply = svc.processor.process(account, "sale", _charge_fields(account, found, form))
    if is_error_reply(reply):
        message = reply["error_message"].partition(" with Reference Number")[0]
        return form_page(found, f"Please check the card details: {message}.", status=400)
    code = reply["response_code"]
    if table().status_of(code) not in ("approved", "partially_approved"):
        return form_page(found, f"Declined: {reply['response_message']}. "
                                "Please try another card.")
    found.transaction_id = reply["transaction_id"]
    approved = reply.get("partial_approval_amount") or reply["amount"]
    text = (f"Approved ${approved} on {reply['card_brand']} "
            f"ending {reply['last_four']}. Authorization {reply['auth_code']}.")
    if code == PARTIAL:
        text = f"{reply['response_message']}; the rest is still due. " + text
    return message_page(200, "Payment complete", text, "COMPLETE")
