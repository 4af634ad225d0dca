"""Logging: a rotating file per user, every record redacted before it is written."""

from __future__ import annotations

import logging
import logging.handlers

from desktop_app.gateway.redaction import redact_text
from desktop_app.paths import AppPaths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
