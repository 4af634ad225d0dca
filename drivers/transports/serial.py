"""``serial:`` ports through pyserial, every call on the one serial I/O thread.

Also covers ``rfc2217://`` and Citrix-mapped COM ports, which pyserial opens like any
other port. The port is opened non-blocking (timeout 0): the shared serial thread is never
parked inside one port's read.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from drivers.errors import DeviceNotFound
from drivers.transports.threaded import ThreadedTransport

log = logging.getLogger(__name__)


class SerialTransport(ThreadedTransport):
    backend = "serial"

    def __init__(self, port: str, *, baudrate: int = 9600) -> None:
        super().__init__(port if "://" in port else f"serial:{port}")
        self.port_name = port
        self.baudrate = baudrate
        self._port: Any = None

    def _open_blocking(self) -> None:
        self.assert_in_io_thread()
        import serial  # pyserial: imported here so drivers import without it

        try:
            self._port = serial.serial_for_url(self.port_name, baudrate=self.baudrate,
                                               timeout=0, write_timeout=2)
        except (serial.SerialException, OSError, ValueError) as exc:
            log.info("cannot open %s: %s", self.address, type(exc).__name__)
            raise DeviceNotFound(f"No device answers at {self.address}. Check that it is "
                                 "plugged in and that no other program is using the port."
                                 ) from None

    def _read_blocking(self) -> bytes:
        self.assert_in_io_thread()
        port = self._port
        data: bytes = port.read(max(1, port.in_waiting))
        return data

    def _write_blocking(self, data: bytes) -> None:
        self.assert_in_io_thread()
        self._port.write(data)  # no flush(): tcdrain can stall a pty or a Citrix-mapped port

    def _close_blocking(self) -> None:
        self.assert_in_io_thread()
        if self._port is not None:
            with contextlib.suppress(Exception):
                self._port.close()
            self._port = None
