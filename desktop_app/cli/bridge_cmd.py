"""``main.py bridge``: the Citrix device bridge.

On the thin client (or the PC the readers hang off):
  bridge serve [--pair]      serve the attached MagTek readers to paired workstations over
                             mutual TLS; --pair (or no pairing yet) shows a one-time code
         [--serial PORT]     also the Mini MICR check reader on PORT (repeatable; also the
                             serial: entries of this computer's device addresses)
         [--probe-serial]    also any serial port whose device answers as a Mini MICR
  bridge pairings            the workstations paired with this bridge
  bridge revoke NAME|--all   forget a pairing; its links are cut within seconds
In the Citrix session (the app's side):
  bridge pair CODE           pair with this session's thin client (or --host), once
  bridge devices             the readers and check readers that bridge serves
Only the readers' own bytes cross the link (encrypted where the reader encrypts); nothing
here prints or logs card data.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from desktop_app import bridge_setup
from desktop_app.cli.output import plain_help
from desktop_app.domain import FrontDeskError
from desktop_app.logs import setup_logging
from desktop_app.paths import app_paths
from desktop_app.settings import Settings, load_settings
from drivers.bridge import client
from drivers.bridge.inventory import HidInventory, Inventories
from drivers.bridge.serial_inventory import SerialInventory
from drivers.bridge.server import BridgeServer
from drivers.capture import DeviceKind
from drivers.dynaflex import simulator as dynaflex_sim
from drivers.micr import simulator as micr_sim
from drivers.transports.hid import FakeHidBackend, HidapiBackend


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bridge", help="the Citrix device bridge: serve readers, pair, revoke",
                       description=plain_help(__doc__),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="bridge_action", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help="serve this computer's readers (thin client)")
    serve.add_argument("--listen", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--port", type=int, help="TCP port (default: the bridge port setting)")
    serve.add_argument("--pair", action="store_true", help="show a one-time pairing code")
    serve.add_argument("--serial", action="append", default=[], metavar="PORT",
                       help="serve the Mini MICR check reader on this port (COM3, "
                       "/dev/ttyUSB0); repeatable")
    serve.add_argument("--probe-serial", action="store_true",
                       help="also serve serial ports whose device answers as a Mini MICR")
    serve.add_argument("--sim", action="append", default=[], metavar="SCENARIO",
                       choices=(*dynaflex_sim.SCENARIOS, *micr_sim.SCENARIOS),
                       help="serve a simulated DynaFlex (or, for a check scenario, a "
                       "simulated Mini MICR on a pty) instead of real devices; repeatable")
    serve.set_defaults(func=run_serve)
    pair = actions.add_parser("pair", help="pair this workstation with a bridge (once)")
    pair.add_argument("code", help="the code the bridge shows")
    _where(pair)
    pair.set_defaults(func=run_pair)
    devices = actions.add_parser("devices", help="list the readers a paired bridge serves")
    _where(devices)
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(func=run_devices)
    pairings = actions.add_parser("pairings", help="list the workstations paired here")
    pairings.add_argument("--json", action="store_true")
    pairings.set_defaults(func=run_pairings)
    revoke = actions.add_parser("revoke", help="forget a workstation's pairing (IT)")
    who = revoke.add_mutually_exclusive_group(required=True)
    who.add_argument("name", nargs="?", help="as 'bridge pairings' lists it")
    who.add_argument("--all", action="store_true", help="forget every pairing")
    revoke.set_defaults(func=run_revoke)


def _where(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="the thin client (default: the bridge host setting, "
                        "else this session's CLIENTNAME)")
    parser.add_argument("--port", type=int, help="default: the bridge port setting")


async def run_serve(args: argparse.Namespace) -> int:
    paths = app_paths().ensure()
    setup_logging(paths)
    settings = load_settings(paths)
    inventory, simulators = await _inventory(args, settings)
    pins = bridge_setup.agent_pins(paths)
    server = BridgeServer(bridge_setup.agent_identity(paths), pins, inventory)
    port = await server.start(args.listen, args.port or settings.bridge_port)
    print(f"Device bridge on {args.listen}:{port}: TLS 1.2+, paired workstations only.",
          flush=True)
    for device in await inventory.devices():
        print(f"  {_kind_words(device.kind.value):<13} {device.identity}  {device.description}",
              flush=True)
    if args.pair or not pins.names():
        print(f"Pairing code: {server.open_pairing()}  (one use, 10 minutes). In Front Desk "
              "Pay's Citrix session run:  main.py bridge pair CODE", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.close()
        for sim in simulators:
            await sim.stop()
    return 0


async def _inventory(args: argparse.Namespace, settings: Settings,
                     ) -> tuple[Inventories, list[micr_sim.MiniMicrSimulator]]:
    """The thin client's devices: its MagTek HID readers and its serial check readers (the
    ``--serial`` ports and the ``serial:`` device addresses), or the ``--sim`` ones."""
    cards = [s for s in args.sim if s in dynaflex_sim.SCENARIOS]
    checks = [await micr_sim.start_simulator(s) for s in args.sim if s in micr_sim.SCENARIOS]
    backend = FakeHidBackend([dynaflex_sim.DynaFlexSimulator(s) for s in cards]) \
        if args.sim else HidapiBackend()
    configured = [a.removeprefix("serial:") for a in settings.device_addresses
                  if a.startswith("serial:")]
    ports = [port for port, _ in checks] if args.sim else [*args.serial, *configured]
    serial = SerialInventory(ports, probe=args.probe_serial and not args.sim)
    return (Inventories(HidInventory(backend, simulated=bool(args.sim)), serial),
            [sim for _, sim in checks])


def _kind_words(kind: object) -> str:
    """As the bridge's listing says a device's kind (older bridges list readers only)."""
    return "check reader" if kind == DeviceKind.CHECK_SCANNER.value else "reader"


def _failed(exc: FrontDeskError) -> int:
    print(str(exc))
    return 3


async def run_pair(args: argparse.Namespace) -> int:
    paths = app_paths().ensure()
    settings = load_settings(paths)
    try:
        host = await bridge_setup.pair_with_bridge(paths, settings, args.code, args.host,
                                                   args.port)
    except FrontDeskError as exc:
        return _failed(exc)
    print(f"Paired with the device bridge at {host}. Its readers appear under Devices from "
          "the next start.")
    return 0


async def run_devices(args: argparse.Namespace) -> int:
    paths = app_paths().ensure()
    settings = load_settings(paths)
    try:
        host, port = bridge_setup.bridge_target(settings, args.host, args.port)
        found = await client.list_devices(host, port,
                                          bridge_setup.client_config(paths, settings))
    except FrontDeskError as exc:
        return _failed(exc)
    if args.json:
        print(json.dumps({"bridge": f"{host}:{port}", "devices": found}, indent=1))
    for d in [] if args.json else found:
        print(f"{_kind_words(d.get('kind')):<13} {d.get('identity', ''):<32} "
              f"{d.get('description', '')}")
    return 0


def run_pairings(args: argparse.Namespace) -> int:
    names = bridge_setup.agent_pins(app_paths()).names()
    if args.json:
        print(json.dumps(names, indent=1))
    for name, when in [] if args.json else names.items():
        print(f"{name:<40} paired {when}")
    if not names and not args.json:
        print("No workstation is paired with this bridge.")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    gone = bridge_setup.agent_pins(app_paths()).revoke(None if args.all else args.name)
    if not gone:
        print(f"No pairing named {args.name!r}: see  main.py bridge pairings")
        return 3
    print("Revoked: " + ", ".join(gone) + ". Their links are cut within seconds.")
    return 0
