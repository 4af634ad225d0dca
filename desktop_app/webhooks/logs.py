"""The receiver's own log file, apart from the payments log (issue 14).

``main.py webhook-server`` is a process of its own, often on a clinic server: what it logs
(posts stored, posts refused, who tried) is IT's business, not the front desk's, and a flood
of refused posts must never rotate a payment's trace out of ``frontdeskpay.log``. Every record
is redacted (card data) and escaped (one line each: no forged records).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from desktop_app.logs import FORMAT, RedactingFilter
from desktop_app.webhooks.logsafe import EscapingFilter

LOG_FILE = "webhook-receiver.log"


def _private(path: Path) -> None:
    """0600 on POSIX: the file may name clinic addresses and transaction IDs."""
    if os.name == "posix":
        path.touch(mode=0o600, exist_ok=True)
        path.chmod(0o600)


def setup_receiver_logging(log_dir: Path, level: int = logging.INFO) -> logging.Handler:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    _private(path)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5,
                                                   encoding="utf-8")
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
    return handler
