"""One path for every payment request, whatever the protocol: authenticate, pick up an
injected fault, run the core, frame the reply.

Keeping fault handling here means NVP, SOAP and REST misbehave identically, so a client's
error handling can be tested once per protocol against the same failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import GatewayRefusal, invalid
from desktop_app.sandbox.faults import HEADER, Fault, FaultSpecError

# Not UTF-8, not a form, not XML, not JSON: every codec must refuse it.
MALFORMED_BODY = b"\xff\xfe<<sandbox: deliberately malformed reply>> %ZZ {[&=="
REALM = 'Basic realm="Front Desk Pay sandbox gateway", charset="UTF-8"'


@dataclass(frozen=True)
class Framing:
    """How one protocol writes the answers the pipeline itself produces."""

    unauthorized: Callable[[], web.Response]
    refusal: Callable[[GatewayRefusal], web.Response]
    soap_fault: Callable[[], web.Response]
    # Who is asking; None: HTTP Basic with the account ID and password (NVP, SOAP).
    authenticate: Callable[[web.Request], Account | None] | None = None


@dataclass(frozen=True)
class Job:
    """A request that was read and understood, ready to run.

    ``work`` runs the core and builds the framed reply synchronously, so a fault that must
    charge first (drop, malformed, delay after charge) can run it and then misbehave.
    """

    fields: dict[str, str]  # what a registered fault's "match" is compared with
    work: Callable[[], web.Response]


Reader = Callable[[web.Request, Account], Awaitable[Job]]


def with_challenge(response: web.Response) -> web.Response:
    response.headers["WWW-Authenticate"] = REALM
    return response


def pick_fault(request: web.Request, fields: dict[str, str]) -> Fault | None:
    """The per-request header wins over registered faults (which it then leaves unused)."""
    try:
        return services(request).faults.take(fields, request.headers.get(HEADER))
    except FaultSpecError as exc:
        raise invalid(f"{HEADER}: {exc}") from None


async def answer(request: web.Request, job: Job, framing: Framing,
                 fault: Fault | None) -> web.StreamResponse:
    if fault is None:
        return job.work()
    if fault.mode in ("delay", "timeout"):
        await asyncio.sleep(fault.seconds)
        return job.work()
    if fault.mode == "http_500":
        return web.Response(status=500, text="Internal Server Error (sandbox fault injection)")
    if fault.mode == "soap_fault":
        return framing.soap_fault()
    response = job.work()
    if fault.mode == "malformed":
        return web.Response(status=200, body=MALFORMED_BODY, content_type="text/plain")
    if fault.mode == "drop_after_charge":
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=204)  # never written: the connection is gone
    await asyncio.sleep(fault.seconds)  # delay_after_charge
    return response


async def run_payment(request: web.Request, framing: Framing,
                      read: Reader) -> web.StreamResponse:
    """Authenticate, read the protocol's request, apply any fault, answer."""
    if framing.authenticate is not None:  # REST: its key pair; no Basic challenge
        account = framing.authenticate(request)
        if account is None:
            return framing.unauthorized()
    else:
        account = services(request).account_for(request)
        if account is None:
            return with_challenge(framing.unauthorized())
    try:
        job = await read(request, account)
        fault = pick_fault(request, job.fields)
    except GatewayRefusal as refusal:
        return framing.refusal(refusal)
    return await answer(request, job, framing, fault)
