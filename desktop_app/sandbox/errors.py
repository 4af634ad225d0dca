"""Refusals: the gateway's ``errorCode``/``errorMessage`` pair, raised inside the core.

Each protocol renders the same refusal its own way (NVP body, SOAP fault, REST status), so
the core raises one exception type and the endpoints translate. Every message ends with a
reference number, as the real gateway's do, so support can find the request in logs.
"""

from __future__ import annotations

import secrets
import string

_REF_ALPHABET = string.digits + string.ascii_uppercase


def reference_number() -> str:
    """A 10-character support reference like the partner's ``02198MGNBZ``."""
    return "".join(secrets.choice(_REF_ALPHABET) for _ in range(10))


class GatewayRefusal(Exception):
    """The request was refused before anything was charged (or, for 404, found nothing)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = f"{message} with Reference Number {reference_number()}"
        super().__init__(self.message)

    def fields(self) -> dict[str, str]:
        """The refusal as a reply in our keys."""
        return {"error_code": self.code, "error_message": self.message}


def invalid(message: str) -> GatewayRefusal:
    return GatewayRefusal("400", message)


def not_found(message: str) -> GatewayRefusal:
    return GatewayRefusal("404", message)


def is_error_reply(reply: dict[str, str]) -> bool:
    """A reply in our keys that is a refusal."""
    return "error_code" in reply
