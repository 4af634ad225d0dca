"""Content-Type → parser. Anything else is a 415 the sender can read."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.message import WebhookMessage
from desktop_app.webhooks.nvp import parse_nvp
from desktop_app.webhooks.xml import parse_xml

Parser = Callable[[bytes, str], WebhookMessage]
PARSERS: dict[str, Parser] = {
    "application/json": parse_json,
    "text/json": parse_json,
    "application/xml": parse_xml,
    "text/xml": parse_xml,
    "application/x-www-form-urlencoded": parse_nvp,
}


class UnsupportedFormat(ValueError):
    """The Content-Type is none of JSON, XML, NVP."""


def parser_for(content_type: str) -> Parser:
    base = content_type.split(";", 1)[0].strip().lower()
    if base.endswith("+json"):
        return parse_json
    if base.endswith("+xml"):
        return parse_xml
    try:
        return PARSERS[base]
    except KeyError:
        raise UnsupportedFormat(base) from None
