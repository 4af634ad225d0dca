"""Real parts for bridge tests: a bridge on a loopback port with mutual TLS, paired app
identities, and a loopback TCP proxy between them that can cut or freeze the link."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from drivers.bridge import client
from drivers.bridge.client import ClientConfig
from drivers.bridge.inventory import HidInventory, Inventories
from drivers.bridge.pairing import PinStore
from drivers.bridge.serial_inventory import SerialInventory
from drivers.bridge.server import BridgeServer
from drivers.bridge.tls import Identity, Secret, load_identity
from drivers.transports.hid import FakeHidBackend, FakeHidDevice

HOST = "127.0.0.1"
FAST = {"heartbeat_s": 0.1, "dead_after_s": 0.4, "give_up_s": 10.0, "connect_timeout_s": 2.0}


_PASSPHRASES: dict[str, str] = {}  # the keyring's part, per test folder


def identity(root: Path, name: str) -> Identity:
    def get(_: str) -> str | None:
        return _PASSPHRASES.get(str(root / name))

    def put(_: str, value: str) -> None:
        _PASSPHRASES[str(root / name)] = value

    secret: Secret = (get, put)
    return load_identity(root / name, name, secret)


def app_config(root: Path, name: str = "frontdesk-1", **changes: object) -> ClientConfig:
    return ClientConfig(identity(root, name), PinStore(root / name / "bridges.json"), name,
                        **{**FAST, **changes})  # type: ignore[arg-type]


@dataclass
class Bridge:
    server: BridgeServer
    port: int
    backend: FakeHidBackend
    pins: PinStore

    def plug(self, device: FakeHidDevice, position: int | None = None) -> None:
        """Plug a reader in; ``position`` stands for the USB port."""
        self.backend.devices.insert(len(self.backend.devices) if position is None
                                    else position, device)

    def unplug(self, device: FakeHidDevice) -> None:
        device.unplugged = True
        self.backend.devices.remove(device)


async def start_bridge(root: Path, devices: list[FakeHidDevice], port: int = 0,
                       serial: SerialInventory | None = None, **timing: float) -> Bridge:
    """A bridge serving ``devices`` on a fake HID backend and, with ``serial``, its serial
    check readers (real ports: ptys)."""
    backend = FakeHidBackend(list(devices))
    pins = PinStore(root / "bridge" / "pins.json")
    hid = HidInventory(backend, simulated=True)
    server = BridgeServer(identity(root, "bridge"), pins,
                          hid if serial is None else Inventories(hid, serial),
                          heartbeat_s=timing.get("heartbeat_s", 0.1),
                          dead_after_s=timing.get("dead_after_s", 0.4))
    return Bridge(server, await server.start(HOST, port), backend, pins)


async def paired(bridge: Bridge, config: ClientConfig, host: str = HOST,
                 port: int | None = None) -> None:
    await client.pair(host, port or bridge.port, bridge.server.open_pairing(), config)


@dataclass
class Proxy:
    """Forwards loopback TCP to ``target``; ``cut()`` drops every link at once, ``frozen``
    stops forwarding without closing (a silent network), ``refusing`` rejects new links."""

    target: int
    port: int = 0
    frozen: bool = False
    refusing: bool = False
    links: list[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = field(default_factory=list)
    _server: asyncio.Server | None = None

    async def start(self) -> Proxy:
        self._server = await asyncio.start_server(self._link, HOST, 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def _link(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.refusing:
            writer.transport.abort()
            return
        up_reader, up_writer = await asyncio.open_connection(HOST, self.target)
        self.links.append((writer, up_writer))
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer),
                             return_exceptions=True)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                while self.frozen:
                    await asyncio.sleep(0.01)
                writer.write(data)
        finally:
            writer.close()

    def cut(self) -> None:
        for a, b in self.links:
            a.transport.abort()
            b.transport.abort()
        self.links.clear()

    async def close(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
