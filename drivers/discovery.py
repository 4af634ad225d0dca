"""Finding devices: which driver an address gets, HID auto-discovery, serial-port probing.

Drivers declare what they support (``hid/magtek.py: SUPPORTED_PRODUCTS``; the PIN-pad
``Identify`` message for probes); this module asks the backends, on their I/O threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection

from drivers.capture import CardReader, DeviceKind
from drivers.check.scanner import CheckScanner
from drivers.dynaflex.driver import PRODUCTS as DYNAFLEX_PRODUCTS
from drivers.dynaflex.driver import DynaFlexReader
from drivers.errors import AddressError, DeviceError
from drivers.hid.magtek import MAGTEK_VENDOR_ID, SUPPORTED_PRODUCTS, MagtekHidReader
from drivers.pinpad.driver import PinPadReader
from drivers.transports import bridge
from drivers.transports.address import Address, Scheme
from drivers.transports.hid import HidBackend, HidTransport
from drivers.transports.iothread import io_thread
from drivers.transports.serial import SerialTransport
from drivers.transports.tcp import TcpTransport
from drivers.transports.usb import UsbBackend, UsbTransport
from drivers.wedge_reader import WedgeReader

log = logging.getLogger(__name__)
Device = CardReader | CheckScanner


def device_for(address: Address, hid: HidBackend, usb: UsbBackend) -> Device:
    """The driver for a configured address (not yet opened)."""
    s, vid, pid = address.scheme, address.vendor_id, address.product_id
    if s is Scheme.SERIAL:
        return PinPadReader(SerialTransport(address.target))
    if s is Scheme.TCP:
        return PinPadReader(TcpTransport(address.target, address.port or 0, tls=address.tls))
    if s is Scheme.HID and vid == MAGTEK_VENDOR_ID and pid in DYNAFLEX_PRODUCTS:
        return DynaFlexReader(HidTransport(hid, vid, pid, address.serial_number),
                              model=DYNAFLEX_PRODUCTS[pid])
    if s is Scheme.HID and vid is not None and pid is not None:
        return MagtekHidReader.for_product(HidTransport(hid, vid, pid, address.serial_number),
                                           pid)
    if s is Scheme.USB and vid is not None and pid is not None:
        return CheckScanner(UsbTransport(usb, vid, pid))
    if s is Scheme.WEDGE:
        return WedgeReader()
    if s is Scheme.SIM:
        raise AddressError(f"{address}: list simulators under simulators, not addresses")
    raise bridge.unavailable(str(address))


async def supported_hid_readers(hid: HidBackend) -> list[str]:
    """Addresses of attached HID readers we have a driver for."""
    try:
        found = await io_thread("hid").run(hid.enumerate)
    except Exception as exc:  # no hidapi installed, no permission: nothing to discover
        log.info("HID discovery skipped: %s", type(exc).__name__)
        return []
    return [f"hid:{i.vendor_id:04x}:{i.product_id:04x}" for i in found
            if i.vendor_id == MAGTEK_VENDOR_ID and (i.product_id in SUPPORTED_PRODUCTS
                                                    or i.product_id in DYNAFLEX_PRODUCTS)]


def serial_ports() -> list[str]:
    from serial.tools import list_ports

    return [p.device for p in list_ports.comports()]


async def probe_serial_ports(lister: Callable[[], list[str]], skip: Collection[str],
                             ) -> list[tuple[str, PinPadReader]]:
    """PIN pads that answer ``Identify`` on ports not in ``skip``; returned open.

    Opt-in only: writing a probe to an unknown port could upset a modem or printer on it.
    """
    try:
        ports = await io_thread("serial").run(lister)
    except Exception as exc:
        log.info("serial port listing failed: %s", type(exc).__name__)
        return []
    pads = []
    for port in ports:
        if f"serial:{port}" in skip:
            continue
        pad = PinPadReader(SerialTransport(port))
        pad.link.retries, pad.link.ack_timeout = 1, 0.2
        try:
            await pad.open()
            await pad.identify(0.5)
        except DeviceError:
            await pad.close()
            continue
        pad.link.retries, pad.link.ack_timeout = 3, 0.5
        pads.append((f"serial:{port}", pad))
    return pads


def kind_guess(address: str) -> DeviceKind:
    """What a device that is not there would have been, from its address alone."""
    scheme = address.partition(":")[0]
    if scheme in ("serial", "tcp", "tls", "rfc2217", "bridge"):
        return DeviceKind.PIN_PAD
    return DeviceKind.CHECK_SCANNER if scheme == "usb" else DeviceKind.CARD_READER
