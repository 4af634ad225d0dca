"""The checkout's device steps: a card from the reader, a check from the desk scanner.

The wedge key filter is armed only while a ``wedge:`` reader waits for a swipe. A check whose
MICR line cannot be trusted (or no scanner at all) is not an error for the payment: the
checkout falls back to keying the numbers printed on the check, starting from what was read.
A check image the gateway cannot use is fed again (``services/check_scan.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.domain import Money, Tender
from desktop_app.gateway.check_images import ImageProblem
from desktop_app.services.check_scan import CheckImageRejected, scan_check
from desktop_app.ui.context import AppContext
from drivers.errors import DeviceNotFound, MicrError, TransactionCancelled
from drivers.micr.wedge import MicrWedgeReader
from drivers.parsers.micr import MicrLine


class CheckScanFailed(Exception):
    """The scanner could not give us the account: key it instead (message for the desk).
    ``read`` is what a damaged MICR line still said, ``?`` where unreadable, to correct."""

    def __init__(self, message: str, read: MicrLine | None = None) -> None:
        super().__init__(message)
        self.read = read


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckoutPage", text)


RESCAN = {
    ImageProblem.TOO_DARK: QT_TRANSLATE_NOOP("CheckoutPage", "The check image is too dark."),
    ImageProblem.SKEWED: QT_TRANSLATE_NOOP("CheckoutPage", "The check went in crooked."),
    ImageProblem.FOLDED_CORNER: QT_TRANSLATE_NOOP("CheckoutPage",
                                                  "A corner of the check is folded."),
}


def rescan_words(problems: tuple[ImageProblem, ...]) -> str:
    said = [_tr(str(RESCAN[p])) for p in problems if p in RESCAN] or [
        QCoreApplication.translate("CheckoutPage", "The check image could not be read.")]
    return " ".join([*said, QCoreApplication.translate(
        "CheckoutPage", "Flatten the check and feed it again.")])


class CheckoutDevices:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def card(self, amount: Money, update: Callable[[str], None]) -> Tender:
        return await self.ctx.capture_card(amount, lambda text: update(_tr(text)))

    async def check(self, update: Callable[[str], None]) -> Tender:
        scanner = self.ctx.devices.check_scanner()
        if scanner is None:
            raise CheckScanFailed(QCoreApplication.translate(
                "CheckoutPage", "No check scanner is connected. Key the routing and "
                "account numbers from the bottom of the check."))
        update(QCoreApplication.translate("CheckoutPage", "Feed the check into the scanner"))
        typed = self.ctx.devices.manager.device(scanner)  # a reader that types its line
        try:
            with self.ctx.keys_to(typed if isinstance(typed, MicrWedgeReader) else None):
                tender, _scanned = await scan_check(
                    self.ctx.devices.manager, self.ctx.runtime.gateway, device=scanner,
                    on_rescan=lambda problems: update(rescan_words(problems)))
        except MicrError as exc:
            raise CheckScanFailed(QCoreApplication.translate(
                "CheckoutPage", "Part of the check's MICR line could not be read. Correct the "
                "numbers (? marks what could not be read) from the bottom of the check.")
                if exc.partial else QCoreApplication.translate(
                    "CheckoutPage", "The check's MICR line could not be read. Key the routing "
                    "and account numbers printed at the bottom of the check."),
                exc.partial) from None
        except CheckImageRejected:
            raise CheckScanFailed(QCoreApplication.translate(
                "CheckoutPage", "The check's image could not be used after several scans. "
                "Key the routing and account numbers from the bottom of the check.")) from None
        except DeviceNotFound:
            raise CheckScanFailed(QCoreApplication.translate(
                "CheckoutPage", "The check's MICR line could not be read. Key the routing and "
                "account numbers printed at the bottom of the check.")) from None
        except TransactionCancelled:  # only staff cancel a scan: a cancelled task, as for cards
            raise asyncio.CancelledError from None
        return tender

    def cancel(self) -> bool:
        """Stop a device wait cleanly; a check scan is stopped by the manager too."""
        if self.ctx.card_source.cancel():
            return True
        return self.ctx.devices.manager.cancel()
