"""The shared gateway transport: one httpx client per environment, three codecs on top."""

from desktop_app.gateway.client import GatewayClient
from desktop_app.gateway.config import Environment, GatewayConfig, Protocol
from desktop_app.gateway.errors import (
    GatewayAuthError,
    GatewayError,
    GatewayNotFound,
    GatewayUnreachable,
    OutcomeUnknown,
)

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
