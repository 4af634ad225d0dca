"""``main.py history``: the journal, newest first, with what each payment stands for now
(a voided sale says voided) and the gateway's later updates (settled, chargeback, returned).

Times are UTC as the journal keeps them; ``--json`` prints every field for a script. Exit 0,
or 3 with one line when the journal cannot be opened.
"""

from __future__ import annotations

import argparse
import json

from desktop_app.cli.output import emit_error, plain_help
from desktop_app.domain import FrontDeskError
from desktop_app.logs import setup_logging
from desktop_app.paths import app_paths
from desktop_app.services.history import GatewayUpdates, history_with_updates
from desktop_app.settings import journal_target, load_settings, webhook_store_target
from desktop_app.store import Journal
from desktop_app.webhooks.logsafe import escape


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="list the payment journal with the gateway's later "
                       "updates (settled, chargeback, returned)",
                       description=plain_help(__doc__),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, default=200, help="how many rows, newest first")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    """A journal database that is down is one line and exit 3, never a traceback."""
    paths = app_paths().ensure()
    setup_logging(paths)  # the driver's detail goes to the log file, not the terminal
    try:
        settings = load_settings(paths)
        journal = await Journal(journal_target(paths, settings)).open()
        updates = GatewayUpdates(webhook_store_target(paths, settings))
        try:
            entries = await history_with_updates(journal, updates, args.limit)
        finally:
            await updates.close()
            await journal.close()
    except FrontDeskError as exc:
        return emit_error(exc, as_json=args.json)
    if args.json:
        print(json.dumps([e.as_json() for e in entries], indent=1))
        return 0
    for e in entries:  # what each row stands for now: a voided sale says voided
        r = e.payment
        amount = e.signed_amount if e.signed_amount is not None else r.amount or ""
        reverses = f"  reverses {escape(e.reverses)}" if e.reverses else ""
        # IDs and updates come from the gateway: escaped, so no control character from
        # outside reaches the terminal (issue 14)
        print(f"{r.created_at[:19]}  {r.kind:<18} {e.standing.value:<18} {amount!s:>10}  "
              f"{escape(r.card_display):<24} {escape(r.transaction_id)}  "
              f"{escape(e.latest_update)}{reverses}")
    return 0
