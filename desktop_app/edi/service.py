"""The healthcare service over the shared transport: the 270 goes as one string, the 271 (or
a 999 when the 270 was refused) comes back as one string.

Same transport as payments: one httpx client, its connect/read timeouts and bounded reply,
Basic auth, zeep without its body logging (zeep_io.SharedZeepTransport). An eligibility
question moves no money, so a lost answer is simply asked again; the SOAP fault of a payer
that cannot answer arrives as a GatewayError.
"""

from __future__ import annotations

from desktop_app.edi.protocol import healthcare_table
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import OutcomeUnknown
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.zeep_io import SharedZeepTransport, async_service, call, load_client


class HealthcareService:
    def __init__(self, transport: SharedTransport, config: GatewayConfig, soap12: bool) -> None:
        table = healthcare_table()
        self._client = load_client("healthcare.wsdl", SharedZeepTransport(transport))
        self.address = config.connect_url + table.path
        binding = f"{{{table.namespace}}}HealthcareServiceSoap{'12' if soap12 else ''}"
        self.service = async_service(self._client, binding, self.address)

    async def exchange_edi(self, x12: str) -> str:
        """DoEligibilityInquiryEDI: the X12 answer as text."""
        table = healthcare_table()
        operation = getattr(self.service, table.operation("eligibility_edi"))
        answer = await call(operation, **{table.edi_request: x12})
        if not answer:
            raise OutcomeUnknown("The healthcare service sent an empty answer.",
                                 detail="empty DoEligibilityInquiryEDIResult")
        return str(answer)
