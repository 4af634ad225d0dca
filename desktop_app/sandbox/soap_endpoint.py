"""SOAP 1.1 and 1.2 for PaymentService (ProcessTransaction, ProcessEDI), plus ``?WSDL``
service descriptions and the envelope handling SSOService (``sso_service.py``) shares.

The version is chosen by Content-Type, as SOAP specifies (text/xml: 1.1, application/soap+xml:
1.2), and the reply uses the same version. Refusals that NVP reports as errorCode fields are
SOAP faults here, HTTP 500, with the errorCode in the fault detail.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import invalid, is_error_reply
from desktop_app.sandbox.nvp_endpoint import read_request, render
from desktop_app.sandbox.pipeline import Framing, Job, Reader, run_payment, with_challenge
from desktop_app.sandbox.soap_xml import (
    CONTENT_TYPES,
    PAYMENT_NS,
    SOAP11,
    SOAP12,
    Call,
    EnvelopeError,
    child_text,
    fault,
    read_call,
    string_reply,
    transaction_fields,
    transaction_reply,
)
from desktop_app.sandbox.wsdl import served_wsdl

INJECTED = "The gateway could not process the request (sandbox fault injection)"


def soap_version(request: web.Request) -> str | None:
    return {"text/xml": SOAP11, "application/soap+xml": SOAP12}.get(request.content_type)


def xml_response(soap_ns: str, body: bytes, status: int = 200) -> web.Response:
    ctype = f"{CONTENT_TYPES[soap_ns]}; charset=utf-8"
    return web.Response(status=status, body=body, headers={"Content-Type": ctype})


def refusal_response(soap_ns: str, code: str, message: str) -> web.Response:
    client_error = code.startswith("4")
    return xml_response(soap_ns, fault(soap_ns, client_error, message, code), status=500)


def framing(soap_ns: str) -> Framing:
    return Framing(
        unauthorized=lambda: web.Response(
            status=401, text="401 Unauthorized: the account ID or password was not accepted"),
        refusal=lambda r: refusal_response(soap_ns, r.code, r.message),
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
        call = await read_operation(request, soap_ns, PAYMENT_NS)
        processor = services(request).processor
        if call.operation == "ProcessTransaction":
            try:
                fields = transaction_fields(call)
            except EnvelopeError as exc:
                raise invalid(str(exc)) from None
            kind, values = read_request(fields)  # interim: NVP names inside the envelope

            def work() -> web.Response:
                reply = processor.process(account, kind, values)
                if is_error_reply(reply):
                    return refusal_response(soap_ns, reply["error_code"],
                                            reply["error_message"])
                return xml_response(soap_ns, transaction_reply(soap_ns, render(reply)))

            return Job(fields, work)
        if call.operation == "ProcessEDI":
            edi = child_text(call.element, "edi") or ""
            ack = f"ACK:{len(edi)}"
            return Job({"operation": "ProcessEDI"}, lambda: xml_response(
                soap_ns, string_reply(soap_ns, PAYMENT_NS, "ProcessEDI", ack)))
        raise invalid(f"Unknown operation {call.operation}")
    return read


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
