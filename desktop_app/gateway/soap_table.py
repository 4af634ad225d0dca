"""resources/protocol/soap.json, loaded once: which typed operation of the payment service
carries each of our operation keys, and which element carries each of our keys.

Pure data and lookups; ``soap.py`` does the I/O. Anything the table does not place is
refused before a byte is sent (a ``GatewayValidationError``: nothing was charged), so a key
added elsewhere can never silently fall out of a SOAP payment.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from desktop_app.gateway.errors import GatewayValidationError, table_entry
from desktop_app.paths import resources_dir


@dataclass(frozen=True)
class SoapOperation:
    kind: str
    name: str                  # DoCreditCardAuthAndCapt
    response_type: str
    request_type: str = ""     # the `transaction` element's type; empty for one-value calls
    parameter: str = ""        # one-value calls: the element (transactionID, image) ...
    parameter_key: str = ""    # ... and the our-key whose value it carries

    @property
    def response_element(self) -> str:
        return f"{self.name}Response"

    @property
    def result_element(self) -> str:
        return f"{self.name}Result"


@dataclass(frozen=True)
class ReplyElement:
    key: str
    derive: str = ""           # "last_four_digits": the key takes only the last four digits


@dataclass(frozen=True)
class SoapTable:
    raw: dict[str, Any]

    @property
    def namespace(self) -> str:
        return str(self.raw["namespace"])

    def binding(self, soap12: bool) -> str:
        service = self.raw["service"]
        name = service["soap12_binding"] if soap12 else service["soap11_binding"]
        return f"{{{self.namespace}}}{name}"

    def soap_action(self, operation: str) -> str:
        return self.namespace + operation

    def operation(self, kind: str) -> SoapOperation:
        entry = table_entry(self.raw, kind, table="soap.json",
                            service="The SOAP payment service", call="operation")
        return SoapOperation(kind, entry["operation"], entry["response_type"],
                             entry.get("request_type", ""), entry.get("parameter", ""),
                             entry.get("parameter_key", ""))

    def request_path(self, key: str, reference_slot: str = "") -> str | None:
        """Where our key goes; None for a key this service has no use for. A key whose
        absence would change the payment (an encrypted track) or one the table does not
        know is refused. ``our_reference`` goes to the AdditionalInfoN that the setting's
        NVP slot (``additionalInfoN``) names."""
        entry = self.raw["request_elements"].get(key)
        if entry is not None:
            if entry.get("reference_slot") and reference_slot:
                return reference_element(reference_slot)
            return str(entry["path"])
        not_sent = self.raw["not_sent"]
        if key in not_sent["ignored"]:
            return None
        reason = not_sent["refused"].get(key, "soap.json does not place it")
        raise GatewayValidationError(
            "This payment cannot be sent over SOAP: the payment service has no field for "
            "part of it. Use NVP, or ask IT to check the gateway settings.",
            detail=f"no SOAP element for {key}: {reason}")

    def wire_value(self, key: str, value: str) -> str | bytes:
        """What zeep is given: base64Binary elements take bytes (our keys carry base64 text,
        as NVP and the sandbox read it), every other element the text."""
        entry = self.raw["request_elements"].get(key) or self.raw["parameters"].get(key, {})
        return base64.b64decode(value) if entry.get("base64") else value

    def fixed(self, kind: str) -> dict[str, object]:
        """Elements the schema requires, by element name (applied where the type has them)."""
        fixed = self.raw["fixed_elements"]
        return {**fixed["elements"], **fixed["by_kind"].get(kind, {})}

    @cached_property
    def reply_elements(self) -> dict[str, ReplyElement]:
        """Element path, lower-cased (replies are matched case-insensitively) → our key."""
        return self.reply_elements_for("")

    def reply_elements_for(self, reference_slot: str) -> dict[str, ReplyElement]:
        """As ``reply_elements``, our reference read from the slot the setting names."""
        out: dict[str, ReplyElement] = {}
        for key, entry in self.raw["response_elements"].items():
            path = str(entry["path"])
            if entry.get("reference_slot") and reference_slot:
                path = reference_element(reference_slot)
            out[path.lower()] = ReplyElement(key, entry.get("derive", ""))
        return out


def reference_element(slot: str) -> str:
    """``additionalInfo3`` (the NVP slot of gateway.json) → ``AdditionalInfo3``."""
    number = slot[len("additionalInfo"):]
    if slot.lower()[:len("additionalInfo")] != "additionalinfo" or number not in "123456" \
            or len(number) != 1:
        raise ValueError(f"{slot!r} is not an additionalInfo1..6 slot")
    return f"AdditionalInfo{number}"


@cache
def soap_table() -> SoapTable:
    path = resources_dir() / "protocol" / "soap.json"
    return SoapTable(json.loads(path.read_text(encoding="utf-8")))
