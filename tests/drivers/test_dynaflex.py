"""DynaFlex over MMS: packets and messages byte for byte, and the driver over the fake HID
backend with the DynaFlex simulator on the device end."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Money, TenderKind
from desktop_app.sandbox.test_keys import decrypt_track
from drivers.capture import CaptureRequest, IssuerAnswer
from drivers.dynaflex import mms
from drivers.dynaflex.driver import DynaFlexReader
from drivers.dynaflex.mms import Command, Detail, Message, MsgType, Notice, Tech
from drivers.dynaflex.simulator import simulator_backend
from drivers.errors import (
    CardRemovedEarly,
    DeviceDisconnected,
    DeviceError,
    DeviceTimeout,
    ParseError,
)
from drivers.events import DeviceEventKind
from drivers.parsers import tlv
from drivers.parsers.tlv import Tlv
from drivers.sim_cards import SANDBOX_SCHEME
from drivers.transports.hid import HidTransport
from tests.drivers.cards import PAN, leaks

# MagTek's own reference strings (WebHID_Public docs/Demo_MQTT_MMS.md: CANCEL EMV, START EMV)
CANCEL_EMV = "AA0081040113100884021008"
START_EMV = ("AA008104010010018430100182013CA30981010182010183010184020003861A9C01009F0206"
             "0000000001009F03060000000000005F2A020840")


def test_the_reference_cancel_and_start_commands_decode_and_re_encode_byte_for_byte() -> None:
    for text in (CANCEL_EMV, START_EMV):
        message = mms.decode(bytes.fromhex(text))
        assert mms.encode(message).hex().upper() == text
    cancel = mms.decode(bytes.fromhex(CANCEL_EMV))
    assert (cancel.type, cancel.ref, cancel.id) == (MsgType.REQUEST, 0x13,
                                                    Command.CANCEL_TRANSACTION)
    assert mms.encode(mms.request(0x13, Command.CANCEL_TRANSACTION)).hex().upper() == CANCEL_EMV
    start = mms.decode(bytes.fromhex(START_EMV)).parameters()
    emv = mms.nested(start, "86")
    assert tlv.find(start, "82") == b"\x3c" and tlv.find(emv, "9F02") == bytes.fromhex(
        "000000000100") and tlv.find(emv, "5F2A") == bytes.fromhex("0840")


def test_a_short_message_is_one_zero_filled_single_packet() -> None:
    data = bytes.fromhex(CANCEL_EMV)
    (packet,) = mms.packets(data)
    assert packet == b"\x00\x0c" + data + bytes(64 - 2 - 12)


def test_a_long_message_is_head_middle_tail_and_reassembles() -> None:
    data = bytes(range(256)) * 2  # 512 bytes: head 59, middles of 61, a tail
    packets = mms.packets(data)
    assert all(len(p) == 64 for p in packets)
    assert packets[0][:5] == b"\x01\x00\x00\x02\x00" and packets[0][5:] == data[:59]
    assert packets[1][:3] == b"\x02\x00\x01" and packets[1][3:] == data[59:120]
    assert packets[-1][0] == mms.TAIL and packets[-1][1] == (512 - 59) - 61 * (len(packets) - 2)
    joined = mms.Reassembler()
    assert [joined.feed(p) for p in packets] == [None] * (len(packets) - 1) + [data]


def test_a_cancel_packet_mid_message_drops_it_and_the_next_message_is_whole() -> None:
    long, short = bytes(300), bytes.fromhex(CANCEL_EMV)
    first = mms.packets(long)
    joined = mms.Reassembler()
    out = [joined.feed(p) for p in [first[0], first[1], bytes([mms.CANCEL]) + bytes(63),
                                    *mms.packets(short)]]
    assert out == [None, None, None, short] and joined.dropped == 1


@given(st.lists(st.binary(max_size=70), max_size=12))
def test_any_reports_never_crash_the_reassembler_or_the_decoder(reports: list[bytes]) -> None:
    joined = mms.Reassembler()
    for report in reports:
        data = joined.feed(report)
        if data is not None:
            with contextlib.suppress(ParseError):
                mms.decode(data)


@given(st.binary(max_size=200))
def test_any_bytes_decode_or_raise_a_typed_error(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        mms.decode(data)


tags = st.sampled_from(["82", "84", "9F02", "DFDF59", "5F2A", "9C"])
items = st.lists(st.builds(Tlv, tags, st.binary(max_size=300)), max_size=4)


@given(st.sampled_from(list(MsgType)), st.integers(0, 255), st.integers(0, 0xFFFF), items)
def test_messages_round_trip_through_packets(kind: int, ref: int, ident: int,
                                             body: list[Tlv]) -> None:
    message = Message(kind, ref, ident, tuple(body))
    joined = mms.Reassembler()
    out = [joined.feed(p) for p in mms.packets(mms.encode(message))]
    assert out[-1] is not None and mms.decode(out[-1]) == message


# -- the driver against the simulator -------------------------------------------------------

async def open_reader(scenario: str) -> tuple[DynaFlexReader, object]:
    backend, sim = simulator_backend(scenario, tick_s=0.005)
    reader = DynaFlexReader(HidTransport(backend, 0x0801, 0x2020), scheme=SANDBOX_SCHEME)
    await reader.open()
    return reader, sim


def request(**kw: object) -> CaptureRequest:
    kw.setdefault("card_timeout_s", 1.0)
    return CaptureRequest(Money(2000), **kw)  # type: ignore[arg-type]


async def test_online_chip_sale_sends_the_issuer_answer_back_and_ends_at_the_batch() -> None:
    reader, sim = await open_reader("approved_chip")
    seen: list[DeviceEventKind] = []
    authorized = []

    async def authorize(tender):  # type: ignore[no-untyped-def]
        authorized.append(tender)
        return IssuerAnswer(True, tlv.encode([Tlv("91", bytes.fromhex("0102030405060708"))]))

    try:
        tender = await reader.capture(request(authorize=authorize),
                                      lambda kind, text: seen.append(kind))
    finally:
        await reader.close()
    assert tender.kind is TenderKind.CHIP and tender.encrypted is not None
    assert tender.emv_tags["8A"] == b"00".hex().upper() and tender.emv_tags["9F27"] == "40"
    assert decrypt_track(tender.encrypted.encrypted_track2, tender.encrypted.ksn).startswith(
        f";{PAN}=")
    assert not leaks(repr(tender)) and len(authorized) == 1
    sent = [m.id for m in sim.requests]  # type: ignore[attr-defined]
    assert sent == [Command.START_TRANSACTION, Command.RESUME_TRANSACTION]
    resume = mms.nested(sim.requests[1].parameters(), "84")  # type: ignore[attr-defined]
    assert tlv.find(resume, "8A") == b"00" and tlv.find(resume, "91") is not None
    assert seen[:2] == [DeviceEventKind.WAITING_FOR_CARD, DeviceEventKind.CARD_INSERTED]


async def test_an_ambiguous_answer_tells_the_reader_z3_never_approved() -> None:
    reader, sim = await open_reader("approved_chip")

    async def unknown(tender):  # type: ignore[no-untyped-def]
        return IssuerAnswer(None)

    try:
        tender = await reader.capture(request(authorize=unknown), lambda kind, text: None)
    finally:
        await reader.close()
    answer = mms.nested(sim.requests[1].parameters(), "84")  # type: ignore[attr-defined]
    assert tlv.find(answer, "8A") == b"Z3"
    assert tender.emv_tags["8A"] == b"Z3".hex().upper()


@pytest.mark.parametrize(("scenario", "error"), [
    ("card_removed_early", CardRemovedEarly), ("timeout", DeviceTimeout),
    ("device_unplugged", DeviceDisconnected)])
async def test_each_failure_is_a_clear_error_and_the_reader_is_told_to_cancel(
        scenario: str, error: type[DeviceError]) -> None:
    reader, sim = await open_reader(scenario)
    try:
        with pytest.raises(error) as info:
            await reader.capture(request(), lambda kind, text: None)
    finally:
        await reader.close()
    assert not leaks(str(info.value))
    ids = [m.id for m in sim.requests]  # type: ignore[attr-defined]
    if scenario != "device_unplugged":
        assert ids[-1] == Command.CANCEL_TRANSACTION


async def test_staff_cancel_mid_transaction_sends_cancel_transaction() -> None:
    reader, sim = await open_reader("timeout")
    # the card wait outlasts a loaded machine's scheduling: only staff's cancel ends it
    task = asyncio.create_task(reader.capture(request(card_timeout_s=30.0),
                                              lambda kind, text: None))
    for _ in range(200):
        await asyncio.sleep(0.005)
        if sim.requests:  # type: ignore[attr-defined]
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(200):
        await asyncio.sleep(0.005)
        if len(sim.requests) == 2:  # type: ignore[attr-defined]
            break
    await reader.close()
    assert [m.id for m in sim.requests] == [  # type: ignore[attr-defined]
        Command.START_TRANSACTION, Command.CANCEL_TRANSACTION]


async def test_noise_and_a_cancelled_message_between_notifications_are_survived() -> None:
    reader, _ = await open_reader("noisy_line")
    try:
        tender = await reader.capture(request(), lambda kind, text: None)
    finally:
        await reader.close()
    assert tender.kind is TenderKind.CHIP and reader.reassembler.dropped >= 1


async def test_a_bad_read_starts_the_transaction_again() -> None:
    reader, sim = await open_reader("bad_read")
    seen: list[DeviceEventKind] = []
    try:
        tender = await reader.capture(request(), lambda kind, text: seen.append(kind))
    finally:
        await reader.close()
    assert tender.kind is TenderKind.SWIPE and DeviceEventKind.BAD_READ in seen
    assert [m.id for m in sim.requests].count(Command.START_TRANSACTION) == 2  # type: ignore


def test_notification_status_bytes_read_as_technology_and_detail() -> None:
    note = mms.notification(Notice.TRANSACTION_STATUS, Tech.CONTACT, Detail.ARQC)
    raw = mms.encode(note)
    assert raw.hex().upper() == "AA00810483000101820410080202"
    back = mms.decode(raw)
    assert (back.tech, back.detail) == (Tech.CONTACT, Detail.ARQC)


async def test_a_plugged_in_dynaflex_is_discovered_by_its_usb_ids_and_sells() -> None:
    from drivers.manager import DeviceManager

    backend, _sim = simulator_backend("approved_chip", tick_s=0.005)
    manager = DeviceManager(hid_backend=backend)
    try:
        found = {d.address: d for d in await manager.initialize()}
        assert found["hid:0801:2020"].model == "MagTek DynaFlex"
        device = manager.device("hid:0801:2020")
        assert isinstance(device, DynaFlexReader)
        device.scheme = SANDBOX_SCHEME
        tender = await manager.process_transaction(request(), device="hid:0801:2020")
        assert tender.kind is TenderKind.CHIP
    finally:
        await manager.close()


def test_a_ui_display_message_text_is_read_where_the_reference_code_reads_it() -> None:
    raw = mms.encode(mms.display_message("ENTER PIN"))
    assert raw[8 + 22:] == b"ENTER PIN"  # TLVData starts at byte 8; text at its byte 22
    assert mms.display_text(mms.decode(raw)) == "ENTER PIN"
