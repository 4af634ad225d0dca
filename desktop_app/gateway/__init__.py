"""The shared gateway transport: one httpx client per environment, three codecs on top.

The names load on first use (``desktop_app/lazy.py``): the Qt app reads ``gateway.config`` for
its settings before its window is shown, and must not pay for httpx and the codecs until after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.lazy import lazy_exports

if TYPE_CHECKING:
    from desktop_app.gateway.client import GatewayClient
    from desktop_app.gateway.config import Environment, GatewayConfig, Protocol
    from desktop_app.gateway.errors import (
        GatewayAuthError,
        GatewayError,
        GatewayNotFound,
        GatewayUnreachable,
        OutcomeUnknown,
    )

_WHERE = {  # name: the submodule defining it
    "GatewayClient": "client",
    "Environment": "config", "GatewayConfig": "config", "Protocol": "config",
    "GatewayAuthError": "errors", "GatewayError": "errors", "GatewayNotFound": "errors",
    "GatewayUnreachable": "errors", "OutcomeUnknown": "errors",
}
__all__ = [
    "Environment",
    "GatewayAuthError",
    "GatewayClient",
    "GatewayConfig",
    "GatewayError",
    "GatewayNotFound",
    "GatewayUnreachable",
    "OutcomeUnknown",
    "Protocol",
]
__getattr__ = lazy_exports(__name__, _WHERE)
