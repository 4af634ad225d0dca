"""The sandbox's end-of-day posting file: its ledger for one day, in the layout of EOD
Posting File 1.0 (``resources/protocol/eod.json``, read by this module's own loader: the
sandbox shares no code with the reader it tests).

One line per transaction that reached the books that day: charges and captures
(``AuthCapt``), refunds (``Credit``, amount positive as the page says), each with its
transaction status (``C``, ``D``, ``V`` once voided). Authorizations not captured, saved
cards, receipts and hosted-page token requests move no money and are not posted. What the
page does not settle (file name, folder, how a ``|`` in a value is written) is the
sandbox's choice, listed in eod.json ``unconfirmed``: a ``|`` or a line break in a value is
written as a space.

``write_day`` puts the file on the posting site (an account's home of the sandbox's SFTP/FTPS
servers) under a temporary name first, so a client never downloads half a file;
``GET /sandbox/eod?date=CCYYMMDD`` hands trainers and tests the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.ledger import LedgerEntry

_POSTED = ("sale", "charge_saved_card", "echeck_sale", "capture", "refund", "simple_refund")
_CREDITS = ("refund", "simple_refund")
_BRANDS = {"VISA": "VISA", "MASTERCARD": "MC", "MC": "MC", "AMEX": "AMEX",
           "DISCOVER": "DISCOVER"}


@cache
def _layout() -> dict[str, Any]:
    from desktop_app.paths import resources_dir

    raw: dict[str, Any] = json.loads(
        (resources_dir() / "protocol" / "eod.json").read_text(encoding="utf-8"))
    return raw


def _clean(text: str) -> str:
    for bad in ("|", "\r", "\n"):
        text = text.replace(bad, " ")
    return text


def _status(entry: LedgerEntry) -> str:
    if entry.voided.is_positive:
        return "V"
    return "C" if entry.is_approved else "D"


def line_for(entry: LedgerEntry, account: Account) -> str | None:
    """The entry's posting line; None for what is not posted."""
    if entry.kind not in _POSTED or entry.status == "error":
        return None
    amount = entry.approved if entry.is_approved else entry.requested
    echeck = entry.kind == "echeck_sale"
    values = {
        "record_id": _layout()["record_id"], "merchant_id": account.merchant_id,
        "store_id": account.store_id, "terminal_id": account.terminal_id,
        "transaction_type": "eCheck" if echeck else "CreditCard",
        "transaction_action": "Credit" if entry.kind in _CREDITS else "AuthCapt",
        "amount": amount.wire() if amount is not None else "",
        "card_type": "" if echeck else _BRANDS.get(entry.card_brand.upper(), "OTHER"),
        "transaction_id": entry.transaction_id,
        "authorization_number": entry.reply.get("auth_code", ""),
        "transaction_date": entry.timestamp.strftime("%Y%m%d%H%M%S"),
        "status": _status(entry), "patient_account_number": entry.patient_id,
        **entry.additional_info,
    }
    keys = [str(f["key"]) for f in _layout()["fields"]]
    return _layout()["delimiter"].join(_clean(values.get(k, "")) for k in keys)


def eod_file(entries: Iterable[LedgerEntry], account: Account, day: date) -> bytes:
    """The day's file for one account (UTC days; CR LF line ends)."""
    lines = [line for e in entries
             if e.account_id == account.account_id and e.timestamp.date() == day
             and (line := line_for(e, account)) is not None]
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")


def file_name(account: Account, day: date) -> str:
    spec = _layout()["sandbox"]
    return str(spec["file_name"]).format(merchant_id=account.merchant_id,
                                         date=day.strftime("%Y%m%d"))


def write_day(entries: Iterable[LedgerEntry], account: Account, day: date, home: Path
              ) -> Path:
    """Write the day's file into ``home``'s EOD folder, whole or not at all."""
    folder = home / str(_layout()["sandbox"]["directory"])
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / file_name(account, day)
    partial = final.with_name(f".{final.name}.part")  # hidden from listings until whole
    partial.write_bytes(eod_file(entries, account, day))
    os.replace(partial, final)
    return final


async def get_eod(request: web.Request) -> web.Response:
    """The day's file (default today, UTC) for the first account, or ``?account=``."""
    svc = services(request)
    wanted = request.query.get("account", "")
    account = next((a for a in svc.settings.accounts if a.account_id == wanted or not wanted),
                   None)
    try:
        day = (datetime.strptime(request.query["date"], "%Y%m%d").date()
               if "date" in request.query else datetime.now(UTC).date())
    except ValueError:
        return web.json_response({"error": "date must be CCYYMMDD"}, status=400)
    if account is None:
        return web.json_response({"error": "no such account"}, status=404)
    return web.Response(body=eod_file(svc.state.ledger, account, day),
                        content_type="text/plain", charset="utf-8", headers={
                            "Content-Disposition":
                            f'attachment; filename="{file_name(account, day)}"'})
