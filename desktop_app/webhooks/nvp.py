"""NVP webhook bodies: ``application/x-www-form-urlencoded`` name=value pairs, UTF-8."""

from __future__ import annotations

from urllib.parse import parse_qsl

from desktop_app.webhooks.message import BodyError, WebhookMessage, message_from_leaves


def parse_nvp(raw: bytes, reference_slot: str = "") -> WebhookMessage:
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=True,
                          errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError):
        raise BodyError("Malformed form body") from None
    return message_from_leaves("nvp", pairs, raw, reference_slot)
