"""EOD Posting File 1.0: the reader (layout P-eod10, resources/protocol/eod.json), the
sandbox's writer for its ledger, and the file fetched from a real SFTP posting server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Money
from desktop_app.posting.config import PostingTarget
from desktop_app.posting.eod_file import EodFileError, parse
from desktop_app.posting.sftp import connect_sftp
from desktop_app.posting.transfer import download
from desktop_app.sandbox.accounts import DEMO_ACCOUNT
from desktop_app.sandbox.eod_file import eod_file, write_day
from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.sandbox.posting_servers import SandboxSftpServer
from tests.posting.conftest import PASSWORD, USER


def fields(**changes: str) -> list[str]:
    """One detail line's 27 fields, in P-eod10's order."""
    values = ["IMDPA10", "6011000551245", "001", "002", "CreditCard", "AuthCapt", "42.00",
              "VISA", "a1b2c3", "123456", "20261203101500", "C", "Doe", "Jane", "", "MRN-7",
              "", "", "", "", "", "FDP-REF-1", "", "", "", "", ""]
    names = ["record_id", "merchant_id", "store_id", "terminal_id", "transaction_type",
             "transaction_action", "amount", "card_type", "transaction_id", "authorization",
             "transaction_date", "status"]
    for name, text in changes.items():
        values[names.index(name)] = text
    return values


def line(**changes: str) -> bytes:
    return "|".join(fields(**changes)).encode()


def test_a_detail_line_reads_into_its_fields() -> None:
    (row,) = parse(line() + b"\r\n")
    assert (row.line, row.transaction_id, row.get("status"), row.get("amount")) == (
        1, "a1b2c3", "C", "42.00")
    assert row.additional_info("additionalInfo1") == "FDP-REF-1"
    assert row.additional_info("additional_info_1") == "FDP-REF-1"
    assert row.get("patient_account_number") == "MRN-7"


def test_blank_lines_a_bom_and_later_versions_columns_are_tolerated() -> None:
    later = "|".join([*fields(record_id="IMDPA14", transaction_id="t2"), "user@x", "TC1"])
    rows = parse(b"\xef\xbb\xbf" + line() + b"\n\n" + later.encode() + b"\n")
    assert [r.transaction_id for r in rows] == ["a1b2c3", "t2"]
    assert rows[1].extra == ("user@x", "TC1") and rows[1].line == 3


@pytest.mark.parametrize(("body", "where", "why"), [
    (b"Record ID|Merchant ID\n", 1, "IMDPA record ID"),
    (line() + b"\nIMDPA10|6011000551245|001\n", 2, "3 fields where 27"),
    (line(amount="4,200.00"), 1, "field 7 (Amount)"),
    (line(amount="-1.00"), 1, "field 7 (Amount)"),
    (line(transaction_date="20261340101500"), 1, "field 11 (Transaction Date)"),
    (line(transaction_id=""), 1, "field 9 (Transaction ID) is empty"),
    (line(status="X" * 11), 1, "field 12 (Transaction Status Code) is longer than 10"),
    (b"H|20261203|1234\n", 1, "IMDPA record ID"),  # a 1.2.2 header: not this layout
])
def test_malformed_input_is_refused_with_its_line_number(body: bytes, where: int,
                                                         why: str) -> None:
    with pytest.raises(EodFileError) as caught:
        parse(body)
    assert caught.value.line == where and why in caught.value.reason
    assert f"line {where}" in str(caught.value) and "Nothing was settled" in str(caught.value)


def test_an_error_never_repeats_what_the_line_held() -> None:
    with pytest.raises(EodFileError) as caught:
        parse(line(amount="Jane Doe owes"))
    assert "Jane" not in str(caught.value) and "Doe" not in str(caught.value)


@given(st.binary(max_size=600))
def test_any_bytes_give_rows_or_a_clear_error(data: bytes) -> None:
    try:
        parse(data)
    except EodFileError as exc:
        assert exc.line >= 1


@given(st.lists(st.text(alphabet="IMDPA10|CD.0123456789\r\n", max_size=60), max_size=8))
def test_near_misses_give_rows_or_a_clear_error(parts: list[str]) -> None:
    try:
        parse("".join(parts).encode())
    except EodFileError as exc:
        assert exc.line >= 1


def entry(txn: str, kind: str, approved: int, requested: int | None, code: str = "000",
          **more: object) -> LedgerEntry:
    return LedgerEntry(
        account_id=DEMO_ACCOUNT.account_id, transaction_id=txn, kind=kind,
        transaction_type="CreditCard", action="AuthCapt",
        requested=Money(requested) if requested is not None else None,
        approved=Money(approved), response_code=code,
        timestamp=datetime(2026, 12, 3, 10, 15, tzinfo=UTC), reply={"auth_code": "A1"},
        card_brand="VISA", **more)  # type: ignore[arg-type]


def test_the_sandbox_writes_its_day_in_the_layout_the_reader_reads() -> None:
    entries = [
        entry("t1", "sale", 4200, 4200, additional_info={"additional_info_1": "FDP-1|x"}),
        entry("t2", "sale", 2505, 5010, code="010"),
        entry("t3", "sale", 0, 2000, code="005"),
        entry("t4", "simple_refund", 1000, 1000),
        entry("t5", "save_on_file", 0, None),                    # moves no money: not posted
        entry("t6", "sale", 900, 900, voided=Money(900)),
    ]
    day = datetime(2026, 12, 3, tzinfo=UTC).date()
    data = eod_file(entries, DEMO_ACCOUNT, day)
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == 5
    rows = {r.transaction_id: r for r in parse(data)}
    assert [(t, rows[t].get("status"), rows[t].get("amount")) for t in rows] == [
        ("t1", "C", "42.00"), ("t2", "C", "25.05"), ("t3", "D", "20.00"), ("t4", "C", "10.00"),
        ("t6", "V", "9.00")]
    assert rows["t4"].get("transaction_action") == "Credit"
    assert rows["t1"].additional_info("additionalInfo1") == "FDP-1 x"  # '|' written as space
    assert rows["t1"].get("transaction_date") == "20261203101500"
    assert eod_file(entries, DEMO_ACCOUNT, day.replace(day=4)) == b""


async def test_the_days_file_is_fetched_from_the_sftp_posting_site(
        sftp_server: SandboxSftpServer, tmp_path: Path) -> None:
    day = datetime(2026, 12, 3, tzinfo=UTC).date()
    home = sftp_server.accounts.home(sftp_server.root, USER)
    written = write_day([entry("t1", "sale", 4200, 4200)], DEMO_ACCOUNT, day, home)
    assert written.name == "EOD_6011000551245_20261203.txt"
    assert not list(written.parent.glob(".*.part"))
    target = PostingTarget("sftp", "127.0.0.1", sftp_server.password_port, USER, "/eod")
    files = await connect_sftp(target, tmp_path / "pins.json", trust_new_host=True,
                               password=PASSWORD)
    try:
        names = [e.name for e in await files.listdir("/eod")]
        await download(files, "/eod", written.name, tmp_path / "in")
    finally:
        await files.close()
    assert names == [written.name]
    (row,) = parse((tmp_path / "in" / written.name).read_bytes())
    assert (row.transaction_id, row.get("status")) == ("t1", "C")
