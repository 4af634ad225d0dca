"""The checkout's device steps: a card from the reader, a check from the desk scanner.

The wedge key filter is armed only while a ``wedge:`` reader waits for a swipe. A check whose
MICR line cannot be trusted (or no scanner at all) is not an error for the payment: the
checkout falls back to keying the numbers printed on the check.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop_app.domain import Money, Tender
from desktop_app.ui.context import AppContext
from drivers.errors import DeviceNotFound, MicrError, TransactionCancelled


class CheckScanFailed(Exception):
    """The scanner could not give us the account: key it instead (message for the desk)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckoutPage", text)


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
        try:
            tender, _scanned = await self.ctx.devices.manager.scan_check(device=scanner)
        except (MicrError, DeviceNotFound):
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
