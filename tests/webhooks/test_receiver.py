"""The receiver over loopback: every format and update stored; refusals store nothing."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest

from desktop_app.sandbox.webhook_sender import encode
from tests.webhooks.conftest import (
    CONTENT,
    JSON,
    PAYMENT_UPDATES,
    StartReceiver,
    gateway_message,
    post,
    stored,
)


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
async def test_each_update_in_each_format_is_stored(start_receiver: StartReceiver,
                                                    fmt: str) -> None:
    server = await start_receiver()
    for n, (_, action, status) in enumerate(PAYMENT_UPDATES):
        response = await post(server, encode(gateway_message(n, action, status), fmt),
                              CONTENT[fmt])
        assert response.status_code == 200, response.text
    rows = await stored(server)
    assert [(r.trigger, r.transaction_id, r.amount, r.our_reference) for r in rows] == \
        [(u, f"txn-{n}", "10.00", f"REF-{n}") for n, (u, _, _) in enumerate(PAYMENT_UPDATES)]
    assert all(r.trigger_known and r.format == fmt for r in rows)


async def test_an_unknown_update_is_stored_and_flagged(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    body = encode(gateway_message(1, "Sale", "QQ"), "json")
    assert (await post(server, body)).status_code == 200
    (row,) = await stored(server)
    assert row.trigger == "Sale QQ" and not row.trigger_known
    assert row.as_json()["unknown_trigger"] is True


async def test_a_redelivery_is_answered_200_and_stored_once(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    body = encode(gateway_message(7), "xml")
    for _ in range(3):
        response = await post(server, body, CONTENT["xml"])
        assert response.status_code == 200
    (row,) = await stored(server)
    assert row.duplicate_count == 2


async def test_two_updates_of_one_transaction_are_two_messages(
        start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    approved, settled = gateway_message(9), gateway_message(9, "Sale", "S")
    for b in (approved, approved, settled):
        assert (await post(server, json.dumps(b).encode())).status_code == 200
    assert [(r.trigger, r.duplicate_count) for r in await stored(server)] == \
        [("Approved", 1), ("Settlement", 0)]


async def test_one_undecodable_message_is_refused_and_its_neighbours_stored(
        start_receiver: StartReceiver) -> None:
    """Issue 14: a JSON lone surrogate failed the whole group commit (677 of 900 got 503)."""
    server = await start_receiver()
    poison = b'{"TransactionID": "bad", "Memo": "\\ud800"}'
    goods = [encode(gateway_message(n), "json") for n in range(60)]
    bodies = goods[:30] + [poison] * 5 + goods[30:]
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=100)) as client:
        answers = await asyncio.gather(*(client.post(server.url, content=b, headers={
            "Content-Type": JSON}) for b in bodies))
    codes = [a.status_code for a in answers]
    assert codes == [200] * 30 + [400] * 5 + [200] * 30
    assert sorted(r.transaction_id for r in await stored(server)) == \
        sorted(f"txn-{n}" for n in range(60))


@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"TransactionID=t", "text/plain", 415),
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
    big = json.dumps({"TransactionID": "t", "Pad": "x" * 5000}).encode()
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


async def test_a_source_off_the_allowlist_is_refused(start_receiver: StartReceiver) -> None:
    server = await start_receiver(sandbox=False)  # the gateway's eight addresses only
    response = await post(server, encode(gateway_message(1), "json"))
    assert (response.status_code, response.reason_phrase) == (403, "Source not allowed")
    assert await stored(server) == []


async def test_forwarded_for_is_believed_only_from_a_trusted_proxy(
        start_receiver: StartReceiver) -> None:
    body = encode(gateway_message(1), "json")
    trusting = await start_receiver(sandbox=False, trusted_proxies=("127.0.0.1",))
    assert (await post(trusting, body, **{"X-Forwarded-For": "216.177.67.4"})).status_code == 200
    assert (await post(trusting, body, **{"X-Forwarded-For": "8.8.8.8"})).status_code == 403
    sceptic = await start_receiver(sandbox=False, allow=("216.177.67.4", "127.0.0.1"))
    assert (await post(sceptic, body, **{"X-Forwarded-For": "8.8.8.8"})).status_code == 200


async def test_a_forged_first_forwarded_for_line_does_not_pass(
        start_receiver: StartReceiver) -> None:
    """Issue 14: only the first X-Forwarded-For line was read. Our proxy (127.0.0.1) appends
    its own line naming the real client; the right-most non-proxy address across all lines
    decides."""
    server = await start_receiver(sandbox=False, trusted_proxies=("127.0.0.1", "10.0.0.0/8"))
    body = encode(gateway_message(1), "json")
    forged = [("X-Forwarded-For", "216.177.67.4"), ("X-Forwarded-For", "8.8.8.8, 10.1.2.3")]
    assert (await post(server, body, headers=forged)).status_code == 403
    genuine = [("X-Forwarded-For", "8.8.8.8"), ("X-Forwarded-For", "216.177.67.4, 10.1.2.3")]
    assert (await post(server, body, headers=genuine)).status_code == 200
    assert len(await stored(server)) == 1


@pytest.mark.parametrize("auth", [None, "Basic " + base64.b64encode(b"hook:wrong").decode(),
                                  "Basic " + base64.b64encode(b"hoo:s3cret").decode(),
                                  "Basic !!!", "Bearer abc"])
async def test_wrong_basic_credentials_get_401(start_receiver: StartReceiver,
                                               auth: str | None) -> None:
    server = await start_receiver(basic_user="hook", basic_password="s3cret")
    headers = {"Authorization": auth} if auth else {}
    response = await post(server, encode(gateway_message(1), "json"), **headers)
    assert response.status_code == 401 and "Basic" in response.headers["WWW-Authenticate"]
    assert await stored(server) == []


async def test_right_basic_credentials_are_accepted(start_receiver: StartReceiver) -> None:
    server = await start_receiver(basic_user="hook", basic_password="s3cret")
    good = "Basic " + base64.b64encode(b"hook:s3cret").decode()
    response = await post(server, encode(gateway_message(1), "json"), Authorization=good)
    assert response.status_code == 200
    assert len(await stored(server)) == 1


async def test_a_store_failure_is_a_503_without_detail(start_receiver: StartReceiver) -> None:
    server = await start_receiver()

    async def broken(*_: object) -> None:
        raise RuntimeError("disk on fire at /secret/path")

    server.store.save = broken  # type: ignore[method-assign,assignment]
    response = await post(server, encode(gateway_message(1), "json"))
    assert (response.status_code, response.reason_phrase) == (503, "Store unavailable")
    assert "secret" not in response.text


async def test_only_post_is_served(start_receiver: StartReceiver) -> None:
    server = await start_receiver()
    async with httpx.AsyncClient() as client:
        assert (await client.get(server.url)).status_code == 405
