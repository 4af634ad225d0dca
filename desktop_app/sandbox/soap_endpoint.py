"""SOAP 1.1 and 1.2 for the typed payment service (``DoCreditCardAuthAndCapt``, ...), plus
``?WSDL`` service descriptions and the envelope handling SSOService (``sso_service.py``) shares.

The version is chosen by Content-Type, as SOAP specifies (text/xml: 1.1, application/soap+xml:
1.2), and the reply uses the same version. As an ASP.NET .asmx does, a SOAP 1.1 request is
routed by its SOAPAction header, which must name an operation (namespace + operation) and
match the body's element; SOAP 1.2 carries the action in the Content-Type, and without one the
body's element decides. Those protocol errors are Client faults; refusals that NVP reports as
errorCode fields are SOAP faults too, HTTP 500, with the errorCode in the fault detail.
Operation and element names come from resources/protocol/soap.json (``wsdl.soap_table``).
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.helpers import parse_mimetype

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import GatewayRefusal, invalid, is_error_reply
from desktop_app.sandbox.pipeline import Framing, Job, Reader, run_payment, with_challenge
from desktop_app.sandbox.soap_xml import (
    CONTENT_TYPES,
    PAYMENT_NS,
    SOAP11,
    SOAP12,
    Call,
    EnvelopeError,
    fault,
    parameter_text,
    read_call,
    typed_reply,
    typed_request,
)
from desktop_app.sandbox.wsdl import Operation, served_wsdl, soap_table

INJECTED = "The gateway could not process the request (sandbox fault injection)"
MASK = "XXXXXXXXXXXX"  # a masked card number's hidden digits (format unconfirmed, soap.json)


def soap_version(request: web.Request) -> str | None:
    return {"text/xml": SOAP11, "application/soap+xml": SOAP12}.get(request.content_type)


def xml_response(soap_ns: str, body: bytes, status: int = 200) -> web.Response:
    ctype = f"{CONTENT_TYPES[soap_ns]}; charset=utf-8"
    return web.Response(status=status, body=body, headers={"Content-Type": ctype})


def refusal_response(soap_ns: str, code: str, message: str) -> web.Response:
    client_error = not code or code.startswith("4")
    return xml_response(soap_ns, fault(soap_ns, client_error, message, code), status=500)


def framing(soap_ns: str) -> Framing:
    return Framing(
        unauthorized=lambda: web.Response(
            status=401, text="401 Unauthorized: the account ID or password was not accepted"),
        refusal=lambda r: refusal_response(soap_ns, "" if isinstance(r, ProtocolFault)
                                           else r.code, r.message),
        soap_fault=lambda: xml_response(soap_ns, fault(soap_ns, False, INJECTED), status=500),
    )


async def read_operation(request: web.Request, soap_ns: str, service_ns: str) -> Call:
    try:
        call = read_call(await request.read(), soap_ns)
    except EnvelopeError as exc:
        raise invalid(str(exc)) from None
    if call.namespace != service_ns:
        raise invalid(f"Unknown operation {{{call.namespace}}}{call.operation}")
    return call


def payment_reader(soap_ns: str) -> Reader:
    async def read(request: web.Request, account: Account) -> Job:
        body = await request.read()
        try:
            call = read_call(body, soap_ns)
        except EnvelopeError as exc:
            raise invalid(str(exc)) from None
        operation = route(request, soap_ns, call)
        try:
            elements = (typed_request(call, "transaction") if not operation.parameter
                        else {operation.parameter: parameter_text(call, operation.parameter)})
        except EnvelopeError as exc:
            raise invalid(str(exc)) from None
        kind, values = request_values(operation, elements, account)
        processor = services(request).processor

        def work() -> web.Response:
            reply = processor.process(account, kind, values)
            if is_error_reply(reply):
                return refusal_response(soap_ns, reply["error_code"], reply["error_message"])
            elements = {**outlet(values), **reply_elements(reply)}
            return xml_response(soap_ns, typed_reply(soap_ns, operation.name,
                                                     operation.response_type, elements))

        return Job(elements, work)  # a fault's "match" names wire elements, as NVP's
    return read


class ProtocolFault(GatewayRefusal):
    """What .asmx itself answers before any payment code runs: a Client fault, no errorCode."""

    def __init__(self, message: str) -> None:
        super().__init__("400", message)
        self.message = message


def route(request: web.Request, soap_ns: str, call: Call) -> Operation:
    """The operation a request names, checked against its body as .asmx checks it."""
    operations = soap_table().operations
    action = soap_action(request, soap_ns)
    if action is None:  # SOAP 1.2 without action=: the body's element decides
        name = call.operation if call.namespace == PAYMENT_NS else ""
    else:
        prefix, _, name = action.rpartition("/")
        if prefix + "/" != PAYMENT_NS:
            name = ""
    operation = operations.get(name)
    if operation is None:
        shown = action if action is not None else f"{{{call.namespace}}}{call.operation}"
        raise ProtocolFault(f"Server did not recognize the value of HTTP Header SOAPAction: "
                            f"{shown[:120]}.")
    if call.namespace != PAYMENT_NS or call.operation != operation.name:
        raise ProtocolFault(f"Server was unable to read request. <{call.operation[:64]} "
                            f"xmlns='{call.namespace[:80]}'> was not expected.")
    return operation


def soap_action(request: web.Request, soap_ns: str) -> str | None:
    """SOAP 1.1: the SOAPAction header (quotes stripped; absent reads as empty).
    SOAP 1.2: the action= parameter of the Content-Type, or None."""
    if soap_ns == SOAP11:
        return request.headers.get("SOAPAction", "").strip().strip('"')
    action = parse_mimetype(request.headers.get("Content-Type", "")).parameters.get("action")
    return action.strip('"') if action else None


def request_values(operation: Operation, elements: dict[str, str], account: Account
                   ) -> tuple[str, dict[str, str]]:
    """Our kind and our request keys from the typed request's elements (path → text)."""
    table = soap_table()
    if operation.parameter:
        # One value, no outlet elements: the login says which outlet it is.
        values = {operation.parameter_key: elements[operation.parameter],
                  "merchant_id": account.merchant_id, "store_id": account.store_id,
                  "terminal_id": account.terminal_id}
    else:
        values = {}
        for path, text in elements.items():
            key = table.request_key(path)
            if key is not None and text:
                values[key] = text
    kind = next((k for k, key in operation.when.items() if values.get(key)),
                operation.kinds[0])
    return kind, values


def outlet(values: dict[str, str]) -> dict[str, str]:
    """MerchantID, StoreID, TerminalID as the request gave them: every card and eCheck reply
    type extends the request's base type, so the sandbox fills them (whether the real service
    echoes them is not shown: soap.json ``sandbox_echo``)."""
    table = soap_table()
    return {path: values[key] for key in table.raw["sandbox_echo"]["keys"]
            if values.get(key) and (path := table.request_path(key))}


def reply_elements(reply: dict[str, str]) -> dict[str, str]:
    """Reply keys → element paths; keys the typed reply has no element for are not sent."""
    table = soap_table()
    out: dict[str, str] = {}
    for key, value in reply.items():
        placed = table.reply_path(key)
        if placed is None or not value:
            continue
        path, derive = placed
        out[path] = MASK + value if derive == "last_four_digits" else value
    return out


def unsupported() -> web.Response:
    return web.Response(status=415, text="Use Content-Type text/xml (SOAP 1.1) or "
                                         "application/soap+xml (SOAP 1.2)")


async def post_payment(request: web.Request) -> web.StreamResponse:
    soap_ns = soap_version(request)
    if soap_ns is None:
        return unsupported()
    return await run_payment(request, framing(soap_ns), payment_reader(soap_ns))


def describe(name: str, path: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    """GET handler: ``?WSDL`` serves the description, otherwise a short service page."""
    async def get(request: web.Request) -> web.Response:
        if services(request).account_for(request) is None:
            return with_challenge(web.Response(status=401, text="401 Unauthorized"))
        if any(key.lower() == "wsdl" for key in request.query):
            location = services(request).state.base_url + path
            return web.Response(body=served_wsdl(name, location),
                                headers={"Content-Type": "text/xml; charset=utf-8"})
        title = html.escape(f"{name.title()} service")
        return web.Response(text=f"<!doctype html><title>{title}</title><h1>{title}</h1>"
                                 f"<p><a href='{html.escape(path)}?WSDL'>Service description"
                                 "</a></p>", content_type="text/html")
    return get
