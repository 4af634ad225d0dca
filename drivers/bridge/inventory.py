"""The bridge's local devices, by identity (vendor ID, product ID, serial), never by port.

A reader moved to another USB port keeps its identity, so the app's next open finds it
wherever it is now; a different reader of the same model (another serial) is not it.
MagTek HID readers are here; serial check readers in ``serial_inventory.py``; the bridge
serves both through ``Inventories``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from drivers.capture import DeviceKind
from drivers.dynaflex.driver import PRODUCTS as DYNAFLEX_PRODUCTS
from drivers.errors import DeviceNotFound
from drivers.hid.magtek import MAGTEK_VENDOR_ID, SUPPORTED_PRODUCTS
from drivers.transports.address import Scheme, parse_address
from drivers.transports.base import Transport
from drivers.transports.hid import HidBackend, HidDeviceInfo, HidTransport
from drivers.transports.iothread import io_thread

log = logging.getLogger(__name__)
CHECK_IDENTITIES = ("usbserial:", "serial:")  # serial_inventory.py's; HID ones are hid:


@dataclass(frozen=True)
class LocalDevice:
    identity: str     # hid:VID:PID[:serial] or a serial port's, the app's driver is chosen by
    description: str
    simulated: bool = False  # encrypts under the sandbox's test scheme, not a real key
    kind: DeviceKind = DeviceKind.CARD_READER

    def as_json(self) -> dict[str, object]:
        return {"identity": self.identity, "description": self.description,
                "simulated": self.simulated, "kind": self.kind.value}


class Inventory(Protocol):
    def owns(self, identity: str) -> bool: ...
    async def devices(self) -> list[LocalDevice]: ...
    async def transport(self, identity: str) -> Transport: ...


class Inventories:
    """Several inventories served as one (the HID readers and the serial check readers)."""

    def __init__(self, *parts: Inventory) -> None:
        self.parts = parts

    def owns(self, identity: str) -> bool:
        return any(p.owns(identity) for p in self.parts)

    async def devices(self) -> list[LocalDevice]:
        return [d for p in self.parts for d in await p.devices()]

    async def transport(self, identity: str) -> Transport:
        for part in self.parts:
            if part.owns(identity):
                return await part.transport(identity)
        raise DeviceNotFound(f"The device {identity} is not plugged into the thin client.")


def identity_of(info: HidDeviceInfo) -> str:
    tail = f":{info.serial_number}" if info.serial_number else ""
    return f"hid:{info.vendor_id:04x}:{info.product_id:04x}{tail}"


def _supported(info: HidDeviceInfo) -> bool:
    return info.vendor_id == MAGTEK_VENDOR_ID and (
        info.product_id in SUPPORTED_PRODUCTS or info.product_id in DYNAFLEX_PRODUCTS)


class HidInventory:
    """MagTek HID readers attached to this thin client (hidapi, or a fake in tests)."""

    def __init__(self, backend: HidBackend, *, simulated: bool = False) -> None:
        self.backend = backend
        self.simulated = simulated

    def owns(self, identity: str) -> bool:
        return identity.startswith("hid:")

    async def devices(self) -> list[LocalDevice]:
        try:
            found = await io_thread("hid").run(self.backend.enumerate)
        except Exception as exc:  # no hidapi, no permission: nothing to serve
            log.info("HID enumeration failed: %s", type(exc).__name__)
            return []
        return [LocalDevice(identity_of(i), i.product or "MagTek reader", self.simulated)
                for i in found if _supported(i)]

    async def transport(self, identity: str) -> Transport:
        """A transport to the reader with this identity, wherever it is plugged in now."""
        if identity not in {d.identity for d in await self.devices()}:
            raise DeviceNotFound(f"The reader {identity} is not plugged into the thin client.")
        address = parse_address(identity)
        assert address.scheme is Scheme.HID
        assert address.vendor_id is not None and address.product_id is not None
        return HidTransport(self.backend, address.vendor_id, address.product_id,
                            address.serial_number)
