"""History as the desk reads it (#13): the selection follows the filter, the columns fit a
1024 px screen, who took each payment, and the export is what the filter shows."""

from __future__ import annotations

import asyncio
import csv
import getpass
from typing import Any

from desktop_app.ui.history.page import HistoryPage
from tests.ui.conftest import by_name, click, save_as, wait_until
from tests.ui.test_history import Window, refund_sale, sale, select_sale, void_sale


async def test_a_row_the_filter_hides_is_never_described_or_reprinted(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    await sale(ctx, "10.00", "MRN-F1")
    await sale(ctx, "11.00", "MRN-F2")
    window.show_page(1)
    page: HistoryPage = window.history
    await wait_until(lambda: page.proxy.rowCount() == 2, what="two rows")
    await select_sale(window, "MRN-F1")
    detail = by_name(window, "payment detail")
    assert "$10.00" in detail.text()
    by_name(window, "history search").setText("MRN-F2")  # the selected row is filtered out
    assert page.selected() is None
    assert "$10.00" not in detail.text() and "Select a payment" in detail.text()
    assert not by_name(window, "reprint receipt").isEnabled()
    assert not by_name(window, "void").isEnabled()
    by_name(window, "history search").setText("nobody")
    assert "No payment matches" in detail.text()


async def test_the_operator_is_a_column_and_the_columns_fit_1024_px(
        app_window: Window) -> None:
    ctx, window = app_window
    txn = await sale(ctx, "1234.56", "MRN-LONG-ACCOUNT-0001")
    await refund_sale(ctx, txn, "34.56")
    await sale(ctx, "51.10", "MRN-PARTIAL-0002")
    window.resize(1366, 768)
    window.show_page(1)
    page = window.history
    await wait_until(lambda: page.proxy.rowCount() == 3, what="rows")
    window.show_page(0)  # narrower, and more rows, while the page is hidden: the scroll bar
    window.resize(1024, 768)
    await asyncio.sleep(0.05)
    for n in range(24):
        await sale(ctx, f"{n + 1}.00", f"MRN-MORE-{n:04d}")
    window.show_page(1)
    await wait_until(lambda: page.proxy.rowCount() == 27, what="more rows")
    await wait_until(page.table.verticalScrollBar().isVisible, what="the scroll bar")
    keys = [k for k, _ in page.model.columns]
    assert page.proxy.index(0, keys.index("operator")).data() == getpass.getuser()
    assert window.translations is not None
    try:
        for language in ("en", "es"):  # Spanish words are longer: still in view
            window.translations.switch(language)
            await asyncio.sleep(0.05)
            header = page.table.horizontalHeader()
            # every column in view, and the table's whole width used (none cut for want of
            # room that was there): rows that bring the scroll bar narrow it, too
            assert header.length() == page.table.viewport().width(), language
            for key in ("time", "patient", "amount", "approved", "status"):  # never cut
                c = keys.index(key)
                assert header.sectionSize(c) >= max(page.table.sizeHintForColumn(c),
                                                    header.sectionSizeHint(c)), (language, key)
            assert window.width() == 1024  # no page widens the window
    finally:
        window.translations.switch("en")


async def test_the_export_writes_what_the_filter_shows_with_reversals_linked(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    voided = await sale(ctx, "20.00", "MRN-E1")
    refunded = await sale(ctx, "50.00", "MRN-E1")
    await sale(ctx, "99.00", "MRN-OTHER")
    await void_sale(ctx, voided)
    await refund_sale(ctx, refunded, "12.50")
    window.show_page(1)
    page = window.history
    await wait_until(lambda: page.proxy.rowCount() == 5, what="five rows")
    by_name(window, "history search").setText("MRN-E1")
    assert page.proxy.rowCount() == 4
    click(qtbot, by_name(window, "export csv"))
    target = ctx.runtime.paths.data_dir / "e1.csv"
    await save_as(target)
    with target.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["patient_id"] for r in rows} == {"MRN-E1"} and len(rows) == 4
    kinds = sorted(r["kind"] for r in rows)
    assert kinds == ["refund by ID", "sale", "sale", "void"]  # in words
    refs = {e.payment.transaction_id: e.payment.reference for e in page.model.entries}
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["void"]["reverses_reference"] == refs[voided]
    assert by_kind["refund by ID"]["amount"] == "-12.50"
    assert by_kind["refund by ID"]["reverses_reference"] == refs[refunded]
    assert {r["state"] for r in rows if r["kind"] == "sale"} == {"voided", "partly refunded"}
    assert all(r["time"][19:] and r["operator"] for r in rows)  # local time with its offset
    assert f"Exported 4 payments to {target}" in by_name(window, "payment detail").text()


async def test_a_partial_approvals_gateway_message_is_said_in_spanish(
        app_window: Window) -> None:
    ctx, window = app_window
    await sale(ctx, "51.10", "MRN-PARTIAL-ES")
    await select_sale(window, "MRN-PARTIAL-ES")
    detail = by_name(window, "payment detail")
    assert "Partially approved: $25.55" in detail.text()
    assert window.translations is not None
    try:
        window.translations.switch("es")
        await wait_until(lambda: "Aprobado en parte: $25.55" in detail.text(), what="es")
        assert "Partially" not in detail.text()
    finally:
        window.translations.switch("en")
