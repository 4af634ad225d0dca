"""Errors nobody caught (``@asyncSlot`` exceptions end up here): log them, tell the desk."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from desktop_app.ui.errors import ErrorPresenter

log = logging.getLogger(__name__)


def install(presenter: ErrorPresenter) -> None:
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        try:
            presenter.present(exc, "uncaught")
        except Exception:  # the presenter itself must never take the app down
            log.exception("could not show an error")

    sys.excepthook = hook
