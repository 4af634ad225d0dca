"""XML webhook bodies, parsed with defusedxml: no entities, no DTD tricks, no external fetch.

Each leaf element below the root is a field (namespaces dropped); attributes are leaves too,
so the card-data scan sees them even though the gateway's fields are elements.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from desktop_app.webhooks.message import BodyError, WebhookMessage, message_from_leaves


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def leaves(root: Element) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for element in root.iter():
        out.extend((_local(name), value) for name, value in element.attrib.items())
        if element is not root and not len(element):
            out.append((_local(element.tag), (element.text or "").strip()))
    return out


def parse_xml(raw: bytes, reference_slot: str = "") -> WebhookMessage:
    try:
        root = fromstring(raw, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError, RecursionError):
        raise BodyError("Malformed XML") from None
    return message_from_leaves("xml", leaves(root), raw, reference_slot)
