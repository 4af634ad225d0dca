"""HTTP POST name-value pairs: application/x-www-form-urlencoded both ways.

We send the table's spelling (``transactionAction=AuthCapt&merchantID=…&cardExpDate=12-30``);
reply names are matched case-insensitively (``wire.reply_of``), and names the table does not
know are kept in ``WireReply.extra``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

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

FORM = "application/x-www-form-urlencoded"


def encode_form(fields: dict[str, str]) -> bytes:
    return urlencode(fields, encoding="utf-8").encode("ascii")


def decode_form(body: bytes) -> dict[str, str]:
    """Strict decode: a body that is not a form is an error, never a partial dict.

    ``+`` is a space and ``%26``/``%3D`` inside values round-trip, as the form rules say.
    A name given twice with different values raises ``DuplicateField`` (a ValueError):
    which one the gateway meant cannot be known.
    """
    text = body.decode("utf-8")
    if not text.strip():
        raise ValueError("empty body")
    pairs = parse_qsl(text.strip().rstrip("&"), keep_blank_values=True, strict_parsing=True,
                      encoding="utf-8", errors="strict")
    return merge_pairs(pairs)


class NvpCodec:
    def __init__(self, transport: SharedTransport, base_url: str,
                 reference_slot: str = "") -> None:
        t = protocol()
        self.transport = transport
        self.url = base_url + t.paths["nvp"]
        self.request_names = t.request_names(reference_slot)
        self.response_names = t.response_names(reference_slot)

    def form(self, request: WireRequest) -> dict[str, str]:
        return wire_names(request, self.request_names)

    def read(self, body: bytes, status: int) -> WireReply | None:
        """The body in our keys; None if it is not a form at all."""
        try:
            return reply_of(decode_form(body).items(), self.response_names, status)
        except DuplicateField as exc:
            raise ambiguous(str(exc)) from None
        except (ValueError, UnicodeDecodeError):
            return None

    async def exchange(self, request: WireRequest) -> WireReply:
        response = await self.transport.post(self.url, content=encode_form(self.form(request)),
                                             headers={"Content-Type": FORM})
        reply = self.read(response.content, response.status_code)
        check_http(response.status_code, reply.values if reply is not None else None)
        if reply is None:
            raise unreadable(f"HTTP {response.status_code}, unreadable NVP body")
        raise_for_error_fields(reply.values)
        return reply
