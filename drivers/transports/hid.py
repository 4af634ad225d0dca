"""``hid:VID:PID[:serial]`` through a backend interface: hidapi in production, a fake in tests.

hidapi is imported only when ``HidapiBackend`` opens a device (pin: hidapi==0.15.0). All
backend calls run on the "hid" I/O thread; hidapi is not known to be thread-safe.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from typing import Any, Protocol

from drivers.transports.threaded import DeviceHandle, HandleTransport


@dataclass(frozen=True)
class HidDeviceInfo:
    vendor_id: int
    product_id: int
    serial_number: str = ""
    product: str = ""


class HidHandle(DeviceHandle, Protocol):
    """hidapi's device, with feature reports (MICRSafe commands); byte 0 is the report ID."""

    def send_feature_report(self, data: bytes) -> None: ...
    def get_feature_report(self, report_id: int, size: int) -> bytes: ...


class HidBackend(Protocol):
    def enumerate(self) -> list[HidDeviceInfo]: ...
    def open(self, vendor_id: int, product_id: int, serial_number: str) -> HidHandle: ...


class _HidapiHandle:
    def __init__(self, device: Any) -> None:
        self.device = device

    def read(self, size: int, timeout_ms: int) -> bytes:
        return bytes(self.device.read(size, timeout_ms))

    def write(self, data: bytes) -> None:
        self.device.write(data)

    def send_feature_report(self, data: bytes) -> None:
        self.device.send_feature_report(data)

    def get_feature_report(self, report_id: int, size: int) -> bytes:
        return bytes(self.device.get_feature_report(report_id, size))

    def close(self) -> None:
        self.device.close()


class HidapiBackend:
    """The real backend (the ``hidapi`` package, imported as ``hid``)."""

    def enumerate(self) -> list[HidDeviceInfo]:
        import hid

        return [HidDeviceInfo(d["vendor_id"], d["product_id"], d.get("serial_number") or "",
                              d.get("product_string") or "") for d in hid.enumerate()]

    def open(self, vendor_id: int, product_id: int, serial_number: str) -> HidHandle:
        import hid

        device = hid.device()
        device.open(vendor_id, product_id, serial_number or None)
        return _HidapiHandle(device)


class FakeHidDevice:
    """Replays input reports, e.g. ones captured from a real reader; records output reports."""

    def __init__(self, info: HidDeviceInfo, reports: list[bytes] | None = None) -> None:
        self.info = info
        self.reports = collections.deque(reports or [])
        self.written: list[bytes] = []
        self.unplugged = False

    def read(self, size: int, timeout_ms: int) -> bytes:
        if self.unplugged:
            raise OSError("device disconnected")
        return self.reports.popleft()[:size] if self.reports else b""

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def send_feature_report(self, data: bytes) -> None:
        self.written.append(data)

    def get_feature_report(self, report_id: int, size: int) -> bytes:
        return bytes([report_id]) + bytes(size - 1)

    def close(self) -> None:
        pass


class FakeHidBackend:
    def __init__(self, devices: list[FakeHidDevice]) -> None:
        self.devices = devices

    def enumerate(self) -> list[HidDeviceInfo]:
        return [d.info for d in self.devices if not d.unplugged]

    def open(self, vendor_id: int, product_id: int, serial_number: str) -> HidHandle:
        for d in self.devices:
            i = d.info
            if (i.vendor_id, i.product_id) == (vendor_id, product_id) and not d.unplugged and (
                    not serial_number or serial_number == i.serial_number):
                return d
        raise OSError("no such device")


class HidTransport(HandleTransport):
    backend = "hid"
    read_timeout_ms = 0  # hidapi: 0 = return at once; the pump waits on the loop
    not_found = "No reader found at {address}. Check the USB cable."

    def __init__(self, backend: HidBackend, vendor_id: int, product_id: int,
                 serial_number: str = "", *, report_size: int = 512) -> None:
        tail = f":{serial_number}" if serial_number else ""
        super().__init__(f"hid:{vendor_id:04x}:{product_id:04x}{tail}")
        self.hid, self.ids = backend, (vendor_id, product_id, serial_number)
        self.read_size = report_size

    def _open_handle(self) -> HidHandle:
        return self.hid.open(*self.ids)
