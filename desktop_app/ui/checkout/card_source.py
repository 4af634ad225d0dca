"""Where a card-present tender comes from, as the checkout sees it.

``CardSource`` is the seam between the checkout and the device layer. ``DeviceCardSource``
drives ``drivers.DeviceManager`` (PIN pads, HID readers, simulators, and the keyboard-wedge
reader that the UI key filter feeds); its events become the progress text. The checkout
never sees tracks, only a ``Tender``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop_app.domain import Money, Tender
from desktop_app.ui.device_hub import DeviceHub
from drivers.capture import CaptureRequest
from drivers.errors import DeviceNotFound, TransactionCancelled
from drivers.events import DeviceEvent, DeviceEventKind

log = logging.getLogger(__name__)
StatusListener = Callable[[str], None]
E = DeviceEventKind

_PROGRESS: dict[DeviceEventKind, str] = {
    E.WAITING_FOR_CARD: str(QT_TRANSLATE_NOOP("CheckoutPage",
                                              "Insert, tap or swipe the card")),
    E.CARD_INSERTED: str(QT_TRANSLATE_NOOP("CheckoutPage", "Reading card…")),
    E.READING: str(QT_TRANSLATE_NOOP("CheckoutPage", "Reading card…")),
    E.PIN_ENTRY: str(QT_TRANSLATE_NOOP("CheckoutPage", "Enter PIN on the pad")),
    E.CARD_REMOVED: str(QT_TRANSLATE_NOOP("CheckoutPage", "Card removed")),
    E.REMOVED: str(QT_TRANSLATE_NOOP("CheckoutPage", "The device was disconnected")),
    E.CANCELLED: str(QT_TRANSLATE_NOOP("CheckoutPage", "Cancelling…")),
}


def progress_text(kind: DeviceEventKind, message: str) -> str | None:
    """The untranslated progress line for a device event (None: keep the current one)."""
    low = message.lower()
    if kind is E.WAITING_FOR_CARD and low.startswith("swipe"):
        return str(QT_TRANSLATE_NOOP("CheckoutPage", "Swipe the card"))
    if kind is E.BAD_READ:
        if "insert" in low:
            return str(QT_TRANSLATE_NOOP("CheckoutPage", "This card has a chip: insert it"))
        if "swipe the card instead" in low:
            return str(QT_TRANSLATE_NOOP("CheckoutPage",
                                         "The chip could not be read: swipe the card"))
        return str(QT_TRANSLATE_NOOP("CheckoutPage", "The card could not be read. Try again"))
    text = _PROGRESS.get(kind)
    return str(text) if text is not None else None


class CardSource(Protocol):
    @property
    def uses_wedge(self) -> bool: ...

    async def capture(self, amount: Money, on_status: StatusListener) -> Tender:
        """Wait for a card; ``cancel()`` (or cancelling the awaiting task) stops waiting."""
        ...

    def cancel(self) -> bool:
        """Staff pressed Cancel: True when a device capture was running and is now stopping."""
        ...


class DeviceCardSource:
    def __init__(self, hub: DeviceHub, *, card_timeout_s: float = 60.0) -> None:
        self.hub = hub
        self.card_timeout_s = card_timeout_s
        self.device: str | None = None
        self._staff_cancelled = False

    @property
    def waiting(self) -> bool:
        return self.device is not None

    @property
    def uses_wedge(self) -> bool:
        return self.hub.card_reader() == "wedge:"

    async def capture(self, amount: Money, on_status: StatusListener) -> Tender:
        device = self.hub.card_reader()
        if device is None:
            raise DeviceNotFound("No card reader is connected. Connect one (or see the Devices "
                                 "page), or key the card instead.")

        def on_event(event: DeviceEvent) -> None:
            text = progress_text(event.kind, event.message)
            if event.device == device and text is not None:
                on_status(text)

        remove = self.hub.manager.add_listener(on_event)
        self.device, self._staff_cancelled = device, False
        try:
            request = CaptureRequest(amount, card_timeout_s=self.card_timeout_s)
            tender = await self.hub.manager.process_transaction(request, device=device)
        except TransactionCancelled:
            if self._staff_cancelled:  # our Cancel: the caller sees a cancelled task
                raise asyncio.CancelledError from None
            raise
        finally:
            remove()
            self.device = None
        self.hub.set_ready(device)
        log.info("card captured on %s: %s", device, tender.describe())
        return tender

    def cancel(self) -> bool:
        if self.device is None:
            return False
        self._staff_cancelled = self.hub.manager.cancel()
        return self._staff_cancelled
