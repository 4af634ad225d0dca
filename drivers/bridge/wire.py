"""The bridge's framing: our own protocol, both ends are Front Desk Pay (no third-party wire).

A frame is a 4-byte big-endian length, a kind byte and a body. Control frames carry JSON;
``DATA`` carries an 8-byte stream offset and the device's own bytes, untouched; ``PING`` is
the heartbeat and carries how many bytes its sender has received, so each end can forget
what the other has and resend only what it lacks after a reconnect (never lost, never twice).
"""

from __future__ import annotations

import asyncio
import enum
import json
import struct
from typing import Any

from drivers.errors import DeviceError

HEADER = struct.Struct(">IB")
OFFSET = struct.Struct(">Q")
MAX_BODY = 1 << 20
VERSION = 1


class Kind(enum.IntEnum):
    HELLO = 1   # client → bridge: {"op": "pair" | "list" | "open", ...}
    REPLY = 2   # bridge → client: {"ok": true, ...} or {"ok": false, "error": "..."}
    DATA = 3    # either way: offset + device bytes
    PING = 4    # either way: bytes received so far
    CLOSE = 5   # either way: {"reason": "..."}; the device channel ends


class BridgeProtocolError(DeviceError):
    """The other end sent something that is not a bridge frame."""


def frame(kind: Kind, body: bytes = b"") -> bytes:
    return HEADER.pack(len(body), kind) + body


def message(kind: Kind, **fields: Any) -> bytes:
    return frame(kind, json.dumps(fields, separators=(",", ":")).encode())


def data(offset: int, payload: bytes) -> bytes:
    return frame(Kind.DATA, OFFSET.pack(offset) + payload)


def ping(received: int) -> bytes:
    return frame(Kind.PING, OFFSET.pack(received))


async def read_frame(reader: asyncio.StreamReader) -> tuple[Kind, bytes]:
    """One frame; ``asyncio.IncompleteReadError`` at end of stream."""
    length, kind = HEADER.unpack(await reader.readexactly(HEADER.size))
    if length > MAX_BODY:
        raise BridgeProtocolError(f"bridge frame of {length} bytes is too long")
    body = await reader.readexactly(length)
    try:
        return Kind(kind), body
    except ValueError:
        raise BridgeProtocolError(f"unknown bridge frame kind {kind}") from None


def json_body(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except ValueError:
        raise BridgeProtocolError("bridge control frame is not JSON") from None
    if not isinstance(value, dict):
        raise BridgeProtocolError("bridge control frame is not an object")
    return value


def offset_body(body: bytes) -> tuple[int, bytes]:
    if len(body) < OFFSET.size:
        raise BridgeProtocolError("bridge frame too short for its offset")
    return OFFSET.unpack_from(body)[0], body[OFFSET.size:]


class Outbox:
    """Bytes sent on a stream and kept until the other end says it has them."""

    def __init__(self) -> None:
        self.base = 0
        self._buf = bytearray()

    @property
    def end(self) -> int:
        return self.base + len(self._buf)

    def __len__(self) -> int:
        return len(self._buf)

    def append(self, payload: bytes) -> int:
        """Keep ``payload``; returns its stream offset."""
        offset = self.end
        self._buf += payload
        return offset

    def acknowledge(self, received: int) -> None:
        if received > self.end:
            raise BridgeProtocolError("the other end acknowledged bytes never sent")
        if received > self.base:
            del self._buf[:received - self.base]
            self.base = received

    def since(self, received: int) -> bytes:
        """What the other end lacks when it has ``received`` bytes."""
        if not self.base <= received <= self.end:
            raise BridgeProtocolError("the other end's stream position cannot be resumed")
        return bytes(self._buf[received - self.base:])


def fresh(offset: int, payload: bytes, received: int) -> bytes:
    """The part of a DATA frame not yet received (a resend may overlap what arrived)."""
    if offset > received:
        raise BridgeProtocolError("bridge data arrived with a gap")
    return payload[received - offset:]
