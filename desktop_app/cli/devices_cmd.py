"""``main.py devices``: list card readers and check readers, or drive a simulator.

``devices list`` shows the devices the app is configured with (Settings: the same plan the
Devices page binds; on the sandbox with none configured, its simulated PIN pad and check
scanner; the Citrix bridge once paired), plus any given with --address or --sim and the
supported HID readers it discovers, with each one's state and where it comes from; serial
ports the OS reports are listed as candidates. --ignore-settings lists only what the command
line names.
``devices simulate <scenario>`` runs one simulated capture through the real drivers.
Output never contains a card or account number beyond its last four digits.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.bridge_setup import paired_bridge
from desktop_app.cli.output import plain_help
from desktop_app.domain import Money, Tender
from desktop_app.paths import app_paths
from desktop_app.services.device_plan import DevicePlan, device_plan
from desktop_app.settings import read_settings
from drivers.capture import CaptureRequest, DeviceInfo
from drivers.errors import DeviceError, ParseError
from drivers.events import DeviceEvent
from drivers.manager import DeviceManager
from drivers.parsers.tlv import EmvReceipt
from drivers.simulated import ALL_SCENARIOS, CHECK_SCENARIOS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("devices", help="list devices or run a device simulator",
                       description=plain_help(__doc__),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="devices_action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="discover and list devices and their state")
    ls.add_argument("--address", action="append", default=[], metavar="ADDR",
                    help="a device address to bind (hid:VID:PID for MagTek readers, serial:COM3 "
                    "for a Mini MICR, wedge:); repeatable")
    ls.add_argument("--sim", action="append", default=[], choices=ALL_SCENARIOS,
                    metavar="SCENARIO", help="also start a simulated device; repeatable")
    ls.add_argument("--probe", action="store_true",
                    help="also probe every serial port for a Mini MICR check reader (writes "
                    "to each port)")
    ls.add_argument("--ignore-settings", action="store_true",
                    help="leave out the devices the app is configured with")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    sim = actions.add_parser("simulate", help="run one simulated capture end to end")
    sim.add_argument("scenario", choices=ALL_SCENARIOS)
    sim.add_argument("--amount", default="12.34", help="dollars shown on the simulated reader")
    sim.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for a card")
    sim.add_argument("--json", action="store_true")
    sim.set_defaults(func=run_simulate)


def _serial_candidates() -> list[str]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return sorted(f"serial:{p.device}" for p in list_ports.comports())


def _info_json(info: DeviceInfo, source: str) -> dict[str, str]:
    return {"address": info.address, "kind": info.kind.value, "model": info.model,
            "state": info.state.value, "source": source}


def _configured(args: argparse.Namespace) -> tuple[DevicePlan, list[str], bool]:
    """The app's device plan and paired bridge (none with --ignore-settings), and whether it
    probes serial ports. An unusable settings file is said on stderr; its defaults are used,
    as the Settings page would open with them."""
    if args.ignore_settings:
        return DevicePlan((), (), False), [], False
    settings, problems = read_settings(app_paths())
    for problem in problems:
        print(f"Settings: {problem}", file=sys.stderr)
    return device_plan(settings), paired_bridge(settings), settings.probe_serial_ports


def _source(address: str, plan: DevicePlan, bridged: list[str],
            args: argparse.Namespace) -> str:
    if address in plan.configured:
        return "sandbox default" if plan.sandbox_default else "settings"
    if address in bridged:
        return "paired bridge"
    if address in args.address or address.removeprefix("sim:") in args.sim:
        return "command line"
    return "found"


async def run_list(args: argparse.Namespace) -> int:
    plan, bridged, probe = _configured(args)
    addresses = list(dict.fromkeys([*plan.addresses, *bridged, *args.address]))
    sims = list(dict.fromkeys([*plan.simulators, *args.sim]))
    manager = DeviceManager(addresses, simulators=sims, probe_serial=args.probe or probe)
    try:
        devices = await manager.initialize()
    finally:
        await manager.close()
    bound = {d.address for d in devices}
    candidates = [c for c in _serial_candidates() if c not in bound]
    if args.json:
        print(json.dumps({"devices": [_info_json(d, _source(d.address, plan, bridged, args))
                                      for d in devices],
                          "serial_ports": candidates}, indent=1))
        return 0
    for d in devices:
        print(f"{d.address:<32} {d.kind.value:<14} {d.state.value:<8} "
              f"{_source(d.address, plan, bridged, args):<16} {d.model}")
    for c in candidates:
        print(f"{c:<32} {'serial port':<14} {'unbound':<8} {'':<16} (add it with --address)")
    if not devices and not candidates:
        print("No devices found. Try: main.py devices list --sim approved_chip")
    return 0


def _receipt_json(receipt: EmvReceipt) -> dict[str, object]:
    return {"masked_pan": receipt.masked_pan, "aid": receipt.aid, "app_label": receipt.app_label,
            "tvr": receipt.tvr, "tsi": receipt.tsi, "cvm": receipt.cvm,
            "cryptogram_type": receipt.cryptogram_type}


def _tender_json(tender: Tender) -> dict[str, object]:
    from drivers.parsers.tlv import Tlv, receipt

    body: dict[str, object] = {"kind": tender.kind.value, "display": tender.describe(),
                               "entry_mode": tender.entry_mode.value if tender.entry_mode else ""}
    if tender.emv_tags:
        items = [Tlv(tag, bytes.fromhex(value)) for tag, value in tender.emv_tags.items()]
        masked = tender.card.masked if tender.card else ""
        body["emv"] = _receipt_json(receipt(items)) | {"masked_pan": masked}
    if tender.bank_account is not None:
        body["routing_number"] = tender.bank_account.routing_number
    return body


async def _simulate(manager: DeviceManager, args: argparse.Namespace) -> dict[str, object]:
    await manager.initialize()
    if args.scenario in CHECK_SCENARIOS:
        tender, scanned = await manager.scan_check(timeout_s=args.timeout)
        return _tender_json(tender) | {"images": [{"type": i.media_type, "bytes": len(i.data)}
                                                  for i in scanned.images]}
    request = CaptureRequest(Money.parse(args.amount), card_timeout_s=args.timeout)
    return _tender_json(await manager.process_transaction(request))


async def run_simulate(args: argparse.Namespace) -> int:
    manager = DeviceManager(simulators=[args.scenario])
    events: list[DeviceEvent] = []

    def show(event: DeviceEvent) -> None:
        events.append(event)
        if not args.json:
            print(f"  [{event.kind.value}] {event.message}", file=sys.stderr)

    manager.add_listener(show)
    result: dict[str, object] = {"scenario": args.scenario}
    code = 0
    try:
        result |= {"status": "captured", "tender": await _simulate(manager, args)}
    except (DeviceError, ParseError) as exc:
        result |= {"status": "error", "error": type(exc).__name__, "message": str(exc)}
        code = 3
    finally:
        await manager.close()
    result["events"] = [{"kind": e.kind.value, "message": e.message} for e in events]
    if args.json:
        print(json.dumps(result, indent=1))
    elif code == 0:
        tender = result["tender"]
        assert isinstance(tender, dict)
        print(f"Captured {tender['display']} ({tender['entry_mode'] or tender['kind']})")
    else:
        print(f"Error: {result['message']}", file=sys.stderr)
    return code
