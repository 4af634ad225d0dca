"""Webhook receiver: the gateway POSTs each transaction update; we answer 200 only once stored.

Parsers (json, xml, nvp) are pure; ``store`` commits durably and deduplicates redeliveries;
``security`` and ``oauth`` decide who may post; ``app`` and ``server`` are the aiohttp edge.
"""

from desktop_app.webhooks.message import TRIGGERS, BodyError, WebhookMessage

__all__ = ["TRIGGERS", "BodyError", "WebhookMessage"]
