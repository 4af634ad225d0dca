"""REST (``/rest/payment/sale``, ``void``, ``refund-simple``, ``paymentplan``) as modobio_web
calls it: nested PascalCase JSON, the ``Api-Key``/``Api-Secret`` headers, refusals as HTTP
status codes. Names come from resources/protocol/rest.json (read here with its own small
loader: the sandbox shares no code with the client it tests).

Field names match case-insensitively; a name the table does not know is refused with 400, as
is a path or a ``PaymentMethod``/``PaymentPlanType`` no public call shows. Values are strings
on the wire; plain JSON numbers are taken exactly (Decimal, never float). A wrong or missing
key pair is 401. The reply carries only the table's names.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import Any

from aiohttp import web

from desktop_app.paths import resources_dir
from desktop_app.sandbox.accounts import Account, authenticate_keys
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import GatewayRefusal, invalid, is_error_reply
from desktop_app.sandbox.pipeline import Framing, Job, run_payment
from desktop_app.sandbox.soap_xml import SOAP11, fault
from desktop_app.sandbox.table import INFO_KEYS

INJECTED = "The gateway could not process the request (sandbox fault injection)"
_STATUS = {"400": 400, "401": 401, "404": 404, "409": 409}
_PRESENCE = {"key": "PresentManualKey"}  # Card/EntryMode → the core's cardPresentStatus
MAX_DEPTH = 4
_SALES = ("sale", "charge_saved_card")
_FIXED = ("paymentmethod", "paymentplantype")  # tell the operations of one path apart


@cache
def _table() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        (resources_dir() / "protocol" / "rest.json").read_text(encoding="utf-8"))
    return raw


def paths() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Full path → the operations (kind, entry) it serves."""
    t = _table()
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for kind, entry in t["operations"].items():
        out.setdefault(t["base_path"]["value"] + entry["path"], []).append((kind, entry))
    return out


def _info_path(key: str) -> str:
    return "AdditionalInfo" + key[-1]


def request_keys() -> dict[str, str]:
    """Lower-cased JSON path → our key (AdditionalInfo1..6 to the core's slot keys)."""
    keys = {str(e["path"]).lower(): k for k, e in _table()["request_fields"].items()
            if not e.get("reference_slot")}
    keys.update({_info_path(k).lower(): k for k in INFO_KEYS})
    keys[_table()["card_entry"]["field"].lower()] = "entry_mode"
    return keys


def _value(path: str, raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        return str(raw)
    raise invalid(f"{path[:64]} must be a string")


def leaves(data: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, str]:
    if depth > MAX_DEPTH:
        raise invalid("The request nests objects too deeply")
    out: dict[str, str] = {}
    for name, raw in data.items():
        path = prefix + str(name)
        if isinstance(raw, dict):
            out.update(leaves(raw, path + "/", depth + 1))
        else:
            out[path] = _value(path, raw)
    return out


def parse_json(body: bytes) -> dict[str, str]:
    """A JSON object → its leaves by path (Outlet/MerchantID)."""
    try:
        data = json.loads(body.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise invalid("The request body must be a JSON object") from None
    if not isinstance(data, dict):
        raise invalid("The request body must be a JSON object")
    return leaves(data)


def read_request(path: str, fields: dict[str, str]) -> tuple[str, dict[str, str]]:
    """(our kind, values in our keys) for a request to ``path``."""
    keys = request_keys()
    sent = {name.lower(): (name, text) for name, text in fields.items()}
    values: dict[str, str] = {}
    for lowered, (name, text) in sent.items():
        if lowered in _FIXED:
            continue
        key = keys.get(lowered)
        if key is None:
            raise invalid(f"{name[:64]} is not a field of this gateway's REST API")
        values[key] = text
    kind = _kind(path, sent)
    mode = values.pop("entry_mode", "")
    if mode:
        if mode.lower() not in _PRESENCE:
            raise invalid(f"Card/EntryMode {mode[:16]} is not supported")
        values["card_present_status"] = _PRESENCE[mode.lower()]
    return kind, values


def _kind(path: str, sent: dict[str, tuple[str, str]]) -> str:
    """The operation a path serves, told apart by its fixed fields (PaymentMethod ...)."""
    for kind, entry in paths().get(path, []):
        fixed = {k.lower(): v for k, v in entry.get("send", {}).items()}
        if all(sent.get(k, ("", ""))[1].lower() == v.lower() for k, v in fixed.items()):
            return kind
    given = ", ".join(f"{sent[k][0]} {sent[k][1][:20]}" for k in _FIXED if k in sent)
    raise invalid(f"{path} does not take {given or 'this request'}")


def render(reply: dict[str, str], kind: str) -> dict[str, Any]:
    """A reply in our keys → the table's nested JSON; keys the table lacks are not sent."""
    t = _table()
    aliases = {v: k for k, v in t["operations"].get(kind, {}).get("reply_aliases", {}).items()}
    names = {k: str(e["path"]) for k, e in t["response_fields"].items()
             if not e.get("reference_slot")}
    body: dict[str, Any] = {}
    for key, text in reply.items():
        path = names.get(aliases.get(key, key))
        if path is None:
            continue
        *heads, leaf = path.split("/")
        node = body
        for head in heads:
            node = node.setdefault(head, {})
        node[leaf] = text
    if kind in _SALES and reply.get("transaction_status"):  # M reads it on every sale reply
        partial = reply.get("response_code") == "010"
        body[names["partially_approved"]] = partial
        if partial:  # M: a partial approval is TransactionStatus C with IsPartiallyApproved
            body[names["transaction_status"]] = "C"
    return body


def json_response(reply: dict[str, str], kind: str = "") -> web.Response:
    status = 200
    if is_error_reply(reply):
        status = _STATUS.get(reply["error_code"], 500)
    return web.json_response(render(reply, kind), status=status)


async def read(request: web.Request, account: Account) -> Job:
    fields = parse_json(await request.read())
    kind, values = read_request(request.path, fields)
    processor = services(request).processor
    return Job(fields, lambda: json_response(processor.process(account, kind, values), kind))


def _account(request: web.Request) -> Account | None:
    t = _table()["headers"]
    return authenticate_keys(request.headers.get(t["api_key"]["name"]),
                             request.headers.get(t["api_secret"]["name"]),
                             services(request).settings.accounts)


def _unauthorized() -> web.Response:
    return json_response(GatewayRefusal("401", "The Api-Key or Api-Secret was not accepted")
                         .fields())


FRAMING = Framing(
    unauthorized=_unauthorized,
    refusal=lambda r: json_response(r.fields()),
    soap_fault=lambda: web.Response(status=500, body=fault(SOAP11, False, INJECTED),
                                    headers={"Content-Type": "text/xml; charset=utf-8"}),
    authenticate=_account,
)


async def post_rest(request: web.Request) -> web.StreamResponse:
    return await run_payment(request, FRAMING, read)


def add_routes(app: web.Application) -> None:
    for path in paths():
        app.router.add_post(path, post_rest)
