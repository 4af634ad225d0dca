"""Domain request ⇄ wire fields. One mapping that NVP, SOAP and REST all share.

The codecs differ only in framing (form body, SOAP envelope, JSON); what each field is called
and what each response code means come from resources/protocol/gateway.json.
"""

from __future__ import annotations

from desktop_app.domain import Outcome, PaymentRequest
from desktop_app.domain.tenders import Tender
from desktop_app.gateway import verdict
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.protocol import ProtocolTable, protocol


def encode(request: PaymentRequest, config: GatewayConfig) -> dict[str, str]:
    table = protocol()
    out: dict[str, str] = dict(table.kind_fields(request.kind.value))
    values: dict[str, str | None] = {
        "merchant_id": config.merchant_id,
        "store_id": config.store_id,
        "terminal_id": config.terminal_id,
        "request_reference": request.reference,
        "amount": request.amount.wire() if request.amount is not None else None,
        "transaction_id": request.transaction_id,
        "patient_id": request.patient_id or None,
        "sso_token": request.sso_token,
    }
    if request.tender is not None:
        values.update(_tender_values(request.tender))
    for key, value in values.items():
        if value is not None:
            out[table.request_field(key)] = value
    return out


def _tender_values(tender: Tender) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    card = tender.card
    if card is not None:
        if card.track2 or card.track1:
            values["card_track2"] = card.track2
            values["card_track1"] = card.track1
        else:
            values["card_number"] = card.pan
        values["card_exp_month"] = f"{card.exp_month:02d}"
        values["card_exp_year"] = str(card.exp_year)
        values["card_cvv"] = card.cvv
        values["cardholder_name"] = card.cardholder_name or None
    enc = tender.encrypted
    if enc is not None:
        values.update(encryption_format=enc.format, encrypted_track2=enc.encrypted_track2,
                      encrypted_track1=enc.encrypted_track1 or None, key_serial_number=enc.ksn,
                      device_serial_number=enc.device_serial or None,
                      card_exp_month=f"{enc.exp_month:02d}", card_exp_year=str(enc.exp_year))
    if tender.entry_mode is not None:
        values["entry_mode"] = tender.entry_mode.value
    if tender.saved_card is not None:
        values["saved_card_token"] = tender.saved_card.token
    bank = tender.bank_account
    if bank is not None:
        values["routing_number"] = bank.routing_number
        values["account_number"] = bank.account_number
        values["check_number"] = bank.check_number or None
        values["account_type"] = bank.account_type
        values["patient_present"] = "true" if tender.kind.value == "check_present" else "false"
    return values


def decode(fields: dict[str, str], request: PaymentRequest) -> Outcome:
    """Reply fields → Outcome. Error replies are handled by the codec before this; every
    doubt about what the fields state is ``OutcomeUnknown`` (see ``verdict.py``)."""
    t: ProtocolTable = protocol()

    def get(key: str) -> str:
        return fields.get(t.response_field(key), "")

    status, default_message = verdict.status_of(fields, request)
    requested, approved = verdict.amounts(status, request, fields)
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
        saved_card_token=get("saved_card_token"),
        transaction_status=get("transaction_status"),
        sso_token=get("sso_token"),
        relay_state_url=get("relay_state_url"),
        extra={k: v for k, v in fields.items() if k not in t.known_response_fields},
    )
