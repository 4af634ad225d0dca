"""The Devices page (#13): scenarios in words, where each device is plugged in, two of a kind
told apart, and Remove asks first."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.settings import load_settings
from tests.ui.conftest import by_name, click, top_level, wait_until
from tests.ui.test_checkout import Window


async def answer(yes: bool) -> None:
    box = await wait_until(lambda: top_level("confirm dialog"), what="confirm dialog")
    name = "confirm yes" if yes else "confirm no"
    next(b for b in box.buttons() if b.accessibleName() == name).click()


@pytest.mark.parametrize("device_addresses", [("sim:approved_chip",)])
async def test_a_second_pin_pad_is_told_apart_and_remove_asks_first(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    window.show_page(2)
    scenario = by_name(window, "simulator scenario")
    texts = [scenario.itemText(i) for i in range(scenario.count())]
    assert "PIN pad: a swiped card" in texts and not any(t.startswith("sim:") for t in texts)
    scenario.setCurrentIndex(scenario.findData("sim:swipe"))
    click(qtbot, by_name(window, "add simulator"))
    table = by_name(window, "devices table")
    await wait_until(lambda: table.rowCount() == 2, what="two devices")
    assert [table.item(r, 1).text() for r in range(2)] == ["simulator", "simulator"]
    assert table.horizontalHeaderItem(3).text() == "Serial number"
    status = by_name(window, "device status").text()
    assert status.count("PIN pad (simulator)") == 2 and "sim:" not in status
    table.selectRow(1)
    click(qtbot, by_name(window, "remove device"))
    await answer(False)
    assert table.rowCount() == 2                                    # nothing removed
    click(qtbot, by_name(window, "remove device"))
    await answer(True)
    await wait_until(lambda: table.rowCount() == 1, what="one device left")
    saved = load_settings(ctx.runtime.paths).device_addresses
    assert len(saved) == 1 and table.item(0, 0).toolTip() == saved[0]
