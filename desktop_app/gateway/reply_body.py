"""Reading a reply body within a bound, compressed or not.

The bound counts the bytes after decompression, and decompression itself is bounded: a
200 KB gzip body can inflate to 200 MB, and httpx's own decoder inflates each network chunk
whole (143 MB peak measured for that body), so the transport reads raw bytes and inflates
them here with ``max_length``. We ask for gzip or deflate only; any other encoding, a
stream that is not what it says, or one that stops short is unreadable, so unknown.
"""

from __future__ import annotations

import zlib

import httpx

from desktop_app.gateway.errors import OutcomeUnknown

ACCEPT_ENCODING = "gzip, deflate"
_ZLIB_OR_GZIP = 32 + zlib.MAX_WBITS  # zlib's automatic header detection


def too_large(detail: str) -> OutcomeUnknown:
    return OutcomeUnknown("The gateway's reply was far larger than any real answer.",
                          detail=f"reply too large: {detail}")


def _unreadable(detail: str) -> OutcomeUnknown:
    return OutcomeUnknown("The gateway's reply could not be read.", detail=detail)


class _Inflater:
    """Feeds compressed chunks, never holding more than ``limit`` inflated bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        self._z = zlib.decompressobj(_ZLIB_OR_GZIP)

    def feed(self, data: bytes) -> None:
        try:
            while data:
                out = self._z.decompress(data, self.limit + 1 - self.size)
                self._keep(out)
                data = self._z.unconsumed_tail
        except zlib.error:
            raise _unreadable("body failed to decode (Content-Encoding)") from None

    def _keep(self, out: bytes) -> None:
        self.size += len(out)
        if self.size > self.limit:
            raise too_large(f"more than {self.limit} bytes once decompressed")
        self.parts.append(out)

    def finish(self) -> bytes:
        if not self._z.eof or self._z.unused_data:
            raise _unreadable("compressed body incomplete or followed by other data")
        return b"".join(self.parts)


async def read_bounded(response: httpx.Response, limit: int) -> bytes:
    """The body, or OutcomeUnknown as soon as it passes ``limit`` bytes (declared, read or
    inflated)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(f"Content-Length {declared}")
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", "deflate"):
        raise _unreadable(f"unexpected Content-Encoding {encoding[:20]!r}")
    inflater = _Inflater(limit) if encoding != "identity" else None
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        size += len(chunk)
        if size > limit:
            raise too_large(f"more than {limit} bytes")
        if inflater is not None:
            inflater.feed(chunk)
        else:
            chunks.append(chunk)
    return inflater.finish() if inflater is not None else b"".join(chunks)
