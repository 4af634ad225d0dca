"""Reading the day's 835 posting file for the desk: off the event loop's thread, with
progress and a cancel.

pyx12 validates segment by segment in pure Python (an 835 of 10,000 payments is some 30 s
of CPU, docs/edi.md), so on the loop's thread the window would freeze for the whole read.
The read runs in a worker thread; progress is handed back to the loop; cancelling the
awaiting task sets a flag the worker checks at every segment, so it stops within one
segment instead of finishing a read nobody wants. Nothing is touched until the whole file
has been read and validated (``read_835``), so a cancelled or refused read changes nothing.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from desktop_app.domain.errors import ValidationError
from desktop_app.edi.x835 import Remittance, read_835

Progress = Callable[[int, int], None]   # (segments read, segments in the file)
REPORT_EVERY = 200                      # segments between two progress reports
ISA_LENGTH = 106                        # ISA is fixed width; its last character ends segments


def load_text(path: Path) -> str:
    """The file as text, or a ValidationError naming it (a posting file is ASCII; a stray
    byte becomes a character pyx12 then refuses, with its segment and position)."""
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError as exc:
        raise ValidationError(f"Cannot read {path.name}: {exc.strerror}.") from None


def segment_count(text: str) -> int:
    """How many segments the file holds, for a progress bar: its terminator is the ISA
    segment's last character. 0 when the file does not start with an ISA (pyx12 says why)."""
    head = text.lstrip()
    if not head.startswith("ISA") or len(head) < ISA_LENGTH:
        return 0
    return head.count(head[ISA_LENGTH - 1])


async def read_off_thread(text: str, progress: Progress | None = None) -> Remittance:
    """``read_835(text)`` in a worker thread. Cancel the awaiting task to stop it."""
    loop = asyncio.get_running_loop()
    total = segment_count(text)
    stop = threading.Event()

    def seen(count: int) -> None:  # on the worker thread
        if stop.is_set():
            raise asyncio.CancelledError("the read was cancelled")
        if progress is not None and count % REPORT_EVERY == 0:
            loop.call_soon_threadsafe(progress, count, total)

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eod-835-read")
    try:
        return await loop.run_in_executor(worker, lambda: read_835(text, seen))
    finally:
        stop.set()  # cancelled (or done): the worker stops at its next segment
        worker.shutdown(wait=False)
