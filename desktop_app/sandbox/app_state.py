"""What every sandbox request handler can reach, stored on the aiohttp application."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from desktop_app.sandbox.accounts import Account, authenticate
from desktop_app.sandbox.core import GatewayState, Processor
from desktop_app.sandbox.faults import FaultRegistry
from desktop_app.sandbox.settings import SandboxSettings
from desktop_app.sandbox.webhook_sender import WebhookSender


@dataclass
class Services:
    settings: SandboxSettings
    state: GatewayState
    processor: Processor
    faults: FaultRegistry
    webhooks: WebhookSender

    def account_for(self, request: web.Request) -> Account | None:
        return authenticate(request.headers.get("Authorization"), self.settings.accounts)


SERVICES = web.AppKey("sandbox_services", Services)


def services(request: web.Request) -> Services:
    return request.app[SERVICES]
