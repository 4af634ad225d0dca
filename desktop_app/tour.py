"""A guided tour of the main screens on the embedded sandbox, for screenshots and demos.

``python -m desktop_app.tour OUTDIR`` opens the real app window (use a throwaway
FRONTDESK_PAY_HOME), walks through every state a receptionist meets (checkout with the test
cards, keyed card, check by phone, waiting for the card, each result, the partial-approval
balance, the hosted page, history with its totals, devices, settings locked and unlocked) in
English and Spanish at 1024×768 and 1366×768, and after each step runs ``import -window ID
OUTDIR/SIZE-LANG-NN-name.png`` (ImageMagick, under Xvfb: see scripts/screenshots.sh). A
receipt PDF of each paper size is rendered to PNG with ``pdftoppm``. Only public test cards
are used; a card number on screen is masked after its first six digits.

One state is put on the panel directly rather than reached: "result not known yet" (it
needs a gateway that stops answering mid-payment; the tests reach it for real).
"""

from __future__ import annotations

import asyncio
import sys
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget
from qasync import QEventLoop

from desktop_app.bootstrap import open_runtime
from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.ui.app import build_window, make_application
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow


class Shot(Protocol):
    """Take the next screenshot: of the main window, or of ``of`` (a dialog over it)."""

    def __call__(self, name: str, of: QWidget | None = None) -> Awaitable[None]: ...


SIZES = ((1024, 768), (1366, 768))
LANGUAGES = ("en", "es")
FILL_SSO = """
document.getElementById('cardHolderName').value = 'Jane Doe';
document.getElementById('cardExpirationMonth').value = '12';
document.getElementById('cardExpirationYear').value = '2030';
"""
CLINIC: dict[str, Any] = dict(clinic_name="Riverside Family Clinic",
                              clinic_address="12 Mill Road, Oak Vale",
                              clinic_phone="(555) 010-2030")


def shooter(out: Path, window: QWidget, prefix: str, first: int = 0) -> Shot:
    counter = [first]

    async def shot(name: str, of: QWidget | None = None) -> None:
        await asyncio.sleep(0.6)  # let layouts settle and the frame reach the X server
        counter[0] += 1
        path = out / f"{prefix}-{counter[0]:02d}-{name}.png"
        proc = await asyncio.create_subprocess_exec(
            "import", "-window", str(int((of or window).winId())), str(path))
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


async def pay_by_tap(window: MainWindow, amount: str) -> None:
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


async def use_devices(ctx: AppContext, *addresses: str) -> None:
    ctx.runtime.settings = replace(ctx.runtime.settings, device_addresses=addresses)
    await ctx.devices.reconfigure(ctx.settings)


async def form_steps(window: MainWindow, shot: Shot) -> None:
    from desktop_app.sandbox.demo import DEMO_PAN

    page = window.checkout
    page.new_payment()
    page.show_sandbox_help()
    await shot("checkout-first-start-test-cards")
    fill(window, "MRN-10442", "35.00", TenderChoice.KEYED_CARD)
    form = page.form
    form.pan.set_digits(DEMO_PAN)  # the sandbox's public test card
    form.expiry.setText("13/20")
    form.card_name.setText("Jane Doe")
    form.zip_code.setText("19103")
    page.pay()  # 13/20 is refused at the desk: the expiry alone is cleared
    await asyncio.sleep(0.2)
    await shot("checkout-keyed-masked-expiry-refused")
    fill(window, "MRN-10442", "80.00", TenderChoice.CHECK_NOT_PRESENT)
    form.holder.setText("Jane Doe")
    form.routing.setText("021000021")
    form.account.setText("123456789")
    form.check_number.setText("1001")
    await shot("checkout-check-by-phone")
    form.clear()


async def eligibility_steps(window: MainWindow, shot: Shot) -> None:
    """Check-in coverage (issue 16): the sandbox's test patients, the copay in the amount."""
    panel = window.checkout.eligibility
    panel.setChecked(True)
    for name, (member, last, first, born) in {
            "active-copay-prefilled": ("SBX100001", "Doe", "Jane", "01/01/1980"),
            "inactive": ("SBX100003", "Poe", "Pat", "02/20/1990"),
            "payer-down": ("SBX100005", "Loe", "Lee", "07/07/1970")}.items():
        for edit, text in ((panel.member, member), (panel.last, last), (panel.first, first),
                           (panel.born, born)):
            edit.setText(text)
        panel.answer.clear()
        panel.send()
        await until(lambda: panel.answer.text() and "…" not in panel.answer.text())
        await shot(f"checkout-eligibility-{name}")
    panel.setChecked(False)
    window.checkout.form.clear()


async def history_coverage(window: MainWindow, shot: Shot) -> None:
    """Check coverage from a History row (issue 16): the dialog with the answer, then
    "Take payment" and Checkout with the patient and the copay. The first pass finds the
    patient never checked and types Jane Doe in; later passes find that check and reuse it."""
    page = window.history
    page.search.setText("MRN-20311")
    await until(lambda: page.proxy.rowCount() == 1)
    page.table.selectRow(0)
    page.coverage_button.click()
    await until(lambda: page.coverage.dialog is not None)
    dialog = page.coverage.dialog
    assert dialog is not None
    panel = dialog.panel
    if not panel.member.text():
        for edit, text in ((panel.member, "SBX100001"), (panel.last, "Doe"),
                           (panel.first, "Jane"), (panel.born, "01/01/1980")):
            edit.setText(text)
    panel.send()
    await until(lambda: dialog.take.isEnabled())
    await shot("history-coverage-active", of=dialog)
    dialog.take.click()
    await until(lambda: window.pages.currentWidget() is window.checkout)
    await shot("history-coverage-take-payment")
    window.checkout.form.clear()
    window.show_page(1)
    page.search.clear()


async def result_steps(ctx: AppContext, window: MainWindow, shot: Shot) -> None:
    page = window.checkout
    await use_devices(ctx, "sim:timeout")  # a pad that waits for a card that never comes
    fill(window, "MRN-10442", "35.00", TenderChoice.CARD_ON_READER)
    page.pay()
    await until(lambda: "Insert" in page.progress.status.text()
                or "Inserte" in page.progress.status.text())
    await shot("waiting-for-card")
    page.progress.cancel_button.click()
    await until(lambda: page.stack.currentWidget() is page.form and not page.busy)
    await use_devices(ctx, "sim:approved_chip", "sim:check")
    await pay_by_tap(window, "35.00")
    await shot("result-approved")
    await pay_by_tap(window, "20.51")
    await shot("result-declined")
    await pay_by_tap(window, "50.10")
    await shot("result-partially-approved")
    page.result.buttons["take balance"].click()
    await shot("partial-balance-form")
    shown = page.result.outcome
    page.result.show_outcome(Outcome(OutcomeStatus.UNKNOWN, reference=shown.reference
                                     if shown else "FDP0", requested=Money.parse("64.00")))
    page.stack.setCurrentWidget(page.result)
    await shot("result-unknown")
    page.new_payment()


async def hosted_steps(window: MainWindow, shot: Shot) -> None:
    page = window.checkout
    fill(window, "MRN-10442", "75.00", TenderChoice.HOSTED_PAGE)
    page.pay()
    await until(lambda: page.hosted.panel is not None and
                page.hosted.panel.view.title().startswith(("Pay", "Pagar")))
    assert page.hosted.panel is not None
    page.hosted.panel.view.page().runJavaScript(FILL_SSO)
    await shot("checkout-hosted-page")
    page.hosted.close()
    await until(lambda: page.stack.currentWidget() is page.form)
    await shot("checkout-hosted-page-closed")


async def other_pages(window: MainWindow, shot: Shot) -> None:
    window.show_page(1)
    await asyncio.sleep(0.5)
    window.history.table.selectRow(0)
    await shot("history-with-totals")
    await history_coverage(window, shot)
    window.show_page(2)
    await shot("devices")
    window.show_page(3)
    window.settings._lock(False)
    await shot("settings-unlocked")
    window.settings._lock(True)  # as a desk without the IT passcode sees it
    await shot("settings-locked")
    window.settings._lock(False)
    window.show_page(0)


async def receipts(ctx: AppContext, out: Path) -> None:
    from desktop_app.ui.receipts import save_receipt_pdf

    (row, *_rest) = [r for r in await ctx.runtime.journal.history() if r.kind == "sale"
                     and r.state.value == "approved"]
    for paper in ("80mm", "a4"):
        pdf = save_receipt_pdf(ctx.runtime.paths, replace(ctx.settings, receipt_paper=paper),
                               row, out / f"receipt-{paper}-{ctx.settings.language}.pdf")
        proc = await asyncio.create_subprocess_exec(
            "pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(pdf.with_suffix("")))
        await proc.wait()
        print(f"wrote {pdf.with_suffix('.png')}")


def set_up(ctx: AppContext, window: MainWindow, out: Path, size: tuple[int, int],
           language: str, first: int = 0) -> Shot:
    from desktop_app.settings import save_settings

    assert window.translations is not None
    window.translations.switch(language)
    ctx.runtime.settings = replace(ctx.runtime.settings, language=language)
    save_settings(ctx.runtime.paths, ctx.runtime.settings)  # the Settings page shows them
    window.settings.load(ctx.runtime.settings)
    window.resize(*size)
    return shooter(out, window, f"{size[0]}x{size[1]}-{language}", first)


async def one_pass(ctx: AppContext, window: MainWindow, out: Path, size: tuple[int, int],
                   language: str) -> None:
    shot = set_up(ctx, window, out, size, language)
    await form_steps(window, shot)
    await eligibility_steps(window, shot)
    await result_steps(ctx, window, shot)
    await other_pages(window, shot)
    if size == SIZES[0]:
        await receipts(ctx, out)


async def tour(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    async with open_runtime() as runtime:
        runtime.settings = replace(runtime.settings, **CLINIC)
        ctx, window = build_window(runtime)
        ctx.presenter.sink = lambda _text: None
        ctx.sso_poll_interval = 1.0
        window.move(0, 0)
        window.show()
        await until(lambda: ctx.devices.ready)
        await seed_history(ctx)
        for size in SIZES:
            for language in LANGUAGES:
                await one_pass(ctx, window, out, size, language)
        # last: a closed page is checked in the background until it expires
        for size in SIZES:
            for language in LANGUAGES:
                await hosted_steps(window, set_up(ctx, window, out, size, language, 90))
        window.translations.switch("en")  # type: ignore[union-attr]
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
