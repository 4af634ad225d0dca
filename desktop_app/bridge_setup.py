"""The app's end of the Citrix device bridge, set up from the settings.

Which bridge: ``bridge_host``, or blank for the thin client of this Citrix/RDS session
(``CLIENTNAME``: "within an ICA session, an environment variable called CLIENTNAME exists to
uniquely identify the ICA client machine", citrixguide.com, "How the Win32 ICA Client
Determines the Value for ClientName"; StoreFront can rewrite it, hence the setting). This
user's bridge certificate sits in their data folder, its key's passphrase in the OS keyring,
and the pinned bridge certificates beside it; nothing is bound until a pairing exists.
"""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Mapping

import keyring

from desktop_app.domain import FrontDeskError
from desktop_app.paths import AppPaths, app_paths
from desktop_app.settings import KEYRING_SERVICE, Settings
from drivers.bridge import client
from drivers.bridge.client import ClientConfig
from drivers.bridge.pairing import PinStore
from drivers.bridge.tls import Identity, Secret, load_identity

APP_KEY = "bridge-client-key"
AGENT_KEY = "bridge-agent-key"
NOT_A_CLIENT = {"", "console"}  # CLIENTNAME at a PC's own console names no thin client


def keyring_secret() -> Secret:
    return (lambda name: keyring.get_password(KEYRING_SERVICE, name),
            lambda name, value: keyring.set_password(KEYRING_SERVICE, name, value))


def bridge_host(settings: Settings, environ: Mapping[str, str] = os.environ) -> str:
    host = settings.bridge_host.strip() or environ.get("CLIENTNAME", "").strip()
    return "" if host.lower() in NOT_A_CLIENT else host


def agent_identity(paths: AppPaths) -> Identity:
    """The bridge's own certificate on the thin client (``main.py bridge serve``)."""
    return load_identity(paths.data_dir / "bridge-agent", AGENT_KEY, keyring_secret())


def agent_pins(paths: AppPaths) -> PinStore:
    """The workstations (user@computer) the bridge on this thin client serves."""
    return PinStore(paths.data_dir / "bridge-agent" / "pins.json")


def app_pins(paths: AppPaths) -> PinStore:
    return PinStore(paths.data_dir / "bridge-client" / "bridges.json")


def client_config(paths: AppPaths, settings: Settings) -> ClientConfig:
    identity = load_identity(paths.data_dir / "bridge-client", APP_KEY, keyring_secret())
    return ClientConfig(identity, app_pins(paths), f"{getpass.getuser()}@{socket.gethostname()}",
                        refuse_clear_readers=settings.bridge_refuse_clear_readers)


def paired_bridge(settings: Settings, paths: AppPaths | None = None,
                  environ: Mapping[str, str] = os.environ) -> list[str]:
    """The bridge addresses to bind when this user has paired with this session's bridge
    (its first card reader, and its check reader when set), with the drivers configured to
    reach it; else nothing (and no keyring access)."""
    paths = paths or app_paths()
    host = bridge_host(settings, environ)
    if not host or app_pins(paths).cert(host) is None:
        return []
    client.configure(client_config(paths, settings))
    address = f"bridge:{host}:{settings.bridge_port}"
    return [address, f"{address}/check"] if settings.bridge_check_reader else [address]


def bridge_target(settings: Settings, host: str | None = None, port: int | None = None,
                  environ: Mapping[str, str] = os.environ) -> tuple[str, int]:
    host = host or bridge_host(settings, environ)
    if not host:
        raise FrontDeskError("Which thin client? This is not a Citrix session (no CLIENTNAME): "
                             "set the device bridge host in Settings (For IT).")
    return host, port or settings.bridge_port


async def pair_with_bridge(paths: AppPaths, settings: Settings, code: str,
                           host: str | None = None, port: int | None = None) -> str:
    """Pair with the bridge (this session's thin client by default); returns its host."""
    host, port = bridge_target(settings, host, port)
    await client.pair(host, port, code, client_config(paths, settings))
    return host
