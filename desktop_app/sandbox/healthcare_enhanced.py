"""The sandbox's ``DoEligibilityInquiryEnhanced``: the typed request of the portal's XML
Request table in, the same test patients' answers out (healthcare_patients.py), plus what the
patient owes today.

Refusals: a request missing a field the table marks required (RecipientID,
RecipientIDQualifier, RecipientName, PatientRelationship, ProviderID1, ProviderIDQualifier1),
or breaking its lengths or MM/DD/YYYY dates, gets a soap:Client (1.2: soap:Sender) fault with
errorCode 400 in its detail, naming the fields, never their values. A fault, because that is
how this gateway's SOAP services refuse a request they cannot take (the payment service's
faults carry errorCode/errorMessage, wire facts "SOAP payment service"); the Enhanced reply's
own error element, if it has one, is not public.

The reply's names are ours and unconfirmed (resources/protocol/eligibility_xml.json "reply"):
the payer's 271 as text, and an Effective Benefit holding the amount owed today. The sandbox
owes-today rule is ours too (InstaMed's computation is not public): an active patient owes
the office-visit copay, which is what a front desk collects at check-in.
"""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree as StdET

from lxml import etree

from desktop_app.edi.protocol import healthcare_table
from desktop_app.edi.xml_request import problems, xml_table
from desktop_app.sandbox.errors import invalid
from desktop_app.sandbox.healthcare_patients import PATIENTS, Inquiry, answer_271
from desktop_app.sandbox.soap_xml import local, namespace, xml_text


class PayerUnavailable(Exception):
    """The test payer cannot answer: a soap:Server fault, no errorCode (nothing refused)."""


def typed_fields(operation: StdET.Element) -> dict[str, str]:
    """``<Op>/<request>/<Field>`` → {field: text}, only elements in the service's namespace
    (as .NET's XmlSerializer reads them); a field given twice is refused, not guessed at."""
    ns = healthcare_table().namespace
    holder = next((c for c in operation if namespace(c.tag) == ns
                   and local(c.tag) == xml_table().parameter), None)
    values: dict[str, str] = {}
    for item in holder if holder is not None else ():
        if namespace(item.tag) != ns:
            continue
        if local(item.tag) in values:
            raise invalid(f"{local(item.tag)[:40]} appears more than once")
        values[local(item.tag)] = (item.text or "").strip()
    return values


def inquiry_from(values: dict[str, str]) -> Inquiry:
    """The question the 271 answers: the patient's names when a dependent is asked about."""
    who = "Patient" if values.get("PatientLastName") else "Subscriber"
    month, day, year = values.get(f"{who}DateOfBirth", "//").split("/")
    return Inquiry(values["RecipientID"], values.get("SubscriberID", ""),
                   values.get(f"{who}LastName", "").upper(),
                   values.get(f"{who}FirstName", "").upper(), f"{year}{month}{day}",
                   values.get("ServiceTypeCode") or "30",
                   values.get("TraceNumber") or "SANDBOXENHANCED",
                   (values.get("ProviderLastName") or "PROVIDER", values["ProviderID1"]), "1")


def answer_enhanced(operation: StdET.Element, now: datetime) -> tuple[str, str]:
    """(the payer's 271, what the patient owes today or ""), or a refusal."""
    values = typed_fields(operation)
    found = problems(values)
    if found:
        raise invalid("; ".join(f"{wire} {why}" for wire, why in found[:4]))
    inquiry = inquiry_from(values)
    patient = PATIENTS.get(inquiry.member_id)
    if patient is not None and patient.case == "payer_unavailable":
        raise PayerUnavailable
    owes = patient.copay if patient is not None and patient.case == "active" else ""
    return answer_271(inquiry, now), owes


def result_body(soap_ns: str, x12: str, owes: str) -> bytes:
    """``<Op>Response/<Op>Result`` with the 271 and the Effective Benefit (names: the table)."""
    t, ns = xml_table(), healthcare_table().namespace
    operation = healthcare_table().operation("eligibility_enhanced")
    env = etree.Element(f"{{{soap_ns}}}Envelope", nsmap={"soap": soap_ns})
    body = etree.SubElement(env, f"{{{soap_ns}}}Body")
    wrapper = etree.SubElement(body, f"{{{ns}}}{operation}Response", nsmap={None: ns})
    result = etree.SubElement(wrapper, f"{{{ns}}}{t.reply('result')}")
    etree.SubElement(result, f"{{{ns}}}{t.reply('payer_271')}").text = xml_text(x12)
    if owes:
        benefit = etree.SubElement(result, f"{{{ns}}}{t.reply('effective_benefit')}")
        etree.SubElement(benefit, f"{{{ns}}}{t.reply('patient_owes')}").text = owes
    return bytes(etree.tostring(env, xml_declaration=True, encoding="utf-8"))
