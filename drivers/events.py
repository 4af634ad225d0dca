"""Device events for the UI: plain values fanned out to async iterators and callbacks.

The Qt layer adapts these to signals; device code never touches widgets (the Electrum
``QtHandlerBase`` split). Events carry the device address and a message for staff, never
card data.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


class DeviceEventKind(enum.Enum):
    CONNECTED = "connected"
    REMOVED = "removed"
    WAITING_FOR_CARD = "waiting_for_card"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    READING = "reading"
    BAD_READ = "bad_read"
    PIN_ENTRY = "pin_entry"
    CANCELLED = "cancelled"
    ERROR = "error"


@dataclass(frozen=True)
class DeviceEvent:
    kind: DeviceEventKind
    device: str
    message: str = ""


Listener = Callable[[DeviceEvent], None]
Emit = Callable[[DeviceEventKind, str], None]


class EventHub:
    """Fan-out: each subscriber gets its own queue, so a slow one never blocks a device."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._queues: list[asyncio.Queue[DeviceEvent | None]] = []
        self.history: list[DeviceEvent] = []

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Returns the function that removes it again."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, event: DeviceEvent) -> None:
        self.history = [*self.history[-199:], event]
        log.info("device %s: %s %s", event.device, event.kind.value, event.message)
        for queue in self._queues:
            queue.put_nowait(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken UI callback must not break the device
                log.exception("device event listener failed")

    def emitter(self, device: str) -> Emit:
        def emit(kind: DeviceEventKind, message: str = "") -> None:
            self.publish(DeviceEvent(kind, device, message))
        return emit

    async def subscribe(self) -> AsyncIterator[DeviceEvent]:
        queue: asyncio.Queue[DeviceEvent | None] = asyncio.Queue()
        self._queues.append(queue)
        try:
            while (event := await queue.get()) is not None:
                yield event
        finally:
            self._queues.remove(queue)

    def close(self) -> None:
        for queue in self._queues:
            queue.put_nowait(None)
