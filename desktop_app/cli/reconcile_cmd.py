"""``main.py reconcile``: settle every payment whose outcome is not known, through the
gateway's real channels (services/reconcile.py), and ``reconcile settle`` for staff.

The app does this on every start; IT runs it by hand after a crash or an outage to see
what was adopted, what was never charged, and what is still waiting on the gateway, and
with ``--eod-file FILE`` once the gateway's end-of-day posting file is downloaded. A
payment no channel has settled is settled by a person from the gateway's portal:
``reconcile settle REFERENCE --transaction-id ID [--amount 12.34]`` or ``--not-charged``
(audited with the OS user and workstation).
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from desktop_app.bootstrap import open_runtime
from desktop_app.cli.output import emit_error
from desktop_app.domain import FrontDeskError, Money, ValidationError
from desktop_app.posting.eod_file import parse
from desktop_app.services.eod_settle import settle_from_eod
from desktop_app.services.runtime import Runtime

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("reconcile", help="settle payments of unknown outcome with the gateway")
    _common(p, top=True)
    p.add_argument("--eod-file", metavar="FILE", type=Path,
                   help="also settle from the gateway's end-of-day posting file (EOD 1.0)")
    actions = p.add_subparsers(dest="action", metavar="settle")
    s = actions.add_parser("settle", help="settle one unknown payment from what the "
                           "gateway's portal shows; audited")
    _common(s, top=False)
    s.add_argument("reference", help="the payment's reference (History shows it)")
    verdict = s.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--transaction-id", metavar="ID",
                         help="the portal shows it charged, with this transaction ID")
    verdict.add_argument("--not-charged", action="store_true",
                         help="the portal shows no such payment")
    s.add_argument("--amount", metavar="12.34", help="with --transaction-id: the amount the "
                   "portal shows charged (default: the amount asked)")
    p.set_defaults(func=run, action=None)


def _common(p: argparse.ArgumentParser, *, top: bool) -> None:
    """On both levels, so ``reconcile settle REF --json`` and ``reconcile --json`` both work
    (the sub-level's SUPPRESS keeps what the upper level parsed)."""
    p.add_argument("--gateway", metavar="URL", default=None if top else argparse.SUPPRESS,
                   help="a running gateway instead of the sandbox")
    p.add_argument("--json", action="store_true",
                   default=False if top else argparse.SUPPRESS)


async def run(args: argparse.Namespace) -> int:
    try:
        async with open_runtime(gateway_url=args.gateway, reconcile=False) as rt:
            if args.action == "settle":
                return await _settle(rt, args)
            before = await rt.journal.unresolved()
            await rt.reconciler.run_once()
            if args.eod_file is not None:
                await _from_eod_file(rt, args.eod_file)
            after = {r.reference for r in await rt.journal.unresolved()}
            settled = [await rt.journal.get(r.reference) for r in before]
    except FrontDeskError as exc:
        return emit_error(exc, as_json=args.json)
    except Exception as exc:  # a bug: one line for IT, the traceback in the log file
        if logging.getLogger().handlers:  # the log file; never Python's last-resort stderr
            log.error("reconcile failed: %s", type(exc).__name__, exc_info=exc)
        return emit_error(FrontDeskError(
            "Reconciling stopped on an unexpected error; payments still unknown stay unknown. "
            "The log has the details for IT."), as_json=args.json)
    rows = [{"reference": r.reference, "state": r.state.value, "message": r.message,
             "transaction_id": r.transaction_id} for r in settled if r is not None]
    if args.json:
        print(json.dumps({"settled": rows, "still_unknown": sorted(after)}))
    else:
        for row in rows:
            print(f"{row['reference']}: {row['state']} {row['message']}")
        print(f"{len(after)} payment(s) still waiting on the gateway; settle them from the "
              "gateway's portal with: main.py reconcile settle REFERENCE")
    return 4 if after else 0


async def _from_eod_file(rt: Runtime, path: Path) -> None:
    """After the live channels: what the file settles is adopted and audited with its name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read the end-of-day file {path.name}: "
                              f"{exc.strerror or type(exc).__name__}.") from None
    report = await settle_from_eod(rt.reconciler, parse(data), path.name)
    for reference in report.disagreeing:
        log.warning("EOD file %s disagrees with itself on %s: left for staff", path.name,
                    reference)


async def _settle(rt: Runtime, args: argparse.Namespace) -> int:
    amount = None
    if args.amount is not None:
        if args.not_charged:
            raise ValidationError("--amount goes with --transaction-id only.")
        try:
            amount = Money.parse(args.amount)
        except (ValueError, ArithmeticError):
            raise ValidationError("Amount is not a number") from None
    outcome = await rt.payments.settle_by_hand(args.reference, args.transaction_id, amount)
    if args.json:
        print(json.dumps({"reference": args.reference, "state": outcome.status.value,
                          "transaction_id": outcome.transaction_id,
                          "approved": outcome.approved.wire() if outcome.approved else None}))
    else:
        print(f"{args.reference}: {outcome.status.value} ({outcome.message})")
    return 0
