"""payment.wsdl's XML Schema for lxml, and a check that an envelope's Body holds a valid call."""

from __future__ import annotations

from functools import cache

from lxml import etree

from desktop_app.paths import resources_dir

XSD = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
ENVELOPES = ("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")


@cache
def wsdl() -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(resources_dir() / "wsdl" / "payment.wsdl"), parser).getroot()


@cache
def schema() -> etree.XMLSchema:
    """The WSDL's xsd:schema, standing alone (it declares the prefixes it uses)."""
    found = wsdl().find(f"{{{WSDL}}}types/{{{XSD}}}schema")
    assert found is not None
    return etree.XMLSchema(etree.fromstring(etree.tostring(found)))


def body_child(envelope: bytes) -> etree._Element:
    root = etree.fromstring(envelope, etree.XMLParser(resolve_entities=False, no_network=True))
    assert etree.QName(root).namespace in ENVELOPES and etree.QName(root).localname == "Envelope"
    body = root.find(f"{{{etree.QName(root).namespace}}}Body")
    assert body is not None and len(body) == 1, "one element in the SOAP Body"
    return body[0]


def assert_valid(envelope: bytes) -> etree._Element:
    """The Body's element, after validating it against the schema (with lxml's message)."""
    child = body_child(envelope)
    checker = schema()
    if not checker.validate(etree.fromstring(etree.tostring(child))):
        raise AssertionError(f"{etree.QName(child).localname}: {checker.error_log}")
    return child
