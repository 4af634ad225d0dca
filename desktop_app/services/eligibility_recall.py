"""A patient's last coverage question, found by the clinic's patient ID, to ask it again.

History rows carry the clinic's patient ID, never a member ID; Checkout's panel journals each
check under the checkout's patient ID (store/eligibility.py), with the 270 as sent. That 270
holds who was asked about (payer, member ID, name, date of birth, relationship, service
type), so it is read back with the EDI reader (edi/x270_read.py) rather than kept twice; a
check asked with the Enhanced method kept its typed request instead (edi/xml_request_read.py).
Nothing of it is logged: the log line names the check's reference only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery
from desktop_app.edi.x270_read import read_270
from desktop_app.edi.xml_request_read import read_request
from desktop_app.store import Journal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LastCheck:
    asked_at: str  # ISO time the journal recorded
    coverage: str  # what the payer said then (Coverage's value)
    query: EligibilityQuery | None  # None: the stored 270 could not be read back

    def __repr__(self) -> str:
        return f"LastCheck(asked_at={self.asked_at!r}, coverage={self.coverage!r})"


async def last_check(journal: Journal, patient_id: str) -> LastCheck | None:
    """The newest check for ``patient_id``, or None when the patient was never checked."""
    row = await journal.eligibility.latest_for(patient_id.strip())
    if row is None:
        return None
    try:
        text = row.request_x12
        query: EligibilityQuery | None = (read_request if text.lstrip().startswith("<")
                                          else read_270)(text)
    except EdiError:
        log.warning("eligibility ref=%s: the stored 270 could not be read back", row.reference)
        query = None
    return LastCheck(row.created_at, row.coverage, query)
