"""HTTP POST name-value pairs (``/payment/NVP.aspx``), the partner's simplest protocol.

Form-encoded both ways with ``urllib.parse`` so ``&``, ``=`` and ``+`` inside values round-trip.
As on the real gateway, refusals are HTTP 200 with ``errorCode``/``errorMessage``; only a
failed login is a real HTTP 401. Bad input never produces a 500.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from aiohttp import web

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.errors import GatewayRefusal, invalid
from desktop_app.sandbox.pipeline import Framing, Job, run_payment
from desktop_app.sandbox.soap_xml import SOAP11, fault

FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 200
INJECTED = "The gateway could not process the request (sandbox fault injection)"


def form_response(fields: dict[str, str], status: int = 200) -> web.Response:
    body = urlencode(fields, encoding="utf-8").encode("ascii")
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


async def read(request: web.Request, account: Account) -> Job:
    fields = parse_form(await request.read())
    processor = services(request).processor
    return Job(fields, lambda: form_response(processor.process(account, fields)))


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
