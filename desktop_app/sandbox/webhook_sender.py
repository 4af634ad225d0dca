"""Webhooks: the gateway POSTs each transaction update to the clinic's receiver.

As the partner documents: JSON, XML or NVP bodies; a delivery that does not get HTTP 200
(or gets nothing within the timeout) is retried after each configured delay (every 30 min,
five times, by default) and then marked failed. Every attempt is recorded so trainers and
tests can see exactly what the receiver was sent and answered. Deliveries run as background
tasks, cancelled cleanly when the sandbox stops.

The body carries the gateway's PascalCase fields (``resources/protocol/webhooks.json``, read
by this module's own loader: the sandbox shares no code with the receiver it tests). A void
is the original sale's TransactionID with status V, as HHK reads it; a refund, chargeback or
return has a TransactionID of its own and the sale's as OriginalTransactionID (the portal's
member-payments page). AdditionalInfo1..6 are echoed as the request carried them, our
reference among them. Nothing in the body is invented: no event id, no trigger field.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any
from urllib.parse import urlencode

import aiohttp
from lxml import etree

from desktop_app.paths import resources_dir
from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.sandbox.replies import iso_utc
from desktop_app.sandbox.settings import WEBHOOK_FORMATS, SandboxSettings
from desktop_app.sandbox.soap_xml import xml_text

log = logging.getLogger(__name__)
EXTRA_TRIGGERS = ("Settlement", "Chargeback", "Returned")
PLAN_UPDATES = ("Created", "Updated")
CONTENT_TYPES = {"json": "application/json", "xml": "application/xml",
                 "nvp": "application/x-www-form-urlencoded"}
_NO_WEBHOOK = ("save_on_file", "view_receipt", "sso_token", "payment_plan")
_REFUNDS = ("refund", "simple_refund")


@cache
def _table() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        (resources_dir() / "protocol" / "webhooks.json").read_text(encoding="utf-8"))
    return raw


def wire(key: str) -> str:
    return str(_table()["fields"][key]["wire"])


def update_for(entry: LedgerEntry) -> str | None:
    """The update a new ledger entry is posted as; None for what moves no money or erred."""
    if entry.kind in _NO_WEBHOOK or entry.status == "error":
        return None
    if entry.status == "declined":
        return "Declined"
    if entry.kind == "void":
        return "Voided"
    if entry.kind in _REFUNDS:
        return "Refunded"
    return "Approved"


def _amounts(entry: LedgerEntry) -> dict[str, str]:
    requested = entry.requested
    approved = entry.approved
    if requested is not None and approved.is_positive and approved < requested:
        return {"amount": requested.wire(), "request_amount": requested.wire(),
                "partial_approval_amount": approved.wire()}
    amount = approved if approved.is_positive else requested
    return {"amount": amount.wire() if amount is not None else "",
            "request_amount": requested.wire() if requested is not None else ""}


def payload_for(entry: LedgerEntry, update: str) -> dict[str, str]:
    sender = _table()["sender"]
    status = sender["statuses"]["Authorized" if update == "Approved"
                                and entry.kind == "authorization" else update]
    transaction_id, original = entry.transaction_id, ""
    if entry.kind == "void":
        transaction_id = entry.primary_transaction_id or entry.transaction_id
    elif entry.kind in _REFUNDS:
        original = entry.primary_transaction_id
    if update in sender["new_transaction_id"]:
        transaction_id, original = uuid.uuid4().hex, entry.transaction_id
    stamp = entry.timestamp if update not in EXTRA_TRIGGERS else datetime.now(UTC)
    values = {
        "transaction_id": transaction_id, "original_transaction_id": original,
        "transaction_action": sender["actions"].get(update) or sender["actions"][entry.kind],
        "status_code": status, "status_description": sender["descriptions"][status],
        "response_code": entry.response_code, **_amounts(entry),
        "auth_code": _reply(entry, "auth_code", "authorizationNumber", "AuthorizationCode"),
        "card_brand": entry.card_brand, "last_four": entry.last_four,
        "sso_token": entry.sso_token, "transaction_date": iso_utc(stamp),
        "patient_id": entry.patient_id,
    }
    # additionalInfo1..6 as the request carried them (the client chose its reference's
    # slot), echoed as the gateway does (P-hookf): the ledger's keys are webhooks.json's.
    values.update(entry.additional_info)
    return {wire(key): value for key, value in values.items() if value}


def plan_payload(plan_id: str, update: str, fields: Mapping[str, str]) -> dict[str, str]:
    """A payment plan notification: PaymentPlanID and PaymentPlanTransactionType (its value
    is unconfirmed: the update's name), plus the caller's PascalCase fields."""
    if update not in PLAN_UPDATES:
        raise ValueError(f"plan update must be one of {', '.join(PLAN_UPDATES)}")
    return {wire("payment_plan_id"): plan_id, wire("payment_plan_transaction_type"): update,
            wire("transaction_date"): iso_utc(datetime.now(UTC)),
            **{k: v for k, v in fields.items() if v}}


def _reply(entry: LedgerEntry, *names: str) -> str:
    lowered = {k.lower(): v for k, v in entry.reply.items()}
    return next((str(lowered[n.lower()]) for n in names if lowered.get(n.lower())), "")


def encode(payload: Mapping[str, str], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(dict(payload)).encode("utf-8")
    if fmt == "nvp":
        return urlencode(dict(payload)).encode("ascii")
    root = etree.Element(_table()["xml_root"]["name"])  # unconfirmed: no public XML sample
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
    id: str = field(default_factory=lambda: uuid.uuid4().hex)  # the sandbox's own, not sent
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
        update = update_for(entry)
        if update is not None:
            self.send(entry, update)

    def send(self, entry: LedgerEntry, update: str) -> Delivery | None:
        return self._post(payload_for(entry, update))

    def send_plan_update(self, plan_id: str, update: str,
                         fields: Mapping[str, str] | None = None) -> Delivery | None:
        """For the payment plan service: post a plan Created/Updated notification.
        ``fields``: further PascalCase fields (e.g. ``Amount``), sent as given."""
        return self._post(plan_payload(plan_id, update, fields or {}))

    def _post(self, payload: dict[str, str]) -> Delivery | None:
        if not self.url or self._session is None:
            return None
        delivery = Delivery(self.url, self.format, payload)
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
            log.info("webhook delivery %s attempt %d failed: %s %s", delivery.id, number,
                     status, reason)
        return ok

    def to_json(self) -> list[dict[str, Any]]:
        return [d.to_json() for d in self.deliveries]
