"""``main.py pay <operation>``: one gateway operation, headless, for IT, support and tests.

Card and account numbers are read from standard input, never from arguments: shells keep
history and process lists show arguments to other users.

Whatever happens, ``pay`` exits 0, 2, 3 or 4 with one line (README "Command line"); an
unexpected failure is never a traceback, and it is 3 (nothing charged) only when the
journal shows the request never left or already failed for good; otherwise it is 4.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import NoReturn

from desktop_app.bootstrap import open_runtime
from desktop_app.cli.output import emit_error, emit_outcome, one_line, plain_help
from desktop_app.domain import (
    BankAccount,
    CardData,
    FrontDeskError,
    Money,
    Outcome,
    PaymentRequest,
    SavedCard,
    Tender,
    TenderKind,
    TransactionKind,
)
from desktop_app.gateway import Protocol
from desktop_app.services.runtime import Runtime

log = logging.getLogger(__name__)

OPERATIONS = {
    "sale": TransactionKind.SALE,
    "auth": TransactionKind.AUTHORIZATION,
    "capture": TransactionKind.CAPTURE,
    "refund": TransactionKind.REFUND,
    "simple-refund": TransactionKind.SIMPLE_REFUND,
    "void": TransactionKind.VOID,
    "save-card": TransactionKind.SAVE_ON_FILE,
    "charge-saved": TransactionKind.CHARGE_SAVED_CARD,
    "echeck": TransactionKind.ECHECK_SALE,
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pay", help="run one payment operation against the gateway",
                       description=plain_help(__doc__),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("operation", choices=sorted(OPERATIONS))
    p.add_argument("--amount", help="dollars and cents, e.g. 12.34")
    p.add_argument("--card", help="keyed: read 'PAN MM/YY [CVV]' from stdin; saved: read a "
                   "saved-card token from stdin; sim:<scenario>: a simulated reader")
    p.add_argument("--check", choices=["present", "not-present"],
                   help="eCheck: read 'ROUTING ACCOUNT [CHECK#]' from stdin")
    p.add_argument("--transaction-id", help="the original transaction (capture, void, refunds)")
    p.add_argument("--patient", default="", help="patient or account reference")
    p.add_argument("--protocol", choices=[x.value for x in Protocol])
    p.add_argument("--gateway", metavar="URL", help="a running gateway instead of the "
                   "in-process sandbox")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=run)
    p.error = _usage_error  # type: ignore[method-assign]


def _usage_error(message: str) -> NoReturn:
    """argparse would print two lines and exit 2, which ``pay`` means as "declined"."""
    print(f"Error: {one_line(message)} (see main.py pay --help)", file=sys.stderr)
    raise SystemExit(3)


def _read_line(what: str) -> str:
    if sys.stdin.isatty():
        sys.stderr.write(f"{what}: ")
        sys.stderr.flush()
    line = sys.stdin.readline().strip()
    if not line:
        raise FrontDeskError(f"Expected {what} on standard input")
    return line


async def tender_from_simulator(scenario: str, amount: Money | None,
                                waiting: Callable[[], None] = lambda: None) -> Tender:
    """A simulated reader, through the same DeviceManager path a real one takes;
    ``waiting`` is called once the reader is found and waits for the card."""
    from drivers.capture import CaptureRequest, DeviceState
    from drivers.manager import DeviceManager
    from drivers.simulated import READER_SCENARIOS

    if amount is None:
        raise FrontDeskError("A simulated reader needs --amount to show on the reader")
    manager = DeviceManager(simulators=[scenario])
    try:
        found = {d.address: d for d in await manager.initialize()}
        info = found.get(f"sim:{scenario}")
        if info is None or info.state is DeviceState.REMOVED:
            raise FrontDeskError(f"No card reader simulator {scenario!r}. Known: "
                                 f"{', '.join(sorted(READER_SCENARIOS))}")
        waiting()
        return await manager.process_transaction(CaptureRequest(amount, card_timeout_s=30),
                                                 device=f"sim:{scenario}")
    finally:
        await manager.close()


async def _tender(args: argparse.Namespace) -> Tender | None:
    if args.check:
        parts = _read_line("routing account [check number]").split()
        if len(parts) not in (2, 3):
            raise FrontDeskError("Expected: routing number, account number, optional check #")
        bank = BankAccount(parts[0], parts[1], parts[2] if len(parts) == 3 else "")
        kind = TenderKind.CHECK_PRESENT if args.check == "present" else \
            TenderKind.CHECK_NOT_PRESENT
        return Tender(kind, bank_account=bank)
    if args.card == "keyed":
        return Tender.keyed(CardData.from_keyed_line(_read_line("card number MM/YY [CVV]")))
    if args.card == "saved":
        token = _read_line("saved-card token")
        return Tender(TenderKind.SAVED_CARD, saved_card=SavedCard(token, "", ""))
    if args.card and args.card.startswith("sim:"):
        amount = Money.parse(args.amount) if args.amount else None
        return await tender_from_simulator(args.card.removeprefix("sim:"), amount,
                                           waiting=_say_waiting_for_card)
    if args.card:
        raise FrontDeskError("--card must be keyed, saved or sim:<scenario>")
    return None


def _say_waiting_for_card() -> None:
    """Up to 30 s with nothing on screen looks like a hang: at a terminal (only there, like
    the prompts above, so a script still reads one line) say what it waits for and how to
    stop it."""
    if sys.stderr.isatty():
        print("Waiting for the card on the reader (Ctrl+C stops)...", file=sys.stderr,
              flush=True)


async def build_request(args: argparse.Namespace) -> PaymentRequest:
    return PaymentRequest(
        OPERATIONS[args.operation],
        amount=Money.parse(args.amount) if args.amount else None,
        tender=await _tender(args),
        transaction_id=args.transaction_id,
        patient_id=args.patient,
    )


async def run(args: argparse.Namespace) -> int:
    outcome: Outcome | None = None
    try:
        request = await build_request(args)
        protocol = Protocol(args.protocol) if args.protocol else None
        async with open_runtime(gateway_url=args.gateway, protocol=protocol) as rt:
            outcome = await _pay(rt, request)
    except Exception as exc:
        if outcome is None:  # it never left, or its failure is final (see _pay)
            return emit_error(_for_staff(exc), as_json=args.json)
        log.warning("closing down after the payment failed: %s", type(exc).__name__)
    return emit_outcome(outcome, as_json=args.json)


async def _pay(rt: Runtime, request: PaymentRequest) -> Outcome:
    """The payment's outcome; after any failure, UNKNOWN while the journal says it may have
    left (a journal write failing after the gateway answered, a bug), else the failure."""
    try:
        return await rt.payments.process(request)
    except Exception as exc:
        if not isinstance(exc, FrontDeskError):
            log.exception("pay %s failed unexpectedly", request.kind.value)
        unknown = await rt.payments.after_failure(request)
        if unknown is None:
            raise
        return unknown


def _for_staff(exc: Exception) -> FrontDeskError:
    if isinstance(exc, FrontDeskError):
        return exc
    if logging.getLogger().handlers:  # the log file; never Python's last-resort stderr
        log.error("pay failed before anything was sent: %s", type(exc).__name__,
                  exc_info=exc)
    return FrontDeskError("The payment could not be started; nothing was charged. The log "
                          "has the details for IT.")
