"""The seam between the domain and the three protocols: one request in our keys, one reply in
our keys (INTERFACE.md, "Client codecs").

``encode`` turns a ``PaymentRequest`` into a ``WireRequest`` (our operation key and our field
keys: ``merchant_id``, ``card_exp_date``, ``card_present_status``...); each codec spells it
in its protocol (NVP names, SOAP elements, REST JSON) and hands back a ``WireReply`` in our
keys again, keeping the fields no table names in ``extra``. ``decode`` and the verdict rules
(``verdict.py``) read our keys only, so one rule book serves every protocol.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from desktop_app.domain import Outcome, PaymentRequest, TransactionKind
from desktop_app.domain.tenders import EntryMode, Tender, TenderKind
from desktop_app.gateway import verdict
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import UnconfirmedOperation
from desktop_app.gateway.protocol import protocol


@dataclass(frozen=True)
class WireRequest:
    kind: str                 # our operation key (gateway.json "kinds")
    values: dict[str, str]    # our request keys -> value (only non-empty ones)


@dataclass(frozen=True)
class WireReply:
    values: dict[str, str]    # our response keys -> value; wire names matched case-insensitively
    extra: dict[str, str] = field(default_factory=dict)  # unnamed fields, by wire name
    status: int = 200         # HTTP status


class Codec(Protocol):        # NvpCodec, SoapCodec, RestCodec
    async def exchange(self, request: WireRequest) -> WireReply: ...


_FOLLOW_UPS = {TransactionKind.VOID, TransactionKind.SIMPLE_REFUND, TransactionKind.CAPTURE}
_NEEDS_PRIMARY_PRESENCE = {TransactionKind.VOID, TransactionKind.SIMPLE_REFUND}
# Reply keys a receipt shows (EMV tags, signature line, agreement text), kept on the Outcome.
RECEIPT_KEYS = ("authorization_text", "emv_aid", "emv_tvr", "emv_tsi", "emv_iad", "emv_arc",
                "is_emv", "emv_pin_verified", "signature_required", "payment_card_type",
                "primary_transaction_status", "our_reference")


def encode(request: PaymentRequest, config: GatewayConfig) -> WireRequest:
    """Our keys for one request. A kind whose wire spelling no public source confirms is
    refused here, before anything leaves, unless the setting allows unconfirmed operations."""
    t = protocol()
    kind = request.kind
    if not (config.unconfirmed_operations or t.kind_confirmed(kind.value)):
        raise UnconfirmedOperation(
            f"The {kind.value.replace('_', ' ')} operation is not available: its name on the "
            "gateway is not confirmed by any public source. Nothing was sent or charged. Ask "
            "IT (Settings: allow unconfirmed gateway operations) if the gateway confirmed it.",
            detail=f"kind {kind.value} unconfirmed in gateway.json")
    values: dict[str, str | None] = {
        "merchant_id": config.merchant_id,
        "store_id": config.store_id,
        "terminal_id": config.terminal_id,
        "amount": request.amount.wire() if request.amount is not None else None,
        "patient_id": request.patient_id or None,
        "sso_token": request.sso_token,
    }
    if kind is not TransactionKind.VIEW_RECEIPT:  # a receipt is asked by token alone
        values["our_reference"] = request.reference
    if kind in _FOLLOW_UPS:
        values["primary_transaction_id"] = request.transaction_id
    if kind in _NEEDS_PRIMARY_PRESENCE:
        values["primary_card_present_status"] = primary_presence(request.original_tender)
    values.update(t.kind(kind.value).get("send", {}))
    if request.tender is not None and kind not in _FOLLOW_UPS:
        values.update(tender_values(request.tender))
    return WireRequest(kind.value, {k: v for k, v in values.items() if v})


def presence(tender: Tender) -> str:
    """``cardPresentStatus`` for how the card came to us (gateway.json card_present_status)."""
    key = tender.kind.value
    if tender.kind is TenderKind.SWIPE and tender.entry_mode is EntryMode.FALLBACK_SWIPE:
        key = "fallback_swipe"
    return protocol().card_present_status(key)


def primary_presence(original: TenderKind | None) -> str:
    """``primaryCardPresentStatus``: the original's, or the portal samples' PresentManualKey."""
    table = protocol().raw["card_present_status"]
    return str(table.get(original.value if original else "", table["primary_default"]))


def exp_date(month: int, year: int) -> str:
    """``cardExpDate`` as the portal's sample writes it: MM-YY."""
    return f"{month:02d}-{year % 100:02d}"


def tender_values(tender: Tender) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    card = tender.card
    if card is not None:
        if card.track2 or card.track1:
            values["card_track2"] = card.track2
            values["card_track1"] = card.track1
        else:
            values["card_number"] = card.pan
            values["card_exp_date"] = exp_date(card.exp_month, card.exp_year)
        values["card_cvv"] = card.cvv
        values["cardholder_name"] = card.cardholder_name or None
        values["billing_zip"] = card.billing_zip or None  # address verification (AVS)
    enc = tender.encrypted
    if enc is not None:
        values.update(encryption_format=enc.format, encrypted_track2=enc.encrypted_track2,
                      encrypted_track1=enc.encrypted_track1 or None, key_serial_number=enc.ksn,
                      device_serial_number=enc.device_serial or None,
                      card_exp_date=exp_date(enc.exp_month, enc.exp_year))
    if tender.kind.is_card or tender.kind is TenderKind.SAVED_CARD:
        values["card_present_status"] = presence(tender)
    if tender.saved_card is not None:
        values["saved_card_id"] = tender.saved_card.token
    bank = tender.bank_account
    if bank is not None:
        values["routing_number"] = bank.routing_number
        values["account_number"] = bank.account_number
        values["check_number"] = bank.check_number or None
        values["account_type"] = bank.account_type
        values.update(holder_names(bank.holder_name, bank.holder_type))
    images = tender.check_images
    if images is not None:  # remote deposit: the scanned check goes with the eCheck
        values["check_image_data"] = base64.b64encode(images.data).decode("ascii")
        values["check_image_format"] = images.image_format
        values["check_image_pages"] = str(images.pages)
        values["micr_data"] = images.micr_line or None
    return values


def holder_names(name: str, holder_type: str) -> dict[str, str | None]:
    """The check holder as SOAP's CheckHolderFirstName / CheckHolderLastName: a person's
    last word is the last name; a business's whole name goes in the last name."""
    words = name.split()
    if holder_type == "Business" or len(words) < 2:
        return {"check_holder_first_name": None,
                "check_holder_last_name": " ".join(words) or None}
    return {"check_holder_first_name": " ".join(words[:-1]),
            "check_holder_last_name": words[-1]}


def reply_of(pairs: Iterable[tuple[str, str]], names: dict[str, str],
             status: int = 200) -> WireReply:
    """Wire pairs → our keys, names matched case-insensitively. One field given twice (in any
    letter case) with different values is ``DuplicateField``: which was meant is unknown."""
    by_name = {name.lower(): key for key, name in names.items()}
    known: list[tuple[str, str]] = []
    extra: list[tuple[str, str]] = []
    for name, value in pairs:
        key = by_name.get(name.lower())
        if key is None:
            extra.append((name, value))
        else:
            known.append((key, value))
    return WireReply(verdict.merge_pairs(known), verdict.merge_pairs(extra), status)


def wire_names(request: WireRequest, names: dict[str, str]) -> dict[str, str]:
    """The NVP spelling of a request: transactionType/Action from the kind, then each field."""
    fields = protocol().kind_fields(request.kind)
    soap_only = protocol().soap_only_fields()
    for key, value in request.values.items():
        if key not in soap_only:  # no public NVP name: left out, never guessed
            fields[names[key]] = value
    return fields


def decode(reply: WireReply, request: PaymentRequest) -> Outcome:
    """Reply in our keys → Outcome. Error replies are handled by the codec before this; every
    doubt about what the fields state is ``OutcomeUnknown`` (see ``verdict.py``)."""
    values = reply.values

    def get(key: str) -> str:
        return values.get(key, "")

    status, default_message = verdict.status_of(values, request)
    requested, approved = verdict.amounts(status, request, values)
    verdict.check_reference(values, request)
    return Outcome(
        status=status,
        reference=request.reference,
        requested=requested,
        approved=approved,
        transaction_id=get("transaction_id"),
        response_code=get("response_code"),
        message=get("response_message") or default_message,
        auth_code=get("auth_code"),
        card_brand=get("card_brand"),
        last_four=get("last_four"),
        card_bin=get("card_bin"),
        entry_mode=get("entry_mode"),
        saved_card_token=get("saved_card_id"),
        transaction_status=get("transaction_status"),
        sso_token=get("sso_token"),
        receipt={k: values[k] for k in RECEIPT_KEYS if values.get(k)},
        extra=dict(reply.extra),
    )
