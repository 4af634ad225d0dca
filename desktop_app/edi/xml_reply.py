"""What ``DoEligibilityInquiryEnhanced`` answers, read by the names in
resources/protocol/eligibility_xml.json — none of which a public page shows.

So this reader decides nothing on its own: coverage comes only from the payer's X12 271 it
carries (read and validated like any 271), and "what the patient owes" is taken only when
that 271 says active and the amount is plain dollars and cents. Anything missing, doubled or
odd gives no 271 (the desk sees "could not tell") or no amount (the copay is used), never a
guessed figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from desktop_app.domain.money import Money
from desktop_app.edi.xml_request import xml_table

_AMOUNT = re.compile(r"[0-9]{1,7}(\.[0-9]{1,2})?")  # ASCII: \d takes any script


@dataclass(frozen=True)
class EnhancedReply:
    payer_271: str         # "" when the reply carries none (or two)
    patient_owes: Money | None


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    if parent is None:
        return []
    return [c for c in parent if isinstance(c.tag, str)
            and etree.QName(c).localname.lower() == name.lower()]


def _only(parent: etree._Element | None, name: str) -> etree._Element | None:
    found = _children(parent, name)
    return found[0] if len(found) == 1 else None  # two of one name: which is meant?


def read_reply(result: etree._Element | None) -> EnhancedReply:
    """``<Op>Result`` → the payer's 271 and the Effective Benefit's amount, if plain."""
    t = xml_table()
    edi = _only(result, t.reply("payer_271"))
    benefit = _only(result, t.reply("effective_benefit"))
    owes = _only(benefit, t.reply("patient_owes"))
    x12 = (edi.text or "").strip() if edi is not None and not len(edi) else ""
    amount = owes.text if owes is not None and not len(owes) else None
    return EnhancedReply(x12, patient_owes(amount))


def patient_owes(text: str | None) -> Money | None:
    """Dollars and cents between 0 and the table's limit; anything else is not a figure."""
    value = (text or "").strip()
    if not _AMOUNT.fullmatch(value) or Decimal(value) > Decimal(xml_table().patient_owes_limit):
        return None
    return Money.parse(value)
