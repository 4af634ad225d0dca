"""The /sandbox controls need no login, so they must refuse anyone not on this machine."""

from __future__ import annotations

from unittest.mock import Mock

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from desktop_app.sandbox import admin


async def ok(_request: web.Request) -> web.StreamResponse:
    return web.Response(text="ok")


@pytest.mark.parametrize(("peer", "path", "status"), [
    ("10.0.0.5", "/sandbox/ledger", 403), ("192.168.1.9", "/sandbox/faults", 403),
    ("127.0.0.1", "/sandbox/ledger", 200), ("::1", "/sandbox/ledger", 200),
    ("10.0.0.5", "/payment/NVP.aspx", 200),
])
async def test_controls_answer_loopback_only(peer: str, path: str, status: int) -> None:
    transport = Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        (peer, 4242) if name == "peername" else default)
    request = make_mocked_request("GET", path, transport=transport)
    response = await admin.loopback_only(request, ok)
    assert response.status == status


async def test_control_endpoints_reject_bad_json(client: httpx.AsyncClient) -> None:
    for path in ("/sandbox/faults", "/sandbox/webhooks", "/sandbox/webhooks/trigger"):
        response = await client.post(path, content=b"{nope")
        assert response.status_code == 400, path
    assert (await client.get("/sandbox/webhooks")).json() == {"url": None, "format": "json"}
