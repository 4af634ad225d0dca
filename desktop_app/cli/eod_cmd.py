"""``main.py eod reconcile FILE``: the day's 835 posting file against the journal.

Exit codes: 0 no discrepancies, 2 discrepancies (listed), 3 the file could not be read
(nothing was changed). ``--csv`` writes the lists for a spreadsheet (no patient data).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from desktop_app.bootstrap import open_runtime
from desktop_app.cli.output import emit_error
from desktop_app.domain import FrontDeskError
from desktop_app.domain.errors import ValidationError
from desktop_app.edi.x835 import read_835
from desktop_app.services.eod import (
    EodResult,
    business_day,
    csv_rows,
    reconcile_day,
    write_csv,
)
from desktop_app.services.eod_read import load_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eod", help="end of day: reconcile the gateway's 835 posting file")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    rec = actions.add_parser("reconcile", help="match the 835 file's payments to the journal")
    rec.add_argument("file", type=Path, help="the 835 file (python main.py posting download)")
    rec.add_argument("--date", metavar="YYYY-MM-DD",
                     help="the business day (default: the file's, else today)")
    rec.add_argument("--csv", type=Path, metavar="OUT", help="also write the lists as CSV")
    rec.add_argument("--gateway", metavar="URL", help="a running gateway instead of the sandbox")
    rec.add_argument("--json", action="store_true")
    rec.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    try:
        remittance = read_835(load_text(args.file))  # whole and valid before anything is touched
        day = business_day(remittance, _day(args.date))
        async with open_runtime(gateway_url=args.gateway, reconcile=False) as rt:
            result = await reconcile_day(remittance, rt.journal, rt.reconciler, day)
        if args.csv:
            write_csv(args.csv, result)
    except FrontDeskError as exc:
        return emit_error(exc, as_json=args.json)
    _print(result, as_json=args.json)
    return 2 if result.discrepancies else 0


def _day(given: str | None) -> date | None:
    if not given:
        return None
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise ValidationError("The date must be YYYY-MM-DD.") from None


def _print(result: EodResult, *, as_json: bool) -> None:
    rows = csv_rows(result)
    if as_json:
        print(json.dumps({"day": result.day.isoformat(), "discrepancies": result.discrepancies,
                          "file_total": result.file_total.wire(),
                          "journal_total": result.journal_total.wire(),
                          "adopted": list(result.adopted), "rows": rows}))
        return
    print(f"{result.day.isoformat()}: {len(result.matched)} matched, "
          f"{len(result.file_only)} in the file only, {len(result.journal_only)} in the "
          f"journal only, {len(result.voided)} voided")
    for row in rows:
        if row["list"] != "matched" or row["note"]:
            print(f"  {row['list']}: {row['reference'] or row['transaction_id']} "
                  f"{row['file_amount'] or row['journal_amount']} {row['note']}".rstrip())
    print(f"Total in the file {result.file_total.wire()}, in the journal "
          f"{result.journal_total.wire()}; {result.discrepancies} discrepancies")
