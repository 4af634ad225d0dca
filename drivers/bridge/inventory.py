"""The bridge's local readers, by identity (vendor ID, product ID, serial), never by port.

A reader moved to another USB port keeps its identity, so the app's next open finds it
wherever it is now; a different reader of the same model (another serial) is not it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from drivers.dynaflex.driver import PRODUCTS as DYNAFLEX_PRODUCTS
from drivers.errors import DeviceNotFound
from drivers.hid.magtek import MAGTEK_VENDOR_ID, SUPPORTED_PRODUCTS
from drivers.transports.address import Scheme, parse_address
from drivers.transports.base import Transport
from drivers.transports.hid import HidBackend, HidDeviceInfo, HidTransport
from drivers.transports.iothread import io_thread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocalDevice:
    identity: str     # hid:VID:PID[:serial], the address the app's driver is chosen by
    description: str
    simulated: bool = False  # encrypts under the sandbox's test scheme, not a real key

    def as_json(self) -> dict[str, object]:
        return {"identity": self.identity, "description": self.description,
                "simulated": self.simulated}


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
