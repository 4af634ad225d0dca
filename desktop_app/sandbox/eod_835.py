"""The sandbox's end-of-day posting file: its ledger's day as InstaMed's "EOD Posting File
X12 835" (resources/protocol/eod_835.json), written into a posting account's folder on the
sandbox SFTP server, so the desk's whole loop (sale, download, reconcile) runs locally.

Written from the portal's field table, apart from the app's reader (edi/x835.py): one
transaction set per payment, BPR H/amount/C or D/NON (BPR11 left empty: the portal's
"credit card" is longer than X12 allows there; TRN04 carries it), TRN the authorization, N1*PR
"Patient" (the ledger keeps no names), CLP our reference (additionalInfo1) and the
transaction ID. A voided payment never settles, so it is not in the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from aiohttp import web

from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.ledger import LedgerEntry

INSTAMED_ID = "1999999999"  # BPR10 / TRN03, as the portal's table writes it
SETTLES = {"sale": "C", "charge_saved_card": "C", "echeck_sale": "C", "capture": "C",
           "refund": "D", "simple_refund": "D"}
TENDER = {"CreditCard": "credit card", "ECheck": "eCheck", "eCheck": "eCheck", "Cash": "cash"}


def settled(entries: Iterable[LedgerEntry], day: date) -> list[LedgerEntry]:
    return [e for e in entries if e.timestamp.date() == day and e.kind in SETTLES
            and e.is_approved and not e.voided.is_positive]


def _payment(entry: LedgerEntry, number: int, day: date, payee: tuple[str, str]
             ) -> list[list[str]]:
    tender = TENDER.get(entry.transaction_type, "credit card")
    control = f"{number:04d}"
    body = [
        ["BPR", "H", entry.approved.wire(), SETTLES[entry.kind], "NON", "", "", "", "", "",
         INSTAMED_ID, "", "", "", "", "", day.strftime("%Y%m%d")],
        ["TRN", "1", entry.reply.get("auth_code") or entry.transaction_id[:30], INSTAMED_ID,
         tender],
        ["DTM", "405", day.strftime("%Y%m%d")],
        ["N1", "PR", "Patient", "XV", entry.patient_id or "9999"],
        ["N3", "NOT PROVIDED"],
        ["N4", "PHILADELPHIA", "PA", "19103"],
        ["PER", "BL", "INSTAMED SANDBOX", "TE", "8005550100"],
        ["N1", "PE", payee[0], "XX", payee[1]],
        ["LX", "1"],
        ["CLP", entry.additional_info.get("additional_info_1") or entry.transaction_id[:38],
         "1", entry.approved.wire(), entry.approved.wire(), "", "ZZ", entry.transaction_id],
        ["NM1", "QC", "1", "PATIENT"],
    ]
    return [["ST", "835", control], *body, ["SE", str(len(body) + 2), control]]


def day_file(entries: Iterable[LedgerEntry], day: date, *, sender: str, receiver: str,
             payee: tuple[str, str], now: datetime | None = None) -> str:
    now = now or datetime.now()
    group = [s for n, e in enumerate(settled(entries, day), start=1)
             for s in _payment(e, n, day, payee)]
    sets = sum(1 for s in group if s[0] == "ST")
    lines = [["ISA", "00", " " * 10, "00", " " * 10, "ZZ", sender.ljust(15)[:15], "ZZ",
              receiver.ljust(15)[:15], now.strftime("%y%m%d"), now.strftime("%H%M"), "^",
              "00501", "000000001", "0", "T", ":"],
             ["GS", "HP", sender, receiver, now.strftime("%Y%m%d"), now.strftime("%H%M"), "1",
              "X", "005010X221A1"], *group, ["GE", str(sets), "1"], ["IEA", "1", "000000001"]]
    out = []
    for segment in lines:
        while len(segment) > 1 and segment[-1] == "":
            segment = segment[:-1]
        out.append("*".join(segment) + "~\n")
    return "".join(out)


def file_name(account: str, day: date, seq: int = 1) -> str:
    """The portal's name standard: [Account Name]_dpa835_[YYYYMMDD]_[seq#].rep."""
    safe = "".join(c for c in account if c.isalnum() or c in "-_.") or "account"
    return f"{safe}_dpa835_{day.strftime('%Y%m%d')}_{seq}.rep"


def write_day(entries: Iterable[LedgerEntry], day: date, folder: Path, *, account: str,
              merchant_id: str, payee: tuple[str, str]) -> Path:
    """The day's file in ``folder`` (a posting account's home), whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(account, day)
    temp = target.with_suffix(".part")
    temp.write_text(day_file(entries, day, sender="INSTAMED", receiver=merchant_id,
                             payee=payee), encoding="ascii", errors="replace")
    os.replace(temp, target)
    return target


async def get_day_835(request: web.Request) -> web.Response:
    """``GET /sandbox/eod/835?date=YYYY-MM-DD&account=ID`` (loopback only, like the other
    admin routes): the day's file for a demo or a script, without the SFTP server."""
    svc = services(request)
    try:
        day = date.fromisoformat(request.query.get("date") or date.today().isoformat())
    except ValueError:
        return web.Response(status=400, text="date must be YYYY-MM-DD")
    wanted = request.query.get("account", svc.settings.accounts[0].account_id)
    account = next((a for a in svc.settings.accounts if a.account_id == wanted), None)
    if account is None:
        return web.Response(status=404, text="no such sandbox account")
    entries = [e for e in svc.state.ledger if e.account_id == account.account_id]
    text = day_file(entries, day, sender="INSTAMED", receiver=account.merchant_id,
                    payee=("SANDBOX CLINIC", "1234567893"))
    name = file_name(account.account_id.partition("@")[0], day)
    return web.Response(text=text, content_type="text/plain",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
