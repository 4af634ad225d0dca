"""JSON webhook bodies: a flat object, or one nested a level (``{"transaction": {...}}``)."""

from __future__ import annotations

import json as stdlib_json
from typing import Any

from desktop_app.webhooks.message import BodyError, WebhookMessage, message_from_fields


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A float amount is read from its text form so no binary rounding reaches money.
        return repr(value)
    if value is None:
        return ""
    return None


def flatten(obj: dict[str, Any]) -> dict[str, str]:
    """Top-level scalars, then the scalars of nested objects (outer names win)."""
    out: dict[str, str] = {}
    nested: list[dict[str, Any]] = []
    for key, value in obj.items():
        text = _scalar(value)
        if text is not None:
            out[str(key)] = text
        elif isinstance(value, dict):
            nested.append(value)
    for inner in nested:
        for key, value in inner.items():
            text = _scalar(value)
            if text is not None:
                out.setdefault(str(key), text)
    return out


def parse_json(raw: bytes) -> WebhookMessage:
    try:
        obj = stdlib_json.loads(raw.decode("utf-8"), parse_float=str, parse_constant=str)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BodyError("Malformed JSON") from None
    if not isinstance(obj, dict):
        raise BodyError("JSON body must be an object")
    return message_from_fields("json", flatten(obj), raw)
