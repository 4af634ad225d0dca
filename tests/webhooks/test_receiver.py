"""The receiver over loopback: every format and trigger stored; refusals store nothing."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.message import TRIGGERS
from desktop_app.webhooks.server import WebhookServer
from tests.webhooks.conftest import JSON, StartReceiver, stored

CONTENT = {"json": "application/json", "xml": "application/xml",
           "nvp": "application/x-www-form-urlencoded"}


def payload(n: int, trigger: str = "Approved") -> dict[str, str]:
    return {"eventID": f"ev-{n}", "trigger": trigger, "transactionID": f"txn-{n}",
            "amount": "10.00", "transactionDate": "2026-01-02T03:04:05Z", "patientID": "P1"}


async def post(server: WebhookServer, body: bytes, content_type: str = JSON,
               **headers: str) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(server.url, content=body,
                                 headers={"Content-Type": content_type, **headers})


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
async def test_each_trigger_in_each_format_is_stored(start_receiver: StartReceiver,
                                                     fmt: str) -> None:
    server = await start_receiver()
    for n, trigger in enumerate(TRIGGERS):
        response = await post(server, encode(payload(n, trigger), fmt), CONTENT[fmt])
        assert response.status_code == 200, response.text
    rows = await stored(server)
    assert [(r.trigger, r.transaction_id, r.amount) for r in rows] == \
        [(t, f"txn-{n}", "10.00") for n, t in enumerate(TRIGGERS)]
    assert all(r.trigger_known and r.format == fmt for r in rows)


async def test_an_unknown_trigger_is_stored_and_flagged(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    assert (await post(server, encode(payload(1, "Disputed"), "json"))).status_code == 200
    (row,) = await stored(server)
    assert row.trigger == "Disputed" and not row.trigger_known
    assert row.as_json()["unknown_trigger"] is True


async def test_a_redelivery_is_answered_200_and_stored_once(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    body = encode(payload(7), "xml")
    for _ in range(3):
        response = await post(server, body, CONTENT["xml"])
        assert response.status_code == 200
    (row,) = await stored(server)
    assert row.duplicate_count == 2


async def test_without_an_event_id_the_same_body_is_still_one_message(
        start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    body = json.dumps({"trigger": "Settlement", "transactionID": "t9"}).encode()
    other = json.dumps({"trigger": "Chargeback", "transactionID": "t9"}).encode()
    for b in (body, body, other):
        assert (await post(server, b)).status_code == 200
    assert [(r.trigger, r.duplicate_count) for r in await stored(server)] == \
        [("Settlement", 1), ("Chargeback", 0)]


@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"trigger=Approved", "text/plain", 415),
    (b"{not json", JSON, 400),
    (b"<a><b></a>", "application/xml", 400),
    (b"\xff\xfe", "application/x-www-form-urlencoded", 400),
    (b"[]", JSON, 400),
])
async def test_bad_bodies_are_refused_with_a_short_reason_and_nothing_stored(
        start_receiver: StartReceiver, body: bytes, content_type: str, status: int) -> None:
    server = await start_receiver()
    response = await post(server, body, content_type)
    assert response.status_code == status
    assert response.reason_phrase and "Traceback" not in response.text
    assert len(response.text) < 80
    assert await stored(server) == []


async def test_an_oversized_body_gets_413_whether_announced_or_streamed(
        start_receiver: StartReceiver) -> None:
    server = await start_receiver(max_body=1024)
    big = json.dumps({"trigger": "Approved", "pad": "x" * 5000}).encode()
    assert (await post(server, big)).status_code == 413

    async def chunks():  # type: ignore[no-untyped-def]
        for i in range(0, len(big), 500):
            yield big[i:i + 500]

    async with httpx.AsyncClient() as client:
        response = await client.post(server.url, content=chunks(),
                                     headers={"Content-Type": JSON})
    assert response.status_code == 413
    assert await stored(server) == []


async def test_oversized_headers_are_refused(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    response = await post(server, b"{}", JSON, **{"X-Pad": "y" * 20_000})
    assert response.status_code in (400, 431)
    assert "Traceback" not in response.text
    assert await stored(server) == []


async def test_a_source_off_the_allowlist_gets_403(start_receiver: StartReceiver) -> None:
    server = await start_receiver(sandbox=False)  # the gateway's eight addresses only
    response = await post(server, encode(payload(1), "json"))
    assert (response.status_code, response.reason_phrase) == (403, "Source not allowed")
    assert await stored(server) == []


async def test_forwarded_for_is_believed_only_from_a_trusted_proxy(
        start_receiver: StartReceiver) -> None:
    body = encode(payload(1), "json")
    trusting = await start_receiver(sandbox=False, trusted_proxies=("127.0.0.1",))
    assert (await post(trusting, body, **{"X-Forwarded-For": "216.177.67.4"})).status_code == 200
    assert (await post(trusting, body, **{"X-Forwarded-For": "8.8.8.8"})).status_code == 403
    sceptic = await start_receiver(sandbox=False, allow=("216.177.67.4", "10.0.0.0/8"))
    assert (await post(sceptic, body, **{"X-Forwarded-For": "216.177.67.4"})).status_code == 403


@pytest.mark.parametrize("auth", [None, "Basic " + base64.b64encode(b"hook:wrong").decode(),
                                  "Basic " + base64.b64encode(b"hoo:s3cret").decode(),
                                  "Basic !!!", "Bearer abc"])
async def test_wrong_basic_credentials_get_401(start_receiver: StartReceiver,
                                               auth: str | None) -> None:
    server = await start_receiver(basic_user="hook", basic_password="s3cret")
    headers = {"Authorization": auth} if auth else {}
    response = await post(server, encode(payload(1), "json"), **headers)
    assert response.status_code == 401 and "Basic" in response.headers["WWW-Authenticate"]
    assert await stored(server) == []


async def test_right_basic_credentials_are_accepted(start_receiver: StartReceiver) -> None:
    server = await start_receiver(basic_user="hook", basic_password="s3cret")
    good = "Basic " + base64.b64encode(b"hook:s3cret").decode()
    assert (await post(server, encode(payload(1), "json"), Authorization=good)).status_code == 200
    assert len(await stored(server)) == 1


async def test_a_store_failure_is_a_503_without_detail(start_receiver: StartReceiver) -> None:
    server = await start_receiver()

    async def broken(*_: object) -> None:
        raise RuntimeError("disk on fire at /secret/path")

    server.store.save = broken  # type: ignore[method-assign,assignment]
    response = await post(server, encode(payload(1), "json"))
    assert (response.status_code, response.reason_phrase) == (503, "Store unavailable")
    assert "secret" not in response.text


async def test_only_post_is_served(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    async with httpx.AsyncClient() as client:
        assert (await client.get(server.url)).status_code == 405
