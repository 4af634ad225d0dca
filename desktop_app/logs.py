"""Logging: a rotating file per user, every record redacted and escaped before it is written.

``escape`` makes outside text (a gateway transaction ID, a webhook field, a server's file
name) one printable line, for the log and for CLI output alike (issue 14): a newline must not
forge a record, a terminal control sequence must not reach IT's screen.
"""

from __future__ import annotations

import logging
import logging.handlers

from desktop_app.gateway.redaction import redact_text
from desktop_app.paths import AppPaths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def escape(text: object, limit: int = 200) -> str:
    """One printable line: controls (``\\n``, ``\\x1b``, U+2028...) as escapes, cut at
    ``limit`` characters. Idempotent, so a handler may escape a line again."""
    out = []
    for ch in str(text):
        if ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    line = "".join(out)
    return line if len(line) <= limit else line[:limit - 1] + "…"


class EscapingFilter(logging.Filter):
    """For a handler: every record one line, whatever a third-party logger put in it.
    A traceback (ours, for a 5xx) stays multi-line, each of its lines escaped and indented
    so none can pass for a record of its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = escape(record.getMessage(), limit=2000)
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text and not record.exc_text.startswith("    | "):
            record.exc_text = "\n".join("    | " + escape(line, 500)
                                        for line in record.exc_text.splitlines())
        return True


class RedactingFilter(logging.Filter):
    """Runs on the handler, so third-party loggers (zeep, httpx, aiohttp) are covered too."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_text(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact_text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> logging.Handler:
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    handler.addFilter(EscapingFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_frontdesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._frontdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # zeep and httpx log whole bodies at DEBUG: keep them at INFO whatever the root says.
    for noisy in ("zeep", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(level, logging.INFO))
    return handler
