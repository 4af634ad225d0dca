"""The REST API (``/rest/payment/sale``, ``void``, ``refund-simple``, ``paymentplan``): nested
PascalCase JSON (``Outlet{MerchantID, StoreID, TerminalID}``, ``Card{…}``, ``Amount``) with
the ``Api-Key`` and ``Api-Secret`` headers, as modobio_web calls it (resources/protocol/
rest.json names every field and its source).

Money safety: every refusal raised before ``post`` (an operation no public REST call has,
such as an authorization, or a swiped card REST cannot carry) is a ``GatewayValidationError``:
nothing was sent. After the post the HTTP status and ``verdict`` decide, as for NVP: only a
2xx carries an answer, a 4xx refusal with no answer fields charged nothing, anything else is
unknown. The API password never travels here: REST authenticates with its own key pair.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from desktop_app.gateway.errors import GatewayAuthError
from desktop_app.gateway.rest_table import RestOperation, rest_table
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import (
    DuplicateField,
    ambiguous,
    check_http,
    merge_pairs,
    raise_for_error_fields,
    unreadable,
)
from desktop_app.gateway.wire import WireReply, WireRequest

MAX_DEPTH = 8  # replies are two levels deep (CardResult/LastFour); deeper is not a reply


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON a gateway sends")


def _text(value: Any) -> str:
    """A reply value as text; numbers stay exact (Decimal, never float)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    raise ValueError("a field value that is not a string, number or true/false")


def flatten(data: dict[str, Any], prefix: str = "", depth: int = 0
            ) -> Iterator[tuple[str, str]]:
    """``{"CardResult": {"LastFour": "1111"}}`` → ``("CardResult/LastFour", "1111")``."""
    if depth > MAX_DEPTH:
        raise ValueError("JSON nested too deep")
    for name, value in data.items():
        path = prefix + str(name)
        if isinstance(value, dict):
            yield from flatten(value, path + "/", depth + 1)
        else:
            yield path, _text(value)


def decode_json(body: bytes) -> list[tuple[str, str]]:
    """A JSON object's leaves; ``DuplicateField`` for a key given twice differently."""
    data = json.loads(body, object_pairs_hook=merge_pairs, parse_float=Decimal,
                      parse_constant=_reject_constant)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return list(flatten(data))


class RestCodec:
    def __init__(self, transport: SharedTransport, base_url: str, api_key: str,
                 api_secret: str, reference_slot: str = "") -> None:
        self.table = rest_table()
        self.transport = transport
        self.base_url = base_url
        self.reference_slot = reference_slot
        self.reply_keys = self.table.reply_keys(reference_slot)
        self.headers = {self.table.header("api_key"): api_key,
                        self.table.header("api_secret"): api_secret,
                        "Accept": "application/json"}

    async def exchange(self, request: WireRequest) -> WireReply:
        operation = self.table.operation(request.kind)
        body = self.body(operation, request)
        response = await self.transport.post(self.base_url + operation.path, json=body,
                                             headers=self.headers, auth=None)
        reply: WireReply | None
        try:
            reply = self.read(operation, decode_json(response.content), response.status_code)
        except DuplicateField as exc:
            raise ambiguous(f"REST reply: {exc}") from None
        except (ValueError, UnicodeDecodeError, RecursionError):
            reply = None
        try:
            check_http(response.status_code, reply.values if reply is not None else None)
        except GatewayAuthError as exc:  # REST's login is its key pair, not the password
            raise GatewayAuthError(
                "The gateway refused the REST API key or secret. Ask IT to check the gateway "
                "settings.", code=exc.code) from None
        if reply is None:
            raise unreadable(f"HTTP {response.status_code}, unreadable JSON body")
        raise_for_error_fields(reply.values)
        return reply

    def body(self, operation: RestOperation, request: WireRequest) -> dict[str, Any]:
        """Our keys → the nested JSON the path takes; refused before sending if any part of
        the request has no REST field."""
        body: dict[str, Any] = dict(operation.send)
        for key, value in request.values.items():
            path = self.table.request_path(key, self.reference_slot)
            if path is not None:
                place(body, path, value)
        if operation.card_entry and "card_number" in request.values:
            status = request.values.get("card_present_status", "")
            place(body, self.table.entry_mode_path, self.table.entry_mode(status))
        return body

    def read(self, operation: RestOperation, pairs: list[tuple[str, str]], status: int
             ) -> WireReply:
        """JSON leaves → our keys (paths matched case-insensitively); the rest in extra."""
        known: list[tuple[str, str]] = []
        extra: list[tuple[str, str]] = []
        for path, value in pairs:
            key = self.reply_keys.get(path.lower())
            if key is None:
                extra.append((path, value))
                continue
            known.append((operation.reply_aliases.get(key, key), value))
        values = merge_pairs(known)
        if (operation.saved_without_status and 200 <= status < 300
                and values.get("saved_card_id") and not values.get("transaction_status")):
            values["transaction_status"] = "O"  # rest.json: M reads a 2xx with the id as saved
        return WireReply(values, merge_pairs(extra), status)


def place(body: dict[str, Any], path: str, value: str) -> None:
    """Set ``Outlet/MerchantID`` in a nested dict."""
    *heads, leaf = path.split("/")
    node = body
    for head in heads:
        node = node.setdefault(head, {})
    node[leaf] = value
