"""A typed Enhanced request we kept, read back into the question the desk asked.

Where IT turned ``DoEligibilityInquiryEnhanced`` on, the journal keeps that request (the
fields of resources/protocol/eligibility_xml.json as one XML element, services/eligibility
``request_xml``) instead of a 270. History asks a patient's last question again from either;
this is the typed side of edi/x270_read.py. Names and dates are where ``build_request`` put
them: the subscriber's, or the patient's when the relationship says a dependent. A text that
is not such a request is an EdiError naming no value (member IDs and names are PHI).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from desktop_app.domain.errors import ValidationError
from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery, Relationship, ServiceType
from desktop_app.edi.xml_request import xml_table


def read_request(text: str) -> EligibilityQuery:
    """The question in ``text``. Raises EdiError when it is not a request we could ask."""
    t = xml_table()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        raise EdiError("The stored question is not a typed eligibility request.") from None
    if root.tag != t.parameter:
        raise EdiError("The stored question is not a typed eligibility request.")
    values = {child.tag: (child.text or "") for child in root if isinstance(child.tag, str)}

    def field(key: str) -> str:
        return values.get(t.wire(key), "").strip()

    try:
        relationship = Relationship(field("patient_relationship"))
        who = "subscriber" if relationship is Relationship.SELF else "patient"
        born = datetime.strptime(field(f"{who}_birth_date"), "%m/%d/%Y").date()
        payer_id, payer_name = field("recipient_id"), field("recipient_name")
        return EligibilityQuery(payer_id, field("subscriber_id"), field(f"{who}_last_name"),
                                field(f"{who}_first_name"), born, relationship,
                                ServiceType(field("service_type")),
                                payer_name if payer_name != payer_id else "")
    except (ValueError, ValidationError):  # a code or a value we never send: not ours
        raise EdiError("The stored question is not one this desk can ask again.") from None
