"""``/sandbox/*``: the trainer's and the test suite's controls (ledger, faults, webhooks, the
day's end-of-day posting file).

No login, so these answer only requests from the same machine (loopback): a sandbox bound to
a LAN address for a training room still cannot be reset or broken from another PC.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from desktop_app.sandbox import eod_835
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.eod_file import get_eod
from desktop_app.sandbox.faults import FaultSpecError
from desktop_app.sandbox.webhook_sender import EXTRA_TRIGGERS

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@web.middleware
async def loopback_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path.startswith("/sandbox/"):
        try:
            local = ipaddress.ip_address(request.remote or "").is_loopback
        except ValueError:
            local = False
        if not local:
            return _error(403, "sandbox controls answer only on this machine")
    return await handler(request)


async def _json(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text="expected a JSON body") from None


async def get_ledger(request: web.Request) -> web.Response:
    return web.json_response(services(request).state.ledger.to_json())


async def delete_ledger(request: web.Request) -> web.Response:
    ledger = services(request).state.ledger
    count = len(ledger)
    ledger.clear()
    return web.json_response({"cleared": count})


async def get_faults(request: web.Request) -> web.Response:
    return web.json_response(services(request).faults.to_json())


async def post_fault(request: web.Request) -> web.Response:
    try:
        fault = services(request).faults.add(await _json(request))
    except FaultSpecError as exc:
        return _error(400, str(exc))
    return web.json_response(fault.to_json(), status=201)


async def delete_faults(request: web.Request) -> web.Response:
    services(request).faults.clear()
    return web.json_response({"cleared": True})


async def get_webhooks(request: web.Request) -> web.Response:
    sender = services(request).webhooks
    return web.json_response({"url": sender.url, "format": sender.format})


async def post_webhooks(request: web.Request) -> web.Response:
    spec = await _json(request)
    if not isinstance(spec, dict) or not isinstance(spec.get("url", ""), str | None):
        return _error(400, "expected {\"url\": \"http://…\", \"format\": \"json|xml|nvp\"}")
    try:
        services(request).webhooks.configure(spec.get("url"), str(spec.get("format", "json")))
    except ValueError as exc:
        return _error(400, str(exc))
    return await get_webhooks(request)


async def get_deliveries(request: web.Request) -> web.Response:
    return web.json_response(services(request).webhooks.to_json())


async def post_trigger(request: web.Request) -> web.Response:
    spec = await _json(request)
    if not isinstance(spec, dict) or spec.get("trigger") not in EXTRA_TRIGGERS:
        return _error(400, f"trigger must be one of {', '.join(EXTRA_TRIGGERS)}")
    txn = str(spec.get("transactionID", ""))
    entry = next((e for e in services(request).state.ledger if e.transaction_id == txn), None)
    if entry is None:
        return _error(404, f"No transaction found for transactionID {txn[:64]}")
    delivery = services(request).webhooks.send(entry, str(spec["trigger"]))
    if delivery is None:
        return _error(409, "No webhook URL is set; POST /sandbox/webhooks first")
    return web.json_response({"delivery": delivery.id}, status=202)


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/sandbox/ledger", get_ledger)
    r.add_get("/sandbox/eod/835", eod_835.get_day_835)  # the day's posting file (issue 16)
    r.add_delete("/sandbox/ledger", delete_ledger)
    r.add_get("/sandbox/faults", get_faults)
    r.add_post("/sandbox/faults", post_fault)
    r.add_delete("/sandbox/faults", delete_faults)
    r.add_get("/sandbox/webhooks", get_webhooks)
    r.add_post("/sandbox/webhooks", post_webhooks)
    r.add_get("/sandbox/webhooks/deliveries", get_deliveries)
    r.add_post("/sandbox/webhooks/trigger", post_trigger)
    r.add_get("/sandbox/eod", get_eod)
