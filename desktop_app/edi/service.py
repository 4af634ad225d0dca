"""The healthcare service over the shared transport: the 270 goes as one string, the 271 (or
a 999 when the 270 was refused) comes back as one string; or, where the account offers it,
the typed ``DoEligibilityInquiryEnhanced`` request (edi/xml_request.py), whose reply we read
ourselves (edi/xml_reply.py) because its layout is not public.

Same transport as payments: one httpx client, its connect/read timeouts and bounded reply,
Basic auth, zeep without its body logging (zeep_io.SharedZeepTransport). An eligibility
question moves no money, so a lost answer is simply asked again; the SOAP fault of a payer
that cannot answer arrives as a GatewayError.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from zeep.loader import parse_xml

from desktop_app.edi.protocol import healthcare_table
from desktop_app.edi.xml_request import xml_table
from desktop_app.gateway import zeep_io
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import OutcomeUnknown
from desktop_app.gateway.transport import SharedTransport
from desktop_app.gateway.verdict import unreadable
from desktop_app.gateway.zeep_io import SharedZeepTransport, async_service, call, load_client


class HealthcareService:
    def __init__(self, transport: SharedTransport, config: GatewayConfig, soap12: bool) -> None:
        table = healthcare_table()
        self._zeep = SharedZeepTransport(transport)
        self._client = load_client("healthcare.wsdl", self._zeep)
        self.address = config.connect_url + table.path
        self._binding_name = f"{{{table.namespace}}}HealthcareServiceSoap{'12' if soap12 else ''}"
        self.service = async_service(self._client, self._binding_name, self.address)
        self._raw: Any = None  # the Enhanced method's client, built when first asked

    async def exchange_edi(self, x12: str) -> str:
        """DoEligibilityInquiryEDI: the X12 answer as text."""
        table = healthcare_table()
        operation = getattr(self.service, table.operation("eligibility_edi"))
        answer = await call(operation, **{table.edi_request: x12})
        if not answer:
            raise OutcomeUnknown("The healthcare service sent an empty answer.",
                                 detail="empty DoEligibilityInquiryEDIResult")
        return str(answer)

    async def exchange_enhanced(self, fields: dict[str, str]) -> etree._Element | None:
        """DoEligibilityInquiryEnhanced: the typed request out, ``<Op>Result`` back (None when
        the reply has no result element: the reader then finds nothing, never a figure)."""
        name = healthcare_table().operation("eligibility_enhanced")
        if self._raw is None:
            client = load_client("healthcare.wsdl", self._zeep, zeep_io.RAW_SETTINGS)
            self._raw = (client, async_service(client, self._binding_name, self.address))
        client, service = self._raw
        response = await call(getattr(service, name), **{xml_table().parameter: fields})
        binding = client.wsdl.bindings[self._binding_name]
        if response.status_code == 200:
            with zeep_io.zeep_errors():
                document = parse_xml(response.content, self._zeep,
                                     settings=zeep_io.RAW_SETTINGS)
            env = binding.nsmap["soap-env"]
            if document.find(f"{{{env}}}Body/{{{env}}}Fault") is None:
                ns = healthcare_table().namespace
                return document.find(f"{{{env}}}Body/{{{ns}}}{name}Response/"
                                     f"{{{ns}}}{xml_table().reply('result')}")
        with zeep_io.zeep_errors():  # a fault is a typed error; any other non-200 is unknown
            binding.process_reply(client, binding.get(name), response)
        raise unreadable(f"healthcare SOAP HTTP {response.status_code} without a fault")
