"""ViewReceipt: the original reply of a transaction, found by its SSO token.

The portal's polling page is the public contract: ``transactionAction=ViewReceipt`` with
``requestToken=false`` and ``singleSignOnToken``. It returns the very fields the payment's
reply carried; a token the gateway never saw is a clear 404. No public source offers a
receipt by anything else (an additionalInfoN value, our request reference, a transaction ID),
so a request naming only those is refused like one naming nothing.
"""

from __future__ import annotations

from desktop_app.sandbox.core import Context, Result
from desktop_app.sandbox.errors import invalid, not_found
from desktop_app.sandbox.table import req
from desktop_app.sandbox.validation import value


def view_receipt(ctx: Context) -> Result:
    ledger, account = ctx.state.ledger, ctx.account.account_id
    token = value(ctx.fields, "sso_token")
    if token:
        entry = ledger.by_sso_token(account, token)
        if entry is None:
            raise not_found(f"No transaction found for {req('sso_token')} {token[:64]}")
        return Result(dict(entry.reply))
    raise invalid(f"{req('sso_token')} is required for a receipt")
