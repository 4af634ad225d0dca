"""HTTP POST name-value pairs (``/payment/NVP.aspx``), the partner's simplest protocol.

Form-encoded both ways with ``urllib.parse`` so ``&``, ``=`` and ``+`` inside values round-trip.
Names are read case-insensitively (``MerchantID``, ``merchantID`` and ``merchantId`` are one
field; ``authcapt`` is ``AuthCapt``), the kind comes from ``transactionType`` +
``transactionAction``, and the reply is written in the table's spelling. A name the gateway
does not know (``requestReference``, ``cardTrack2``, ``cardOnFileToken``...) or an action it
does not have (``Sale``) is refused with errorCode 400. As on the real gateway, refusals are
HTTP 200 with ``errorCode``/``errorMessage``; only a failed login is a real HTTP 401. Bad
input never produces a 500.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import GatewayRefusal, invalid
from desktop_app.sandbox.pipeline import Framing, Job, run_payment
from desktop_app.sandbox.soap_xml import SOAP11, fault
from desktop_app.sandbox.table import req, table

FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 200
INJECTED = "The gateway could not process the request (sandbox fault injection)"
_KIND_KEYS = ("transaction_type", "transaction_action")


def render(reply: dict[str, str]) -> dict[str, str]:
    """A reply in our keys → NVP names (a key the table lacks is already a wire name)."""
    names = table().response_names
    return {names.get(key, key): text for key, text in reply.items()}


def form_response(reply: dict[str, str], status: int = 200) -> web.Response:
    body = urlencode(render(reply), encoding="utf-8").encode("ascii")
    return web.Response(status=status, body=body,
                        headers={"Content-Type": f"{FORM}; charset=utf-8"})


def parse_form(body: bytes) -> dict[str, str]:
    """A form body → fields; a field given twice is refused rather than guessed at."""
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                          max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise invalid("The request body must be UTF-8 form data") from None
    except ValueError:
        raise invalid(f"The request has more than {MAX_FIELDS} fields") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            raise invalid(f"{name[:64]} appears more than once")
        fields[name] = value
    return fields


def our_keys(fields: dict[str, str]) -> dict[str, str]:
    """NVP names → our keys, case-insensitively; an unknown name is refused."""
    t = table()
    values: dict[str, str] = {}
    for name, text in fields.items():
        key = t.request_keys.get(name.lower())
        if key is None:
            if name.lower() in t.ignored_names:
                continue
            raise invalid(f"{name[:64]} is not a field of this gateway")
        if key in values and values[key] != text:
            raise invalid(f"{req(key)} appears more than once (as {name[:64]})")
        values[key] = text
    return values


def kind_of(values: dict[str, str]) -> str:
    """Our kind from transactionType + transactionAction (any letter case) and, for AuthCapt,
    whether a saved card is named (paymentMethodID: a charge on file)."""
    action = values.get("transaction_action", "").strip().lower()
    ttype = values.get("transaction_type", "").strip().lower()
    if not action:
        raise invalid(f"{req('transaction_action')} is required")
    kinds = table().raw["kinds"]
    if action == kinds["view_receipt"]["transactionAction"].lower():
        return "view_receipt"
    if not ttype:
        raise invalid(f"{req('transaction_type')} is required")
    found = [name for name, wire in kinds.items()
             if wire.get("transactionAction", "").lower() == action
             and wire.get("transactionType", "").lower() == ttype]
    if len(found) > 1:  # AuthCapt: a sale, or a charge of a card saved on file
        distinct = [n for n in found if kinds[n].get("distinguished_by")]
        on_file = [n for n in distinct if values.get(kinds[n]["distinguished_by"], "").strip()]
        found = on_file or [n for n in found if n not in distinct]
    if not found:
        raise invalid(f"{req('transaction_action')} {action[:30]} is not supported for "
                      f"{req('transaction_type')} {ttype[:30]}")
    return str(found[0])


_NEEDS_PRIMARY_PRESENCE = ("void", "simple_refund")


def read_request(fields: dict[str, str]) -> tuple[str, dict[str, str]]:
    """An NVP request (names as sent) → (our kind, values in our keys, kind names dropped)."""
    values = our_keys(fields)
    kind = kind_of(values)
    if (kind in _NEEDS_PRIMARY_PRESENCE and values.get("primary_transaction_id")
            and not values.get("primary_card_present_status")):
        raise invalid(f"{req('primary_card_present_status')} is required")  # P-void, P-refund
    return kind, {k: v for k, v in values.items() if k not in _KIND_KEYS}


async def read(request: web.Request, account: Account) -> Job:
    fields = parse_form(await request.read())
    kind, values = read_request(fields)
    processor = services(request).processor
    return Job(fields, lambda: form_response(processor.process(account, kind, values)))


def _unauthorized() -> web.Response:
    refusal = GatewayRefusal("401", "The account ID or password was not accepted")
    return form_response(refusal.fields(), status=401)


FRAMING = Framing(
    unauthorized=_unauthorized,
    refusal=lambda r: form_response(r.fields()),
    soap_fault=lambda: web.Response(status=500, body=fault(SOAP11, False, INJECTED),
                                    headers={"Content-Type": "text/xml; charset=utf-8"}),
)


async def post_nvp(request: web.Request) -> web.StreamResponse:
    return await run_payment(request, FRAMING, read)
