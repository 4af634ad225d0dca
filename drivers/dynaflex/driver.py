"""The DynaFlex reader driver: MMS over 64-byte HID reports, one EMV transaction at a time.

Start Transaction (0x1001) → transaction-status notifications (card inserted, tapped, swiped,
removed) → ARQC → an encrypted ``Tender``. With ``CaptureRequest.authorize`` the issuer's
answer goes back with Resume Transaction (0x1004) before the reader's ARPC timeout and the
capture ends at the batch data; without it the reader runs Quick Chip (it completes by itself,
8A = Z3) and the ARQC tender goes to the gateway. Every other exit sends Cancel Transaction
(0x1008), shielded, so the reader is idle again.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging

from desktop_app.domain import Tender
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind, IssuerAnswer
from drivers.dynaflex import arqc, mms
from drivers.dynaflex.mms import Command, Detail, Message, MsgType, Notice, Tech
from drivers.errors import (
    CardReadError,
    CardRemovedEarly,
    DeviceError,
    DeviceTimeout,
    ParseError,
)
from drivers.events import DeviceEventKind, Emit
from drivers.parsers import tlv
from drivers.parsers.tlv import Tlv
from drivers.parsers.tracks import BadRead
from drivers.transports.base import Transport

log = logging.getLogger(__name__)
E = DeviceEventKind
VENDOR_ID = 0x0801
PRODUCTS = {0x2020: "MagTek DynaFlex", 0x2023: "MagTek DynaProx",
            0x2024: "MagTek DynaFlex II Go"}
RESPONSE_TIMEOUT_S = 3.0
ARPC_TIMEOUT_S = 25.0  # answer well inside the reader's ARPC receive timeout (a property)
NOTIFY_PREFIX = 6  # bytes before the ARQC's length in 84 (API_mmsParse.js skips them)
EVENTS: dict[tuple[int, int], tuple[DeviceEventKind, str]] = {
    (Tech.CONTACT, Detail.INSERTED): (E.CARD_INSERTED, "Card inserted; leave it in"),
    (Tech.CONTACTLESS, Detail.DETECTED): (E.CARD_INSERTED, "Card tapped"),
    (Tech.MSR, Detail.SWIPED): (E.READING, "Card swiped"),
    (Tech.MSR, Detail.INSERTED): (E.CARD_INSERTED, "Card inserted"),
}


def start_parameters(request: CaptureRequest, *, chip: bool, contactless: bool, swipe: bool,
                     quick_chip: bool) -> list[Tlv]:
    """Start Transaction's parameters as the reference code's START EMV command has them:
    82 timeout (s), A3 reader selection (81 MSR, 82 contact, 83 contactless), 84 options,
    86 the EMV tags (9C type, 9F02 amount, 9F03 other amount, 5F2A currency)."""
    amount = request.amount
    currency = {"USD": 840}.get(amount.currency, 840)
    emv = [Tlv("9C", b"\x00"), Tlv("9F02", bytes.fromhex(f"{amount.cents:012d}")),
           Tlv("9F03", bytes(6)), Tlv("5F2A", bytes.fromhex(f"{currency:04d}"))]
    readers = [Tlv("81", bytes([swipe])), Tlv("82", bytes([chip])),
               Tlv("83", bytes([3 if contactless else 0]))]
    timeout = max(1, min(255, int(request.card_timeout_s)))
    options = b"\x00\x03" if not quick_chip else b"\x00\x83"  # bit 7: Quick Chip (ours)
    return [Tlv("82", bytes([timeout])), Tlv("A3", tlv.encode(readers), tuple(readers)),
            Tlv("84", options), Tlv("86", tlv.encode(emv), tuple(emv))]


def answer_parameters(answer: IssuerAnswer) -> list[Tlv]:
    """Resume Transaction's parameters: the issuer's answer (8A and any ARPC tags)."""
    code = {True: b"00", False: b"05", None: b"Z3"}[answer.approved]
    inner = [Tlv("8A", code), *tlv.decode(answer.issuer_tlv)] if answer.issuer_tlv else \
        [Tlv("8A", code)]
    return [Tlv("84", tlv.encode(inner))]


class DynaFlexReader(CardReader):
    def __init__(self, transport: Transport, *, model: str = "MagTek DynaFlex",
                 scheme: str = "MagTek-DynaFlex", report_len: int = mms.REPORT_LEN) -> None:
        self.transport = transport
        self.info = DeviceInfo(transport.address, DeviceKind.PIN_PAD, model)
        self.scheme = scheme
        self.report_len = report_len
        self._refs = itertools.cycle(range(1, 256))
        self._waiting: dict[int, asyncio.Future[Message]] = {}
        self._notices: asyncio.Queue[Message | None] = asyncio.Queue()
        self._pump: asyncio.Task[None] | None = None
        self._failure: BaseException | None = None
        self.reassembler = mms.Reassembler()

    async def open(self) -> None:
        await self.transport.open()
        self._failure = None
        self._pump = asyncio.create_task(self._read_loop(), name=f"mms {self.info.address}")

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            await asyncio.gather(self._pump, return_exceptions=True)
        await self.transport.close()

    # -- messages ---------------------------------------------------------------------------

    async def _read_loop(self) -> None:
        buf = bytearray()
        try:
            while True:
                buf += await self.transport.read()
                while len(buf) >= self.report_len:
                    report, buf = bytes(buf[:self.report_len]), buf[self.report_len:]
                    data = self.reassembler.feed(report)
                    if data is not None:
                        self._dispatch(data)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every waiter must learn the reader is gone
            self._failure = exc if isinstance(exc, DeviceError) else DeviceError(
                f"Lost the connection to the reader at {self.info.address}")
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(self._failure)
            self._notices.put_nowait(None)

    def _dispatch(self, data: bytes) -> None:
        try:
            message = mms.decode(data)
        except ParseError as exc:
            log.info("reader %s sent an unreadable message: %s", self.info.address, exc)
            return
        if message.type == MsgType.DEVICE_RESPONSE:
            future = self._waiting.pop(message.ref, None)
            if future is not None and not future.done():
                future.set_result(message)
        elif message.type == MsgType.DEVICE_NOTIFICATION:
            self._notices.put_nowait(message)

    def _check(self) -> None:
        if self._failure is not None:
            raise self._failure

    async def command(self, command: int, parameters: list[Tlv] | None = None) -> Message:
        """Send a request and wait for the response with the same ref."""
        self._check()
        ref = next(self._refs)
        future: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._waiting[ref] = future
        try:
            for packet in mms.packets(mms.encode(mms.request(ref, command, parameters or [])),
                                      self.report_len):
                await self.transport.write(b"\x00" + packet)  # report ID 0
            response = await asyncio.wait_for(future, RESPONSE_TIMEOUT_S)
        except TimeoutError:
            raise DeviceTimeout(f"The reader at {self.info.address} did not answer. Unplug it "
                                "and plug it back in.") from None
        finally:
            self._waiting.pop(ref, None)
        if not response.ok:
            raise DeviceError(f"The reader refused the command (status "
                              f"{response.status.hex().upper() or 'missing'}). Start again; "
                              "if it repeats, restart the reader.")
        return response

    async def notice(self, timeout: float) -> Message:
        self._check()
        try:
            message = await asyncio.wait_for(self._notices.get(), max(timeout, 0.0))
        except TimeoutError:
            raise DeviceTimeout("timeout") from None
        if message is None:
            self._notices.put_nowait(None)
            self._check()
            raise DeviceError("reader gone")
        return message

    # -- a capture --------------------------------------------------------------------------

    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender:
        while not self._notices.empty():
            if self._notices.get_nowait() is None:
                self._notices.put_nowait(None)
                break
        try:
            return await _Capture(self, request, emit).run()
        except (DeviceError, asyncio.CancelledError):
            await asyncio.shield(self._back_to_idle())
            raise

    async def _back_to_idle(self) -> None:
        with contextlib.suppress(DeviceError):
            await self.command(Command.CANCEL_TRANSACTION)


class _Capture:
    def __init__(self, reader: DynaFlexReader, request: CaptureRequest, emit: Emit) -> None:
        self.reader, self.request, self.emit = reader, request, emit
        self.bad_reads = 0
        self.deadline = 0.0
        self.card_in = False
        self.quick_chip = request.authorize is None

    async def start(self, prompt: str) -> None:
        r = self.request
        await self.reader.command(Command.START_TRANSACTION, start_parameters(
            r, chip=r.allow_chip, contactless=r.allow_contactless, swipe=r.allow_swipe,
            quick_chip=self.quick_chip))
        self.deadline = asyncio.get_running_loop().time() + r.card_timeout_s
        self.card_in = False
        self.emit(E.WAITING_FOR_CARD, prompt)

    async def next_notice(self) -> Message:
        remaining = self.deadline - asyncio.get_running_loop().time()
        try:
            return await self.reader.notice(remaining)
        except DeviceTimeout:
            raise DeviceTimeout(f"No card was presented within "
                                f"{self.request.card_timeout_s:g} seconds. Start the payment "
                                "again when the patient is ready.") from None

    async def run(self) -> Tender:
        await self.start("Insert, tap or swipe the card")
        while True:
            message = await self.next_notice()
            outcome = self.on_notice(message)
            if isinstance(outcome, BadRead):
                await self.retry(outcome.reason)
            elif outcome is not None:
                return await self.finish(outcome)

    def on_notice(self, message: Message) -> Tender | BadRead | None:
        if message.id == Notice.UI_DISPLAY_MESSAGE and "PIN" in mms.display_text(message):
            self.emit(E.PIN_ENTRY, "Patient is entering PIN")
        if message.id != Notice.TRANSACTION_STATUS:
            return None
        tech, detail = message.tech, message.detail
        if (tech, detail) in EVENTS:
            kind, text = EVENTS[(tech, detail)]
            self.card_in = self.card_in or tech == Tech.CONTACT
            self.emit(kind, text)
        elif detail == Detail.REMOVED and tech == Tech.CONTACT and self.card_in:
            self.emit(E.CARD_REMOVED, "Card removed")
            raise CardRemovedEarly("The card was removed before the reader finished. Ask "
                                   "the patient to insert it again and leave it in until "
                                   "prompted.")
        elif detail in (Detail.PIN_PAD_ERROR, Detail.PIN_BLOCK_ERROR):
            raise DeviceError("The reader's PIN entry failed. Start the payment again; if it "
                              "repeats, restart the reader.")
        elif detail == Detail.ARQC:
            outcome = arqc.tender(message.payload[NOTIFY_PREFIX:], self.reader.scheme)
            if isinstance(outcome, Tender) and outcome.encrypted and \
                    outcome.encrypted.fallback:
                self.emit(E.BAD_READ, "Chip could not be read; the card was swiped instead")
            return outcome
        return None

    async def retry(self, why: str) -> None:
        self.bad_reads += 1
        self.emit(E.BAD_READ, f"Card could not be read ({why}); try again")
        if self.bad_reads >= self.request.max_bad_reads:
            raise CardReadError(f"The card could not be read after {self.bad_reads} tries. "
                                "Try another card or key it.")
        with contextlib.suppress(DeviceError):
            await self.reader.command(Command.CANCEL_TRANSACTION)
        await self.start("Try the card again")

    async def finish(self, tender: Tender) -> Tender:
        """Online: the issuer's answer back to the reader; Quick Chip: wait for it to end."""
        authorize = self.request.authorize
        if authorize is not None:
            self.emit(E.READING, "Authorizing")
            try:
                answer = await asyncio.wait_for(authorize(tender), ARPC_TIMEOUT_S)
            except TimeoutError:
                answer = IssuerAnswer(None)
            await self.reader.command(Command.RESUME_TRANSACTION, answer_parameters(answer))
        self.deadline = asyncio.get_running_loop().time() + RESPONSE_TIMEOUT_S * 2
        tags = dict(tender.emv_tags)
        while True:
            message = await self.next_notice()
            if message.id == Notice.TRANSACTION_STATUS and message.detail == Detail.BATCH:
                with contextlib.suppress(ParseError):
                    items, _ = arqc.split(message.payload[NOTIFY_PREFIX:])
                    tags.update(tlv.receipt(items).tags)
            elif message.id == Notice.TRANSACTION_COMPLETE:
                break
        return Tender(tender.kind, encrypted=tender.encrypted, entry_mode=tender.entry_mode,
                      emv_tags=tags)
