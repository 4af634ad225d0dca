"""Our own 270 read back into the question the desk asked, so it can be asked again.

History starts a check for a patient the clinic knows only by its own ID; the journal keeps
the 270 we sent (store/eligibility.py) and this turns it back into an ``EligibilityQuery``.
It goes through the same validating walk as every 271 (validation.py): a stored text that is
not a valid 270 is an EdiError, never a half-filled form. The patient is the dependent (loop
2100D) when there is one, as in the 270 we build (x270.py).
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.domain.errors import ValidationError
from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery, Relationship, ServiceType
from desktop_app.edi.validation import Segment, walk


def read_270(text: str) -> EligibilityQuery:
    """The question in ``text``. Raises EdiError when it is not a valid 270 we could ask."""
    result = walk(text)
    if not result.valid:
        raise EdiError("The stored question is not a valid 270.", result.findings)
    found: dict[tuple[str, str], Segment] = {}
    for segment in result.segments:
        found.setdefault((segment.loop, segment.id), segment)
    st = next((s for s in result.segments if s.id == "ST"), None)
    payer, subscriber = found.get(("2100A", "NM1")), found.get(("2100C", "NM1"))
    if st is None or st.get(1) != "270" or payer is None or subscriber is None:
        raise EdiError("The stored question is not an eligibility inquiry (270).")
    patient = found.get(("2100D", "NM1")) or subscriber
    insured = found.get(("2100D", "INS"))
    question = found.get(("2110D", "EQ")) or found.get(("2110C", "EQ"))
    payer_id = payer.get(9)
    try:
        return EligibilityQuery(
            payer_id, subscriber.get(9), patient.get(3), patient.get(4),
            _born(found.get(("2100D", "DMG")) or found.get(("2100C", "DMG"))),
            Relationship(insured.get(2)) if insured else Relationship.SELF,
            ServiceType((question.repeats(1) if question else ["30"])[0]),
            payer.get(3) if payer.get(3) != payer_id else "")
    except (ValueError, ValidationError):  # a code or a value we never send: not ours
        raise EdiError("The stored question is not one this desk can ask again.") from None


def _born(segment: Segment | None) -> date:
    if segment is None or segment.get(1) != "D8":
        raise EdiError("The stored question has no date of birth.")
    return datetime.strptime(segment.get(2), "%Y%m%d").date()
