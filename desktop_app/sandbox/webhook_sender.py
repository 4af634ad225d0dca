"""Webhooks: the gateway POSTs each transaction update to the clinic's receiver.

As the partner documents: JSON, XML or NVP bodies; a delivery that does not get HTTP 200
(or gets nothing within the timeout) is retried after each configured delay (every 30 min,
five times, by default) and then marked failed. Every attempt is recorded so trainers and
tests can see exactly what the receiver was sent and answered. Deliveries run as background
tasks, cancelled cleanly when the sandbox stops.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp
from lxml import etree

from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.sandbox.replies import iso_utc
from desktop_app.sandbox.settings import WEBHOOK_FORMATS, SandboxSettings
from desktop_app.sandbox.soap_xml import xml_text

log = logging.getLogger(__name__)
EXTRA_TRIGGERS = ("Settlement", "Chargeback", "Returned")
CONTENT_TYPES = {"json": "application/json", "xml": "application/xml",
                 "nvp": "application/x-www-form-urlencoded"}


def trigger_for(entry: LedgerEntry) -> str | None:
    """The partner's payment trigger for a new entry; None for what moves no money."""
    if entry.kind in ("save_on_file", "view_receipt", "sso_token"):
        return None
    status = entry.status
    if status in ("declined", "error"):
        return status.title()
    if entry.kind == "void":
        return "Voided"
    if entry.kind in ("refund", "simple_refund"):
        return "Refunded"
    return "Approved"


def payload_for(entry: LedgerEntry, trigger: str) -> dict[str, str]:
    reply = entry.reply
    return {
        "eventID": uuid.uuid4().hex, "trigger": trigger,
        "transactionID": entry.transaction_id,
        "primaryTransactionID": entry.primary_transaction_id,
        "transactionType": entry.transaction_type, "transactionAction": entry.action,
        "amount": entry.requested.wire() if entry.requested else "",
        "approvedAmount": entry.approved.wire(),
        "responseCode": entry.response_code,
        "responseMessage": reply.get("responseMessage", ""),
        "transactionDate": iso_utc(entry.timestamp), "eventDate": iso_utc(datetime.now(UTC)),
        "patientID": entry.patient_id, "lastFourDigits": entry.last_four,
        "cardBrand": entry.card_brand, "requestReference": entry.reference,
    }


def encode(payload: dict[str, str], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(payload).encode("utf-8")
    if fmt == "nvp":
        return urlencode(payload).encode("ascii")
    root = etree.Element("WebhookNotification")
    for key, value in payload.items():
        etree.SubElement(root, key).text = xml_text(value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


@dataclass
class Attempt:
    number: int
    at: str
    status: int | None
    reason: str
    ok: bool


@dataclass
class Delivery:
    url: str
    format: str
    payload: dict[str, str]
    attempts: list[Attempt] = field(default_factory=list)
    state: str = "pending"   # pending (retry scheduled) | delivered | failed | cancelled

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class WebhookSender:
    def __init__(self, settings: SandboxSettings) -> None:
        self.settings = settings
        self.url = settings.webhook_url
        self.format = settings.webhook_format
        self.deliveries: list[Delivery] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    def configure(self, url: str | None, fmt: str = "json") -> None:
        if fmt not in WEBHOOK_FORMATS:
            raise ValueError(f"format must be one of {', '.join(WEBHOOK_FORMATS)}")
        self.url, self.format = url or None, fmt

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.settings.webhook_timeout))

    async def stop(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None

    def notify(self, entry: LedgerEntry) -> None:
        """Ledger listener: one delivery per money-moving transaction, if a URL is set."""
        trigger = trigger_for(entry)
        if trigger is not None:
            self.send(entry, trigger)

    def send(self, entry: LedgerEntry, trigger: str) -> Delivery | None:
        if not self.url or self._session is None:
            return None
        delivery = Delivery(self.url, self.format, payload_for(entry, trigger))
        self.deliveries.append(delivery)
        task = asyncio.get_running_loop().create_task(self._deliver(delivery))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return delivery

    async def _deliver(self, delivery: Delivery) -> None:
        delays = (0.0, *self.settings.webhook_retry_delays)
        try:
            for number, delay in enumerate(delays, start=1):
                if delay:
                    await asyncio.sleep(delay)
                if await self._attempt(delivery, number):
                    delivery.state = "delivered"
                    return
            delivery.state = "failed"
        except asyncio.CancelledError:
            delivery.state = "cancelled" if delivery.state == "pending" else delivery.state
            raise

    async def _attempt(self, delivery: Delivery, number: int) -> bool:
        assert self._session is not None
        body = encode(delivery.payload, delivery.format)
        status: int | None = None
        try:
            async with self._session.post(delivery.url, data=body, headers={
                    "Content-Type": CONTENT_TYPES[delivery.format]}) as response:
                status, reason = response.status, response.reason or ""
                await response.read()
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            reason = f"{type(exc).__name__}: no answer"
        ok = status == 200
        delivery.attempts.append(Attempt(number, iso_utc(datetime.now(UTC)), status, reason, ok))
        if not ok:
            log.info("webhook %s attempt %d failed: %s %s", delivery.payload["eventID"], number,
                     status, reason)
        return ok

    def to_json(self) -> list[dict[str, Any]]:
        return [d.to_json() for d in self.deliveries]
