"""Spanish (and any other language) for the messages the Qt-free core raises at staff.

The domain, services and drivers write their error messages in English and import no Qt. The
ones a front desk meets are listed here so lupdate puts them in the translation files;
``message_for`` (``ui/errors.py``) looks every message up, and one not listed (a message with
numbers in it) shows in English. A terminal held by an unknown payment gets its own text,
and so does a payment refused as a possible repeat of one (filled in by ``ui/errors.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreMessages"
MESSAGES = (
    QT_TRANSLATE_NOOP("CoreMessages", "Expiry must look like MM/YY"),
    QT_TRANSLATE_NOOP("CoreMessages", "Expiry month must be 01 to 12"),
    QT_TRANSLATE_NOOP("CoreMessages", "Card number must be 13 to 19 digits"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Card number is not valid (check digit); please re-enter it"),
    QT_TRANSLATE_NOOP("CoreMessages", "Security code must be 3 or 4 digits"),
    # the checkout form's own field checks (ui/checkout/tenders.py)
    QT_TRANSLATE_NOOP("CoreMessages", "This card has expired: check the expiry date"),
    QT_TRANSLATE_NOOP("CoreMessages", "Billing ZIP must be 5 digits (or ZIP+4)"),
    QT_TRANSLATE_NOOP("CoreMessages", "Enter the account holder's name as the check shows it"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Routing number is not valid (check digit); please re-enter it"),
    QT_TRANSLATE_NOOP("CoreMessages", "Account number must be 4 to 17 digits"),
    QT_TRANSLATE_NOOP("CoreMessages", "Amount is not a number"),
    QT_TRANSLATE_NOOP("CoreMessages", "This payment has already been voided."),
    QT_TRANSLATE_NOOP("CoreMessages", "No gateway password is stored for this account. Ask "
                      "IT to enter it in Settings."),
    QT_TRANSLATE_NOOP("CoreMessages", "No card reader is connected. Connect one (or see the "
                      "Devices page), or key the card instead."),
    QT_TRANSLATE_NOOP("CoreMessages", "A payment is already in progress on the device."),
    QT_TRANSLATE_NOOP("CoreMessages", "The payment was cancelled; nothing was charged."),
    QT_TRANSLATE_NOOP("CoreMessages", "The payment was cancelled on the PIN pad."),
    QT_TRANSLATE_NOOP("CoreMessages", "No card was swiped in time."),
    QT_TRANSLATE_NOOP("CoreMessages", "The card could not be read after several swipes. Try "
                      "another card or key it."),
    QT_TRANSLATE_NOOP("CoreMessages", "The card was removed before the PIN pad finished. Ask "
                      "the patient to insert it again and leave it in until prompted."),
    QT_TRANSLATE_NOOP("CoreMessages", "No check was fed into the scanner in time. Feed the "
                      "check, then scan again."),
    QT_TRANSLATE_NOOP("CoreMessages", "The scanner could not read the check (it reported a "
                      "jam or feed error). Clear it and scan again."),
    # eligibility at check-in (desktop_app/edi/query.py, issue 16)
    QT_TRANSLATE_NOOP("CoreMessages", "Enter the payer ID."),
    QT_TRANSLATE_NOOP("CoreMessages", "The member ID must be 2 to 80 letters or digits."),
    QT_TRANSLATE_NOOP("CoreMessages", "Enter the patient's first and last name."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "The provider NPI in settings is not a valid 10-digit NPI."),
    QT_TRANSLATE_NOOP("CoreMessages", "The provider name in settings is empty."),
    # desktop_app/keyring_guard.py: a secret refused where no secure keyring exists (#14)
    QT_TRANSLATE_NOOP("CoreMessages", "No secure keyring is available on this computer, so "
                      "Front Desk Pay will not store passwords. Use Windows Credential "
                      "Manager, the macOS Keychain, or on Linux a Secret Service keyring "
                      "(GNOME Keyring or KWallet) that is installed and unlocked, then try "
                      "again."),
)
TERMINAL_BUSY = QT_TRANSLATE_NOOP(
    "CoreMessages", "The last payment on this terminal is still being checked with the "
    "gateway. Take no new payment here until History shows its result.")

POSSIBLE_REPEAT = QT_TRANSLATE_NOOP(
    "CoreMessages", "A payment of {0} started at {1} UTC for this patient may already have "
    "been charged: the gateway has not said yet. Do not charge it again until it is settled: "
    "check the gateway's portal, then settle it in History (Settle from portal).")


def translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
