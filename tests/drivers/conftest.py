"""Fixtures that build real things: pty pairs with a simulated pad, loopback terminals."""

from __future__ import annotations

import contextlib
import os
import tty
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest

from drivers.pinpad.driver import PinPadReader
from drivers.pinpad.simulator import PadSimulator, start_pty_simulator, start_tcp_simulator
from drivers.transports.serial import SerialTransport
from drivers.transports.tcp import TcpTransport


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """Raw master fd and slave path: the far end of a serial cable, for link tests."""
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    yield master, path
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)


async def open_pad(scenario: str, over: str) -> tuple[PinPadReader, list[PadSimulator], object]:
    if over == "pty":
        address, sim = await start_pty_simulator(scenario)
        pad = PinPadReader(SerialTransport(address.removeprefix("serial:")))
        sims, server = [sim], None
    else:
        address, server, sims = await start_tcp_simulator(scenario)
        _, host, port = address.split(":")
        pad = PinPadReader(TcpTransport(host, int(port)))
    await pad.open()
    return pad, sims, server


PadFactory = Callable[[str, str], Awaitable[tuple[PinPadReader, list[PadSimulator]]]]


@pytest.fixture(params=["pty", "tcp"])
def over(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def pad_factory() -> AsyncIterator[PadFactory]:
    opened: list[tuple[PinPadReader, list[PadSimulator], object]] = []

    async def make(scenario: str, over: str) -> tuple[PinPadReader, list[PadSimulator]]:
        item = await open_pad(scenario, over)
        opened.append(item)
        return item[0], item[1]

    yield make
    for pad, sims, server in opened:
        await pad.close()
        for sim in sims:
            sim.stop()
        if server is not None:
            server.close()  # type: ignore[attr-defined]
