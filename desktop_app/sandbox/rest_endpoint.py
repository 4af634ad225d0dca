"""REST: the same wire fields as one JSON object, refusals as HTTP status + JSON body.

Values are strings on the wire; plain JSON numbers are accepted and kept exactly (parsed as
Decimal, never float) because hand-written REST calls send them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import GatewayRefusal, invalid, is_error_reply
from desktop_app.sandbox.nvp_endpoint import read_request, render
from desktop_app.sandbox.pipeline import Framing, Job, run_payment
from desktop_app.sandbox.soap_xml import SOAP11, fault

INJECTED = "The gateway could not process the request (sandbox fault injection)"
_STATUS = {"400": 400, "401": 401, "404": 404, "409": 409}


def json_response(reply: dict[str, str]) -> web.Response:
    """A reply in our keys, as JSON under the NVP names (interim framing)."""
    status = 200
    if is_error_reply(reply):
        status = _STATUS.get(reply["error_code"], 500)
    return web.json_response(render(reply), status=status)


def _value(name: str, raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return str(raw)
    raise invalid(f"{name[:64]} must be a string")


def parse_json(body: bytes) -> dict[str, str]:
    try:
        data = json.loads(body.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise invalid("The request body must be a JSON object") from None
    if not isinstance(data, dict):
        raise invalid("The request body must be a JSON object")
    return {str(k): _value(str(k), v) for k, v in data.items()}


async def read(request: web.Request, account: Account) -> Job:
    fields = parse_json(await request.read())
    kind, values = read_request(fields)  # interim: the NVP names as JSON keys
    processor = services(request).processor
    return Job(fields, lambda: json_response(processor.process(account, kind, values)))


def _unauthorized() -> web.Response:
    return json_response(GatewayRefusal("401", "The account ID or password was not accepted")
                         .fields())


FRAMING = Framing(
    unauthorized=_unauthorized,
    refusal=lambda r: json_response(r.fields()),
    soap_fault=lambda: web.Response(status=500, body=fault(SOAP11, False, INJECTED),
                                    headers={"Content-Type": "text/xml; charset=utf-8"}),
)


async def post_rest(request: web.Request) -> web.StreamResponse:
    return await run_payment(request, FRAMING, read)
