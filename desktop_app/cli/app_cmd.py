"""``main.py`` / ``main.py app``: the front-desk Qt app; ``--demo`` runs a headless demo.

The demo makes a sale, a void and prints the journal on the embedded sandbox, so a new
install (or a server without a display) shows end to end that it works. Qt is imported only
when the window is wanted: the core must import without PySide6.
"""

from __future__ import annotations

import argparse
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

from desktop_app import __version__

if TYPE_CHECKING:
    from desktop_app.services.runtime import Runtime


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("app", help="start the front-desk app (default)")
    p.add_argument("--demo", action="store_true", help="run the headless demo and exit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.demo:
        import asyncio
        return asyncio.run(demo())
    from desktop_app.ui.app import run_app

    return run_app(_open_services)


def _open_services(**options: Any) -> AbstractAsyncContextManager[Runtime]:
    """The composition root's runtime, imported only once the window is painted."""
    from desktop_app.bootstrap import open_runtime

    return open_runtime(**options)


async def demo() -> int:
    from desktop_app.bootstrap import open_runtime
    from desktop_app.cli.output import emit_error
    from desktop_app.domain import FrontDeskError, Money, PaymentRequest, TransactionKind
    from desktop_app.sandbox.demo import demo_card_tender

    print(f"Front Desk Pay {__version__}: headless demo on the embedded sandbox")
    try:
        async with open_runtime() as rt:
            print(f"Sandbox gateway: {rt.settings.gateway_url}   journal: {rt.paths.journal_file}")
            sale = await rt.payments.process(PaymentRequest(
                TransactionKind.SALE, amount=Money.parse("25.00"), tender=demo_card_tender(),
                patient_id="DEMO-0001"))
            print(f"Sale $25.00 (VISA keyed): {sale.summary()}  txn {sale.transaction_id}")
            void = await rt.payments.process(PaymentRequest(
                TransactionKind.VOID, transaction_id=sale.transaction_id))
            print(f"Void of that sale: {void.summary()}")
            for row in (await rt.journal.history(5)):
                print(f"  journal: {row.kind:<8} {row.state.value:<10} {row.card_display}")
    except FrontDeskError as exc:
        return emit_error(exc, as_json=False)
    return 0
