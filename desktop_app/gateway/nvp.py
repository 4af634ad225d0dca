"""HTTP POST name-value pairs: application/x-www-form-urlencoded both ways."""

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
    def __init__(self, transport: SharedTransport, base_url: str) -> None:
        self.transport = transport
        self.url = base_url + protocol().paths["nvp"]

    async def exchange(self, fields: dict[str, str]) -> dict[str, str]:
        response = await self.transport.post(self.url, content=encode_form(fields),
                                             headers={"Content-Type": FORM})
        reply: dict[str, str] | None
        try:
            reply = decode_form(response.content)
        except DuplicateField as exc:
            raise ambiguous(str(exc)) from None
        except (ValueError, UnicodeDecodeError):
            reply = None
        check_http(response.status_code, reply)
        if reply is None:
            raise unreadable(f"HTTP {response.status_code}, unreadable NVP body")
        raise_for_error_fields(reply)
        return reply
