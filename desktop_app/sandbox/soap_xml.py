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

from desktop_app.sandbox.wsdl import elements, is_complex

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
PAYMENT_NS = "http://online.instamed.com/TransactionServices/Payment/v1r3/"
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


def _qualified(element: StdET.Element) -> bool:
    nil = element.get("{http://www.w3.org/2001/XMLSchema-instance}nil", "")
    return namespace(element.tag) == PAYMENT_NS and nil not in ("true", "1")


def _part(call: Call, name: str) -> StdET.Element | None:
    return next((c for c in call.element if _qualified(c) and local(c.tag) == name), None)


def parameter_text(call: Call, name: str) -> str:
    """The text of a one-value operation's element (``transactionID``); empty if absent."""
    part = _part(call, name)
    return "" if part is None else part.text or ""


def typed_request(call: Call, child: str) -> dict[str, str]:
    """``<Op>/<child>`` → {element path: text}; ``Patient/PatientID`` for nested elements.

    As .NET's XmlSerializer reads it: only elements in the service's namespace count (an
    unqualified or misspelled one is not read, so a field the gateway needs goes missing);
    one given twice is refused rather than guessed at."""
    holder = _part(call, child)
    values: dict[str, str] = {}
    if holder is None:
        return values

    def walk(element: StdET.Element, prefix: str) -> None:
        for item in element:
            if not _qualified(item):
                continue
            path = prefix + local(item.tag)
            if len(item):
                walk(item, path + "/")
                continue
            if path in values:
                raise EnvelopeError(f"{path[:64]} appears more than once")
            values[path] = item.text or ""

    walk(holder, "")
    return values


def _envelope(soap_ns: str) -> tuple[etree._Element, etree._Element]:
    env = etree.Element(f"{{{soap_ns}}}Envelope", nsmap={"soap": soap_ns})
    return env, etree.SubElement(env, f"{{{soap_ns}}}Body")


def _serialize(env: etree._Element) -> bytes:
    return bytes(etree.tostring(env, xml_declaration=True, encoding="utf-8"))


def _add(parent: etree._Element, ns: str, name: str, text: str) -> None:
    etree.SubElement(parent, f"{{{ns}}}{name}").text = xml_text(text)


def typed_reply(soap_ns: str, operation: str, response_type: str,
                values: dict[str, str]) -> bytes:
    """``<Op>Response/<Op>Result`` with ``values`` (element path → text) in schema order."""
    env, body = _envelope(soap_ns)
    wrapper = etree.SubElement(body, f"{{{PAYMENT_NS}}}{operation}Response",
                               nsmap={None: PAYMENT_NS})
    result = etree.SubElement(wrapper, f"{{{PAYMENT_NS}}}{operation}Result")
    _fill(result, response_type, values, "")
    return _serialize(env)


def _fill(parent: etree._Element, type_name: str, values: dict[str, str], prefix: str) -> None:
    for name, type_ in elements(type_name):
        path = prefix + name
        if is_complex(type_):
            if any(k.startswith(path + "/") for k in values):
                _fill(etree.SubElement(parent, f"{{{PAYMENT_NS}}}{name}"), type_, values,
                      path + "/")
        elif path in values:
            _add(parent, PAYMENT_NS, name, values[path])


def string_reply(soap_ns: str, service_ns: str, operation: str, text: str) -> bytes:
    """``<Op>Response/<Op>Result`` carrying one string (GetSSOTokenStatus)."""
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
