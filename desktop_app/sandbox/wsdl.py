"""The shipped WSDLs as the sandbox uses them: field order for replies, served copies.

Reply elements must follow the ``xs:sequence`` of TransactionResponse (strict clients such
as zeep reject any other order), so the order is read from payment.wsdl itself rather than
written down twice. Served WSDLs point their soap:address at this server.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from desktop_app.paths import resources_dir

XSD = "http://www.w3.org/2001/XMLSchema"
WSDL_SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
WSDL_SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
WSDL_FILES = {"payment": "payment.wsdl", "sso": "sso.wsdl"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@cache
def _document(name: str) -> bytes:
    return (resources_dir() / "wsdl" / WSDL_FILES[name]).read_bytes()


@cache
def sequence(type_name: str) -> tuple[str, ...]:
    """Element names, in order, of a complexType of payment.wsdl."""
    root = etree.fromstring(_document("payment"), _parser())
    found = root.find(f".//{{{XSD}}}complexType[@name='{type_name}']")
    if found is None:
        raise LookupError(f"payment.wsdl has no complexType {type_name}")
    return tuple(el.get("name") for el in found.iterfind(f"{{{XSD}}}sequence/{{{XSD}}}element"))


def served_wsdl(name: str, location: str) -> bytes:
    """The WSDL with every soap:address / soap12:address location set to ``location``."""
    root = etree.fromstring(_document(name), _parser())
    for ns in (WSDL_SOAP11, WSDL_SOAP12):
        for address in root.iter(f"{{{ns}}}address"):
            address.set("location", location)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
