"""How CLI commands print results. Exit codes: 0 approved (fully or partly), 2 declined,
3 error (nothing charged), 4 unknown (being reconciled: do not charge again)."""

from __future__ import annotations

import json
import re
import sys

from desktop_app.domain import FrontDeskError, Money, Outcome, OutcomeStatus
from desktop_app.gateway import GatewayError, OutcomeUnknown

EXIT = {OutcomeStatus.APPROVED: 0, OutcomeStatus.PARTIALLY_APPROVED: 0,
        OutcomeStatus.DECLINED: 2, OutcomeStatus.ERROR: 3, OutcomeStatus.UNKNOWN: 4}


def _wire(money: Money | None) -> str | None:
    return None if money is None else money.wire()


def outcome_json(outcome: Outcome) -> dict[str, object]:
    return {
        "status": outcome.status.value,
        "reference": outcome.reference,
        "transaction_id": outcome.transaction_id,
        "amount_requested": _wire(outcome.requested),
        "amount_approved": _wire(outcome.approved),
        "balance_due": _wire(outcome.balance_due),
        "response_code": outcome.response_code,
        "message": outcome.message,
        "auth_code": outcome.auth_code,
        "card": f"{outcome.card_brand} ****{outcome.last_four}".strip()
        if outcome.last_four else "",
        "saved_card_token": outcome.saved_card_token,
    }


def emit_outcome(outcome: Outcome, *, as_json: bool) -> int:
    if as_json:
        print(json.dumps(outcome_json(outcome)))
    else:
        line = one_line(outcome.summary())
        if outcome.transaction_id:
            line += f" Transaction ID: {outcome.transaction_id}"
        print(line)
    return EXIT[outcome.status]


def one_line(text: str) -> str:
    """Messages reach a terminal or a script: one line, whatever the source put in it."""
    return " ".join(text.split())


def emit_error(exc: FrontDeskError, *, as_json: bool) -> int:
    status = "unknown" if isinstance(exc, OutcomeUnknown) else "error"
    if as_json:
        body: dict[str, object] = {"status": status, "error": type(exc).__name__,
                                   "message": one_line(str(exc))}
        if isinstance(exc, GatewayError):
            body.update(code=exc.code, reference_number=exc.reference_number)
        print(json.dumps(body))
    else:
        print(f"Error: {one_line(str(exc))}", file=sys.stderr)
    return 4 if status == "unknown" else 3


_ROLE = re.compile(r":[a-z]+:`([^`]*)`")       # :func:`name`
_LITERAL = re.compile(r"``([^`]*)``")          # ``main.py pay``
_INTERPRETED = re.compile(r"`([^`]*)`_?")      # `text` or `link`_


def plain_help(doc: str | None) -> str:
    """A module docstring as ``--help`` shows it: plain text, no reStructuredText markup
    (double back-quotes, roles, a paragraph's trailing ``::``), wrapped as written."""
    text = _ROLE.sub(r"\1", doc or "")
    text = _LITERAL.sub(r"\1", text)
    text = _INTERPRETED.sub(r"\1", text)
    text = re.sub(r"::\s*$", ":", text, flags=re.MULTILINE)
    return text.strip()
