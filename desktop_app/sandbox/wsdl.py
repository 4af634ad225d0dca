"""The shipped WSDLs and resources/protocol/soap.json as the sandbox uses them.

Reply elements must follow the schema's order (a type's base elements first, then its own:
strict clients such as zeep reject any other order), so the order is read from payment.wsdl
itself rather than written down twice. Served WSDLs point their soap:address at this server.
The sandbox reads soap.json with its own loader, as it does gateway.json (``table.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

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
def _payment_schema() -> etree._Element:
    root = etree.fromstring(_document("payment"), _parser())
    schema = root.find(f".//{{{XSD}}}schema")
    if schema is None:
        raise LookupError("payment.wsdl has no schema")
    return schema


def _local(qname: str) -> str:
    return qname.rpartition(":")[2]


@cache
def elements(type_name: str) -> tuple[tuple[str, str], ...]:
    """(name, type) of a payment.wsdl complexType's elements, base type's first."""
    found = _payment_schema().find(f"{{{XSD}}}complexType[@name='{type_name}']")
    if found is None:
        raise LookupError(f"payment.wsdl has no complexType {type_name}")
    own = found
    extension = found.find(f"{{{XSD}}}complexContent/{{{XSD}}}extension")
    inherited: tuple[tuple[str, str], ...] = ()
    if extension is not None:
        inherited = elements(_local(extension.get("base", "")))
        own = extension
    return inherited + tuple(
        (str(el.get("name")), _local(el.get("type", "")))
        for el in own.iterfind(f"{{{XSD}}}sequence/{{{XSD}}}element"))


def is_complex(type_name: str) -> bool:
    return _payment_schema().find(f"{{{XSD}}}complexType[@name='{type_name}']") is not None


def served_wsdl(name: str, location: str) -> bytes:
    """The WSDL with every soap:address / soap12:address location set to ``location``."""
    root = etree.fromstring(_document(name), _parser())
    for ns in (WSDL_SOAP11, WSDL_SOAP12):
        for address in root.iter(f"{{{ns}}}address"):
            address.set("location", location)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


@dataclass(frozen=True)
class Operation:
    """One typed operation of the payment service and the kinds it carries."""

    name: str
    kinds: tuple[str, ...]       # first is the default; a later one applies "when" its key is set
    when: dict[str, str]         # kind → our key whose presence selects it
    response_type: str
    request_type: str = ""
    parameter: str = ""
    parameter_key: str = ""


@dataclass(frozen=True)
class SoapTable:
    raw: dict[str, Any]

    @property
    def namespace(self) -> str:
        return str(self.raw["namespace"])

    @cached_property
    def operations(self) -> dict[str, Operation]:
        """Operation name → what it carries; kinds sharing one operation are merged."""
        ops: dict[str, Operation] = {}
        for key, entry in self.raw["operations"].items():
            kind = entry.get("kind", key)  # the processor's kind (gateway.json "kinds")
            known = ops.get(entry["operation"])
            when = dict(known.when) if known else {}
            if "when" in entry:
                when[kind] = entry["when"]
            ops[entry["operation"]] = Operation(
                entry["operation"], (known.kinds if known else ()) + (kind,), when,
                entry["response_type"], entry.get("request_type", ""),
                entry.get("parameter", ""), entry.get("parameter_key", ""))
        return ops

    @cached_property
    def _request_keys(self) -> dict[str, str]:
        """Path → our key; ``our_reference`` is the client's idea (the service knows only
        AdditionalInfo1..6, which the sandbox keeps as additional_info_N like NVP's)."""
        return {str(e["path"]): key for key, e in self.raw["request_elements"].items()
                if not e.get("reference_slot")}

    def request_path(self, key: str) -> str | None:
        entry = self.raw["request_elements"].get(key)
        return None if entry is None else str(entry["path"])

    def request_key(self, path: str) -> str | None:
        """Our key for a request element path (exact spelling, as .NET reads it)."""
        return self._request_keys.get(path)

    def reply_path(self, key: str) -> tuple[str, str] | None:
        """(element path, derive rule) that carries a reply key, if any."""
        entry = self.raw["response_elements"].get(key)
        return None if entry is None else (str(entry["path"]), str(entry.get("derive", "")))


@cache
def soap_table() -> SoapTable:
    path = resources_dir() / "protocol" / "soap.json"
    return SoapTable(json.loads(path.read_text(encoding="utf-8")))
