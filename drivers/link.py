"""The serial/TCP link layer PIN pads use: ``STX payload ETX LRC`` with ACK/NAK.

LRC is the XOR of every byte after STX up to and including ETX. The receiver answers ACK
for a good frame and NAK for a bad checksum; the sender retransmits up to ``retries`` times.
A STX always starts a new frame, so a frame cut short by line noise is dropped and the
decoder resynchronises on the next STX. Payloads are text plus field separators and may not
contain STX, ETX, ACK or NAK (the message set never needs them; TLV travels as hex).
"""

from __future__ import annotations

import asyncio
import enum
import logging
from dataclasses import dataclass, field

from drivers.errors import DeviceDisconnected, DeviceTimeout, LinkError
from drivers.transports.base import Transport

STX, ETX, ACK, NAK = 0x02, 0x03, 0x06, 0x15
RESERVED = frozenset({STX, ETX, ACK, NAK})
MAX_PAYLOAD = 4096
log = logging.getLogger(__name__)


def lrc(data: bytes) -> int:
    value = 0
    for b in data:
        value ^= b
    return value


def encode_frame(payload: bytes) -> bytes:
    if any(b in RESERVED for b in payload):
        raise ValueError("payload contains a link control byte")
    if len(payload) > MAX_PAYLOAD:
        raise ValueError("payload too long for one frame")
    body = payload + bytes([ETX])
    return bytes([STX]) + body + bytes([lrc(body)])


class Kind(enum.Enum):
    FRAME = "frame"
    ACK = "ack"
    NAK = "nak"
    BAD_FRAME = "bad_frame"   # checksum mismatch or overlong: answer NAK


@dataclass(frozen=True)
class LinkEvent:
    kind: Kind
    payload: bytes = field(default=b"", repr=False)


class FrameDecoder:
    """Feed any bytes; get link events. Garbage outside frames is counted and skipped."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._state = "idle"  # idle | frame | lrc
        self.skipped = 0

    def feed(self, data: bytes) -> list[LinkEvent]:
        events: list[LinkEvent] = []
        for b in data:
            event = self._byte(b)
            if event is not None:
                events.append(event)
        return events

    def _byte(self, b: int) -> LinkEvent | None:
        if self._state == "lrc":
            self._state = "idle"
            body = bytes(self._buf) + bytes([ETX])
            ok = lrc(body) == b
            return LinkEvent(Kind.FRAME, bytes(self._buf)) if ok else LinkEvent(Kind.BAD_FRAME)
        if b == STX:
            self.skipped += len(self._buf) if self._state == "frame" else 0
            self._state, self._buf = "frame", bytearray()
            return None
        if self._state == "idle":
            if b in (ACK, NAK):
                return LinkEvent(Kind.ACK if b == ACK else Kind.NAK)
            self.skipped += 1
            return None
        if b == ETX:
            self._state = "lrc"
        elif b in (ACK, NAK) or len(self._buf) >= MAX_PAYLOAD:
            self._state = "idle"
            self.skipped += len(self._buf) + 1
            return LinkEvent(Kind.BAD_FRAME)
        else:
            self._buf.append(b)
        return None


class LinkSession:
    """Reliable frames over a transport: one reader task, one send at a time.

    A frame received twice because our ACK was lost is delivered twice: the message layer
    above is idempotent for status messages and the pad sends one result per transaction.
    """

    def __init__(self, transport: Transport, *, ack_timeout: float = 0.5, retries: int = 3):
        self.transport = transport
        self.ack_timeout = ack_timeout
        self.retries = retries
        self._decoder = FrameDecoder()
        self._inbox: asyncio.Queue[bytes] = asyncio.Queue()
        self._acks: asyncio.Queue[Kind] = asyncio.Queue()
        self._send_lock = asyncio.Lock()
        self._reader: asyncio.Task[None] | None = None
        self._failure: BaseException | None = None

    def start(self) -> None:
        self._reader = asyncio.create_task(self._pump(), name=f"link {self.transport.address}")

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        await self.transport.close()

    async def _pump(self) -> None:
        try:
            while True:
                for event in self._decoder.feed(await self.transport.read()):
                    await self._handle(event)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every waiter must learn the link is gone
            self._failure = exc if isinstance(exc, DeviceDisconnected) else DeviceDisconnected(
                f"Lost the connection to the device at {self.transport.address}")
            self._inbox.put_nowait(b"")
            self._acks.put_nowait(Kind.NAK)

    async def _handle(self, event: LinkEvent) -> None:
        if event.kind is Kind.FRAME:
            await self.transport.write(bytes([ACK]))
            self._inbox.put_nowait(event.payload)
        elif event.kind is Kind.BAD_FRAME:
            log.info("link %s: bad frame, sent NAK", self.transport.address)
            await self.transport.write(bytes([NAK]))
        else:
            self._acks.put_nowait(event.kind)

    def _check(self) -> None:
        if self._failure is not None:
            raise self._failure

    async def send(self, payload: bytes) -> None:
        """Send one frame and wait for its ACK, retransmitting on NAK or silence."""
        frame = encode_frame(payload)
        async with self._send_lock:
            while not self._acks.empty():
                self._acks.get_nowait()  # late ACKs from an earlier exchange
            for attempt in range(1, self.retries + 1):
                self._check()
                await self.transport.write(frame)
                try:
                    answer = await asyncio.wait_for(self._acks.get(), self.ack_timeout)
                except TimeoutError:
                    answer = None
                self._check()
                if answer is Kind.ACK:
                    return
                log.info("link %s: attempt %d not acknowledged (%s)", self.transport.address,
                         attempt, "NAK" if answer else "timeout")
        raise LinkError(f"The device at {self.transport.address} is not answering reliably. "
                        "Check its cable, then try again.")

    def drain(self) -> int:
        """Drop frames nobody asked for yet; returns how many."""
        count = 0
        while not self._inbox.empty():
            if self._inbox.get_nowait():
                count += 1
            elif self._failure is not None:
                self._inbox.put_nowait(b"")  # keep the failure marker for the next receive
                break
        return count

    async def receive(self, timeout: float) -> bytes:
        self._check()
        try:
            payload = await asyncio.wait_for(self._inbox.get(), timeout)
        except TimeoutError:
            raise DeviceTimeout(f"No answer from the device at {self.transport.address} "
                                f"within {timeout:g} seconds") from None
        self._check()
        return payload
