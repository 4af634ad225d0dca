"""SOAP 1.1 and 1.2 payment service through zeep, over the shared httpx client."""

from __future__ import annotations

from typing import Any

from zeep.helpers import serialize_object

from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import (
    DuplicateField,
    ambiguous,
    merge_pairs,
    raise_for_error_fields,
    unreadable,
)
from desktop_app.gateway.zeep_io import SharedZeepTransport, async_service, call, load_client

PAYMENT_NS = "{https://connect.instamed.com/payment/}"


class SoapCodec:
    def __init__(self, transport: SharedTransport, connect_url: str, soap12: bool) -> None:
        zt = SharedZeepTransport(transport)
        paths = protocol().paths
        suffix = "Soap12" if soap12 else "Soap"
        self._payment = load_client("payment.wsdl", zt)
        self.payment = async_service(self._payment, f"{PAYMENT_NS}PaymentService{suffix}",
                                      connect_url + paths["soap_payment"])
        self._known = frozenset(protocol().raw["request_fields"].values())

    async def exchange(self, fields: dict[str, str]) -> dict[str, str]:
        request: dict[str, Any] = {k: v for k, v in fields.items() if k in self._known}
        extra = [{"name": k, "value": v} for k, v in fields.items() if k not in self._known]
        if extra:
            request["additionalFields"] = {"Field": extra}
        result = await call(self.payment.ProcessTransaction, request=request)
        reply = _flatten(serialize_object(result, dict) or {})
        raise_for_error_fields(reply)  # refusals are faults here, but the rules are the same
        return reply

    async def process_edi(self, edi: str) -> str:
        """EDI travels as one string parameter and comes back as one string."""
        return str(await call(self.payment.ProcessEDI, edi=edi))


def _flatten(result: dict[str, Any]) -> dict[str, str]:
    """Typed fields and additionalFields in one dict; one name with two values is unknown."""
    extra = result.pop("additionalFields", None) or {}
    pairs = [(k, str(v)) for k, v in result.items() if v is not None]
    for item in extra.get("Field", None) or []:
        if not item.get("name"):
            raise unreadable("additionalFields entry without a name")
        pairs.append((str(item["name"]), str(item.get("value") or "")))
    try:
        return merge_pairs(pairs)
    except DuplicateField as exc:
        raise ambiguous(str(exc)) from None
