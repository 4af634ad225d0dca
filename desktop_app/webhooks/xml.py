"""XML webhook bodies, parsed with defusedxml: no entities, no DTD tricks, no external fetch.

The sandbox sends ``<WebhookNotification><transactionID>…</transactionID>…`` ; the leaf
elements anywhere below the root become fields, namespaces dropped.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from desktop_app.webhooks.message import BodyError, WebhookMessage, message_from_fields


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def leaf_fields(root: Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for element in root.iter():
        if element is root or len(element):
            continue
        out.setdefault(_local(element.tag), (element.text or "").strip())
    return out


def parse_xml(raw: bytes) -> WebhookMessage:
    try:
        root = fromstring(raw, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError, RecursionError):
        raise BodyError("Malformed XML") from None
    return message_from_fields("xml", leaf_fields(root), raw)
