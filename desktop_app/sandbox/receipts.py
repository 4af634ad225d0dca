"""ViewReceipt: the original reply of a transaction, found by ID, SSO token or reference.

This is how the app settles an unknown outcome after a crash or a lost reply, so it returns
the very fields the first reply carried; a reference the gateway never saw is a clear 404.
"""

from __future__ import annotations

from desktop_app.sandbox.core import Context, Result
from desktop_app.sandbox.errors import invalid, not_found
from desktop_app.sandbox.table import req
from desktop_app.sandbox.validation import value


def view_receipt(ctx: Context) -> Result:
    ledger, account = ctx.state.ledger, ctx.account.account_id
    for key, find in (("transaction_id", ledger.by_id), ("sso_token", ledger.by_sso_token),
                      ("request_reference", ledger.by_reference)):
        wanted = value(ctx.fields, key)
        if not wanted:
            continue
        entry = find(account, wanted)
        if entry is None:
            raise not_found(f"No transaction found for {req(key)} {wanted[:64]}")
        return Result(dict(entry.reply))
    raise invalid(f"{req('transaction_id')}, {req('sso_token')} or "
                  f"{req('request_reference')} is required for a receipt")
