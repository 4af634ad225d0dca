"""``bridge:host:port``: the interface the Citrix client-side agent must implement.

Under Citrix the devices hang off the thin client. The agent (``main.py bridge``, built in
another issue) owns them there and serves them to the app over TLS after a pairing step.
Here is only the contract: the agent lists its devices and opens a byte channel to one,
which the app wraps as a ``Transport`` so every driver works unchanged.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass

from drivers.errors import DeviceNotFound
from drivers.transports.base import Transport


@dataclass(frozen=True)
class RemoteDevice:
    local_address: str   # the address on the thin client, e.g. "hid:0801:0002"
    description: str


class BridgeClient(abc.ABC):
    """What the app needs from the agent. Pairing happens before any of these calls."""

    @abc.abstractmethod
    async def pair(self, code: str) -> None:
        """Exchange the one-time code shown on the thin client; store the pinned cert."""

    @abc.abstractmethod
    async def list_devices(self) -> list[RemoteDevice]: ...

    @abc.abstractmethod
    async def open_channel(self, local_address: str) -> Transport:
        """A transport whose bytes are the device's own, tunnelled over the TLS link."""


def unavailable(address: str) -> DeviceNotFound:
    return DeviceNotFound(f"{address}: the Citrix bridge agent is not set up on this "
                          "workstation yet. Use serial: for COM ports mapped by Citrix.")
