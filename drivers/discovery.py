"""Finding devices: which driver an address gets, HID auto-discovery, serial-port probing.

Drivers declare what they support (``hid/magtek.py: SUPPORTED_PRODUCTS``, DynaFlex
``PRODUCTS``; for serial probes, the Mini MICR's answer to ``FC``); this module asks the
backends, on their I/O threads. ``tcp:`` has no driver: the Ethernet terminals we know of
(Ingenico RBA) document their EMV messages only under NDA (drivers/README.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection

from drivers.bridge.remote import bridged_device, names_check_reader
from drivers.capture import CardReader, DeviceKind
from drivers.check.reader import CheckReader
from drivers.dynaflex.driver import PRODUCTS as DYNAFLEX_PRODUCTS
from drivers.dynaflex.driver import DynaFlexReader
from drivers.errors import AddressError, DeviceError
from drivers.hid.magtek import MAGTEK_VENDOR_ID, SUPPORTED_PRODUCTS, MagtekHidReader
from drivers.micr.commands import MessageSplitter, command
from drivers.micr.reader import MiniMicrReader
from drivers.micr.wedge import MicrWedgeReader
from drivers.transports.address import Address, Scheme
from drivers.transports.hid import HidBackend, HidTransport
from drivers.transports.iothread import io_thread
from drivers.transports.serial import SerialTransport
from drivers.wedge_reader import WedgeReader

log = logging.getLogger(__name__)
Device = CardReader | CheckReader
PROBE_S = 0.5


def device_for(address: Address, hid: HidBackend) -> Device:
    """The driver for a configured address (not yet opened)."""
    s, vid, pid = address.scheme, address.vendor_id, address.product_id
    if s is Scheme.SERIAL:
        return MiniMicrReader(SerialTransport(address.target))
    if s is Scheme.TCP:
        raise AddressError(f"{address}: no driver for network terminals yet (Ingenico RBA's "
                           "EMV messages need Ingenico's licensed guide). Connect a MagTek "
                           "DynaFlex by USB instead.")
    if s is Scheme.HID and vid == MAGTEK_VENDOR_ID and pid in DYNAFLEX_PRODUCTS:
        return DynaFlexReader(HidTransport(hid, vid, pid, address.serial_number),
                              model=DYNAFLEX_PRODUCTS[pid])
    if s is Scheme.HID and vid is not None and pid is not None:
        return MagtekHidReader.for_product(HidTransport(hid, vid, pid, address.serial_number),
                                           pid)
    if s is Scheme.USB:
        raise AddressError(f"{address}: no driver for raw USB devices; MagTek readers are "
                           "hid: addresses, a Mini MICR is serial: (or a keyboard wedge).")
    if s is Scheme.WEDGE:  # wedge: a card reader; wedge:micr a Mini MICR typing the line
        return MicrWedgeReader() if address.target == "micr" else WedgeReader()
    if s is Scheme.SIM:
        raise AddressError(f"{address}: list simulators under simulators, not addresses")
    return bridged_device(address)


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
                             ) -> list[tuple[str, MiniMicrReader]]:
    """Mini MICR readers on ports not in ``skip`` (they answer ``FC`` with their format);
    returned open.

    Opt-in only: writing a probe to an unknown port could upset a modem or printer on it.
    """
    try:
        ports = await io_thread("serial").run(lister)
    except Exception as exc:
        log.info("serial port listing failed: %s", type(exc).__name__)
        return []
    found = []
    for port in ports:
        if f"serial:{port}" in skip:
            continue
        reader = MiniMicrReader(SerialTransport(port))
        try:
            await reader.open()
            if await _answers_fc(reader):
                found.append((f"serial:{port}", reader))
                continue
        except DeviceError:
            pass
        await reader.close()
    return found


async def _answers_fc(reader: MiniMicrReader) -> bool:
    await reader.transport.write(command("FC"))
    splitter = MessageSplitter()
    try:
        async with asyncio.timeout(PROBE_S):
            while True:
                for message in splitter.feed(await reader.transport.read()):
                    return message.text.isdigit() and len(message.text) == 4
    except TimeoutError:
        return False


def kind_guess(address: str) -> DeviceKind:
    """What a device that is not there would have been, from its address alone."""
    scheme = address.partition(":")[0]
    if scheme in ("serial", "rfc2217") or (scheme == "bridge" and names_check_reader(
            address.partition("/")[2])):
        return DeviceKind.CHECK_SCANNER
    if scheme in ("tcp", "tls", "bridge"):
        return DeviceKind.PIN_PAD
    return DeviceKind.CARD_READER
