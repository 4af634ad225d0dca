"""A check image the gateway cannot use is fed again at the desk, before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, wait_until
from tests.ui.test_checkout import choose, shown_result, start
from tests.ui.test_devices import record_progress

Window = tuple[AppContext, MainWindow]


@pytest.mark.parametrize("device_addresses", [("sim:check_image_dark",)])
@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_a_dark_check_image_is_rescanned_then_sent_with_its_images(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    seen = record_progress(window)
    start(qtbot, window, "MRN-9020", "61.00")
    choose(window, TenderChoice.CHECK_AT_DESK)
    click(qtbot, by_name(window, "take payment"))
    page = window.checkout
    await wait_until(lambda: page.stack.currentWidget() is page.micr, what="MICR shown")
    assert any("too dark" in line and "feed it again" in line for line in seen)
    assert await ctx.runtime.journal.history() == []
    qtbot.keyClick(by_name(window, "send check"), Qt.Key.Key_Return)
    assert "Approved $61.00" in await shown_result(window, "Approved")
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "echeck_sale" and "1234567890" not in row.card_display


@pytest.mark.parametrize("device_addresses", [("wedge:micr",)])
@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_a_keyboard_mini_micr_types_the_check_and_no_field_gets_it(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-9021", "62.00")
    choose(window, TenderChoice.CHECK_AT_DESK)
    click(qtbot, by_name(window, "take payment"))
    status = by_name(window, "payment status")
    await wait_until(lambda: "Feed the check" in status.text(), what="waiting for the check")
    target = window.focusWidget() or window
    qtbot.keyClicks(target, "T021000021T 1234567890O 1001")  # the reader types, fast
    qtbot.keyClick(target, Qt.Key.Key_Return)
    page = window.checkout
    await wait_until(lambda: page.stack.currentWidget() is page.micr, what="MICR shown")
    assert by_name(window, "scanned routing").text() == "021000021"
    assert by_name(window, "patient reference").text() == "MRN-9021"  # nothing typed into it
    qtbot.keyClick(by_name(window, "send check"), Qt.Key.Key_Return)
    assert "Approved $62.00" in await shown_result(window, "Approved")
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "echeck_sale" and "1234567890" not in row.card_display
