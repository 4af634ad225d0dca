"""Bounded reading of reply bodies: compressed or not, never more than the bound in memory."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest

from desktop_app.gateway.errors import OutcomeUnknown
from desktop_app.gateway.reply_body import read_bounded

BODY = b"responseCode=000&amount=10.00&approvedAmount=10.00"


def response(data: bytes, encoding: str | None = None) -> httpx.Response:
    headers = {"Content-Encoding": encoding} if encoding else {}
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(data))


@pytest.mark.parametrize("data,encoding", [(BODY, None), (gzip.compress(BODY), "gzip"),
                                           (zlib.compress(BODY), "deflate"),
                                           (gzip.compress(BODY), "GZIP ")])
async def test_plain_and_compressed_bodies_read_whole(data: bytes, encoding: str | None) -> None:
    assert await read_bounded(response(data, encoding), 1024) == BODY


@pytest.mark.parametrize("data,encoding,match", [
    (gzip.compress(BODY)[:-8], "gzip", "could not be read"),       # stops short
    (gzip.compress(BODY) + b"tail", "gzip", "could not be read"),  # other data after it
    (b"not gzip at all", "gzip", "could not be read"),
    (BODY, "br", "could not be read"),                             # never asked for
    (BODY, "gzip, gzip", "could not be read"),
    (b"0" * 2048, None, "larger"),
    (gzip.compress(b"0" * 4096), "gzip", "larger"),                # small on the wire
])
async def test_anything_else_is_unknown(data: bytes, encoding: str, match: str) -> None:
    with pytest.raises(OutcomeUnknown, match=match):
        await read_bounded(response(data, encoding), 1024)


async def test_declared_length_over_the_bound_is_refused_unread() -> None:
    big = httpx.Response(200, headers={"Content-Length": "999999"},
                         stream=httpx.ByteStream(b""))
    with pytest.raises(OutcomeUnknown, match="larger") as info:
        await read_bounded(big, 1024)
    assert "Content-Length" in info.value.detail
