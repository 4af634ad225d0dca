"""The typed SOAP payment service (DoCreditCardAuthAndCapt, DoCreditCardSecondaryVoid, ...)
over SOAP 1.1 or 1.2, through zeep on the shared httpx client.

zeep binds the operations of resources/wsdl/payment.wsdl from disk, builds the typed request
(``transaction`` with PascalCase elements, schema order, SOAPAction = namespace + operation)
and posts it. The reply is read here rather than by zeep's strict deserializer, so element
names match case-insensitively and elements no table names survive in ``extra`` (a newer
service version may add some); a fault, or any non-200, goes back to zeep, whose fault
handling ``zeep_io.fault_error`` turns into our typed errors. Which operation and which
element carry each of our keys is data: resources/protocol/soap.json.

Money safety: every refusal raised before ``post`` (an operation the service lacks, such as
capture, or a key it has no element for) is a ``GatewayValidationError``: nothing was sent.
After the post, ``zeep_io`` and ``verdict`` decide as for every protocol.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from lxml import etree
from zeep.loader import parse_xml

from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.soap_table import ReplyElement, SoapOperation, soap_table
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import (
    DuplicateField,
    ambiguous,
    merge_pairs,
    raise_for_error_fields,
    unreadable,
)
from desktop_app.gateway.wire import WireReply, WireRequest
from desktop_app.gateway.zeep_io import (
    RAW_SETTINGS,
    SharedZeepTransport,
    async_service,
    call,
    load_client,
    zeep_errors,
)

log = logging.getLogger(__name__)


class SoapCodec:
    def __init__(self, transport: SharedTransport, connect_url: str, soap12: bool,
                 reference_slot: str = "") -> None:
        self.table = soap_table()
        self.reference_slot = reference_slot
        self._transport = SharedZeepTransport(transport)
        self._client = load_client("payment.wsdl", self._transport, RAW_SETTINGS)
        binding: Any = self._client.wsdl.bindings[self.table.binding(soap12)]
        self._binding = binding
        self.service = async_service(self._client, self.table.binding(soap12),
                                     connect_url + protocol().paths["soap_payment"])
        self.envelope_ns: str = binding.nsmap["soap-env"]
        self.reply_elements = self.table.reply_elements_for(reference_slot)

    async def exchange(self, request: WireRequest) -> WireReply:
        operation = self.table.operation(request.kind)
        arguments = self.arguments(operation, request)
        response = await call(getattr(self.service, operation.name), **arguments)
        if response.status_code == 200:
            with zeep_errors():
                document = parse_xml(response.content, self._transport, settings=RAW_SETTINGS)
            env = self.envelope_ns
            if document.find(f"{{{env}}}Body/{{{env}}}Fault") is None:
                values, extra = read_result(self.reply_elements, self.table.namespace,
                                            operation, env, document)
                raise_for_error_fields(values)  # an errorCode inside a reply: NVP's rules
                return WireReply(values, extra, response.status_code)
        with zeep_errors():  # a fault is a typed error; any other non-200 is unknown
            self._binding.process_reply(self._client, self._binding.get(operation.name),
                                        response)
        raise unreadable(f"SOAP HTTP {response.status_code} that zeep did not refuse")

    def arguments(self, operation: SoapOperation, request: WireRequest) -> dict[str, Any]:
        """Our keys → the operation's typed arguments, only elements its type declares."""
        if operation.parameter:
            value = request.values.get(operation.parameter_key, "")
            return {operation.parameter: self.table.wire_value(operation.parameter_key, value)}
        declared = self._elements(operation.request_type)
        transaction: dict[str, Any] = {}
        for key, value in request.values.items():
            path = self.table.request_path(key, self.reference_slot)
            if path is None:
                continue
            head, _, leaf = path.rpartition("/")
            if (head or leaf) not in declared:
                log.debug("SOAP %s has no %s; %s not sent", operation.name, path, key)
                continue
            node = transaction.setdefault(head, {}) if head else transaction
            node[leaf] = self.table.wire_value(key, value)
        for name, fixed in self.table.fixed(request.kind).items():
            if name in declared:
                transaction[name] = fixed
        return {"transaction": transaction}

    def _elements(self, type_name: str) -> frozenset[str]:
        qname = f"{{{self.table.namespace}}}{type_name}"
        return frozenset(name for name, _ in self._client.get_type(qname).elements)


def read_result(names: dict[str, ReplyElement], namespace: str, operation: SoapOperation,
                envelope_ns: str, document: etree._Element
                ) -> tuple[dict[str, str], dict[str, str]]:
    """``Body/<Op>Response/<Op>Result`` → (our keys, unmapped elements by their path).
    ``names``: lower-cased element path → our key."""
    body = document.find(f"{{{envelope_ns}}}Body")
    wrapper = next(iter(body), None) if body is not None else None
    if (wrapper is None or etree.QName(wrapper).namespace != namespace
            or etree.QName(wrapper).localname.lower() != operation.response_element.lower()):
        raise unreadable(f"no {operation.response_element} in the SOAP body")
    result = next((c for c in wrapper if _local(c).lower()
                   == operation.result_element.lower()), None)
    mapped: list[tuple[str, str]] = []
    extra: list[tuple[str, str]] = []
    for path, text in _leaves(result) if result is not None else ():
        element = names.get(path.lower())
        if element is None:
            extra.append((path, text))
        elif element.derive == "last_four_digits":
            if len(text) >= 4 and text[-4:].isdigit():
                mapped.append((element.key, text[-4:]))
        else:
            mapped.append((element.key, text))
    try:
        return merge_pairs(mapped), merge_pairs(extra)
    except DuplicateField as exc:
        raise ambiguous(f"SOAP reply: {exc}") from None


def _leaves(element: etree._Element, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every leaf element: Patient/PatientID for nested ones."""
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions carry no field
        path = prefix + _local(child)
        if len(child):
            yield from _leaves(child, path + "/")
        else:
            yield path, child.text or ""


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname
