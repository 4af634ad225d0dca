"""A guided tour of the main screens on the embedded sandbox, for screenshots and demos.

``python -m desktop_app.tour OUTDIR`` opens the real app window (use a throwaway
FRONTDESK_PAY_HOME), walks through checkout, results, the hosted page, history, devices and
settings, and after each step runs ``import -window root OUTDIR/NN-name.png`` (ImageMagick,
under Xvfb: see scripts/screenshots.sh). Only public test cards are used, and no full card
number is ever on screen.
"""

from __future__ import annotations

import asyncio
import sys
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from qasync import QEventLoop

from desktop_app.bootstrap import open_runtime
from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.ui.app import build_window, make_application
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow

Shot = Callable[[str], Awaitable[None]]
FILL_SSO = """
document.getElementById('cardHolderName').value = 'Jane Doe';
document.getElementById('cardExpirationMonth').value = '12';
document.getElementById('cardExpirationYear').value = '2030';
"""


def shooter(out: Path, window: QWidget) -> Shot:
    counter = [0]

    async def shot(name: str) -> None:
        await asyncio.sleep(0.6)  # let layouts settle and the frame reach the X server
        counter[0] += 1
        path = out / f"{counter[0]:02d}-{name}.png"
        proc = await asyncio.create_subprocess_exec("import", "-window", "root", str(path))
        await proc.wait()
        print(f"wrote {path}")
    return shot


async def until(predicate: Callable[[], object], timeout: float = 20.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("tour step did not finish")


def fill(window: MainWindow, patient: str, amount: str, choice: TenderChoice) -> None:
    form = window.checkout.form
    form.clear()
    form.patient.setText(patient)
    form.amount.setText(amount)
    form.set_choice(choice)


async def pay_by_tap(window: MainWindow, ctx: AppContext, amount: str, shot: Shot | None) -> None:
    page = window.checkout
    fill(window, "MRN-10442", amount, TenderChoice.CARD_ON_READER)
    page.pay()  # the simulated PIN pad presents its chip card by itself
    await until(lambda: page.stack.currentWidget() is page.result)


async def seed_history(ctx: AppContext) -> None:
    from desktop_app.sandbox.demo import demo_card_tender

    pay = ctx.runtime.payments.process
    done = {}
    for amount, patient in (("45.00", "MRN-20311"), ("120.00", "MRN-20587"),
                            ("20.00", "MRN-20644")):
        done[patient] = await pay(PaymentRequest(
            TransactionKind.SALE, amount=Money.parse(amount), tender=demo_card_tender(),
            patient_id=patient))
    # a voided sale and a part refund, so History and its totals show reversals
    await pay(PaymentRequest(TransactionKind.VOID, patient_id="MRN-20644",
                             transaction_id=done["MRN-20644"].transaction_id))
    await pay(PaymentRequest(TransactionKind.SIMPLE_REFUND, amount=Money.parse("30.00"),
                             patient_id="MRN-20587",
                             transaction_id=done["MRN-20587"].transaction_id))
    ctx.journal_changed.emit()


async def checkout_steps(ctx: AppContext, window: MainWindow, shot: Shot) -> None:
    await shot("checkout-empty")
    fill(window, "MRN-10442", "35.00", TenderChoice.KEYED_CARD)
    await shot("checkout-keyed-form")
    await pay_by_tap(window, ctx, "35.00", shot)
    await shot("result-approved")
    await pay_by_tap(window, ctx, "51.10", None)
    await shot("result-partially-approved")
    await pay_by_tap(window, ctx, "20.05", None)
    await shot("result-declined")


async def hosted_steps(ctx: AppContext, window: MainWindow, shot: Shot) -> None:
    page = window.checkout
    fill(window, "MRN-10442", "75.00", TenderChoice.HOSTED_PAGE)
    page.pay()
    await until(lambda: page.hosted.panel is not None and
                page.hosted.panel.view.title().startswith("Pay"))
    assert page.hosted.panel is not None
    page.hosted.panel.view.page().runJavaScript(FILL_SSO)
    await shot("checkout-hosted-page")
    page.hosted.close()
    await until(lambda: page.stack.currentWidget() is page.form)


async def other_pages(ctx: AppContext, window: MainWindow, shot: Shot) -> None:
    window.show_page(1)
    await asyncio.sleep(0.5)
    window.history.table.selectRow(0)
    await shot("history")
    window.show_page(2)
    await shot("devices")
    window.show_page(3)
    await shot("settings")
    assert window.translations is not None
    window.translations.switch("es")
    window.show_page(0)
    window.checkout.new_payment()
    await shot("checkout-spanish")
    for index, name in ((1, "history"), (2, "devices"), (3, "settings")):
        window.show_page(index)  # long Spanish labels must fit too
        await shot(f"{name}-spanish")
    window.translations.switch("en")
    window.show_page(0)


async def tour(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    async with open_runtime() as runtime:
        ctx, window = build_window(runtime)
        ctx.presenter.sink = lambda _text: None
        ctx.sso_poll_interval = 1.0
        window.move(0, 0)
        window.resize(1100, 760)
        window.show()
        shot = shooter(out, window)
        await seed_history(ctx)
        await checkout_steps(ctx, window, shot)
        await other_pages(ctx, window, shot)
        await hosted_steps(ctx, window, shot)  # last: an open page keeps the terminal busy
        window.close()
    loop = asyncio.get_running_loop()
    await loop.shutdown_asyncgens()
    return 0


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(tour(out)))
    except Exception:
        traceback.print_exc()  # our excepthook only logs to the throwaway home
        return 1
    finally:
        loop.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
