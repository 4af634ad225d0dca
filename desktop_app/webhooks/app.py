"""The aiohttp application: refuse early and briefly, store, then (and only then) 200.

Order of checks, cheapest first: source address (403; the TCP peer was already checked at
accept by ``guard``), credentials (401), size (413), media type (415), body read in time
(408), body (400), store (503). Reason phrases are short and fixed, so the partner can show
them as the posting message. A client error is one short, rate-limited log line; only our
own failures (5xx) log a traceback. Whatever a client sent is escaped before it is logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.formats import UnsupportedFormat, parser_for
from desktop_app.webhooks.guard import Guard
from desktop_app.webhooks.logsafe import ClientErrorLog, escape
from desktop_app.webhooks.message import BodyError
from desktop_app.webhooks.oauth import BearerValidator, TokenRejected
from desktop_app.webhooks.security import BasicCredentials, client_ip, source_allowed
from desktop_app.webhooks.store import WebhookStore

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
STORE: web.AppKey[WebhookStore] = web.AppKey("store", WebhookStore)
CONFIG: web.AppKey[ReceiverConfig] = web.AppKey("config", ReceiverConfig)
BEARER: web.AppKey[BearerValidator | None] = web.AppKey("bearer")
BASIC: web.AppKey[BasicCredentials | None] = web.AppKey("basic")
GUARD: web.AppKey[Guard] = web.AppKey("guard", Guard)
CLIENT_IP: web.RequestKey[str] = web.RequestKey("client_ip", str)


def refuse(request: web.Request, status: int, reason: str) -> web.Response:
    """A 4xx: one short log line (rate-limited), the reason as the body."""
    request.app[GUARD].refused(status, reason, request.get(CLIENT_IP) or _peer(request))
    return web.Response(status=status, reason=reason, text=reason + "\n")


def _peer(request: web.Request) -> str:
    peer = request.transport.get_extra_info("peername") if request.transport else None
    return str(peer[0]) if peer else ""


@web.middleware
async def paced(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Headers are in: stop the header clock; restart it for the next request when done."""
    guard = request.app[GUARD]
    guard.request_started(request.transport)
    try:
        return await handler(request)
    finally:
        guard.request_finished(request.transport)


@web.middleware
async def no_stack_traces(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 500:
            return web.Response(status=exc.status, reason=exc.reason, text=exc.reason + "\n")
        return refuse(request, exc.status, exc.reason)
    except Exception:
        log.exception("webhook request failed")
        return web.Response(status=500, reason="Internal error", text="Internal error\n")


@web.middleware
async def allowlist(request: web.Request, handler: Handler) -> web.StreamResponse:
    config = request.app[CONFIG]
    ip = client_ip(_peer(request), request.headers.getall("X-Forwarded-For", []),
                   config.proxy_networks())
    request[CLIENT_IP] = ip
    if not source_allowed(ip, config.allowed_networks()):
        return refuse(request, 403, "Source not allowed")
    return await handler(request)


@web.middleware
async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    authorization = request.headers.get("Authorization")
    basic, bearer = request.app[BASIC], request.app[BEARER]
    if basic is not None and not basic.check(authorization):
        return _challenge(request, 'Basic realm="webhooks"', "Unauthorized")
    if bearer is not None:
        try:
            await bearer.validate(authorization)
        except TokenRejected as exc:
            return _challenge(request, 'Bearer error="invalid_token"', f"Unauthorized: {exc}")
    return await handler(request)


def _challenge(request: web.Request, scheme: str, why: str) -> web.Response:
    refuse(request, 401, why)  # the log line says why; the caller only "Unauthorized"
    response = web.Response(status=401, reason="Unauthorized", text="Unauthorized\n")
    response.headers["WWW-Authenticate"] = scheme
    return response


async def receive(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    if request.content_length is not None and request.content_length > config.max_body:
        return refuse(request, 413, "Body too large")
    try:
        parse = parser_for(request.headers.get("Content-Type", ""))
    except UnsupportedFormat:
        return refuse(request, 415, "Use JSON, XML or NVP")
    try:
        async with asyncio.timeout(config.body_timeout):
            body = await request.read()   # bounded by client_max_size: 413 beyond it
    except TimeoutError:
        response = refuse(request, 408, "Request Timeout")
        response.force_close()
        return response
    try:
        message = parse(body, config.reference_slot)
    except BodyError as exc:
        return refuse(request, 400, str(exc))
    try:
        result = await request.app[STORE].save(message, request.get(CLIENT_IP, ""))
    except Exception as exc:
        log.warning("webhook store failed (%s); the sender will retry", type(exc).__name__)
        return web.Response(status=503, reason="Store unavailable", text="Store unavailable\n")
    if result.duplicate:
        return web.Response(status=200, reason="OK", text="Duplicate, already stored\n")
    log.info("webhook %s stored as %d (%s%s) transaction %s", escape(message.trigger, 64),
             result.id, message.format, "" if message.update_known else ", unknown update",
             escape(message.transaction_id, 80))
    return web.Response(status=200, reason="OK", text="Stored\n")


def build_app(config: ReceiverConfig, store: WebhookStore, guard: Guard,
              bearer: BearerValidator | None = None) -> web.Application:
    app = web.Application(middlewares=[paced, no_stack_traces, allowlist, authenticate],
                          client_max_size=config.max_body)
    app[CONFIG] = config
    app[STORE] = store
    app[BEARER] = bearer
    app[GUARD] = guard
    app[BASIC] = (BasicCredentials(config.basic_user, config.basic_password)
                  if config.basic_user else None)
    app.router.add_post("/{tail:.*}", receive)
    return app


def new_guard(config: ReceiverConfig) -> Guard:
    refused = ClientErrorLog(log, config.client_error_burst, config.client_error_per_second)
    return Guard(config.admitted_networks(), config.max_connections, config.header_timeout,
                 refused)
