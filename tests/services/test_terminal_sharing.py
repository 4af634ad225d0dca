"""Two PCs on one terminal ID: a set-up mistake by default (each PC its own ID, as the
gateway expects), or desks taking turns when IT allows sharing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.services.payments import PaymentService, TerminalBusy, TerminalIdInUse
from desktop_app.services.reconcile import Reconciler
from desktop_app.settings import Settings
from desktop_app.store import Journal
from desktop_app.store.identity import Origin
from tests.conftest import gateway_for, sandbox_admin

VISA = CardData("4111111111111111", 12, 2030)


def sale() -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse("10.00"),
                          tender=Tender.keyed(VISA))


@pytest.fixture
async def two_desks(sandbox: object, journal_target: str, request: pytest.FixtureRequest
                    ) -> AsyncIterator[list[PaymentService]]:
    await sandbox_admin(sandbox, "POST", "/sandbox/faults", json={
        "mode": "delay", "delay": 1.0, "count": 1, "match": {"transactionAction": "AuthCapt"}})
    services = []
    for i in range(2):
        journal = await Journal(journal_target, Origin(f"desk{i}", f"FRONT-{i}")).open()
        gateway = gateway_for(sandbox.url, read_timeout=10.0)  # type: ignore[attr-defined]
        reconciler = Reconciler(gateway, journal, settle_after=timedelta(seconds=60))
        services.append(PaymentService(gateway, journal, reconciler,
                                       terminal_shared=request.param))
    yield services
    for service in services:
        await service.gateway.aclose()
        await service.journal.close()


async def _second_while_first_is_with_the_gateway(desks: list[PaymentService]
                                                  ) -> TerminalBusy:
    first = asyncio.ensure_future(desks[0].process(sale()))
    await asyncio.sleep(0.4)  # the first sale holds the terminal and waits on the gateway
    with pytest.raises(TerminalBusy) as caught:
        await desks[1].process(sale())
    assert (await first).status.is_success
    return caught.value


@pytest.mark.parametrize("two_desks", [False], indirect=True)
async def test_by_default_another_pc_on_this_terminal_id_is_a_set_up_mistake(
        two_desks: list[PaymentService]) -> None:
    busy = await _second_while_first_is_with_the_gateway(two_desks)
    assert isinstance(busy, TerminalIdInUse)
    assert "FRONT-0" in str(busy) and "its own terminal ID" in str(busy)
    assert Settings().terminal_shared is False


@pytest.mark.parametrize("two_desks", [True], indirect=True)
async def test_with_sharing_allowed_the_desks_take_turns(two_desks: list[PaymentService]
                                                         ) -> None:
    busy = await _second_while_first_is_with_the_gateway(two_desks)
    assert not isinstance(busy, TerminalIdInUse)
    assert "FRONT-0" in str(busy) and "Try again" in str(busy)
    assert (await two_desks[1].process(sale())).status.is_success  # its turn now
