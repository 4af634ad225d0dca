"""The app shell: banner, status bar, navigation, single instance, operation helper."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain import ValidationError
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operation import Operation, OpState
from desktop_app.ui.single_instance import SingleInstance, server_name
from tests.ui.conftest import by_name, wait_until


async def test_sandbox_shows_a_loud_banner_and_the_device_state(
        app_window: tuple[AppContext, MainWindow]) -> None:
    _ctx, window = app_window
    banner = by_name(window, "environment banner")
    assert banner.isVisible() and "SANDBOX" in banner.text()
    assert "PIN pad: ready" in by_name(window, "device status").text()
    assert "sandbox" in by_name(window, "environment status").text()


async def test_every_control_has_an_accessible_name(
        app_window: tuple[AppContext, MainWindow]) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    _ctx, window = app_window
    controls = [w for kind in (QAbstractButton, QLineEdit, QComboBox)
                for w in window.findChildren(kind)]
    unnamed = [w for w in controls if not w.accessibleName()
               and not w.objectName().startswith("qt_")  # Qt's own sub-controls
               and not w.parent().inherits("QComboBox")
               and not w.parent().inherits("QAbstractSpinBox")]
    assert unnamed == []


async def test_ctrl_number_switches_pages(qtbot: Any,
                                          app_window: tuple[AppContext, MainWindow]) -> None:
    from PySide6.QtCore import Qt

    _ctx, window = app_window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: window.pages.currentWidget() is window.history)


async def test_a_second_launch_raises_the_first() -> None:
    first = SingleInstance("fdp-test-single")
    assert first.listen()
    raised: list[bool] = []
    first.activate_requested.connect(lambda: raised.append(True))
    try:
        second = SingleInstance("fdp-test-single")
        assert second.ask_running_to_raise()
        await wait_until(lambda: raised, what="activate request")
    finally:
        first.close()
    assert not SingleInstance("fdp-test-single").ask_running_to_raise(100)


def test_each_login_session_of_a_user_has_its_own_instance(monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "7")
    first = server_name()
    assert server_name() == first  # the same session finds its running app
    monkeypatch.setenv("XDG_SESSION_ID", "8")
    assert server_name() != first  # another session of the same user starts its own


async def test_operation_routes_errors_to_the_presenter_and_cancel_cancels(
        app_window: tuple[AppContext, MainWindow]) -> None:
    ctx, _window = app_window

    async def fails() -> None:
        raise ValidationError("Amount is missing")

    op: Operation[None] = Operation("x", presenter=ctx.presenter)
    assert await op.run(fails()) is None
    assert op.state is OpState.FAILED and ctx.presenter.last_message == "Amount is missing"

    slow: Operation[None] = Operation("y", presenter=ctx.presenter)
    task = asyncio.ensure_future(slow.run(asyncio.sleep(30)))
    await asyncio.sleep(0.05)
    slow.cancel()
    assert await task is None and slow.state is OpState.CANCELLED


def _mnemonics(page: Any) -> dict[str, list[str]]:
    """Alt+letter → the texts that claim it on one page (visible labels and buttons)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    seen: dict[str, list[str]] = {}
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        text = widget.text().replace("&&", "")
        if "&" in text and text.index("&") + 1 < len(text) and not widget.isHidden():
            seen.setdefault(text[text.index("&") + 1].lower(), []).append(text)
    return seen


async def test_no_two_controls_on_a_page_share_an_alt_key_in_either_language(
        app_window: tuple[AppContext, MainWindow]) -> None:
    _ctx, window = app_window
    assert window.translations is not None
    try:
        for language in ("en", "es"):
            window.translations.switch(language)
            await asyncio.sleep(0.05)
            for page in (window.checkout.form, window.history, window.devices, window.settings):
                clashes = {k: v for k, v in _mnemonics(page).items() if len(v) > 1}
                assert clashes == {}, (language, type(page).__name__)
    finally:
        window.translations.switch("en")


def test_the_app_collects_cycles_only_on_the_gui_thread() -> None:
    import gc

    from desktop_app.ui.gc_guard import GuiThreadCollector

    was = gc.isenabled()
    collector = GuiThreadCollector(interval_ms=50)
    collector.start()
    try:
        assert not gc.isenabled()  # no collection on a device or database thread

        class Cycle:
            me: object

        cycle = Cycle()
        cycle.me = cycle
        del cycle
        assert collector.collect() >= 1
    finally:
        collector.stop()
    assert gc.isenabled()
    if not was:
        gc.disable()  # the UI test modules run with collection off (conftest)
