"""``wedge:`` readers: the UI key filter feeds keystrokes; swipes come out as tenders.

The only Qt part (the event filter) lives in the UI; it calls ``feed`` with each character
and a monotonic time, and replays ``TYPING`` decisions into the focused field.
"""

from __future__ import annotations

import asyncio

from desktop_app.domain import Tender, TenderKind, ValidationError
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind
from drivers.errors import CardReadError, DeviceTimeout
from drivers.events import DeviceEventKind, Emit
from drivers.parsers.wedge import DEFAULT_SCHEME, WedgeAssembler, WedgeDecision, WedgeKind


class WedgeReader(CardReader):
    def __init__(self, *, idle_s: float = 0.3, scheme: str = DEFAULT_SCHEME) -> None:
        self.info = DeviceInfo("wedge:", DeviceKind.CARD_READER, "Keyboard-wedge reader")
        self.assembler = WedgeAssembler(idle_s, scheme)
        self.decisions: asyncio.Queue[WedgeDecision] = asyncio.Queue()

    def feed(self, char: str, at: float) -> WedgeDecision | None:
        """Called by the key filter; returns the decision so the filter can act on it."""
        decision = self.assembler.feed(char, at)
        if decision is not None and decision.kind is not WedgeKind.TYPING:
            self.decisions.put_nowait(decision)
        return decision

    def flush(self, now: float) -> WedgeDecision | None:
        decision = self.assembler.flush(now)
        if decision is not None and decision.kind is not WedgeKind.TYPING:
            self.decisions.put_nowait(decision)
        return decision

    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender:
        while not self.decisions.empty():
            self.decisions.get_nowait()  # a swipe from before this payment is not for it
        for _ in range(request.max_bad_reads):
            emit(DeviceEventKind.WAITING_FOR_CARD, "Swipe the card")
            try:
                decision = await asyncio.wait_for(self.decisions.get(), request.card_timeout_s)
            except TimeoutError:
                raise DeviceTimeout("No card was swiped in time.") from None
            if decision.encrypted is not None:
                return Tender(TenderKind.SWIPE, encrypted=decision.encrypted)
            if decision.swipe is not None:
                try:
                    return Tender(TenderKind.SWIPE, card=decision.swipe.card_data())
                except ValidationError:
                    pass
            emit(DeviceEventKind.BAD_READ, "Card could not be read; swipe again")
        raise CardReadError("The card could not be read after several swipes. Try another "
                            "card or key it.")

    async def open(self) -> None:
        pass

    async def close(self) -> None:
        pass
