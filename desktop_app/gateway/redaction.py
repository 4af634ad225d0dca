"""Redaction of card data and secrets from anything that may be logged or shown.

PCI DSS 3.3 / 3.4: no full PAN, track data, CVV or PIN in logs, exceptions or files.
Applied to wire field dicts before logging, and as a logging filter on every handler.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from desktop_app.domain.card import luhn_ok, mask_pan

_PAN = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_TRACK1 = re.compile(r"%B\d{12,19}\^[^?]*\??")
_TRACK2 = re.compile(r";\d{12,19}=[0-9]*\??")
_SECRET_FIELD = re.compile(
    r"(?i)\b(cardNumber|cardVerificationNumber|Track1Data|Track2Data|accountNumber|password"
    r"|paymentMethodID|saveOnFileTransactionID|encryptedTrack[12]|cardTrack[12]"
    r"|cardOnFileToken|cvv|pin|ImageData|MICRData|image)"
    r"(=|\":\s*\"|'>\s*|>)([^&\"'<\s]*)")
_AUTH_HEADER = re.compile(r"(?i)(authorization:\s*basic\s+)\S+")

# NVP names and our keys (``WireRequest.values`` are logged by our keys).
SENSITIVE_KEYS = frozenset({"cardNumber", "cardVerificationNumber", "Track1Data", "Track2Data",
                            "accountNumber", "paymentMethodID", "saveOnFileTransactionID",
                            "encryptedTrack1", "encryptedTrack2", "password",
                            "cardHolderName",  # personal data: not needed to trace a payment
                            "Zip", "billing_zip",  # the cardholder's address, as above
                            "CheckHolderFirstName", "CheckHolderLastName",
                            "check_holder_first_name", "check_holder_last_name",
                            "card_number", "card_cvv", "card_track1", "card_track2",
                            "account_number", "saved_card_id", "encrypted_track1",
                            "encrypted_track2", "cardholder_name",
                            # a check's images and MICR line (the account number is in both)
                            "ImageData", "MICRData", "check_image_data", "micr_data",
                            "check_image"})
_PANS = frozenset({"cardNumber", "card_number"})


def _mask_match(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return mask_pan(digits) if luhn_ok(digits) else match.group(0)


def redact_text(text: str) -> str:
    text = _TRACK1.sub("%B[TRACK1 REDACTED]?", text)
    text = _TRACK2.sub(";[TRACK2 REDACTED]?", text)
    text = _SECRET_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}[REDACTED]", text)
    text = _AUTH_HEADER.sub(r"\1[REDACTED]", text)
    return _PAN.sub(_mask_match, text)


def redact_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """A copy safe to log: sensitive wire fields replaced, any stray PAN masked."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        if key in SENSITIVE_KEYS:
            out[key] = mask_pan(value) if key in _PANS else "[REDACTED]"
        else:
            out[key] = redact_text(value)
    return out
