"""The Citrix device bridge over loopback with real TLS: pairing, refusals, a swipe and a full
EMV sale through the production drivers, a reader moved to another port, a dropped link."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from desktop_app.domain import Money, TenderKind
from desktop_app.sandbox.test_keys import decrypt_track
from drivers.bridge import client
from drivers.bridge.client import BridgeRefused
from drivers.capture import CaptureRequest, DeviceState, IssuerAnswer
from drivers.dynaflex.mms import Command
from drivers.dynaflex.simulator import DynaFlexSimulator
from drivers.errors import DeviceDisconnected
from drivers.events import DeviceEvent, DeviceEventKind
from drivers.manager import DeviceManager
from drivers.simulated import _reports
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo
from tests.drivers.bridge_parts import HOST, Bridge, Proxy, app_config, paired, start_bridge
from tests.drivers.cards import PAN, TRACK1, TRACK2, leaks

E = DeviceEventKind


def swipe_reader(serial: str = "SIM0001") -> FakeHidDevice:
    from drivers.hid.magtek import encode_report

    info = HidDeviceInfo(0x0801, 0x0002, serial, "MagTek USB HID swipe reader")
    return FakeHidDevice(info, _reports(encode_report(TRACK1, TRACK2)) * 3)


@pytest.fixture
async def bridge(tmp_path: Path) -> AsyncIterator[Bridge]:
    running = await start_bridge(tmp_path, [DynaFlexSimulator("approved_chip", tick_s=0.005)])
    yield running
    await running.server.close()
    client.configure(None)


async def manager_for(port: int, config: client.ClientConfig) -> DeviceManager:
    client.configure(config)
    manager = DeviceManager([f"bridge:{HOST}:{port}"], hid_backend=FakeHidBackend([]))
    await manager.initialize()
    return manager


def request(**kw: object) -> CaptureRequest:
    return CaptureRequest(Money(2000), card_timeout_s=5.0, **kw)  # type: ignore[arg-type]


async def test_pairing_with_the_code_pins_both_ends_and_then_lists_the_readers(
        bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    await paired(bridge, config)
    assert list(bridge.pins.names()) == ["frontdesk-1"]
    assert config.pins.name_of(bridge.server.identity.fingerprint) == HOST
    devices = await client.list_devices(HOST, bridge.port, config)
    assert [d["identity"] for d in devices] == ["hid:0801:2020:B0SIMDF1"]
    assert bridge.server.window is None  # the code is single use


async def test_a_wrong_code_pins_nothing_and_three_wrong_tries_close_pairing(
        bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    code = bridge.server.open_pairing()
    for _ in range(3):
        with pytest.raises(BridgeRefused, match="not the one the bridge shows"):
            await client.pair(HOST, bridge.port, "0000-0000-0000", config)
    with pytest.raises(BridgeRefused, match="Pairing is not open"):
        await client.pair(HOST, bridge.port, code, config)
    assert bridge.pins.names() == {} and config.pins.names() == {}


async def test_the_code_is_read_as_staff_type_it(bridge: Bridge, tmp_path: Path) -> None:
    code = bridge.server.open_pairing()
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    await client.pair(HOST, bridge.port, typed, app_config(tmp_path))
    assert list(bridge.pins.names()) == ["frontdesk-1"]


async def test_an_unpaired_workstation_is_refused_even_with_the_bridge_pinned(
        bridge: Bridge, tmp_path: Path) -> None:
    await paired(bridge, app_config(tmp_path))
    stranger = app_config(tmp_path, "stranger")
    stranger.pins.pin(HOST, bridge.server.identity.cert_pem)  # knows the bridge, not paired
    with pytest.raises(BridgeRefused):
        await client.list_devices(HOST, bridge.port, stranger)
    with pytest.raises(BridgeRefused, match="not paired"):
        await client.list_devices(HOST, bridge.port, app_config(tmp_path, "never-paired"))


async def test_a_bridge_that_is_not_the_pinned_one_is_refused(
        bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    await paired(bridge, config)
    other = await start_bridge(tmp_path / "other", [])
    try:
        with pytest.raises(BridgeRefused, match="refused"):
            await client.list_devices(HOST, other.port, config)
    finally:
        await other.server.close()


async def test_revoking_refuses_the_next_link_and_cuts_a_live_one(
        bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    await paired(bridge, config)
    manager = await manager_for(bridge.port, config)
    removed = asyncio.Event()
    manager.add_listener(lambda e: removed.set() if e.kind is E.REMOVED else None)
    try:
        assert bridge.pins.revoke() == ["frontdesk-1"]  # as main.py bridge revoke does
        await asyncio.wait_for(removed.wait(), 3.0)
        with pytest.raises(BridgeRefused, match="revoked"):
            await client.list_devices(HOST, bridge.port, config)
    finally:
        await manager.close()


async def test_a_re_pair_replaces_the_old_pin(bridge: Bridge, tmp_path: Path) -> None:
    first = app_config(tmp_path / "one")
    await paired(bridge, first)
    second = app_config(tmp_path / "two")  # same name, new certificate (a new profile)
    await paired(bridge, second)
    assert len(bridge.pins.names()) == 1
    assert await client.list_devices(HOST, bridge.port, second)
    with pytest.raises(BridgeRefused):
        await client.list_devices(HOST, bridge.port, first)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # TLS 1.1 on purpose
async def test_tls_older_than_1_2_is_refused(bridge: Bridge) -> None:
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
    old.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    old.maximum_version = ssl.TLSVersion.TLSv1_1
    with pytest.raises((ssl.SSLError, ConnectionError)):
        _, writer = await asyncio.open_connection(HOST, bridge.port, ssl=old)
        writer.close()


async def test_a_swipe_through_the_bridge_reaches_the_app_driver(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture,
                                                                   ) -> None:
    caplog.set_level(logging.DEBUG)
    swiper = await start_bridge(tmp_path, [swipe_reader()])
    config = app_config(tmp_path)
    try:
        await paired(swiper, config)
        manager = await manager_for(swiper.port, config)
        try:
            tender = await manager.process_transaction(request())
            info = manager.devices()[0]
        finally:
            await manager.close()
    finally:
        await swiper.server.close()
        client.configure(None)
    assert tender.kind is TenderKind.SWIPE and tender.card is not None
    assert tender.card.pan == PAN
    assert info.model.endswith(f"on {HOST}") and not info.encrypting  # type: ignore[attr-defined]
    assert not leaks(caplog.text), "card data in the logs"


async def test_a_full_emv_sale_runs_through_the_bridge(bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    await paired(bridge, config)
    manager = await manager_for(bridge.port, config)
    answers: list[object] = []

    async def authorize(tender):  # type: ignore[no-untyped-def]
        answers.append(tender)
        return IssuerAnswer(True)

    try:
        tender = await manager.process_transaction(request(authorize=authorize))
    finally:
        await manager.close()
    sim = bridge.backend.devices[0]
    assert tender.kind is TenderKind.CHIP and tender.encrypted is not None
    assert decrypt_track(tender.encrypted.encrypted_track2, tender.encrypted.ksn).startswith(
        f";{PAN}=")
    assert tender.emv_tags["8A"] == b"00".hex().upper() and len(answers) == 1
    assert [m.id for m in sim.requests] == [  # type: ignore[attr-defined]
        Command.START_TRANSACTION, Command.RESUME_TRANSACTION]


async def test_a_reader_moved_to_another_port_binds_again_by_its_identity(
        tmp_path: Path) -> None:
    swiper = await start_bridge(tmp_path, [swipe_reader("OTHER01"), swipe_reader()])
    swiper.unplug(swiper.backend.devices[0])  # only SIM0001 is at the desk
    config = app_config(tmp_path)
    await paired(swiper, config)
    manager = await manager_for(swiper.port, config)
    gone = asyncio.Event()
    manager.add_listener(lambda e: gone.set() if e.kind is E.REMOVED else None)
    try:
        old = swiper.backend.devices[0]
        swiper.unplug(old)
        await asyncio.wait_for(gone.wait(), 3.0)
        assert manager.devices()[0].state is DeviceState.REMOVED
        swiper.plug(swipe_reader(), position=0)  # same reader, another USB port
        swiper.plug(FakeHidDevice(HidDeviceInfo(0x0801, 0x3000, "X", "not a reader")), 0)
        await manager.rescan()
        info = manager.devices()[0]
        assert info.state is DeviceState.IDLE
        assert info.identity == "hid:0801:0002:SIM0001"  # type: ignore[attr-defined]
        tender = await manager.process_transaction(request())
        assert tender.kind is TenderKind.SWIPE
    finally:
        await manager.close()
        await swiper.server.close()
        client.configure(None)


async def test_a_link_cut_mid_transaction_recovers_the_outcome_once(
        bridge: Bridge, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    config = app_config(tmp_path)
    await paired(bridge, config)
    proxy = await Proxy(bridge.port).start()
    manager = await manager_for(proxy.port, config)
    events: list[DeviceEvent] = []
    manager.add_listener(events.append)

    async def authorize(tender):  # type: ignore[no-untyped-def]
        proxy.refusing = True
        proxy.cut()  # the gateway answers while the thin client's link is down
        await asyncio.sleep(0.6)
        asyncio.get_running_loop().call_later(0.4, setattr, proxy, "refusing", False)
        return IssuerAnswer(True)

    try:
        tender = await manager.process_transaction(request(authorize=authorize))
        transport = manager.device(f"bridge:{HOST}:{proxy.port}").transport  # type: ignore
    finally:
        await manager.close()
        await proxy.close()
    sim = bridge.backend.devices[0]
    assert tender.kind is TenderKind.CHIP and tender.emv_tags["8A"] == b"00".hex().upper()
    assert [m.id for m in sim.requests] == [  # type: ignore[attr-defined]
        Command.START_TRANSACTION, Command.RESUME_TRANSACTION]  # sent once, never twice
    assert transport.reconnects == 1
    texts = [e.message for e in events]
    assert any("lost; reconnecting" in t for t in texts) and any("restored" in t for t in texts)
    assert not leaks(caplog.text), "card data in the logs"


async def test_the_readers_answer_given_while_the_link_is_down_arrives_after_reconnect(
        bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    await paired(bridge, config)
    proxy = await Proxy(bridge.port).start()
    manager = await manager_for(proxy.port, config)

    def on_event(event: DeviceEvent) -> None:
        if event.kind is E.CARD_INSERTED:  # the ARQC follows while the link is down
            proxy.refusing = True
            proxy.cut()
            asyncio.get_running_loop().call_later(0.5, setattr, proxy, "refusing", False)

    manager.add_listener(on_event)
    try:
        tender = await manager.process_transaction(request())  # Quick Chip: no answer sent
    finally:
        await manager.close()
        await proxy.close()
    assert tender.kind is TenderKind.CHIP and tender.encrypted is not None
    assert bridge.backend.devices[0].starts == 1  # type: ignore[attr-defined]


async def test_a_silent_link_is_noticed_within_seconds_and_shown(
        bridge: Bridge, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    await paired(bridge, config)
    proxy = await Proxy(bridge.port).start()
    manager = await manager_for(proxy.port, config)
    removed = asyncio.Event()
    manager.add_listener(lambda e: removed.set() if e.kind is E.REMOVED else None)
    try:
        assert manager.devices()[0].link_up  # type: ignore[attr-defined]
        proxy.frozen = True
        started = asyncio.get_running_loop().time()
        await asyncio.wait_for(removed.wait(), 3.0)
        noticed = asyncio.get_running_loop().time() - started
        info = manager.devices()[0]
        assert info.state is DeviceState.REMOVED and not info.link_up  # type: ignore
        assert noticed < 1.5  # dead_after_s is 0.4 here; 3 s by default
        proxy.frozen = False
        proxy.cut()
        await manager.rescan()
        assert manager.devices()[0].state is DeviceState.IDLE
    finally:
        await manager.close()
        await proxy.close()


async def test_a_bridge_restart_mid_transaction_is_a_clear_disconnect(
        tmp_path: Path) -> None:
    running = await start_bridge(tmp_path, [DynaFlexSimulator("approved_chip", tick_s=0.005)])
    config = app_config(tmp_path)
    await paired(running, config)
    manager = await manager_for(running.port, config)

    async def authorize(tender):  # type: ignore[no-untyped-def]
        await running.server.close()  # the thin client rebooted: its sessions are gone
        again = await start_bridge(tmp_path, [DynaFlexSimulator("approved_chip")],
                                   running.port)
        restarted.append(again)
        return IssuerAnswer(True)

    restarted: list[Bridge] = []
    try:
        with pytest.raises(DeviceDisconnected, match="restarted"):
            await manager.process_transaction(request(authorize=authorize))
    finally:
        await manager.close()
        for b in restarted:
            await b.server.close()
        client.configure(None)
    assert len(restarted) == 1


async def test_production_can_refuse_a_non_encrypting_reader_through_the_bridge(
        tmp_path: Path) -> None:
    swiper = await start_bridge(tmp_path, [swipe_reader()])
    config = app_config(tmp_path, refuse_clear_readers=True)
    try:
        await paired(swiper, config)
        manager = await manager_for(swiper.port, config)
        info = manager.devices()[0]
        await manager.close()
    finally:
        await swiper.server.close()
        client.configure(None)
    assert info.state is DeviceState.REMOVED and "does not encrypt" in info.model
    assert swiper.server.channels == {}  # the reader was never opened for it
