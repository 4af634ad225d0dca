"""Device addresses as staff type them in settings, parsed once into a typed value.

``serial:COM3``, ``serial:/dev/ttyUSB0``, ``rfc2217://host:port`` (pyserial's network serial),
``tcp:host:port`` and ``tls:host:port`` (Ethernet terminals), ``hid:VID:PID[:serial]`` and
``usb:VID:PID`` (hex IDs), ``sim:<scenario>``, ``wedge:`` (the UI key filter), ``bridge:host:port``
(the Citrix client-side agent).

A bridge address may name which of the thin client's devices it binds after a ``/``:
``bridge:host:port`` is its first card reader, ``bridge:host:port/check`` its first check
reader, and ``bridge:host:port/<identity>`` the one device with that identity as ``main.py
bridge devices`` lists it (``hid:0801:0002:B123``, ``usbserial:0403:6001:A1B2``,
``serial:COM3``). A host:port never holds a ``/``, so the first one starts the selector.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from drivers.errors import AddressError


class Scheme(enum.Enum):
    SERIAL = "serial"
    TCP = "tcp"
    HID = "hid"
    USB = "usb"
    SIM = "sim"
    WEDGE = "wedge"
    BRIDGE = "bridge"


@dataclass(frozen=True)
class Address:
    scheme: Scheme
    target: str = ""          # serial port or pyserial URL, host, or simulator scenario
    port: int | None = None
    vendor_id: int | None = None
    product_id: int | None = None
    serial_number: str = ""
    tls: bool = False
    device: str = ""          # bridge: which remote device ("" first card reader, "check", …)

    def __str__(self) -> str:
        s = self.scheme.value
        if self.scheme in (Scheme.HID, Scheme.USB):
            tail = f":{self.serial_number}" if self.serial_number else ""
            return f"{s}:{self.vendor_id:04x}:{self.product_id:04x}{tail}"
        if self.scheme is Scheme.TCP:
            return f"{'tls' if self.tls else s}:{self.target}:{self.port}"
        if self.scheme is Scheme.BRIDGE:
            tail = f"/{self.device}" if self.device else ""
            return f"{s}:{self._host}:{self.port}{tail}"
        if self.scheme is Scheme.SERIAL and "://" in self.target:
            return self.target
        return f"{s}:{self.target}"

    @property
    def _host(self) -> str:
        return f"[{self.target}]" if ":" in self.target else self.target


def _host_port(text: str, rest: str) -> tuple[str, int]:
    host, sep, port = rest.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(f"{text!r}: expected host:port")
    return host.strip("[]"), int(port)


def _ids(text: str, rest: str) -> tuple[int, int, str]:
    parts = rest.split(":")
    try:
        vid, pid = int(parts[0], 16), int(parts[1], 16)
    except (ValueError, IndexError):
        raise AddressError(f"{text!r}: expected VID:PID in hex, e.g. hid:0801:0002") from None
    if len(parts) > 3 or not (0 <= vid <= 0xFFFF and 0 <= pid <= 0xFFFF):
        raise AddressError(f"{text!r}: expected VID:PID[:serial]")
    return vid, pid, parts[2] if len(parts) == 3 else ""


def parse_address(text: str) -> Address:
    text = text.strip()
    if text.startswith("rfc2217://"):
        _host_port(text, text.removeprefix("rfc2217://"))
        return Address(Scheme.SERIAL, text)
    scheme_text, sep, rest = text.partition(":")
    if not sep:
        raise AddressError(f"{text!r}: a device address starts with serial:, tcp:, hid:, usb:, "
                           "sim:, wedge: or bridge:")
    tls = scheme_text == "tls"
    try:
        scheme = Scheme("tcp" if tls else scheme_text.lower())
    except ValueError:
        raise AddressError(f"{text!r}: unknown device type {scheme_text!r}") from None
    if scheme is Scheme.BRIDGE:
        rest, _, device = rest.partition("/")
        host, port = _host_port(text, rest)
        if device.strip() != device:
            raise AddressError(f"{text!r}: expected bridge:host:port[/device]")
        return Address(scheme, host, port, tls=True, device=device)
    if scheme is Scheme.TCP:
        host, port = _host_port(text, rest)
        return Address(scheme, host, port, tls=tls)
    if scheme in (Scheme.HID, Scheme.USB):
        vid, pid, serial = _ids(text, rest)
        if scheme is Scheme.USB and serial:
            raise AddressError(f"{text!r}: expected usb:VID:PID")
        return Address(scheme, "", None, vid, pid, serial)
    if scheme in (Scheme.SERIAL, Scheme.SIM) and not rest:
        raise AddressError(f"{text!r}: missing the port or scenario name")
    return Address(scheme, rest)
