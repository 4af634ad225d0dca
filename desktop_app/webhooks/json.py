"""JSON webhook bodies: an object, its nested objects and lists read breadth-first.

Outer names win when a name repeats (the gateway's fields sit at the top level); every leaf,
however deep, is still seen by the card-data scan, so nothing hides in a nested array.
"""

from __future__ import annotations

import json as stdlib_json
from collections import deque
from typing import Any

from desktop_app.webhooks.message import BodyError, WebhookMessage, message_from_leaves


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value  # numbers arrive as their written text (parse_float/parse_int=str)
    if value is None:
        return ""
    return None


def leaves(obj: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    queue: deque[tuple[str, Any]] = deque(obj.items())
    while queue:
        key, value = queue.popleft()
        text = _scalar(value)
        if text is not None:
            out.append((str(key), text))
        elif isinstance(value, dict):
            queue.extend(value.items())
        elif isinstance(value, list):
            queue.extend((key, item) for item in value)
    return out


def parse_json(raw: bytes, reference_slot: str = "") -> WebhookMessage:
    try:
        obj = stdlib_json.loads(raw.decode("utf-8"), parse_float=str, parse_int=str,
                                parse_constant=str)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BodyError("Malformed JSON") from None
    if not isinstance(obj, dict):
        raise BodyError("JSON body must be an object")
    return message_from_leaves("json", leaves(obj), raw, reference_slot)
