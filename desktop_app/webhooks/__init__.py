"""Webhook receiver: the gateway POSTs each transaction update; we answer 200 only once stored.

Parsers (json, xml, nvp) are pure and read the names in ``resources/protocol/webhooks.json``
(``fields``); ``masking`` removes card data; ``store`` commits durably and deduplicates
redeliveries; ``security``, ``oauth`` and ``guard`` decide who may post and for how long;
``app`` and ``server`` are the aiohttp edge.
"""

from desktop_app.webhooks.message import BodyError, WebhookMessage, updates

__all__ = ["BodyError", "WebhookMessage", "updates"]
