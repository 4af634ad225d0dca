"""SOAP 1.1 and 1.2 payment service through zeep, over the shared httpx client.

Interim framing (helper soap replaces it with the typed ``Do…`` operations): the NVP names go
into ``ProcessTransaction``'s typed elements where the WSDL has them, the rest into
``additionalFields``; the reply comes back in our keys like every codec's.
"""

from __future__ import annotations

from typing import Any

from zeep.helpers import serialize_object

from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import (
    DuplicateField,
    ambiguous,
    raise_for_error_fields,
    unreadable,
)
from desktop_app.gateway.wire import WireReply, WireRequest, reply_of, wire_names
from desktop_app.gateway.zeep_io import SharedZeepTransport, async_service, call, load_client

PAYMENT_NS = "{https://connect.instamed.com/payment/}"


class SoapCodec:
    def __init__(self, transport: SharedTransport, connect_url: str, soap12: bool,
                 reference_slot: str = "") -> None:
        zt = SharedZeepTransport(transport)
        t = protocol()
        suffix = "Soap12" if soap12 else "Soap"
        self._payment = load_client("payment.wsdl", zt)
        self.payment = async_service(self._payment, f"{PAYMENT_NS}PaymentService{suffix}",
                                      connect_url + t.paths["soap_payment"])
        typed = self._payment.get_type(f"{PAYMENT_NS}TransactionRequest")
        self._known = frozenset(name for name, _ in typed.elements) - {"additionalFields"}
        self.request_names = t.request_names(reference_slot)
        self.response_names = t.response_names(reference_slot)

    async def exchange(self, request: WireRequest) -> WireReply:
        fields = wire_names(request, self.request_names)
        body: dict[str, Any] = {k: v for k, v in fields.items() if k in self._known}
        extra = [{"name": k, "value": v} for k, v in fields.items() if k not in self._known]
        if extra:
            body["additionalFields"] = {"Field": extra}
        result = await call(self.payment.ProcessTransaction, request=body)
        reply = _reply(serialize_object(result, dict) or {}, self.response_names)
        raise_for_error_fields(reply.values)  # refusals are faults here, the rules the same
        return reply

    async def process_edi(self, edi: str) -> str:
        """EDI travels as one string parameter and comes back as one string."""
        return str(await call(self.payment.ProcessEDI, edi=edi))


def _reply(result: dict[str, Any], names: dict[str, str]) -> WireReply:
    """Typed fields and additionalFields in one reply; one name with two values is unknown."""
    extra = result.pop("additionalFields", None) or {}
    pairs = [(k, str(v)) for k, v in result.items() if v is not None]
    for item in extra.get("Field", None) or []:
        if not item.get("name"):
            raise unreadable("additionalFields entry without a name")
        pairs.append((str(item["name"]), str(item.get("value") or "")))
    try:
        return reply_of(pairs, names)
    except DuplicateField as exc:
        raise ambiguous(str(exc)) from None
