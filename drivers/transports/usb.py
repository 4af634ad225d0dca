"""``usb:VID:PID`` bulk devices (check scanners) through a backend interface.

``PyUsbBackend`` imports pyusb only when opening (pin: pyusb==1.3.1); the fake replays a
recorded byte stream in answer to each command, so scanner drivers run without hardware.
All backend calls run on the "usb" I/O thread: libusb handles are not shared across threads.
"""

from __future__ import annotations

import collections
import time
from typing import Any, Protocol

from drivers.transports.threaded import DeviceHandle, HandleTransport

UsbHandle = DeviceHandle


class UsbBackend(Protocol):
    def present(self) -> list[tuple[int, int]]: ...
    def open(self, vendor_id: int, product_id: int) -> UsbHandle: ...


class _PyUsbHandle:
    def __init__(self, device: Any) -> None:
        import usb.util

        self.device = device
        device.set_configuration()
        interface = device.get_active_configuration()[(0, 0)]

        def direction(wanted: int) -> Any:
            return usb.util.find_descriptor(interface, custom_match=lambda e: (
                usb.util.endpoint_direction(e.bEndpointAddress) == wanted))

        self.ep_in = direction(usb.util.ENDPOINT_IN)
        self.ep_out = direction(usb.util.ENDPOINT_OUT)

    def read(self, size: int, timeout_ms: int) -> bytes:
        import usb.core

        try:
            return bytes(self.ep_in.read(size, timeout_ms))
        except usb.core.USBTimeoutError:
            return b""

    def write(self, data: bytes) -> None:
        self.ep_out.write(data)

    def close(self) -> None:
        import usb.util

        usb.util.dispose_resources(self.device)


class PyUsbBackend:
    def present(self) -> list[tuple[int, int]]:
        import usb.core

        return [(d.idVendor, d.idProduct) for d in usb.core.find(find_all=True)]

    def open(self, vendor_id: int, product_id: int) -> UsbHandle:
        import usb.core

        device = usb.core.find(idVendor=vendor_id, idProduct=product_id)
        if device is None:
            raise OSError("no such device")
        return _PyUsbHandle(device)


class FakeUsbDevice:
    """Answers the n-th write with the n-th recorded response, in small chunks like USB."""

    def __init__(self, vendor_id: int, product_id: int, responses: list[bytes],
                 *, chunk: int = 64, delay_s: float = 0.0) -> None:
        self.ids = (vendor_id, product_id)
        self.responses = collections.deque(responses)
        self.pending = bytearray()
        self.written: list[bytes] = []
        self.chunk, self.delay_s = chunk, delay_s
        self.unplugged = False

    def read(self, size: int, timeout_ms: int) -> bytes:
        if self.unplugged:
            raise OSError("device disconnected")
        if not self.pending:
            return b""
        data = bytes(self.pending[:min(size, self.chunk)])
        del self.pending[:len(data)]
        return data

    def write(self, data: bytes) -> None:
        if self.unplugged:
            raise OSError("device disconnected")
        self.written.append(data)
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.responses:
            self.pending += self.responses.popleft()

    def close(self) -> None:
        pass


class FakeUsbBackend:
    def __init__(self, devices: list[FakeUsbDevice]) -> None:
        self.devices = devices

    def present(self) -> list[tuple[int, int]]:
        return [d.ids for d in self.devices if not d.unplugged]

    def open(self, vendor_id: int, product_id: int) -> UsbHandle:
        for d in self.devices:
            if d.ids == (vendor_id, product_id) and not d.unplugged:
                return d
        raise OSError("no such device")


class UsbTransport(HandleTransport):
    backend = "usb"
    read_timeout_ms = 1  # libusb: 0 would mean wait forever
    not_found = ("No scanner found at {address}. Check the USB cable and that the scanner is "
                 "switched on.")

    def __init__(self, backend: UsbBackend, vendor_id: int, product_id: int) -> None:
        super().__init__(f"usb:{vendor_id:04x}:{product_id:04x}")
        self.usb, self.ids = backend, (vendor_id, product_id)

    def _open_handle(self) -> UsbHandle:
        return self.usb.open(*self.ids)
