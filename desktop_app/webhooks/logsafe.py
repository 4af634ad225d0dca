"""Text from outside, made safe for one log line or one terminal line.

A newline in a webhook field, a gateway transaction ID or any client-supplied header must
not start a forged log record (log injection), and a terminal control sequence must not
reach the IT person's screen. Everything not printable is written as a visible escape.
Client errors are logged as one short line each, at most a burst and then a trickle, so a
flood of bad posts cannot fill the disk (issue 14).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from aiohttp.http_exceptions import HttpProcessingError

from desktop_app.logs import EscapingFilter, escape

__all__ = ["ClientErrorFilter", "ClientErrorLog", "EscapingFilter", "escape"]


class ClientErrorFilter(logging.Filter):
    """For aiohttp's server logger: a request its parser refused (bad request line, bad
    header) is the client's error, so one short line instead of a traceback, rate-limited
    like ours; our own failures keep their traceback."""

    def __init__(self, burst: int = 20, per_second: float = 1.0) -> None:
        super().__init__()
        self._bucket = ClientErrorLog(logging.getLogger("desktop_app.webhooks.http"), burst,
                                      per_second)

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, HttpProcessingError):
            return True
        peer = record.getMessage().rsplit(" ", 1)[-1]
        self._bucket(error.code or 400, f"bad HTTP: {error.message}", peer)
        return False


class ClientErrorLog:
    """Token bucket: ``burst`` lines at once, then ``per_second``; what is held back is
    counted and said in the next line that gets through."""

    def __init__(self, logger: logging.Logger, burst: int = 20, per_second: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.logger, self.burst, self.per_second, self.clock = logger, burst, per_second, clock
        self._tokens = float(burst)
        self._at = clock()
        self.suppressed = 0

    def __call__(self, status: int, reason: str, ip: str) -> None:
        now = self.clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.per_second)
        self._at = now
        if self._tokens < 1:
            self.suppressed += 1
            return
        self._tokens -= 1
        held, self.suppressed = self.suppressed, 0
        more = f" ({held} more client errors not logged)" if held else ""
        self.logger.warning("webhook refused %d %s from %s%s", status, escape(reason, 80),
                            escape(ip, 64), more)
