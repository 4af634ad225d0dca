"""A hostile gateway on loopback: replies as a broken gateway, or a proxy in front of one, may.

It speaks the three framings the client uses (NVP form, SOAP 1.1/1.2 envelope, REST JSON) at
the real paths, counts every payment request and every look-up per request reference (ours,
in additionalInfo1: so a test can prove nothing was sent twice), and answers by ``mode``:

- ``approve`` / ``decline`` / ``refuse``: clean replies, the control cases (``refuse`` sends
  errorCode ``refuse_code`` the way each protocol carries a refusal);
- ``pairs``: exactly ``pairs`` (duplicates allowed) with HTTP ``status``;
- ``drip``: starts ``responseCode=000`` and then sends one byte every ``drip_interval``, forever;
- ``oversized`` / ``oversized_declared``: a 200 MB body, chunked or with its Content-Length;
- ``gzip_garbage``: ``Content-Encoding: gzip`` over bytes that are not gzip;
- ``gzip_bomb``: 200 KB of gzip that inflates to 200 MB; ``gzip_approve``: a gzipped approval;
- ``reset``: reads the request and drops the connection without a reply.

Look-ups (``transactionAction=ViewReceipt``) are answered by ``lookup``: ``not_found`` (the
gateway's 404 refusal), ``hang`` (no reply within any deadline), ``found`` (the approval) or
``pairs`` (the same hostile ``pairs`` and ``status`` as a payment).
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl, urlencode

from aiohttp import web
from lxml import etree

from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.rest import flatten
from desktop_app.gateway.rest_table import rest_table
from desktop_app.sandbox.soap_xml import (
    PAYMENT_NS,
    SOAP11,
    SOAP12,
    fault,
    read_call,
    string_reply,
    typed_request,
)
from desktop_app.sandbox.sso_table import sso_wire
from desktop_app.sandbox.wsdl import soap_table

Pairs = list[tuple[str, str]]
BIG = 200 * 1024 * 1024
CHUNK = 64 * 1024


REFERENCE = "additionalInfo1"  # where the client carries our reference by default


def approval(fields: dict[str, str], code: str = "000") -> Pairs:
    amount = fields.get("amount", "10.00")
    return [("responseCode", code), ("responseMessage", "Approved"), ("transactionStatus", "C"),
            ("transactionID", "T" + fields.get(REFERENCE, "")[-12:]),
            ("authorizationNumber", "A1B2C3"), ("amount", amount),
            (REFERENCE, fields.get(REFERENCE, ""))]


@dataclass(frozen=True)
class Framing:
    """How one request is to be answered: its protocol and, for SOAP, the envelope version."""

    protocol: str  # nvp | rest | soap
    soap_ns: str = SOAP11
    operation: str = ""  # SOAP: the typed operation being answered

    def body(self, pairs: Pairs) -> tuple[bytes, str]:
        if self.protocol == "nvp":
            return urlencode(pairs).encode("ascii"), "application/x-www-form-urlencoded"
        if self.protocol == "rest":
            text = ",".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in pairs)
            return ("{" + text + "}").encode(), "application/json"
        content_type = "text/xml" if self.soap_ns == SOAP11 else "application/soap+xml"
        return (soap_reply(self.soap_ns, self.operation, pairs),
                f"{content_type}; charset=utf-8")

    def refusal(self, code: str, message: str) -> web.Response:
        """As the gateway refuses: NVP 200 + errorCode, REST status + errorCode, SOAP fault."""
        message += " with Reference Number 0HOSTILE00"
        if self.protocol == "soap":
            body = fault(self.soap_ns, True, message, code)
            return web.Response(status=500, body=body, content_type="text/xml")
        status = 200
        if self.protocol == "rest":  # as the sandbox does: the 4xx it knows, else 500
            status = int(code) if code in ("400", "401", "404", "409") else 500
        body, content_type = self.body([("errorCode", code), ("errorMessage", message)])
        return web.Response(status=status, body=body, headers={"Content-Type": content_type})


def soap_reply(soap_ns: str, operation: str, pairs: Pairs) -> bytes:
    """``<Op>Response/<Op>Result``, one element per pair: named as soap.json places the pair's
    key (NVP name → our key → element), else by the NVP name itself; a repeated name is a
    repeated element, so a duplicate travels the way a real one would."""
    keys = {name.lower(): key for key, name in protocol().raw["response_fields"].items()}
    env = etree.Element(f"{{{soap_ns}}}Envelope", nsmap={"soap": soap_ns})
    body = etree.SubElement(env, f"{{{soap_ns}}}Body")
    wrapper = etree.SubElement(body, f"{{{PAYMENT_NS}}}{operation}Response",
                               nsmap={None: PAYMENT_NS})
    result = etree.SubElement(wrapper, f"{{{PAYMENT_NS}}}{operation}Result")
    for name, value in pairs:
        placed = soap_table().reply_path(keys.get(name.lower(), ""))
        element = placed[0] if placed else name
        etree.SubElement(result, f"{{{PAYMENT_NS}}}{element}").text = value
    return bytes(etree.tostring(env, xml_declaration=True, encoding="utf-8"))


def soap_fields(body: bytes, soap_ns: str) -> tuple[str, dict[str, str]]:
    """A typed request → (operation, its fields by NVP name), as the hostile logic reads them."""
    call = read_call(body, soap_ns)
    names = protocol().request_names()
    fields: dict[str, str] = {}
    for path, text in typed_request(call, "transaction").items():
        key = soap_table().request_key(path)
        if key is not None and key.startswith("additional_info_"):
            fields["additionalInfo" + key[-1]] = text
        elif key is not None and key in names:
            fields[names[key]] = text
    return call.operation, fields


def rest_fields(body: bytes) -> dict[str, str]:
    """REST JSON (Outlet/MerchantID ...) → its fields by NVP name, as the hostile logic reads
    them; a path rest.json does not name keeps its JSON path."""
    names = protocol().request_names()
    keys = {str(e["path"]).lower(): k for k, e in rest_table().raw["request_fields"].items()}
    fields: dict[str, str] = {}
    for path, text in flatten(json.loads(body)):
        fields[names.get(keys.get(path.lower(), ""), path)] = text
    return fields


def read_request(path: str, content_type: str, body: bytes) -> tuple[Framing, dict[str, str]]:
    paths = protocol().paths
    if path == paths["nvp"]:
        return Framing("nvp"), dict(parse_qsl(body.decode()))
    if path in rest_table().paths:
        return Framing("rest"), rest_fields(body)
    soap_ns = SOAP12 if content_type.startswith("application/soap+xml") else SOAP11
    operation, fields = soap_fields(body, soap_ns)
    return Framing("soap", soap_ns, operation), fields


@dataclass
class Hostile:
    mode: str = "approve"
    lookup: str = "not_found"
    pairs: Pairs = field(default_factory=list)
    status: int = 200
    drip_interval: float = 0.3
    token_status: str = "NEW"
    refuse_code: str = "400"
    payments: Counter[str] = field(default_factory=Counter)
    lookups: Counter[str] = field(default_factory=Counter)
    body_bytes_written: int = 0
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> Hostile:
        app = web.Application(client_max_size=1024 * 1024)
        paths = protocol().paths
        for route in (paths["nvp"], paths["soap_payment"], *rest_table().paths):
            app.router.add_post(route, self.payment)
        app.router.add_post(sso_wire().path("sso_service"), self.sso_status)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def payment(self, request: web.Request) -> web.StreamResponse:
        framing, fields = read_request(request.path, request.content_type,
                                       await request.read())
        reference = fields.get(REFERENCE, "")
        if fields.get("transactionAction") == "ViewReceipt":
            self.lookups[reference] += 1
            return await self._lookup(request, framing, fields)
        self.payments[reference] += 1
        return await self._answer(request, framing, fields)

    async def sso_status(self, request: web.Request) -> web.Response:
        soap_ns = SOAP12 if request.content_type == "application/soap+xml" else SOAP11
        body = string_reply(soap_ns, sso_wire().namespace, "GetSSOTokenStatus",
                            self.token_status)
        return web.Response(body=body, content_type=request.content_type)

    async def _lookup(self, request: web.Request, framing: Framing,
                      fields: dict[str, str]) -> web.StreamResponse:
        if self.lookup == "hang":
            await asyncio.sleep(3600)
        if self.lookup == "found":
            return self._respond(framing, approval(fields), 200)
        if self.lookup == "pairs":
            return self._respond(framing, self.pairs, self.status)
        return framing.refusal("404", "No transaction found")

    async def _answer(self, request: web.Request, framing: Framing,
                      fields: dict[str, str]) -> web.StreamResponse:
        mode = self.mode
        if mode == "approve":
            return self._respond(framing, approval(fields), 200)
        if mode == "decline":
            return self._respond(framing, [("responseCode", "001"), ("transactionStatus", "D"),
                                           ("responseMessage", "Declined")], 200)
        if mode == "refuse":
            return framing.refusal(self.refuse_code, "The request was refused")
        if mode == "pairs":
            return self._respond(framing, self.pairs, self.status)
        if mode.startswith("gzip_"):
            return self._gzipped(framing, fields)
        if mode == "reset":
            assert request.transport is not None
            request.transport.abort()
            return web.Response(status=204)  # never written: the connection is gone
        return await self._stream(request, framing, fields)

    def _gzipped(self, framing: Framing, fields: dict[str, str]) -> web.Response:
        body, content_type = framing.body(approval(fields))
        if self.mode == "gzip_garbage":
            body = os.urandom(512)
        elif self.mode == "gzip_bomb":
            body = gzip_bomb()
        else:
            body = gzip.compress(body)
        return web.Response(body=body, headers={"Content-Encoding": "gzip",
                                                "Content-Type": content_type})

    def _respond(self, framing: Framing, pairs: Pairs, status: int) -> web.Response:
        body, content_type = framing.body(pairs)
        return web.Response(status=status, body=body, headers={"Content-Type": content_type})

    async def _stream(self, request: web.Request, framing: Framing,
                      fields: dict[str, str]) -> web.StreamResponse:
        """drip, oversized, oversized_declared: a body that never ends, or hardly ends."""
        start, content_type = framing.body(approval(fields))
        response = web.StreamResponse(headers={"Content-Type": content_type})
        if self.mode == "oversized_declared":
            response.content_length = BIG
        await response.prepare(request)
        try:
            await self._write(response, start[: len(start) // 2])
            if self.mode == "drip":
                while True:
                    await self._write(response, b"0")
                    await asyncio.sleep(self.drip_interval)
            filler = b"0" * CHUNK
            while self.body_bytes_written < BIG:
                await self._write(response, filler)
        except ConnectionError:
            pass  # the client gave up: exactly what it should do
        return response

    async def _write(self, response: web.StreamResponse, data: bytes) -> None:
        await response.write(data)
        self.body_bytes_written += len(data)


@cache
def gzip_bomb() -> bytes:
    """BIG zeros as gzip, compressed a megabyte at a time (never BIG bytes in memory); about
    a second of CPU, so tests build it before the clock starts."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"0" * (1024 * 1024)
    parts = [z.compress(block) for _ in range(BIG // len(block))]
    return b"".join([*parts, z.flush()])
