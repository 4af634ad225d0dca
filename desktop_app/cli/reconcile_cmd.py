"""``main.py reconcile``: settle every payment whose outcome is not known, by reference.

The app does this on every start; IT runs it by hand after a crash or an outage to see
what was adopted, what was never charged, and what is still waiting on the gateway.
"""

from __future__ import annotations

import argparse
import json
import logging

from desktop_app.bootstrap import open_runtime
from desktop_app.cli.output import emit_error
from desktop_app.domain import FrontDeskError
from desktop_app.services.runtime import Runtime

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("reconcile", help="settle payments of unknown outcome with the gateway")
    p.add_argument("--gateway", metavar="URL", help="a running gateway instead of the sandbox")
    p.add_argument("--json", action="store_true")
    p.add_argument("--by-hand", metavar="REFERENCE",
                   help="settle this unknown payment from what the gateway's portal shows "
                   "(with --charged or --not-charged); audited")
    verdict = p.add_mutually_exclusive_group()
    verdict.add_argument("--charged", metavar="TRANSACTION_ID",
                         help="the portal shows it charged, with this transaction ID")
    verdict.add_argument("--not-charged", action="store_true",
                         help="the portal shows no such payment")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    try:
        async with open_runtime(gateway_url=args.gateway, reconcile=False) as rt:
            if args.by_hand:
                return await _by_hand(rt, args)
            before = await rt.journal.unresolved()
            await rt.reconciler.run_once()
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
        print(f"{len(after)} payment(s) still waiting on the gateway")
    return 4 if after else 0


async def _by_hand(rt: Runtime, args: argparse.Namespace) -> int:
    if not (args.charged or args.not_charged):
        raise FrontDeskError("Say what the gateway's portal shows: --charged TRANSACTION_ID "
                             "or --not-charged.")
    outcome = await rt.payments.settle_by_hand(args.by_hand, args.charged)
    if args.json:
        print(json.dumps({"reference": args.by_hand, "state": outcome.status.value,
                          "transaction_id": outcome.transaction_id}))
    else:
        print(f"{args.by_hand}: {outcome.status.value} ({outcome.message})")
    return 0
