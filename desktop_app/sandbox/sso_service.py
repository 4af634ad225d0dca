"""SSOService over SOAP 1.1 and 1.2: ``GetSSOTokenStatus``, ``GetTransactionDetails`` and
``GetTransactionDetailsByTransactionID`` as resources/wsdl/sso.wsdl types them, in
``http://tempuri.org/``.

Served at ``/providers/Forms/WebServices/SSOService.asmx`` and at the path the portal's polling
page writes without ``/providers/``. Each call authenticates in its body with the SSO login
(``accountID``, ``alias``, ``password`` = the security key), as HHK's client sends it; a wrong
one, an unknown token and a token with no transaction are SOAP faults (soap:Client, with the
gateway's errorCode in the detail).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from lxml import etree

from desktop_app.sandbox.app_state import Services, services
from desktop_app.sandbox.errors import GatewayRefusal, invalid, not_found
from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.sandbox.pipeline import Framing, Job, answer, pick_fault
from desktop_app.sandbox.soap_xml import (
    CONTENT_TYPES,
    SOAP11,
    SOAP12,
    Call,
    EnvelopeError,
    child_text,
    fault,
    read_call,
    xml_text,
)
from desktop_app.sandbox.sso_table import sso_wire
from desktop_app.sandbox.sso_tokens import SsoLogin
from desktop_app.sandbox.wsdl import served_wsdl

INJECTED = "The service could not process the request (sandbox fault injection)"
LOGIN_REFUSED = "Invalid AccountID or Password."


def _xml(soap_ns: str, body: bytes, status: int = 200) -> web.Response:
    return web.Response(status=status, body=body,
                        headers={"Content-Type": f"{CONTENT_TYPES[soap_ns]}; charset=utf-8"})


def _refusal(soap_ns: str, refusal: GatewayRefusal) -> web.Response:
    return _xml(soap_ns, fault(soap_ns, True, refusal.message, refusal.code), status=500)


def _reply(soap_ns: str, operation: str, fill: dict[str, str] | str) -> bytes:
    """``<Op>Response/<Op>Result``: a string, or the detail elements in schema order."""
    ns = sso_wire().namespace
    env = etree.Element(f"{{{soap_ns}}}Envelope", nsmap={"soap": soap_ns})
    body = etree.SubElement(env, f"{{{soap_ns}}}Body")
    wrapper = etree.SubElement(body, f"{{{ns}}}{operation}Response", nsmap={None: ns})
    result = etree.SubElement(wrapper, f"{{{ns}}}{operation}Result")
    if isinstance(fill, str):
        result.text = xml_text(fill)
    else:
        for name, text in fill.items():
            etree.SubElement(result, f"{{{ns}}}{name}").text = xml_text(text)
    return bytes(etree.tostring(env, xml_declaration=True, encoding="utf-8"))


def details(entry: LedgerEntry) -> dict[str, str]:
    """A ledger entry as BasePaymentDetailedResponse elements (no amount: the type has none)."""
    reply = entry.reply  # in our keys
    ours = {"transaction_id": entry.transaction_id,
            "transaction_status": reply.get("transaction_status", ""),
            "auth_code": reply.get("auth_code", ""), "response_code": entry.response_code,
            "response_message": reply.get("response_message", ""),
            "primary_transaction_id": entry.primary_transaction_id,
            "transaction_date": entry.timestamp.strftime("%Y-%m-%dT%H:%M:%S")}
    out = {element: ours[key] for element, key in sso_wire().details_fields().items()
           if ours.get(key)}
    out["TenderType"] = entry.transaction_type
    return out


def _login(svc: Services, call: Call) -> SsoLogin:
    w = sso_wire()
    found = svc.state.tokens.login(*(child_text(call.element, w.credential(k)) or ""
                                     for k in ("account_id", "password", "alias")))
    if found is None:
        raise GatewayRefusal("401", LOGIN_REFUSED)
    return found


def _work(svc: Services, call: Call, login: SsoLogin) -> str | dict[str, str]:
    w = sso_wire()
    token = child_text(call.element, "tokenID") or ""
    tokens, ledger = svc.state.tokens, svc.state.ledger
    if call.operation == w.operation("transaction_details_by_id"):
        txn = child_text(call.element, "transactionID") or ""
        entry = ledger.by_id(login.api_account_id, txn)
        if entry is None:
            raise not_found(f"No transaction found for transactionID {txn[:64]}")
        return details(entry)
    found = tokens.get(token)
    if found is None or found.account_id != login.api_account_id:
        raise not_found(f"Unknown SSO token {token[:64]}")
    if call.operation == w.operation("token_status"):
        return tokens.status(token) or ""
    entry = ledger.by_sso_token(login.api_account_id, token)
    if entry is None:
        raise not_found(f"No transaction found for tokenID {token[:64]}")
    return details(entry)


def _action(request: web.Request, soap_ns: str) -> str | None:
    """The SOAPAction (1.1 header; 1.2 ``action`` in the Content-Type), unquoted."""
    if soap_ns == SOAP11:
        raw = request.headers.get("SOAPAction")
    else:
        raw = next((part.partition("=")[2] for part in
                    request.headers.get("Content-Type", "").split(";")
                    if part.strip().lower().startswith("action=")), None)
    return None if raw is None else raw.strip().strip('"')


def _job(svc: Services, request: web.Request, soap_ns: str, call: Call) -> Job:
    w = sso_wire()
    operations = {w.operation(k) for k in
                  ("token_status", "transaction_details", "transaction_details_by_id")}
    if call.namespace != w.namespace or call.operation not in operations:
        raise invalid(f"Unknown operation {{{call.namespace}}}{call.operation}")
    action = _action(request, soap_ns)
    if (action is None and soap_ns == SOAP11) or action not in (None, w.namespace +
                                                                 call.operation):
        # as .NET services answer: the action must name the operation in the body
        raise invalid(f"Server did not recognize the value of SOAPAction: {str(action)[:80]}")

    def work() -> web.Response:
        try:
            return _xml(soap_ns, _reply(soap_ns, call.operation,
                                        _work(svc, call, _login(svc, call))))
        except GatewayRefusal as refusal:
            return _refusal(soap_ns, refusal)

    return Job({"operation": call.operation}, work)


def _framing(soap_ns: str) -> Framing:
    return Framing(unauthorized=lambda: web.Response(status=401),
                   refusal=lambda r: _refusal(soap_ns, r),
                   soap_fault=lambda: _xml(soap_ns, fault(soap_ns, False, INJECTED), 500))


async def post_sso(request: web.Request) -> web.StreamResponse:
    soap_ns = {"text/xml": SOAP11, "application/soap+xml": SOAP12}.get(request.content_type)
    if soap_ns is None:
        return web.Response(status=415, text="Use Content-Type text/xml (SOAP 1.1) or "
                                             "application/soap+xml (SOAP 1.2)")
    framing = _framing(soap_ns)
    try:
        call = read_call(await request.read(), soap_ns)
    except EnvelopeError as exc:
        return framing.refusal(invalid(str(exc)))
    try:
        job = _job(services(request), request, soap_ns, call)
        injected = pick_fault(request, job.fields)
    except GatewayRefusal as refusal:
        return framing.refusal(refusal)
    return await answer(request, job, framing, injected)


def describe(path: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def get(request: web.Request) -> web.Response:
        location = services(request).state.base_url + path
        if any(key.lower() == "wsdl" for key in request.query):
            return web.Response(body=served_wsdl("sso", location),
                                headers={"Content-Type": "text/xml; charset=utf-8"})
        return web.Response(text="<!doctype html><title>SSOService</title><h1>SSOService</h1>"
                                 f"<p><a href='{path}?WSDL'>Service description</a></p>",
                            content_type="text/html")
    return get


def add_routes(app: web.Application) -> None:
    for key in ("sso_service", "sso_service_without_providers"):
        path = sso_wire().path(key)
        app.router.add_post(path, post_sso)
        app.router.add_get(path, describe(path))
