"""HTTP POST name-value pairs: application/x-www-form-urlencoded both ways."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from desktop_app.gateway.errors import OutcomeUnknown
from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.transport import SharedTransport, server_error
from desktop_app.gateway.wire import raise_for_error_fields

FORM = "application/x-www-form-urlencoded"


def encode_form(fields: dict[str, str]) -> bytes:
    return urlencode(fields, encoding="utf-8").encode("ascii")


def decode_form(body: bytes) -> dict[str, str]:
    """Strict decode: a body that is not a form is an error, never a partial dict.

    ``+`` is a space and ``%26``/``%3D`` inside values round-trip, as the form rules say.
    """
    text = body.decode("utf-8")
    if not text.strip():
        raise ValueError("empty body")
    pairs = parse_qsl(text.strip().rstrip("&"), keep_blank_values=True, strict_parsing=True,
                      encoding="utf-8", errors="strict")
    return dict(pairs)


class NvpCodec:
    def __init__(self, transport: SharedTransport, base_url: str) -> None:
        self.transport = transport
        self.url = base_url + protocol().paths["nvp"]

    async def exchange(self, fields: dict[str, str]) -> dict[str, str]:
        response = await self.transport.post(self.url, content=encode_form(fields),
                                             headers={"Content-Type": FORM})
        if response.status_code >= 500:
            raise server_error(response)
        try:
            reply = decode_form(response.content)
        except (ValueError, UnicodeDecodeError):
            raise OutcomeUnknown("The gateway's reply could not be read.",
                                 detail=f"HTTP {response.status_code}, unreadable NVP body"
                                 ) from None
        raise_for_error_fields(reply)
        return reply
