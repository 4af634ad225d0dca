"""A device behind the bridge, as the app's ``DeviceManager`` sees it: the production
driver over a ``BridgeTransport`` (a MagTek card reader, or the Mini MICR check reader),
plus the link's state and whether the reader encrypts.

A reader that sends clear tracks (MagTek's non-encrypting HID swipe) puts card data on the
network, inside mutual TLS but outside the reader's own encryption (PCI DSS 4.2.1): its
info says so, the Devices page warns, and ``refuse_clear_readers`` (production) refuses it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from desktop_app.domain import Tender
from drivers.bridge import client
from drivers.bridge.client import BridgeRefused, ClientConfig
from drivers.bridge.inventory import CHECK_IDENTITIES
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind
from drivers.check.reader import CheckReader, ScannedCheck
from drivers.dynaflex.driver import PRODUCTS as DYNAFLEX_PRODUCTS
from drivers.dynaflex.driver import DynaFlexReader
from drivers.errors import DeviceNotFound
from drivers.events import DeviceEventKind, Emit
from drivers.hid.magtek import SWIPE_PRODUCT, MagtekHidReader
from drivers.micr.reader import MiniMicrReader
from drivers.sim_cards import SANDBOX_SCHEME
from drivers.transports.address import Address, parse_address
from drivers.transports.base import Transport
from drivers.transports.bridge import BridgeTransport

CLEAR_PRODUCTS = {SWIPE_PRODUCT}  # readers that send tracks unencrypted
D = TypeVar("D", CardReader, MiniMicrReader)
T = TypeVar("T")


@dataclass(frozen=True)
class BridgedDeviceInfo(DeviceInfo):
    bridge: str = ""          # the thin client's host
    identity: str = ""        # the device's identity there (hid:VID:PID:serial, usbserial:…)
    encrypting: bool = True
    link_up: bool = True


def reader_for(identity: Address, transport: Transport, *, simulated: bool) -> CardReader:
    """The production driver for the remote reader's identity, over the bridge."""
    pid = identity.product_id or 0
    reader: DynaFlexReader | MagtekHidReader
    if pid in DYNAFLEX_PRODUCTS:
        reader = DynaFlexReader(transport, model=DYNAFLEX_PRODUCTS[pid])
    else:
        reader = MagtekHidReader.for_product(transport, pid)
    if simulated:
        reader.scheme = SANDBOX_SCHEME
    return reader


def pick(devices: list[dict[str, Any]], selector: str, host: str) -> dict[str, Any]:
    """The listed device an address names: its first card reader (no selector), its first
    check reader (``check``), or the one with that identity (drivers/transports/address.py)."""
    for device in devices:
        identity, kind = str(device.get("identity", "")), device.get("kind")
        if (selector == identity or (selector == "" and identity.startswith("hid:"))
                or (selector == "check" and kind == DeviceKind.CHECK_SCANNER.value)):
            return device
    what = {"": "card reader", "check": "check reader"}.get(selector, f"device {selector}")
    raise DeviceNotFound(f"No {what} is plugged into the thin client {host}.")


def names_check_reader(selector: str) -> bool:
    """Whether a bridge address's selector (after its ``/``) names a check reader."""
    return selector == "check" or selector.startswith(CHECK_IDENTITIES)


class BridgedDevice(Generic[D]):
    """What a card reader and a check reader behind the bridge share: finding the device in
    the bridge's listing, the link and its state, riding out a dropped link while the device
    is in use (an idle one rather shows as disconnected and is re-bound), and telling staff
    when the link drops and is restored meanwhile."""

    words = "Device"
    kind = DeviceKind.CARD_READER

    def __init__(self, address: Address, config: ClientConfig | None = None) -> None:
        assert address.port is not None  # parse_address gives a bridge: a port
        self.host, self.port, self.selector = address.target, address.port, address.device
        self._config = config
        self._info = BridgedDeviceInfo(str(address), self.kind, f"{self.words} on {self.host}",
                                       bridge=self.host)
        self._inner: D | None = None
        self._transport: BridgeTransport | None = None
        self._busy = False
        self._emit: Emit | None = None

    @property
    def info(self) -> DeviceInfo:
        link = self._transport.link_up if self._transport is not None else False
        return dataclasses.replace(self._info, link_up=link)

    @property
    def transport(self) -> Transport | None:
        """The manager hooks ``on_lost`` here, as on any driver's transport."""
        return self._transport

    def config(self) -> ClientConfig:
        return self._config or client.current_config(self._info.address)

    async def _find(self, config: ClientConfig) -> dict[str, Any]:
        return pick(await client.list_devices(self.host, self.port, config), self.selector,
                    self.host)

    def _link_to(self, identity: str, config: ClientConfig) -> BridgeTransport:
        transport = BridgeTransport(self.host, self.port, identity, config)
        transport.keep_resuming = lambda: self._busy
        transport.on_link = self._link_changed
        self._transport = transport
        return transport

    async def _open_inner(self, inner: D, identity: str, **changes: Any) -> None:
        await inner.open()
        self._inner = inner
        self._info = dataclasses.replace(self._info, kind=inner.info.kind,
                                         model=f"{inner.info.model} on {self.host}",
                                         identity=identity, **changes)

    def _running(self) -> D:
        if self._inner is None:
            raise DeviceNotFound(f"The {self.words.lower()} on {self.host} is not open.")
        return self._inner

    async def _in_use(self, emit: Emit | None, work: Awaitable[T]) -> T:
        self._busy, self._emit = True, emit
        try:
            return await work
        finally:
            self._busy, self._emit = False, None

    def _link_changed(self, up: bool) -> None:
        if self._emit is not None:
            self._emit(DeviceEventKind.READING if up else DeviceEventKind.ERROR,
                       f"Link to the device bridge on {self.host} restored" if up else
                       f"Link to the device bridge on {self.host} lost; reconnecting")

    async def close(self) -> None:
        if self._inner is not None:
            await self._inner.close()


class BridgedReader(BridgedDevice[CardReader], CardReader):  # type: ignore[override]
    words = "Card reader"

    async def open(self) -> None:
        config = self.config()
        found = await self._find(config)
        identity = parse_address(str(found["identity"]))
        encrypting = identity.product_id not in CLEAR_PRODUCTS
        if not encrypting and config.refuse_clear_readers:
            raise BridgeRefused(f"The reader on {self.host} does not encrypt card data, and "
                                "this clinic refuses such readers through the bridge.")
        inner = reader_for(identity, self._link_to(str(identity), config),
                           simulated=bool(found.get("simulated")))
        await self._open_inner(inner, str(identity), encrypting=encrypting)

    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender:
        return await self._in_use(emit, self._running().capture(request, emit))


class BridgedCheckReader(BridgedDevice[MiniMicrReader], CheckReader):  # type: ignore[override]
    """The production Mini MICR driver over the bridge. ``CheckReader.scan`` takes no event
    callback, so the manager hands this one its emitter (``events``) when it binds it."""

    words = "Check reader"
    kind = DeviceKind.CHECK_SCANNER
    events: Emit | None = None

    async def open(self) -> None:
        config = self.config()
        identity = str((await self._find(config))["identity"])
        await self._open_inner(MiniMicrReader(self._link_to(identity, config)), identity)

    async def scan(self, timeout_s: float = 30.0) -> ScannedCheck:
        return await self._in_use(self.events, self._running().scan(timeout_s))


def bridged_device(address: Address) -> BridgedReader | BridgedCheckReader:
    """The remote driver a ``bridge:`` address names (not yet opened)."""
    if names_check_reader(address.device):
        return BridgedCheckReader(address)
    return BridgedReader(address)
