"""The hosted pages an SSO token opens: the payment form, the save-a-card form, Cancel.

Paying runs the sandbox processor like any keyed sale (card not present: the patient keys it
on a web page), recorded with the token and the additionalInfo fields of the token request
(our reference among them), which is then complete; a declined try leaves the page open for
another card. A card saved on its page is a ``save_on_file`` transaction the same way. The
payment form's own field names are the sandbox's (the real page's are InstaMed's business and
never reach the app). The void and refund pages exist at the gateway (sso.json ``targets``)
but which original transaction they take is not public, so the sandbox only says so.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from functools import cache
from string import Template

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import Services, services
from desktop_app.sandbox.errors import is_error_reply
from desktop_app.sandbox.rules import PARTIAL
from desktop_app.sandbox.sso_page_words import page_language, words
from desktop_app.sandbox.sso_table import sso_wire
from desktop_app.sandbox.sso_tokens import EXPIRED, NEW, SsoToken
from desktop_app.sandbox.table import INFO_KEYS, req, table

Handler = Callable[[web.Request], Awaitable[web.Response]]
CARD_FIELDS = ("card_number", "card_cvv", "cardholder_name")
FORM_EXPIRY = ("cardExpirationMonth", "cardExpirationYear")  # the page's own two inputs
PAGES = ("payment", "save_on_file")  # the targets with a page of their own


@cache
def _template(name: str) -> Template:
    from desktop_app.paths import resources_dir
    return Template((resources_dir() / "html" / name).read_text(encoding="utf-8"))


def message_page(status: int, title: str, message: str, state: str) -> web.Response:
    body = _template("sso_message.html").substitute(
        title=html.escape(title), message=html.escape(message), status=html.escape(state))
    return web.Response(status=status, text=body, content_type="text/html")


def additional_info(form: dict[str, str]) -> dict[str, str]:
    """additionalInfo1..6 as the token request sent them (our reference is in one of them):
    the page's transaction stores and echoes them, as every transaction does."""
    names = {req(key).lower(): key for key in INFO_KEYS}
    return {names[k.lower()]: v.strip() for k, v in form.items()
            if k.lower() in names and v.strip()}


def language_of(request: web.Request) -> str:
    return page_language(request.headers.get("Accept-Language", ""))


def form_page(token: SsoToken, error: str = "", status: int = 200,
              language: str = "en") -> web.Response:
    alert = f'<p class="error" id="error" role="alert">{html.escape(error)}</p>' if error else ""
    amount = f"${token.amount.wire()}" if token.amount is not None else ""
    said = words(language)
    labels = {key: html.escape(said[key]) for key in (
        "sandbox_note", "patient_label", "card_label", "card_help", "month_label",
        "year_label", "cvv_label", "name_label", "cancel")}
    body = _template("sso_payment.html").substitute(
        heading=html.escape(said[f"{token.target}_heading"].format(amount=amount)),
        button=html.escape(said[f"{token.target}_button"].format(amount=amount)),
        patient=html.escape(token.patient_name or token.patient_id or said["not_given"]),
        token=html.escape(token.token, quote=True), error=alert, lang=language,
        action=html.escape(sso_wire().targets()[token.target], quote=True), **labels)
    return web.Response(status=status, text=body, content_type="text/html")


def usable(svc: Services, token_text: str, target: str) -> SsoToken | web.Response:
    token = svc.state.tokens.get(token_text)
    status = svc.state.tokens.status(token_text)
    if token is None or status is None or token.target != target:
        return message_page(404, "Payment link not found",
                            "This payment link is not valid. Ask the front desk for a new one.",
                            "UNKNOWN")
    if status == EXPIRED:
        return message_page(410, "Payment page expired", "This payment page has expired; "
                            "nothing was charged. Ask the front desk for a new link.", status)
    if status != NEW:
        return message_page(200, "Payment complete", "This payment was already made.", status)
    return token


def _charge_values(token: SsoToken, account: Account, form: dict[str, str]
                   ) -> dict[str, str]:
    """The page's card as a keyed sale (or save on file) in our keys, with the token."""
    token.attempts += 1
    values = {"merchant_id": account.merchant_id, "store_id": account.store_id,
              "terminal_id": account.terminal_id, "sso_token": token.token,
              "card_present_status": "NotPresentInternet", **token.additional_info}
    if token.amount is not None:
        values["amount"] = token.amount.wire()
    if token.patient_id:
        values["patient_id"] = token.patient_id
    for key in CARD_FIELDS:
        raw = form.get(req(key), "").strip()
        text = raw if key == "cardholder_name" else raw.replace(" ", "")
        if text:
            values[key] = text
    month, year = (form.get(name, "").strip() for name in FORM_EXPIRY)
    if month or year:
        values["card_exp_date"] = f"{month.zfill(2)}-{year[-2:]}"
    return values


def _left(url: str, title: str, message: str, state: str) -> web.Response:
    """Where the page goes when done: the client's return URL, else a message page."""
    if url:
        raise web.HTTPSeeOther(url)
    return message_page(200, title, message, state)


def _pay(svc: Services, token: SsoToken, form: dict[str, str],
         language: str = "en") -> web.Response:
    account = next((a for a in svc.settings.accounts if a.account_id == token.account_id), None)
    if account is None:
        return message_page(404, "Payment link not found", "This payment link's account is "
                            "no longer set up in the sandbox.", "UNKNOWN")
    kind = "sale" if token.target == "payment" else "save_on_file"
    reply = svc.processor.process(account, kind, _charge_values(token, account, form))
    if is_error_reply(reply):
        message = reply["error_message"].partition(" with Reference Number")[0]
        return form_page(token, words(language)["check_card"].format(message), status=400,
                         language=language)
    code = reply["response_code"]
    if table().status_of(code) not in ("approved", "partially_approved"):
        return form_page(token, words(language)["declined"].format(reply["response_message"]),
                         language=language)
    token.transaction_id = reply["transaction_id"]
    if token.target != "payment":
        text = f"Card saved: {reply['card_brand']} ending {reply['last_four']}."
    else:
        approved = reply.get("partial_approval_amount") or reply["amount"]
        text = (f"Approved ${approved} on {reply['card_brand']} ending "
                f"{reply['last_four']}. Authorization {reply['auth_code']}.")
        if code == PARTIAL:
            text = f"{reply['response_message']}; the rest is still due. " + text
    return _left(token.confirm_url, "Payment complete", text, "complete")


def get_handler(target: str) -> Handler:
    async def get(request: web.Request) -> web.Response:
        if target not in PAGES:
            return _not_offered()
        found = usable(services(request), request.query.get("token", ""), target)
        if isinstance(found, web.Response):
            return found
        return form_page(found, language=language_of(request))
    return get


def post_handler(target: str) -> Handler:
    async def post(request: web.Request) -> web.Response:
        if target not in PAGES:
            return _not_offered()
        svc = services(request)
        posted = await request.post()
        form = {k: v for k, v in posted.items() if isinstance(v, str)}
        found = usable(svc, form.get("token") or request.query.get("token", ""), target)
        if isinstance(found, web.Response):
            return found
        if form.get("action") == "cancel":
            return _left(found.cancel_url, "Payment cancelled",
                         "Nothing was charged. You can close this page.", "cancelled")
        return _pay(svc, found, form, language_of(request))
    return post


def _not_offered() -> web.Response:
    return message_page(501, "Not offered by the sandbox", "Which original transaction this "
                        "page takes is not public, so the sandbox does not offer it. Void or "
                        "refund from History instead.", "UNKNOWN")
