"""The bridge's serial check readers (MagTek Mini MICR on RS-232 or a USB-serial adapter).

Which ports: those the bridge is told (``bridge serve --serial COM3``, or ``serial:`` entries
in the thin client's device addresses) and, with ``--probe-serial``, any other port whose
device answers ``FC`` with its format (``drivers/discovery.py``; opt-in, since a probe
written to a modem or a printer could upset it). A port's identity is what the port itself
says: a USB-serial adapter's vendor/product ID and serial number from pyserial's
``list_ports`` (``usbserial:0403:6001:A1B2C3``), so the reader is found again when its adapter
moves to another USB port and Windows gives it another COM number; a port without them (a
built-in COM port, an adapter with no serial number, a pty, a network serial URL) is known
by its name (``serial:COM1``).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Sequence
from typing import Protocol

from drivers.bridge.inventory import CHECK_IDENTITIES, LocalDevice
from drivers.capture import DeviceKind
from drivers.discovery import probe_serial_ports
from drivers.errors import DeviceNotFound
from drivers.transports.base import Transport
from drivers.transports.iothread import io_thread
from drivers.transports.serial import SerialTransport

log = logging.getLogger(__name__)
RETRY_PROBE_S = 60.0  # a port that did not answer is probed again after this long


class PortInfo(Protocol):
    """What we read of pyserial's ``ListPortInfo`` (tests give their own)."""

    device: str
    vid: int | None
    pid: int | None
    serial_number: str | None
    description: str


PortLister = Callable[[], Sequence[PortInfo]]


def pyserial_ports() -> Sequence[PortInfo]:
    from serial.tools import list_ports  # pyserial: imported here, as in the transport

    return list_ports.comports()


def identity_of(port: PortInfo) -> str:
    if port.vid is not None and port.pid is not None and port.serial_number:
        return f"usbserial:{port.vid:04x}:{port.pid:04x}:{port.serial_number}"
    return f"serial:{port.device}"


def _reachable(name: str) -> bool:
    """A configured port no lister shows: a network serial URL, or a device path (a pty)."""
    return "://" in name or (name.startswith("/") and os.path.exists(name))


class SerialInventory:
    def __init__(self, ports: Sequence[str] = (), *, probe: bool = False,
                 lister: PortLister = pyserial_ports) -> None:
        self.ports = list(ports)
        self.probe = probe
        self.lister = lister
        self._known: set[str] = set()          # identities seen on a configured or probed port
        self._silent: dict[str, float] = {}    # identity → when a probe got no answer
        self._names: dict[str, str] = {}       # identity → description

    def owns(self, identity: str) -> bool:
        return identity.startswith(CHECK_IDENTITIES)

    async def _present(self) -> dict[str, str]:
        """Identity → the port it is on now."""
        try:
            listed = list(await io_thread("serial").run(self.lister))
        except Exception as exc:  # no pyserial, no permission: the configured names only
            log.info("serial port listing failed: %s", type(exc).__name__)
            listed = []
        found: dict[str, str] = {}
        for port in listed:
            identity = identity_of(port)
            if port.device in self.ports:
                self._known.add(identity)
            if identity in self._known:
                found[identity] = port.device
                self._names.setdefault(identity, port.description or "")
        for name in self.ports:
            if name not in {p.device for p in listed} and _reachable(name):
                found[f"serial:{name}"] = name
        if self.probe:
            found |= await self._probe([p for p in listed if identity_of(p) not in found])
        return found

    async def _probe(self, ports: list[PortInfo]) -> dict[str, str]:
        now = asyncio.get_running_loop().time()
        due = {identity_of(p): p for p in ports
               if now - self._silent.get(identity_of(p), -RETRY_PROBE_S) >= RETRY_PROBE_S}
        answered = set()
        for address, reader in await probe_serial_ports(
                lambda: [p.device for p in due.values()], ()):
            await reader.close()
            answered.add(address.removeprefix("serial:"))
        found = {}
        for identity, port in due.items():
            if port.device in answered:
                self._known.add(identity)
                self._names.setdefault(identity, port.description or "")
                found[identity] = port.device
            else:
                self._silent[identity] = now
        return found

    async def devices(self) -> list[LocalDevice]:
        return [LocalDevice(identity, _description(self._names.get(identity, ""), port),
                            kind=DeviceKind.CHECK_SCANNER)
                for identity, port in (await self._present()).items()]

    async def transport(self, identity: str) -> Transport:
        """A transport to the check reader with this identity, on whichever port it is now."""
        port = (await self._present()).get(identity)
        if port is None:
            raise DeviceNotFound(f"The check reader {identity} is not plugged into the thin "
                                 "client.")
        return SerialTransport(port)


def _description(listed: str, port: str) -> str:
    """pyserial's "n/a" or a bare port name says nothing: name what it serves instead."""
    if listed and listed != "n/a" and listed != port:
        return f"check reader on {port} ({listed})"
    return f"check reader on {port}"
