"""The PIN-pad driver against its simulator over a real pty pair and a loopback socket."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import EntryMode, Money, TenderKind
from drivers.capture import CaptureRequest
from drivers.errors import (
    CardRemovedEarly,
    DeviceDisconnected,
    DeviceTimeout,
    ParseError,
)
from drivers.events import DeviceEventKind as E
from drivers.pinpad import messages as m
from tests.drivers.cards import PAN
from tests.drivers.conftest import PadFactory

REQUEST = CaptureRequest(Money(12345), card_timeout_s=2.0)


class Recorder:
    def __init__(self) -> None:
        self.kinds: list[E] = []

    def __call__(self, kind: E, message: str = "") -> None:
        self.kinds.append(kind)


@pytest.mark.parametrize(("scenario", "kind", "mode"), [
    ("approved_chip", TenderKind.CHIP, EntryMode.CHIP),
    ("contactless", TenderKind.CONTACTLESS, EntryMode.CONTACTLESS),
    ("swipe", TenderKind.SWIPE, EntryMode.SWIPED),
    ("chip_failure_fallback", TenderKind.SWIPE, EntryMode.FALLBACK_SWIPE),
    ("bad_read", TenderKind.SWIPE, EntryMode.SWIPED),
    ("noisy_line", TenderKind.CHIP, EntryMode.CHIP),
    ("keyed_on_pad", TenderKind.KEYED, EntryMode.KEYED),
])
async def test_scenario_captures_the_card(pad_factory: PadFactory, over: str, scenario: str,
                                          kind: TenderKind, mode: EntryMode) -> None:
    pad, _ = await pad_factory(scenario, over)
    events = Recorder()
    tender = await pad.capture(REQUEST, events)
    assert (tender.kind, tender.entry_mode) == (kind, mode)
    assert tender.card is not None and tender.card.pan == PAN
    assert events.kinds[0] is E.WAITING_FOR_CARD
    if kind in (TenderKind.CHIP, TenderKind.CONTACTLESS):
        assert tender.emv_tags["4F"] == "A0000000031010" and "5A" not in tender.emv_tags
        assert "57" not in tender.emv_tags


async def test_chip_failure_prompts_swipe_and_restarts_swipe_only(pad_factory: PadFactory,
                                                                  over: str) -> None:
    pad, sims = await pad_factory("chip_failure_fallback", over)
    events = Recorder()
    await pad.capture(REQUEST, events)
    starts = [x for x in sims[0].received if isinstance(x, m.StartTransaction)]
    assert [s.modes for s in starts] == ["CTS", "S"]
    assert E.BAD_READ in events.kinds
    assert any(isinstance(x, m.Display) for x in sims[0].received)


async def test_card_removed_early_is_a_clear_error(pad_factory: PadFactory, over: str) -> None:
    pad, _ = await pad_factory("card_removed_early", over)
    with pytest.raises(CardRemovedEarly, match="insert it again"):
        await pad.capture(REQUEST, Recorder())


async def test_timeout_cancels_the_pad_back_to_idle(pad_factory: PadFactory, over: str) -> None:
    pad, sims = await pad_factory("timeout", over)
    request = CaptureRequest(Money(500), card_timeout_s=0.2)
    with pytest.raises(DeviceTimeout, match="No card was presented"):
        await pad.capture(request, Recorder())
    await asyncio.sleep(0.05)
    assert isinstance(sims[0].received[-1], m.Cancel)


async def test_cancelling_the_task_sends_cancel(pad_factory: PadFactory, over: str) -> None:
    pad, sims = await pad_factory("timeout", over)
    task = asyncio.create_task(pad.capture(REQUEST, Recorder()))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.05)
    assert isinstance(sims[0].received[-1], m.Cancel)


async def test_unplugged_mid_transaction(pad_factory: PadFactory, over: str) -> None:
    pad, _ = await pad_factory("device_unplugged", over)
    with pytest.raises(DeviceDisconnected, match="nothing was charged"):
        await pad.capture(REQUEST, Recorder())


messages = st.one_of(
    st.builds(m.StartTransaction, st.integers(0, 10**9), st.sampled_from(["840", "124"]),
              st.sampled_from(["CTS", "S", "CTSK"]), st.text("0123456789", max_size=6)),
    st.just(m.Cancel()),
    st.builds(m.Display, st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                                 max_size=32)),
    st.builds(m.CardStatus, st.sampled_from(m.PadStatus)),
    st.builds(m.CardResult, st.sampled_from(m.Entry), st.text("0123456789ABCDEF", max_size=40),
              st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)),
)


@given(messages)
def test_messages_round_trip(message: m.PadMessage) -> None:
    assert m.decode(m.encode(message)) == message


@given(st.binary(max_size=100))
def test_any_payload_decodes_or_raises_parse_error(payload: bytes) -> None:
    with contextlib.suppress(ParseError):
        m.decode(payload)


async def test_chip_track2_equivalent_has_the_swiped_track_form(pad_factory: PadFactory) -> None:
    from drivers.parsers.tracks import parse_track2

    pad, _ = await pad_factory("approved_chip", "pty")
    tender = await pad.capture(REQUEST, Recorder())
    assert tender.card is not None and tender.card.track2 is not None
    assert parse_track2(tender.card.track2).pan == PAN
