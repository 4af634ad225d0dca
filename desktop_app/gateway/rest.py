"""REST: the same wire fields as a JSON object, errors as HTTP status + JSON body."""

from __future__ import annotations

import json
from typing import Any

from desktop_app.gateway.errors import GatewayError, OutcomeUnknown
from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.transport import SharedTransport, server_error
from desktop_app.gateway.wire import raise_for_error_fields


class RestCodec:
    def __init__(self, transport: SharedTransport, base_url: str) -> None:
        self.transport = transport
        self.url = base_url + protocol().paths["rest"]

    async def exchange(self, fields: dict[str, str]) -> dict[str, str]:
        response = await self.transport.post(self.url, json=fields,
                                             headers={"Accept": "application/json"})
        if response.status_code >= 500:
            raise server_error(response)
        try:
            body: Any = json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            raise OutcomeUnknown("The gateway's reply could not be read.",
                                 detail=f"HTTP {response.status_code}, unreadable JSON body")
        reply = {str(k): "" if v is None else str(v) for k, v in body.items()}
        raise_for_error_fields(reply)
        if response.status_code >= 400:
            raise GatewayError("The gateway refused the request.",
                               code=str(response.status_code),
                               detail=f"HTTP {response.status_code} without errorCode")
        return reply
