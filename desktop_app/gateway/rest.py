"""REST: for now the NVP names as one JSON object, errors as HTTP status + JSON body.

Interim framing (helper rest replaces it with the real ``/rest/payment/…`` JSON): the seam is
already ``WireRequest``/``WireReply`` in our keys, so only this module changes then.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import (
    DuplicateField,
    ambiguous,
    check_http,
    merge_pairs,
    raise_for_error_fields,
    unreadable,
)
from desktop_app.gateway.wire import WireReply, WireRequest, reply_of, wire_names


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON a gateway sends")


def _text(value: Any) -> str:
    """A field value as the wire string; numbers stay exact (Decimal, never float)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    raise ValueError("a field value that is not a string or number")


def decode_json(body: bytes) -> dict[str, str]:
    """A JSON object of scalar fields; ``DuplicateField`` for a key given twice differently."""
    data = json.loads(body, object_pairs_hook=merge_pairs, parse_float=Decimal,
                      parse_constant=_reject_constant)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return {str(k): _text(v) for k, v in data.items()}


class RestCodec:
    def __init__(self, transport: SharedTransport, base_url: str,
                 reference_slot: str = "") -> None:
        t = protocol()
        self.transport = transport
        self.url = base_url + t.paths["rest"]
        self.request_names = t.request_names(reference_slot)
        self.response_names = t.response_names(reference_slot)

    async def exchange(self, request: WireRequest) -> WireReply:
        response = await self.transport.post(self.url,
                                             json=wire_names(request, self.request_names),
                                             headers={"Accept": "application/json"})
        reply: WireReply | None
        try:
            reply = reply_of(decode_json(response.content).items(), self.response_names,
                             response.status_code)
        except DuplicateField as exc:
            raise ambiguous(str(exc)) from None
        except (ValueError, UnicodeDecodeError, RecursionError):
            reply = None
        check_http(response.status_code, reply.values if reply is not None else None)
        if reply is None:
            raise unreadable(f"HTTP {response.status_code}, unreadable JSON body")
        raise_for_error_fields(reply.values)
        return reply
