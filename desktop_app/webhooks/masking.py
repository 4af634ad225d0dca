"""What of a webhook may be kept: card data removed, identifiers left exactly as sent.

PCI DSS 3.3/3.4: no full PAN, track data, CVV or PIN block (and no full bank account number)
reaches the webhook store. Three rules, each fixing a way issue 14 got through:

- Sensitive fields are dropped **by name** (``webhooks.json`` ``sensitive_fields``), whatever
  their value looks like: a CVV or a PIN block has no pattern to find.
- Every other value is scanned **decoded** (``+``, ``%20``, ``%XX``, ``\\uXXXX``, HTML
  entities, full-width digits) for a Luhn-valid run of 13-19 digits, separators allowed.
- **Identifiers are never altered** (transaction IDs, SSO tokens, our reference...): a
  Luhn-valid digit run inside a hex ID is not card data, and masking it made two messages
  look alike. Only the gateway can post (allowlist, auth), so an identifier is its own.

The raw body is kept verbatim only when nothing in it needed removing; otherwise what is kept
instead is the cleaned fields, rendered as JSON.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote_plus

from desktop_app.domain.card import luhn_ok, mask_pan
from desktop_app.gateway.redaction import redact_text
from desktop_app.webhooks.fields import normalized, webhook_table

_RUN = re.compile(r"(?<![0-9])[0-9](?:[\s.+_/\\-]{0,2}[0-9]){12,}(?![0-9])")
_CANDIDATE = re.compile(r"[0-9](?:[\s.+_/\\-]{0,2}[0-9]){11}|[=>\"]")  # 12 digits, or name=
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def decoded(text: str) -> str:
    """The text as a person would read it, every encoding layer peeled (at most three)."""
    for _ in range(3):
        peeled = unquote_plus(text, errors="replace")
        peeled = html.unescape(peeled)
        peeled = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), peeled)
        peeled = unicodedata.normalize("NFKC", peeled)
        if peeled == text:
            break
        text = peeled
    return text


def _holds_pan(digits: str) -> bool:
    """Any 13-19 digit window passing Luhn: a PAN glued to an expiry still counts. A run
    longer than any card data plus its neighbours is masked unread (bounded work)."""
    if len(digits) > 64:
        return True
    return any(luhn_ok(digits[start:start + size])
               for size in range(13, min(19, len(digits)) + 1)
               for start in range(len(digits) - size + 1))


def _mask_runs(text: str) -> str:
    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"[^0-9]", "", match.group(0))
        return mask_pan(digits) if _holds_pan(digits) else match.group(0)

    return _RUN.sub(mask, text)


def _encoded(text: str) -> bool:
    return not text.isascii() or any(ch in text for ch in "%&\\+")


def card_data_in(text: str) -> bool:
    plain = decoded(text) if _encoded(text) else text
    if not _CANDIDATE.search(plain):
        return False  # no run of digits long enough for card data, no "name=value" secret
    return _mask_runs(plain) != plain or redact_text(plain) != plain


def scrubbed(text: str) -> str:
    """The value unchanged if it holds no card data, else its decoded form with it masked."""
    if not card_data_in(text):
        return text
    return redact_text(_mask_runs(decoded(text)))


@cache
def _sensitive_words() -> re.Pattern[str]:
    names = webhook_table().raw["sensitive_fields"]["names"]
    return re.compile(r"(?i)(?<![a-z0-9])(" + "|".join(re.escape(n) for n in names)
                      + r")(?![a-z0-9])")


@dataclass(frozen=True)
class Cleaned:
    fields: dict[str, str]     # first value per name, sensitive names gone, PANs masked
    verbatim: bool             # True: the raw body needed nothing removed


def clean(leaves: Iterable[tuple[str, str]], raw_text: str, reference_slot: str) -> Cleaned:
    """``leaves``: every (name, value) the body holds, repeats and attributes included."""
    table = webhook_table()
    sensitive, identifiers = table.sensitive, table.identifiers | {normalized(reference_slot)}
    fields: dict[str, str] = {}
    verbatim = True
    for name, value in leaves:
        key = normalized(name)
        if key in sensitive or card_data_in(name):
            verbatim = False
            continue
        kept = value if key in identifiers else scrubbed(value)
        verbatim = verbatim and kept == value
        fields.setdefault(name, kept)
    plain = decoded(raw_text)
    if verbatim and (card_data_in(plain) or _sensitive_words().search(plain)):
        verbatim = False  # a comment, an unparsed corner, or a PAN-like identifier
    return Cleaned(fields, verbatim)
