"""The aiohttp application: refuse early and briefly, store, then (and only then) 200.

Order of checks, cheapest first: source address (403), credentials (401), size (413), media
type (415), body (400), store (503). Reason phrases are short and fixed, so the partner can
show them as the posting message; details go to our log, never a stack trace to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.formats import UnsupportedFormat, parser_for
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
CLIENT_IP: web.RequestKey[str] = web.RequestKey("client_ip", str)


def refuse(status: int, reason: str) -> web.Response:
    return web.Response(status=status, reason=reason, text=reason + "\n")


@web.middleware
async def no_stack_traces(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        return refuse(exc.status, exc.reason)
    except Exception:
        log.exception("webhook request failed")
        return refuse(500, "Internal error")


@web.middleware
async def allowlist(request: web.Request, handler: Handler) -> web.StreamResponse:
    config = request.app[CONFIG]
    peer = request.transport.get_extra_info("peername") if request.transport else None
    ip = client_ip(str(peer[0]) if peer else "", request.headers.get("X-Forwarded-For"),
                   config.proxy_networks())
    if not source_allowed(ip, config.allowed_networks()):
        log.warning("webhook refused from %s: not on the allowlist", ip)
        return refuse(403, "Source not allowed")
    request[CLIENT_IP] = ip
    return await handler(request)


@web.middleware
async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    authorization = request.headers.get("Authorization")
    basic, bearer = request.app[BASIC], request.app[BEARER]
    if basic is not None and not basic.check(authorization):
        return _challenge('Basic realm="webhooks"')
    if bearer is not None:
        try:
            await bearer.validate(authorization)
        except TokenRejected as exc:
            log.warning("webhook bearer token refused: %s", exc)
            return _challenge('Bearer error="invalid_token"')
    return await handler(request)


def _challenge(scheme: str) -> web.Response:
    response = refuse(401, "Unauthorized")
    response.headers["WWW-Authenticate"] = scheme
    return response


async def receive(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    if request.content_length is not None and request.content_length > config.max_body:
        return refuse(413, "Body too large")
    try:
        parse = parser_for(request.headers.get("Content-Type", ""))
    except UnsupportedFormat:
        return refuse(415, "Use JSON, XML or NVP")
    body = await request.read()   # bounded by client_max_size: 413 beyond it
    try:
        message = parse(body)
    except BodyError as exc:
        return refuse(400, str(exc))
    try:
        result = await request.app[STORE].save(message, request.get(CLIENT_IP, ""))
    except Exception:
        log.exception("webhook store failed; the sender will retry")
        return refuse(503, "Store unavailable")
    if result.duplicate:
        return web.Response(status=200, reason="OK", text="Duplicate, already stored\n")
    log.info("webhook %s stored as %d (%s %s)", message.trigger or "?", result.id,
             message.format, "" if message.trigger_known else "unknown trigger")
    return web.Response(status=200, reason="OK", text="Stored\n")


def build_app(config: ReceiverConfig, store: WebhookStore,
              bearer: BearerValidator | None = None) -> web.Application:
    app = web.Application(middlewares=[no_stack_traces, allowlist, authenticate],
                          client_max_size=config.max_body)
    app[CONFIG] = config
    app[STORE] = store
    app[BEARER] = bearer
    app[BASIC] = (BasicCredentials(config.basic_user, config.basic_password)
                  if config.basic_user else None)
    app.router.add_post("/{tail:.*}", receive)
    return app
