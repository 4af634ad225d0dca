"""QtWebEngine's process environment, set before the first QApplication.

Chromium will not start its sandbox for root (Linux containers, some kiosk images) and the
renderer then never starts: the hosted payment page stays blank with no error on screen. Only
there, the sandbox is turned off, and the log says so. Anything IT set is left as it is.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def prepare_web_engine() -> None:
    is_root = getattr(os, "geteuid", lambda: 1)() == 0
    if is_root and "QTWEBENGINE_DISABLE_SANDBOX" not in os.environ:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        log.warning("running as root: the web engine's own sandbox is off (Chromium refuses it "
                    "for root); run the app as a normal user")


def under_wine() -> bool:
    """Wine's ntdll exports ``wine_get_version``; Windows' does not. QtWebEngine does not
    render under Wine 8 (installer/README.md), so the self-test says so instead of failing."""
    if os.name != "nt":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")  # type: ignore[attr-defined]
