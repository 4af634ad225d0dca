"""The thin client's check reader on the Devices page (#15): with the IT setting on, pairing
binds the bridge's Mini MICR (a simulator on a real pty) beside its card reader, and the
page lists it as a check scanner on the thin client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.bridge import client
from drivers.bridge.inventory import HidInventory, Inventories
from drivers.bridge.pairing import PinStore
from drivers.bridge.serial_inventory import SerialInventory
from drivers.bridge.server import BridgeServer
from drivers.bridge.tls import load_identity
from drivers.micr.simulator import start_simulator
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo
from tests.memory_keyring import memory_keyring_installed
from tests.ui.conftest import by_name, click, wait_until
from tests.ui.test_checkout import Window


@pytest.fixture(autouse=True)
def keyring_in_memory() -> Iterator[None]:
    with memory_keyring_installed():
        yield


@pytest.fixture
async def thin_client(tmp_path: Path) -> AsyncIterator[tuple[BridgeServer, int]]:
    port_path, micr = await start_simulator("check")
    secret: dict[str, str] = {}
    reader = FakeHidDevice(HidDeviceInfo(0x0801, 0x0011, "DESK7", "MagneSafe V5"))
    inventory = Inventories(HidInventory(FakeHidBackend([reader])),
                            SerialInventory([port_path], lister=lambda: []))
    server = BridgeServer(load_identity(tmp_path / "agent", "agent",
                                        (secret.get, secret.__setitem__)),
                          PinStore(tmp_path / "agent" / "pins.json"), inventory)
    yield server, await server.start("127.0.0.1", 0)
    await server.close()
    await micr.stop()
    client.configure(None)


@pytest.fixture
def settings_changes(thin_client: tuple[BridgeServer, int]) -> dict[str, Any]:
    return {"bridge_host": "127.0.0.1", "bridge_port": thin_client[1],
            "bridge_check_reader": True}


async def test_pairing_lists_the_thin_clients_check_reader_as_a_check_scanner(
        qtbot: Any, app_window: Window, thin_client: tuple[BridgeServer, int]) -> None:
    _, window = app_window
    window.show_page(2)
    by_name(window, "bridge pairing code").setText(thin_client[0].open_pairing())
    click(qtbot, by_name(window, "pair bridge"))
    message = by_name(window, "devices message")
    await wait_until(lambda: "Paired with the device bridge" in message.text(), what="paired")
    table = by_name(window, "devices table")

    def bridged() -> list[list[str]]:
        rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
        return [r for r in rows if r[1] == "thin client (bridge)"]

    await wait_until(lambda: len(bridged()) == 2, what="both bridged devices listed")
    kinds = {r[0]: r[2] for r in bridged()}
    assert kinds["Check scanner"] == "MagTek Mini MICR on 127.0.0.1"
    assert "on 127.0.0.1" in kinds["Card reader"]
