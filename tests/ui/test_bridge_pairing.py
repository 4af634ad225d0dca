"""Pairing with the Citrix device bridge from the Devices page (#15): the code typed once,
then the thin client's reader listed, and a non-encrypting one flagged."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.bridge_setup import app_pins
from drivers.bridge import client
from drivers.bridge.inventory import HidInventory
from drivers.bridge.pairing import PinStore
from drivers.bridge.server import BridgeServer
from drivers.bridge.tls import load_identity
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo
from tests.memory_keyring import memory_keyring_installed
from tests.ui.conftest import by_name, click, wait_until
from tests.ui.test_checkout import Window


@pytest.fixture(autouse=True)
def keyring_in_memory() -> Iterator[None]:
    with memory_keyring_installed():
        yield


@pytest.fixture
async def bridge(tmp_path: Path) -> AsyncIterator[BridgeServer]:
    secret: dict[str, str] = {}
    clear_reader = FakeHidDevice(HidDeviceInfo(0x0801, 0x0002, "DESK7", "MagTek HID swipe"))
    server = BridgeServer(load_identity(tmp_path / "agent", "agent", (secret.get,
                                                                      secret.__setitem__)),
                          PinStore(tmp_path / "agent" / "pins.json"),
                          HidInventory(FakeHidBackend([clear_reader])))
    server.port = await server.start("127.0.0.1", 0)  # type: ignore[attr-defined]
    yield server
    await server.close()
    client.configure(None)


@pytest.fixture
def settings_changes(bridge: BridgeServer) -> dict[str, Any]:
    return {"bridge_host": "127.0.0.1", "bridge_port": bridge.port}  # type: ignore


async def test_the_code_typed_on_the_devices_page_pairs_and_binds_the_thin_clients_reader(
        qtbot: Any, app_window: Window, bridge: BridgeServer) -> None:
    ctx, window = app_window
    window.show_page(2)
    code = by_name(window, "bridge pairing code")
    code.setText("0000-0000-0000")
    click(qtbot, by_name(window, "pair bridge"))
    message = by_name(window, "devices message")
    await wait_until(lambda: "Not paired" in message.text(), what="a wrong code refused")
    assert code.text() == ""  # the code is never left on screen
    code.setText(bridge.open_pairing())
    click(qtbot, by_name(window, "pair bridge"))
    await wait_until(lambda: "Paired with the device bridge" in message.text(), what="paired")
    table = by_name(window, "devices table")
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    bridged = [r for r in rows if r[1] == "thin client (bridge)"]
    assert len(bridged) == 1 and "does not encrypt" in bridged[0][2]
    assert app_pins(ctx.runtime.paths).cert("127.0.0.1") == bridge.identity.cert_pem
