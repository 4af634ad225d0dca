"""Where a card-present tender comes from, as the checkout sees it.

``CardSource`` is the seam between the checkout and the device layer: the wedge reader here
(keystrokes routed by ``WedgeKeyFilter``), and ``drivers.DeviceManager`` readers behind the
same two calls once they are wired in. The checkout never sees tracks, only a ``Tender``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop_app.domain import CardData, FrontDeskError, Money, Tender, TenderKind
from drivers.parsers.tracks import Swipe
from drivers.parsers.wedge import WedgeDecision, WedgeKind

log = logging.getLogger(__name__)
StatusListener = Callable[[str], None]

# Public test card for the sandbox's simulated tap; never a real card.
SIMULATED_PAN = "4111111111111111"


class CardReadError(FrontDeskError):
    """The reader could not give us a card (bad reads, timeout)."""


class CardSource(Protocol):
    name: str
    simulated: bool

    def set_status_listener(self, listener: StatusListener) -> None: ...

    async def capture(self, amount: Money, on_status: StatusListener) -> Tender:
        """Wait for a card; cancel the awaiting task to stop waiting."""
        ...

    def simulate_tap(self) -> None: ...


class WedgeCardSource:
    """A keyboard-wedge reader: swipes arrive as decisions from the Qt key filter."""

    name = "Card reader (keyboard)"

    def __init__(self, *, simulated: bool = False, timeout_s: float = 120.0,
                 max_bad_reads: int = 3) -> None:
        self.simulated = simulated
        self.timeout_s = timeout_s
        self.max_bad_reads = max_bad_reads
        self._waiting: asyncio.Future[Tender] | None = None
        self._on_status: StatusListener | None = None
        self._listener: StatusListener = lambda _s: None
        self._bad_reads = 0

    @property
    def waiting(self) -> bool:
        return self._waiting is not None and not self._waiting.done()

    def set_status_listener(self, listener: StatusListener) -> None:
        self._listener = listener
        listener(str(QT_TRANSLATE_NOOP("MainWindow", "connected")))

    async def capture(self, amount: Money, on_status: StatusListener) -> Tender:
        self._waiting = asyncio.get_running_loop().create_future()
        self._on_status, self._bad_reads = on_status, 0
        self._listener(str(QT_TRANSLATE_NOOP("MainWindow", "waiting for card")))
        on_status(str(QT_TRANSLATE_NOOP("CheckoutPage", "Insert, tap or swipe the card")))
        try:
            return await asyncio.wait_for(self._waiting, self.timeout_s)
        except TimeoutError:
            raise CardReadError("No card was presented in time. Start the payment again "
                                "when the patient is ready.") from None
        finally:
            self._waiting, self._on_status = None, None
            self._listener(str(QT_TRANSLATE_NOOP("MainWindow", "connected")))

    def on_wedge(self, decision: WedgeDecision) -> None:
        """Called by the key filter for each finished burst while a capture waits."""
        if not self.waiting:
            return
        assert self._waiting is not None
        if decision.kind is WedgeKind.SWIPE and decision.swipe is not None:
            self._resolve_swipe(decision.swipe)
        elif decision.kind is WedgeKind.BAD_READ:
            self._bad_reads += 1
            if self._bad_reads >= self.max_bad_reads:
                self._waiting.set_exception(CardReadError(
                    "The card could not be read after several swipes. Key the card instead."))
            elif self._on_status is not None:
                self._on_status(str(QT_TRANSLATE_NOOP("CheckoutPage",
                                                  "The card could not be read. Swipe it again")))
        # TYPING while waiting: nothing to type into, the keys are dropped on purpose.

    def _resolve_swipe(self, swipe: Swipe) -> None:
        assert self._waiting is not None
        try:
            card = swipe.card_data()
        except FrontDeskError as exc:
            self._waiting.set_exception(CardReadError(str(exc)))
            return
        log.info("card swiped: %s", card.masked)
        self._waiting.set_result(Tender(TenderKind.SWIPE, card=card))

    def simulate_tap(self) -> None:
        """Sandbox only: a contactless tap of the public Visa test card."""
        if self.simulated and self.waiting:
            assert self._waiting is not None
            card = CardData(pan=SIMULATED_PAN, exp_month=12, exp_year=2030)
            self._waiting.set_result(Tender(TenderKind.CONTACTLESS, card=card))
