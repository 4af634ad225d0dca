"""A reader behind the bridge, as the app's ``DeviceManager`` sees it: the production
driver over a ``BridgeTransport``, plus the link's state and whether the reader encrypts.

A reader that sends clear tracks (MagTek's non-encrypting HID swipe) puts card data on the
network, inside mutual TLS but outside the reader's own encryption (PCI DSS 4.2.1): its
info says so, the Devices page warns, and ``refuse_clear_readers`` (production) refuses it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from desktop_app.domain import Tender
from drivers.bridge import client
from drivers.bridge.client import BridgeRefused, ClientConfig
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind
from drivers.dynaflex.driver import PRODUCTS as DYNAFLEX_PRODUCTS
from drivers.dynaflex.driver import DynaFlexReader
from drivers.errors import DeviceNotFound
from drivers.events import DeviceEventKind, Emit
from drivers.hid.magtek import SWIPE_PRODUCT, MagtekHidReader
from drivers.sim_cards import SANDBOX_SCHEME
from drivers.transports.address import Address, parse_address
from drivers.transports.base import Transport
from drivers.transports.bridge import BridgeTransport

CLEAR_PRODUCTS = {SWIPE_PRODUCT}  # readers that send tracks unencrypted


@dataclass(frozen=True)
class BridgedDeviceInfo(DeviceInfo):
    bridge: str = ""          # the thin client's host
    identity: str = ""        # the reader's hid:VID:PID:serial there
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


def _first_reader(devices: list[dict[str, Any]], host: str) -> dict[str, Any]:
    for device in devices:
        if str(device.get("identity", "")).startswith("hid:"):
            return device
    raise DeviceNotFound(f"No card reader is plugged into the thin client {host}.")


class BridgedReader(CardReader):
    def __init__(self, address: Address, config: ClientConfig | None = None) -> None:
        assert address.port is not None  # parse_address gives a bridge: a port
        self.host, self.port = address.target, address.port
        self._config = config
        self._info = BridgedDeviceInfo(str(address), DeviceKind.CARD_READER,
                                       f"Card reader on {self.host}", bridge=self.host)
        self._inner: CardReader | None = None
        self._transport: BridgeTransport | None = None
        self._emit: Emit | None = None

    @property
    def info(self) -> DeviceInfo:  # type: ignore[override]
        link = self._transport.link_up if self._transport is not None else False
        return dataclasses.replace(self._info, link_up=link)

    @property
    def transport(self) -> Transport | None:
        """The manager hooks ``on_lost`` here, as on any driver's transport."""
        return self._transport

    async def open(self) -> None:
        config = self._config or client.current_config(self._info.address)
        found = _first_reader(await client.list_devices(self.host, self.port, config),
                              self.host)
        identity = parse_address(str(found["identity"]))
        encrypting = identity.product_id not in CLEAR_PRODUCTS
        if not encrypting and config.refuse_clear_readers:
            raise BridgeRefused(f"The reader on {self.host} does not encrypt card data, and "
                                "this clinic refuses such readers through the bridge.")
        transport = BridgeTransport(self.host, self.port, str(identity), config)
        transport.keep_resuming = lambda: self._emit is not None
        transport.on_link = self._link_changed
        inner = reader_for(identity, transport, simulated=bool(found.get("simulated")))
        await inner.open()
        self._inner, self._transport = inner, transport
        model = f"{inner.info.model} on {self.host}"
        self._info = dataclasses.replace(self._info, kind=inner.info.kind, model=model,
                                         identity=str(identity), encrypting=encrypting)

    def _link_changed(self, up: bool) -> None:
        if self._emit is not None:
            self._emit(DeviceEventKind.READING if up else DeviceEventKind.ERROR,
                       f"Link to the device bridge on {self.host} restored" if up else
                       f"Link to the device bridge on {self.host} lost; reconnecting")

    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender:
        if self._inner is None:
            raise DeviceNotFound(f"The reader on {self.host} is not open.")
        self._emit = emit
        try:
            return await self._inner.capture(request, emit)
        finally:
            self._emit = None

    async def close(self) -> None:
        if self._inner is not None:
            await self._inner.close()
