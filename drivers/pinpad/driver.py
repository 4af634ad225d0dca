"""The PIN-pad card reader: drives one pad through a capture over the link layer.

Every exit path (result, error, timeout, cancel) leaves the pad idle: on anything but a
result we send Cancel, shielded so that a cancelled task still tells the pad.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging

from desktop_app.domain import Tender
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind
from drivers.errors import (
    CardReadError,
    CardRemovedEarly,
    DeviceError,
    DeviceTimeout,
    ParseError,
    TransactionCancelled,
)
from drivers.events import DeviceEventKind, Emit
from drivers.link import LinkSession
from drivers.parsers.tracks import BadRead
from drivers.pinpad import messages as m
from drivers.pinpad.results import chip_card_swiped, tender_from_result
from drivers.transports.base import Transport

log = logging.getLogger(__name__)
E = DeviceEventKind
_references = itertools.count(1)
STATUS_EVENTS = {
    m.PadStatus.INSERTED: (E.CARD_INSERTED, "Card inserted"),
    m.PadStatus.TAPPED: (E.CARD_INSERTED, "Card tapped"),
    m.PadStatus.SWIPED: (E.READING, "Card swiped"),
    m.PadStatus.READING: (E.READING, "Reading card; leave it in"),
    m.PadStatus.PIN_ENTRY: (E.PIN_ENTRY, "Patient is entering PIN"),
    m.PadStatus.REMOVED: (E.CARD_REMOVED, "Card removed"),
}


class PinPadReader(CardReader):
    def __init__(self, transport: Transport, *, model: str = "EMV PIN pad") -> None:
        self.transport = transport
        self.link = LinkSession(transport)
        self.info = DeviceInfo(transport.address, DeviceKind.PIN_PAD, model)

    async def open(self) -> None:
        await self.transport.open()
        self.link.start()

    async def identify(self, timeout: float = 1.0) -> m.Identity:
        """Ask the pad who it is; also how a port is probed for a pad (``probe_serial``)."""
        await self.send(m.Identify())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = await self.receive(max(deadline - loop.time(), 0.0))
            if isinstance(message, m.Identity):
                self.info = DeviceInfo(self.info.address, self.info.kind,
                                       f"{message.model} (serial {message.serial_number}, "
                                       f"firmware {message.firmware})")
                return message

    async def close(self) -> None:
        await self.link.close()

    async def send(self, message: m.PadMessage) -> None:
        await self.link.send(m.encode(message))

    async def receive(self, timeout: float) -> m.PadMessage:
        while True:
            payload = await self.link.receive(timeout)
            try:
                return m.decode(payload)
            except ParseError as exc:
                log.info("pad %s sent an unknown message: %s", self.info.address, exc)

    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender:
        stale = self.link.drain()
        if stale:
            log.info("pad %s: dropped %d messages from before this capture", self.info.address,
                     stale)
        try:
            return await _Capture(self, request, emit).run()
        except (DeviceError, asyncio.CancelledError):
            await asyncio.shield(self._back_to_idle())
            raise

    async def _back_to_idle(self, confirm_s: float = 0.5) -> None:
        """Cancel, then wait briefly for the pad to confirm, so its CANCELLED status is not
        mistaken for an answer in the next capture."""
        with contextlib.suppress(DeviceError):
            await self.send(m.Cancel())
            loop = asyncio.get_running_loop()
            deadline = loop.time() + confirm_s
            while (remaining := deadline - loop.time()) > 0:
                if await self.receive(remaining) == m.CardStatus(m.PadStatus.CANCELLED):
                    return


class _Capture:
    """One capture's state: whether the chip failed, how many bad reads so far."""

    def __init__(self, pad: PinPadReader, request: CaptureRequest, emit: Emit) -> None:
        self.pad, self.request, self.emit = pad, request, emit
        self.chip_failed = False
        self.bad_reads = 0
        self.deadline = 0.0
        self.reference = f"{next(_references):06d}"

    async def start(self, modes: str, prompt: str) -> None:
        amount = self.request.amount
        await self.pad.send(m.StartTransaction(amount.cents, m.currency_code(amount.currency),
                                               modes, self.reference))
        self.deadline = asyncio.get_running_loop().time() + self.request.card_timeout_s
        self.emit(E.WAITING_FOR_CARD, prompt)

    async def run(self) -> Tender:
        await self.start(self.request.modes, "Insert, tap or swipe the card")
        while True:
            remaining = self.deadline - asyncio.get_running_loop().time()
            try:
                message = await self.pad.receive(max(remaining, 0.0))
            except DeviceTimeout:
                raise DeviceTimeout(f"No card was presented within "
                                    f"{self.request.card_timeout_s:g} seconds. Start the "
                                    "payment again when the patient is ready.") from None
            tender = await self.handle(message)
            if tender is not None:
                return tender

    async def handle(self, message: m.PadMessage) -> Tender | None:
        match message:
            case m.CardStatus(status):
                await self.on_status(status)
            case m.CardResult():
                return await self.on_result(message)
            case m.PadError(code):
                raise DeviceError(f"The PIN pad reported error {code}. Start the payment "
                                  "again; if it repeats, restart the PIN pad.")
        return None

    async def on_status(self, status: m.PadStatus) -> None:
        if status in STATUS_EVENTS:
            kind, text = STATUS_EVENTS[status]
            self.emit(kind, text)
        if status is m.PadStatus.REMOVED:
            raise CardRemovedEarly("The card was removed before the PIN pad finished. Ask the "
                                   "patient to insert it again and leave it in until prompted.")
        if status is m.PadStatus.CANCELLED:
            raise TransactionCancelled("The payment was cancelled on the PIN pad.")
        if status is m.PadStatus.CHIP_ERROR:
            self.chip_failed = True
            self.emit(E.BAD_READ, "Chip could not be read; swipe the card instead")
            await self.pad.send(m.Display("Chip error. Please swipe"))
            await self.start("S", "Swipe the card")

    async def on_result(self, result: m.CardResult) -> Tender | None:
        outcome = tender_from_result(result, after_chip_failure=self.chip_failed)
        if isinstance(outcome, BadRead):
            await self.retry(f"Card could not be read ({outcome.reason}); try again",
                             "S" if self.chip_failed else self.request.modes)
            return None
        if chip_card_swiped(outcome, self.chip_failed) and self.request.allow_chip:
            await self.pad.send(m.Display("Please insert chip"))
            await self.retry("This card has a chip: insert it instead",
                             self.request.modes.replace("S", ""))
            return None
        return outcome

    async def retry(self, why: str, modes: str) -> None:
        """Every retry counts, so a card that keeps failing ends the capture, never loops."""
        self.bad_reads += 1
        self.emit(E.BAD_READ, why)
        if self.bad_reads >= self.request.max_bad_reads:
            raise CardReadError(f"The card could not be read after {self.bad_reads} tries. "
                                "Try another card or key it.")
        await self.start(modes, "Try the card again")
