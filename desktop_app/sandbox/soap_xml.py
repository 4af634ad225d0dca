"""SOAP 1.1 / 1.2 envelopes: reading requests safely and writing replies and faults.

Requests are parsed with defusedxml (no DTDs, no entities, no network), since the endpoint
faces whatever a test or a trainee sends. Replies are built with lxml using a ``soap``
prefix and no default namespace, the shape zeep and .NET clients both read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as StdET
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree as SafeET
from lxml import etree

from desktop_app.sandbox.wsdl import sequence

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
PAYMENT_NS = "https://connect.instamed.com/payment/"
SSO_NS = "https://online.instamed.com/Forms/WebServices/"
CONTENT_TYPES = {SOAP11: "text/xml", SOAP12: "application/soap+xml"}
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class EnvelopeError(ValueError):
    """Not a SOAP envelope of the expected version; the message says what is wrong."""


def xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (a control character in an echoed field)."""
    return _NOT_XML_CHAR.sub("", text)


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


@dataclass(frozen=True)
class Call:
    operation: str
    namespace: str
    element: StdET.Element


def read_call(body: bytes, soap_ns: str) -> Call:
    """The operation element inside ``Envelope/Body``."""
    try:
        root = SafeET.fromstring(body, forbid_dtd=True)
    except (StdET.ParseError, defusedxml.DefusedXmlException, ValueError) as exc:
        raise EnvelopeError(f"The request is not well-formed XML ({type(exc).__name__})") from None
    if root.tag != f"{{{soap_ns}}}Envelope":
        raise EnvelopeError(f"Expected a SOAP envelope in namespace {soap_ns}")
    soap_body = root.find(f"{{{soap_ns}}}Body")
    children = list(soap_body) if soap_body is not None else []
    if not children:
        raise EnvelopeError("The SOAP Body is empty")
    element = children[0]
    return Call(local(element.tag), namespace(element.tag), element)


def child_text(element: StdET.Element, name: str) -> str | None:
    for child in element:
        if local(child.tag) == name:
            return child.text or ""
    return None


def transaction_fields(call: Call) -> dict[str, str]:
    """``ProcessTransaction/request`` → wire fields; additionalFields/Field are merged in."""
    request = next((c for c in call.element if local(c.tag) == "request"), None)
    if request is None:
        raise EnvelopeError("ProcessTransaction needs a request element")
    fields: dict[str, str] = {}
    for child in request:
        name = local(child.tag)
        if name != "additionalFields":
            fields[name] = child.text or ""
            continue
        for item in child:
            key = child_text(item, "name")
            if key:
                fields[key] = child_text(item, "value") or ""
    return fields


def _envelope(soap_ns: str) -> tuple[etree._Element, etree._Element]:
    env = etree.Element(f"{{{soap_ns}}}Envelope", nsmap={"soap": soap_ns})
    return env, etree.SubElement(env, f"{{{soap_ns}}}Body")


def _serialize(env: etree._Element) -> bytes:
    return bytes(etree.tostring(env, xml_declaration=True, encoding="utf-8"))


def _add(parent: etree._Element, ns: str, name: str, text: str) -> None:
    etree.SubElement(parent, f"{{{ns}}}{name}").text = xml_text(text)


def transaction_reply(soap_ns: str, reply: dict[str, str]) -> bytes:
    """ProcessTransactionResponse/ProcessTransactionResult in the WSDL's element order."""
    env, body = _envelope(soap_ns)
    wrapper = etree.SubElement(body, f"{{{PAYMENT_NS}}}ProcessTransactionResponse",
                               nsmap={None: PAYMENT_NS})
    result = etree.SubElement(wrapper, f"{{{PAYMENT_NS}}}ProcessTransactionResult")
    order = [n for n in sequence("TransactionResponse") if n != "additionalFields"]
    for name in order:
        if name in reply:
            _add(result, PAYMENT_NS, name, reply[name])
    extra = [(k, v) for k, v in reply.items() if k not in order]
    if extra:
        holder = etree.SubElement(result, f"{{{PAYMENT_NS}}}additionalFields")
        for key, val in extra:
            field = etree.SubElement(holder, f"{{{PAYMENT_NS}}}Field")
            _add(field, PAYMENT_NS, "name", key)
            _add(field, PAYMENT_NS, "value", val)
    return _serialize(env)


def string_reply(soap_ns: str, service_ns: str, operation: str, text: str) -> bytes:
    """``<Op>Response/<Op>Result`` carrying one string (ProcessEDI, GetSSOTokenStatus)."""
    env, body = _envelope(soap_ns)
    wrapper = etree.SubElement(body, f"{{{service_ns}}}{operation}Response",
                               nsmap={None: service_ns})
    _add(wrapper, service_ns, f"{operation}Result", text)
    return _serialize(env)


def fault(soap_ns: str, client_error: bool, message: str, error_code: str = "") -> bytes:
    """A SOAP fault in the request's version; ``detail`` carries the gateway's errorCode."""
    env, body = _envelope(soap_ns)
    node = etree.SubElement(body, f"{{{soap_ns}}}Fault")
    if soap_ns == SOAP11:
        etree.SubElement(node, "faultcode").text = "soap:Client" if client_error else "soap:Server"
        etree.SubElement(node, "faultstring").text = xml_text(message)
        detail = etree.SubElement(node, "detail")
    else:
        code = etree.SubElement(node, f"{{{soap_ns}}}Code")
        value = "soap:Sender" if client_error else "soap:Receiver"
        etree.SubElement(code, f"{{{soap_ns}}}Value").text = value
        reason = etree.SubElement(node, f"{{{soap_ns}}}Reason")
        text = etree.SubElement(reason, f"{{{soap_ns}}}Text")
        text.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        text.text = xml_text(message)
        detail = etree.SubElement(node, f"{{{soap_ns}}}Detail")
    if error_code:
        etree.SubElement(detail, f"{{{PAYMENT_NS}}}errorCode",
                         nsmap={"im": PAYMENT_NS}).text = error_code
    return _serialize(env)
