"""The app's end of the bridge link: its configuration, pairing, listing, connecting.

``configure()`` is called once by the composition root (``desktop_app/bridge_setup.py``)
with this user's identity and pins; the drivers then reach the bridge from a plain
``bridge:host:port`` address like any other device.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import ssl
from dataclasses import dataclass
from typing import Any

from drivers.bridge import wire
from drivers.bridge.pairing import PinStore, normalized, proof
from drivers.bridge.tls import Identity, client_context, der_to_pem, fingerprint, pairing_context
from drivers.bridge.wire import Kind
from drivers.errors import DeviceError, DeviceNotFound

log = logging.getLogger(__name__)


class BridgeRefused(DeviceNotFound):
    """The bridge would not serve this workstation (not paired, revoked, wrong code)."""


@dataclass(frozen=True)
class ClientConfig:
    identity: Identity
    pins: PinStore              # bridge host → the bridge's certificate
    name: str                   # how the bridge lists this workstation's pairing
    refuse_clear_readers: bool = False
    connect_timeout_s: float = 5.0
    heartbeat_s: float = 1.0
    dead_after_s: float = 3.0   # no frame for this long: the link is down
    give_up_s: float = 30.0     # reconnecting mid-transaction for at most this long


_config: ClientConfig | None = None


def configure(config: ClientConfig | None) -> None:
    global _config
    _config = config


def current_config(address: str) -> ClientConfig:
    if _config is None:
        raise BridgeRefused(f"{address}: this workstation is not paired with the Citrix "
                            "bridge agent on the thin client yet. Pair it once with the code "
                            "the bridge shows: python main.py bridge pair CODE")
    return _config


def _unreachable(host: str, port: int) -> DeviceNotFound:
    return DeviceNotFound(f"The device bridge at {host}:{port} is not answering. Check that it "
                          f"runs on the thin client and that the firewall allows port {port}.")


async def _open(host: str, port: int, context: ssl.SSLContext, timeout: float,
                ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    try:
        return await asyncio.wait_for(asyncio.open_connection(host, port, ssl=context),
                                      timeout)
    except ssl.SSLError:
        raise BridgeRefused(f"The device bridge at {host} refused this workstation's "
                            "certificate. Pair again with the code the bridge shows.") from None
    except (OSError, TimeoutError):
        raise _unreachable(host, port) from None


def peer_der(writer: asyncio.StreamWriter) -> bytes:
    ssl_object = writer.get_extra_info("ssl_object")
    der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    if not der:
        raise BridgeRefused("The device bridge presented no certificate.")
    return bytes(der)


async def connect(host: str, port: int, config: ClientConfig,
                  ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A mutual-TLS link to a paired bridge; its certificate must be the pinned one."""
    pinned = config.pins.cert(host)
    if pinned is None:
        raise BridgeRefused(f"This workstation is not paired with the device bridge at {host}. "
                            "Enter the code the bridge shows (main.py bridge pair).")
    reader, writer = await _open(host, port, client_context(config.identity, pinned),
                                 config.connect_timeout_s)
    expected = config.pins.name_of(fingerprint(peer_der(writer)))
    if expected != host:  # the TLS layer checked the pin; this guards a shared pin file
        writer.close()
        raise BridgeRefused(f"The device bridge at {host} is not the one paired.")
    return reader, writer


async def request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float,
                  **hello: Any) -> dict[str, Any]:
    """Send a HELLO and return the bridge's successful REPLY (or raise what it said)."""
    writer.write(wire.message(Kind.HELLO, v=wire.VERSION, **hello))
    try:
        kind, body = await asyncio.wait_for(wire.read_frame(reader), timeout)
    except (asyncio.IncompleteReadError, OSError, TimeoutError):
        raise BridgeRefused("The device bridge closed the link: this workstation may no "
                            "longer be paired with it.") from None
    reply = wire.json_body(body)
    if kind is not Kind.REPLY or not reply.get("ok"):
        raise BridgeRefused(str(reply.get("error") or "The device bridge refused the request."))
    return reply


async def pair(host: str, port: int, code: str, config: ClientConfig) -> str:
    """Prove the code, pin the bridge's certificate under ``host``; returns its fingerprint."""
    reader, writer = await _open(host, port, pairing_context(), config.connect_timeout_s)
    try:
        bridge_der = peer_der(writer)
        bridge_fp, app_fp = fingerprint(bridge_der), config.identity.fingerprint
        reply = await request(reader, writer, config.connect_timeout_s, op="pair",
                              name=config.name, cert=config.identity.cert_pem,
                              proof=proof(code, "app", app_fp, bridge_fp))
    finally:
        writer.close()
    expected = proof(normalized(code), "bridge", app_fp, bridge_fp)
    if not hmac.compare_digest(str(reply.get("proof", "")), expected):
        raise BridgeRefused(f"The device at {host} did not prove it shows that code: "
                            "it may not be your bridge. Nothing was paired.")
    config.pins.pin(host, der_to_pem(bridge_der))
    log.info("paired with the device bridge at %s", host)
    return bridge_fp


async def list_devices(host: str, port: int, config: ClientConfig) -> list[dict[str, Any]]:
    reader, writer = await connect(host, port, config)
    try:
        reply = await request(reader, writer, config.connect_timeout_s, op="list")
    finally:
        writer.close()
    devices = reply.get("devices")
    if not isinstance(devices, list):
        raise DeviceError("The device bridge sent a device list we cannot read.")
    return [d for d in devices if isinstance(d, dict)]
