"""The journal's words (kinds, states, tender groups) as the desk reads them, translated.

The journal stores stable English identifiers (``partially_approved``), and the history adds
a few of its own (``voided``); the History table, its filter, the detail line and the
end-of-day totals show these instead.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_WORDS = {
    # states
    "pending": QT_TRANSLATE_NOOP("HistoryWords", "pending"),
    "sent": QT_TRANSLATE_NOOP("HistoryWords", "sent"),
    "approved": QT_TRANSLATE_NOOP("HistoryWords", "approved"),
    "partially_approved": QT_TRANSLATE_NOOP("HistoryWords", "partially approved"),
    "declined": QT_TRANSLATE_NOOP("HistoryWords", "declined"),
    "error": QT_TRANSLATE_NOOP("HistoryWords", "not processed"),
    "unknown": QT_TRANSLATE_NOOP("HistoryWords", "unknown, being checked"),
    # what a sale's reversals made of it (services/history.py Standing)
    "voided": QT_TRANSLATE_NOOP("HistoryWords", "voided"),
    "refunded": QT_TRANSLATE_NOOP("HistoryWords", "refunded"),
    "partly_refunded": QT_TRANSLATE_NOOP("HistoryWords", "partly refunded"),
    # kinds
    "sale": QT_TRANSLATE_NOOP("HistoryWords", "sale"),
    "authorization": QT_TRANSLATE_NOOP("HistoryWords", "authorization"),
    "capture": QT_TRANSLATE_NOOP("HistoryWords", "capture"),
    "refund": QT_TRANSLATE_NOOP("HistoryWords", "refund"),
    "simple_refund": QT_TRANSLATE_NOOP("HistoryWords", "refund by ID"),
    "void": QT_TRANSLATE_NOOP("HistoryWords", "void"),
    "save_on_file": QT_TRANSLATE_NOOP("HistoryWords", "card saved"),
    "charge_saved_card": QT_TRANSLATE_NOOP("HistoryWords", "saved card sale"),
    "echeck_sale": QT_TRANSLATE_NOOP("HistoryWords", "check sale"),
    "sso_token": QT_TRANSLATE_NOOP("HistoryWords", "hosted page"),
    # tender groups of the end-of-day totals
    "card": QT_TRANSLATE_NOOP("HistoryWords", "card"),
    "check": QT_TRANSLATE_NOOP("HistoryWords", "check"),
    "hosted page": QT_TRANSLATE_NOOP("HistoryWords", "hosted page"),
}


def word(identifier: str) -> str:
    """The desk's word for a journal identifier; an unknown one is shown readable as is."""
    source = _WORDS.get(identifier)
    if source is None:
        return identifier.replace("_", " ")
    return QCoreApplication.translate("HistoryWords", str(source))


# The service's "nothing was charged" verdicts (services/reconcile.py), as the journal keeps
# them in its message column, listed for lupdate: the result panel and History say them in
# the app's language. Any other message (the gateway's own words) shows as it came.
_MESSAGES = (
    QT_TRANSLATE_NOOP("HistoryWords", "The payment page expired before the payment was "
                      "finished: nothing was charged."),
    QT_TRANSLATE_NOOP("HistoryWords", "This payment never reached the gateway: nothing was "
                      "charged."),
    QT_TRANSLATE_NOOP("HistoryWords", "The payment page was never shown: nothing was "
                      "charged."),
    # the response messages of the decline codes gateway.json lists (a reason staff read
    # out to the patient); a message worded otherwise shows as the gateway wrote it
    QT_TRANSLATE_NOOP("HistoryWords", "Declined"),
    QT_TRANSLATE_NOOP("HistoryWords", "Do not honor"),
    QT_TRANSLATE_NOOP("HistoryWords", "Invalid card number"),
    QT_TRANSLATE_NOOP("HistoryWords", "Insufficient funds"),
    QT_TRANSLATE_NOOP("HistoryWords", "Expired card"),
    QT_TRANSLATE_NOOP("HistoryWords", "Security code does not match"),
    QT_TRANSLATE_NOOP("HistoryWords", "Check declined: insufficient funds (R01)"),
)


_PARTIAL = "Partially Approved "  # the gateway's 010 message, with the amount (P-poll sample)


def journal_message(text: str) -> str:
    if text.startswith(_PARTIAL) and text[len(_PARTIAL):].startswith("$"):
        return QCoreApplication.translate("HistoryWords", "Partially approved: {0}").format(
            text[len(_PARTIAL):])
    return QCoreApplication.translate("HistoryWords", text) if text else ""
