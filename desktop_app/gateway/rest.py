"""REST: the same wire fields as a JSON object, errors as HTTP status + JSON body."""

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
    def __init__(self, transport: SharedTransport, base_url: str) -> None:
        self.transport = transport
        self.url = base_url + protocol().paths["rest"]

    async def exchange(self, fields: dict[str, str]) -> dict[str, str]:
        response = await self.transport.post(self.url, json=fields,
                                             headers={"Accept": "application/json"})
        reply: dict[str, str] | None
        try:
            reply = decode_json(response.content)
        except DuplicateField as exc:
            raise ambiguous(str(exc)) from None
        except (ValueError, UnicodeDecodeError, RecursionError):
            reply = None
        check_http(response.status_code, reply)
        if reply is None:
            raise unreadable(f"HTTP {response.status_code}, unreadable JSON body")
        raise_for_error_fields(reply)
        return reply
