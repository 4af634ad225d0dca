"""A hostile gateway's replies are never read as something they are not (issue 10, §2).

Every case runs over NVP, SOAP 1.1, SOAP 1.2 and REST against the loopback server in
``hostile.py``: an ambiguous or broken reply is ``OutcomeUnknown`` on all four, never an
approval, a decline or a refusal, and the request was sent exactly once.
"""

from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import AsyncIterator, Awaitable

import pytest

from desktop_app.domain import Money, OutcomeStatus
from desktop_app.gateway import GatewayClient, OutcomeUnknown, Protocol
from desktop_app.gateway.errors import GatewayNotFound, GatewayValidationError
from tests.conftest import gateway_for
from tests.gateway.hostile import Hostile, gzip_bomb
from tests.gateway.hostile_cases import AMBIGUOUS, approved, sale, use

READ, CONNECT = 1.0, 0.5  # a deadline of 1.5 s per exchange
MB = 1024 * 1024


@pytest.fixture
async def hostile() -> AsyncIterator[Hostile]:
    server = await Hostile().start()
    yield server
    await server.stop()


@pytest.fixture(params=list(Protocol), ids=[p.value for p in Protocol])
async def gw(request: pytest.FixtureRequest, hostile: Hostile) -> AsyncIterator[GatewayClient]:
    client = gateway_for(hostile.url, request.param, read_timeout=READ, connect_timeout=CONNECT)
    yield client
    await client.aclose()


async def send_unknown(gw: GatewayClient, hostile: Hostile, match: str | None = None) -> None:
    """Send one sale that must end unknown, within a guard so a hang fails instead of
    stalling (a TimeoutError, which is not the OutcomeUnknown expected)."""
    request = sale()
    with pytest.raises(OutcomeUnknown, match=match):
        await asyncio.wait_for(gw.send(request), 15)
    assert hostile.payments[request.reference] == 1, "sent once, never again"


async def test_clean_replies_still_mean_what_they_say(gw: GatewayClient,
                                                      hostile: Hostile) -> None:
    outcome = await gw.send(sale())
    assert (outcome.status, outcome.approved) == (OutcomeStatus.APPROVED, Money(1000))
    hostile.mode = "pairs"
    hostile.pairs = [*approved(), ("responseCode", "000")]  # repeated, same value: harmless
    assert (await gw.send(sale())).status is OutcomeStatus.APPROVED
    hostile.pairs = [*approved(), ("SomethingNew", "kept")]  # a name no table lists
    assert (await gw.send(sale())).extra == {"SomethingNew": "kept"}
    hostile.mode = "decline"
    assert (await gw.send(sale())).status is OutcomeStatus.DECLINED
    hostile.mode = "refuse"
    with pytest.raises(GatewayValidationError):
        await gw.send(sale())


@pytest.mark.parametrize("code", ["500", "999"])
async def test_an_unexpected_error_is_unknown_on_every_protocol(gw: GatewayClient,
                                                                hostile: Hostile,
                                                                code: str) -> None:
    """errorCode 500 ("an unexpected error") or an unlisted one may follow a charge: over
    SOAP it was a SoapFault (nothing charged) while NVP and REST said unknown."""
    hostile.mode, hostile.refuse_code = "refuse", code
    await send_unknown(gw, hostile)


async def test_dripping_reply_ends_at_one_overall_deadline(gw: GatewayClient,
                                                           hostile: Hostile) -> None:
    """A byte every 0.2 s never trips the 1 s read timeout, so only the exchange's own
    deadline can end it: without one the 15 s guard fails the test. Nothing here reads a
    clock: a loaded machine that stalls the loop past the read timeout ends it by that
    timer instead, and staff are told the same "in time" either way."""
    hostile.mode, hostile.drip_interval = "drip", 0.2
    await send_unknown(gw, hostile, match="did not finish answering in time")
    assert hostile.body_bytes_written > 1  # it really was dripping when we gave up


async def peak_memory(work: Awaitable[object]) -> int:
    """The most memory Python held while ``work`` ran, in bytes."""
    tracemalloc.start()
    try:
        await work
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("mode", ["oversized", "oversized_declared"])
async def test_oversized_reply_is_unknown_and_never_read_whole(gw: GatewayClient,
                                                               hostile: Hostile,
                                                               mode: str) -> None:
    hostile.mode = mode
    peak = await peak_memory(send_unknown(gw, hostile, match="larger"))
    await asyncio.sleep(0.2)  # let the server notice the closed connection
    assert peak < 16 * MB, f"client peaked at {peak / MB:.1f} MB"
    assert hostile.body_bytes_written < 40 * MB, "the client kept reading a 200 MB reply"


async def test_undecodable_body_is_unknown(gw: GatewayClient, hostile: Hostile) -> None:
    hostile.mode = "gzip_garbage"  # httpx.DecodingError: once a traceback out of `pay`
    await send_unknown(gw, hostile, match="could not be read")


async def test_gzip_bomb_is_unknown_and_never_inflated_whole(gw: GatewayClient,
                                                             hostile: Hostile) -> None:
    hostile.mode = "gzip_bomb"  # 200 KB on the wire, 200 MB inflated (143 MB peak once)
    gzip_bomb()
    peak = await peak_memory(send_unknown(gw, hostile, match="larger"))
    assert peak < 16 * MB, f"client peaked at {peak / MB:.1f} MB"


async def test_a_gzipped_approval_is_still_an_approval(gw: GatewayClient,
                                                       hostile: Hostile) -> None:
    hostile.mode = "gzip_approve"
    outcome = await gw.send(sale())
    assert (outcome.status, outcome.approved) == (OutcomeStatus.APPROVED, Money(1000))


async def test_connection_reset_is_unknown(gw: GatewayClient, hostile: Hostile) -> None:
    hostile.mode = "reset"
    await send_unknown(gw, hostile, match="broke")


@pytest.mark.parametrize("case", list(AMBIGUOUS))
async def test_ambiguous_reply_is_unknown(gw: GatewayClient, hostile: Hostile,
                                          case: str) -> None:
    use(hostile, case)
    await send_unknown(gw, hostile)


async def test_ambiguous_receipt_is_unknown_not_absent(gw: GatewayClient,
                                                       hostile: Hostile) -> None:
    """A receipt (ViewReceipt by SSO token) is judged by the same rules: "not found" only
    when it says only that."""
    hostile.lookup, hostile.pairs = "pairs", [*approved(), ("errorCode", "404")]
    with pytest.raises(OutcomeUnknown):
        await gw.view_receipt(sso_token="TOKEN-HOSTILE-1")
    hostile.lookup = "not_found"
    with pytest.raises(GatewayNotFound):
        await gw.view_receipt(sso_token="TOKEN-HOSTILE-1")


@pytest.mark.parametrize("status,means", [
    ("NEW", "NEW"), ("EXPIRED", "EXPIRED"), ("expired", "EXPIRED"), ("complete", "COMPLETE"),
    ("COMPLETE", "COMPLETE"), ("USED", "COMPLETE"), ("EXPIRED ", None), ("PAID", None),
    ("", None)])
async def test_sso_token_status_is_listed_or_unknown(hostile: Hostile, status: str,
                                                     means: str | None) -> None:
    """Case-insensitive, as the sources spell it two ways; anything else is unknown."""
    hostile.token_status = status
    async with gateway_for(hostile.url, Protocol.SOAP11, read_timeout=READ) as gw:
        if means:
            assert await gw.sso_token_status("tok") == means
        else:
            with pytest.raises(OutcomeUnknown):
                await gw.sso_token_status("tok")
