"""The payment WSDL, resources/protocol/soap.json and the golden .NET requests agree with one
another and with the facts of docs/wire-contract.md section 2a."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from desktop_app.paths import resources_dir
from tests.gateway.soap_schema import WSDL, XSD, assert_valid, schema, wsdl
from tests.sandbox.soap_golden import BODIES, STYLES, golden

NS = "http://online.instamed.com/TransactionServices/Payment/v1r3/"
SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
TABLE = json.loads((resources_dir() / "protocol" / "soap.json").read_text(encoding="utf-8"))


def xs(name: str) -> str:
    return f"{{{XSD}}}{name}"


def element(name: str) -> etree._Element:
    found = wsdl().find(f"{{{WSDL}}}types/{xs('schema')}/{xs('element')}[@name='{name}']")
    assert found is not None, name
    return found


def only_child(name: str) -> tuple[str, str]:
    (child,) = element(name).iterfind(f"{xs('complexType')}/{xs('sequence')}/{xs('element')}")
    return child.get("name", ""), child.get("type", "").rpartition(":")[2]


def type_elements(type_name: str) -> list[str]:
    """Element names of a complexType, its bases' first."""
    found = wsdl().find(f"{{{WSDL}}}types/{xs('schema')}/{xs('complexType')}[@name='{type_name}']")
    assert found is not None, type_name
    extension = found.find(f"{xs('complexContent')}/{xs('extension')}")
    names: list[str] = []
    if extension is not None:
        names = type_elements(extension.get("base", "").rpartition(":")[2])
        found = extension
    return names + [e.get("name", "") for e in found.iterfind(f"{xs('sequence')}/{xs('element')}")]


def paths_of(type_name: str, prefix: str = "") -> set[str]:
    found = wsdl().find(f"{{{WSDL}}}types/{xs('schema')}/{xs('complexType')}[@name='{type_name}']")
    assert found is not None
    out: set[str] = set()
    for el in found.iter(xs("element")):
        kind = el.get("type", "")
        if kind.startswith("tns:"):
            out |= paths_of(kind[4:], prefix + el.get("name", "") + "/")
        else:
            out.add(prefix + el.get("name", ""))
    extension = found.find(f"{xs('complexContent')}/{xs('extension')}")
    if extension is not None:
        out |= paths_of(extension.get("base", "").rpartition(":")[2], prefix)
    return out


def operations(binding: str) -> dict[str, str]:
    """Operation name → soapAction in one binding."""
    found = wsdl().find(f"{{{WSDL}}}binding[@name='{binding}']")
    assert found is not None
    out = {}
    for op in found.iterfind(f"{{{WSDL}}}operation"):
        (action,) = [a for a in op if etree.QName(a).localname == "operation"]
        out[op.get("name", "")] = action.get("soapAction", "")
    return out


def test_the_service_is_the_v1r3_namespace_with_a_qualified_schema() -> None:
    root = wsdl()
    assert root.get("targetNamespace") == NS == TABLE["namespace"]
    found = root.find(f"{{{WSDL}}}types/{xs('schema')}")
    assert found is not None and found.get("elementFormDefault") == "qualified"
    assert found.get("targetNamespace") == NS
    schema()  # compiles standing alone


def test_both_bindings_name_every_operation_with_namespace_plus_name_as_action() -> None:
    soap11, soap12 = operations("ServiceSoap"), operations("ServiceSoap12")
    assert soap11 == soap12 == {name: NS + name for name in soap11}
    ports = {p.get("name"): p.get("binding") for p in wsdl().iter(f"{{{WSDL}}}port")}
    assert ports == {"ServiceSoap": "tns:ServiceSoap", "ServiceSoap12": "tns:ServiceSoap12"}
    for name, ns in (("ServiceSoap", SOAP11), ("ServiceSoap12", SOAP12)):
        binding = wsdl().find(f"{{{WSDL}}}binding[@name='{name}']")
        assert binding is not None and binding.find(f"{{{ns}}}binding") is not None


def test_there_is_no_invented_operation_no_capture_and_no_edi() -> None:
    names = set(operations("ServiceSoap"))
    assert not names & {"ProcessTransaction", "ProcessEDI"}
    assert not [n for n in names if "Capture" in n or "EDI" in n]
    assert "capture" in TABLE["refused"] and "no capture operation" in TABLE["refused"]["capture"]
    assert names == {entry["operation"] for entry in TABLE["operations"].values()}


@pytest.mark.parametrize("kind", sorted(TABLE["operations"]))
def test_each_operation_takes_one_part_and_answers_op_result(kind: str) -> None:
    entry = TABLE["operations"][kind]
    op = entry["operation"]
    if "parameter" in entry:
        assert only_child(op)[0] == entry["parameter"]
    else:
        assert only_child(op) == ("transaction", entry["request_type"])
    assert only_child(f"{op}Response") == (f"{op}Result", entry["response_type"])


def test_every_table_path_is_an_element_of_a_type_we_use() -> None:
    ops = TABLE["operations"].values()
    sent = set().union(*(paths_of(e["request_type"]) for e in ops if "request_type" in e))
    read = set().union(*(paths_of(e["response_type"]) for e in ops))
    for key, entry in TABLE["request_elements"].items():
        assert entry["path"] in sent, key
    for key, entry in TABLE["response_elements"].items():
        if entry.get("declared", True):
            assert entry["path"] in read, key
        else:  # read in case a reply carries it; must say why and be marked unconfirmed
            assert entry["confirmed"] is False and entry["source"], key
    required = {name for name in TABLE["fixed_elements"]["elements"]}
    assert required <= sent


def test_the_void_and_refund_types_carry_what_the_portal_says() -> None:
    assert type_elements("SecondaryCreditCardVoidRequestData")[-2:] == [
        "PrimaryTransactionID", "PrimaryCardPresentStatus"]
    assert type_elements("SecondaryCreditCardVoidResponseData")[-1] == "PrimaryTransactionStatus"
    assert type_elements("CreditCardSimpleRefundRequestData")[-2:] == ["Amount",
                                                                       "PrimaryTransactionID"]
    assert type_elements("CreditCardSaveOnFileResponseData")[-1] == "SaveOnFileTransactionID"
    assert {"ResponseCode", "ResponseMessage", "TransactionStatus", "TransactionID",
            "AuthorizationNumber", "PrimaryTransactionID"} <= set(
                type_elements("CreditCardAuthAndCaptResponseData"))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind", sorted(BODIES))
def test_golden_dotnet_requests_are_valid_against_the_schema(kind: str, style: str) -> None:
    sent = golden(kind, style, ref="FDP-1", primary="ABC", saved="SOF-1")
    child = assert_valid(sent.body)
    assert etree.QName(child).namespace == NS
    action = NS + etree.QName(child).localname
    if style.endswith("11"):
        assert sent.headers["SOAPAction"] == f'"{action}"'
    else:
        assert f'action="{action}"' in sent.headers["Content-Type"]
