"""SOAP 1.1 and 1.2 for SSOService (GetSSOTokenStatus): what became of a hosted-page token."""

from __future__ import annotations

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import invalid, not_found
from desktop_app.sandbox.pipeline import Job, Reader, run_payment
from desktop_app.sandbox.soap_endpoint import (
    framing,
    read_operation,
    refusal_response,
    soap_version,
    unsupported,
    xml_response,
)
from desktop_app.sandbox.soap_xml import SSO_NS, child_text, string_reply


def sso_reader(soap_ns: str) -> Reader:
    async def read(request: web.Request, account: Account) -> Job:
        call = await read_operation(request, soap_ns, SSO_NS)
        if call.operation != "GetSSOTokenStatus":
            raise invalid(f"Unknown operation {call.operation}")
        token = child_text(call.element, "token") or ""
        tokens = services(request).state.tokens

        def work() -> web.Response:
            found = tokens.get(token)
            status = tokens.status(token)
            if found is None or status is None or found.account_id != account.account_id:
                refusal = not_found(f"Unknown SSO token {token[:64]}")
                return refusal_response(soap_ns, refusal.code, refusal.message)
            return xml_response(soap_ns, string_reply(soap_ns, SSO_NS, "GetSSOTokenStatus",
                                                      status))

        return Job({"operation": "GetSSOTokenStatus"}, work)
    return read


async def post_sso(request: web.Request) -> web.StreamResponse:
    soap_ns = soap_version(request)
    if soap_ns is None:
        return unsupported()
    return await run_payment(request, framing(soap_ns), sso_reader(soap_ns))
