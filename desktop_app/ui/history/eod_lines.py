"""The end-of-day result as the desk reads it: one line per payment in each list, with the
journal's amount, the file's, and the difference (file less journal, a side that is missing
counting as nothing), in the app's language. Shared by the result dialog and its printout.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.domain import Money
from desktop_app.edi.x835 import PostedPayment
from desktop_app.services.eod import EodResult
from desktop_app.store import PaymentRecord
from desktop_app.ui.history.words import word

COLUMNS = (
    QT_TRANSLATE_NOOP("EodResult", "Reference"),
    QT_TRANSLATE_NOOP("EodResult", "Transaction ID"),
    QT_TRANSLATE_NOOP("EodResult", "Patient"),
    QT_TRANSLATE_NOOP("EodResult", "Journal amount"),
    QT_TRANSLATE_NOOP("EodResult", "File amount"),
    QT_TRANSLATE_NOOP("EodResult", "Difference"),
    QT_TRANSLATE_NOOP("EodResult", "Kind"),
)
# (key, tab title with a mnemonic, heading on paper)
LISTS = (
    ("matched", QT_TRANSLATE_NOOP("EodResult", "&Matched ({0})"),
     QT_TRANSLATE_NOOP("EodResult", "Matched")),
    ("file_only", QT_TRANSLATE_NOOP("EodResult", "In the &file only ({0})"),
     QT_TRANSLATE_NOOP("EodResult", "In the file, not in the journal")),
    ("journal_only", QT_TRANSLATE_NOOP("EodResult", "In the &journal only ({0})"),
     QT_TRANSLATE_NOOP("EodResult", "In the journal, not in the file")),
    ("voided", QT_TRANSLATE_NOOP("EodResult", "V&oided ({0})"),
     QT_TRANSLATE_NOOP("EodResult", "Voided (rightly not in the file)")),
)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP above, in the app's language."""
    return translate("EodResult", text)


@dataclass(frozen=True)
class Line:
    reference: str
    transaction_id: str
    patient: str
    journal: Money | None
    file: Money | None
    kind: str            # the desk's word: sale, refund, void
    counts: bool = True  # a difference means something (not for a voided sale)

    @property
    def difference(self) -> Money | None:
        if not self.counts:
            return None
        return (self.file or Money.zero()) - (self.journal or Money.zero())

    def cells(self) -> tuple[str, ...]:
        def money(value: Money | None) -> str:
            return "" if value is None else str(value)
        return (self.reference, self.transaction_id, self.patient, money(self.journal),
                money(self.file), money(self.difference), self.kind)


def _from_file(posted: PostedPayment, record: PaymentRecord | None = None) -> Line:
    return Line(record.reference if record else posted.reference, posted.transaction_id,
                record.patient_id if record else "", record.approved if record else None,
                posted.amount, word(posted.kind.value))


def _from_journal(record: PaymentRecord, *, counts: bool = True) -> Line:
    kind = "refund" if record.kind == "simple_refund" else record.kind
    return Line(record.reference, record.transaction_id, record.patient_id, record.approved,
                None, word(kind), counts)


def lines(result: EodResult) -> dict[str, list[Line]]:
    """Each list's lines, keyed as ``LISTS``."""
    return {"matched": [_from_file(m.posted, m.record) for m in result.matched],
            "file_only": [_from_file(p) for p in result.file_only],
            "journal_only": [_from_journal(r) for r in result.journal_only],
            "voided": [_from_journal(r, counts=False) for r in result.voided]}


def summary(result: EodResult) -> str:
    """What the desk needs to know first: agree or not, the totals, what was settled."""
    difference = result.file_total - result.journal_total
    text = [translate("EodResult", "Business day {0}: {1} matched, {2} in the file only, {3} "
                      "in the journal only, {4} voided.").format(
                result.day.isoformat(), len(result.matched), len(result.file_only),
                len(result.journal_only), len(result.voided)),
            translate("EodResult", "Total in the file {0}, in the journal {1}, difference "
                      "{2}.").format(result.file_total, result.journal_total, difference)]
    if result.discrepancies:
        text.append(translate("EodResult", "{0} discrepancies: check them on the gateway's "
                              "portal.").format(result.discrepancies))
    else:
        text.append(translate("EodResult", "No discrepancies: the file and the journal agree."))
    if result.adopted:
        text.append(translate("EodResult", "{0} payments whose result was unknown were settled "
                              "from the file (recorded in the audit log).").format(
                                  len(result.adopted)))
    return "\n".join(text)
