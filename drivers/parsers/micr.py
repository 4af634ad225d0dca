"""E-13B MICR lines from check scanners: routing, account, check number, amount.

A US check reads, left to right: ``[⑈aux on-us⑈] ⑆routing⑆ account⑈ check# [⑇amount⑇]``.
Scanners report the four special symbols either as the Unicode OCR characters or as
ASCII letters, and vendors disagree on which letters: the symbol map is a table, chosen by
name or detected. A damaged character (most scanners send ``?``) is an error listing every
position, because guessing a digit of a routing or account number debits the wrong account.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from desktop_app.domain.check import BankAccount, aba_ok
from drivers.errors import MicrError


class Symbol(enum.Enum):
    TRANSIT = "transit"
    ON_US = "on_us"
    AMOUNT = "amount"
    DASH = "dash"


SYMBOL_SETS: dict[str, dict[str, Symbol]] = {
    # ISO 1004 / Unicode OCR block: what E-13B fonts and some SDKs emit.
    "unicode": {"⑆": Symbol.TRANSIT, "⑈": Symbol.ON_US, "⑇": Symbol.AMOUNT, "⑉": Symbol.DASH},
    # T/U/A/D: Transit, on-Us, Amount, Dash (common in scanner SDK text output).
    "TUAD": {"T": Symbol.TRANSIT, "U": Symbol.ON_US, "A": Symbol.AMOUNT, "D": Symbol.DASH},
    # A/B/C/D: the E-13B glyph order used by many reader firmwares (A transit, B amount,
    # C on-us, D dash).
    "ABCD": {"A": Symbol.TRANSIT, "B": Symbol.AMOUNT, "C": Symbol.ON_US, "D": Symbol.DASH},
    # MagTek Mini MICR / MICRSafe raw formats (MICRSafe manual 99875466, p. 53).
    "magtek_0000": {"T": Symbol.TRANSIT, "U": Symbol.ON_US, "$": Symbol.AMOUNT,
                    "-": Symbol.DASH},
    "magtek_0001": {"t": Symbol.TRANSIT, "o": Symbol.ON_US, "a": Symbol.AMOUNT,
                    "d": Symbol.DASH},
    "magtek_0002": {"T": Symbol.TRANSIT, "O": Symbol.ON_US, "A": Symbol.AMOUNT,
                    "D": Symbol.DASH},
}
DAMAGED = "?*"  # what readers put where they could not recognise a character


@dataclass(frozen=True)
class MicrLine:
    routing_number: str
    account_number: str = field(repr=False)
    check_number: str = ""
    auxiliary_on_us: str = ""
    amount_cents: int | None = None

    def bank_account(self) -> BankAccount:
        return BankAccount(self.routing_number, self.account_number, self.check_number)


def detect_symbols(line: str) -> str:
    """Name of the symbol set a line uses: lower-case t/o MagTek 0001, T with O MagTek 0002,
    T with $ or - MagTek 0000; else T or U means TUAD, B or C means ABCD."""
    if any(ch in SYMBOL_SETS["unicode"] for ch in line):
        return "unicode"
    if "t" in line or "o" in line:
        return "magtek_0001"
    if "T" in line and "O" in line:
        return "magtek_0002"
    if "T" in line and ("$" in line or "-" in line):
        return "magtek_0000"
    if any(ch in "TU" for ch in line):
        return "TUAD"
    if any(ch in "BC" for ch in line):
        return "ABCD"
    raise MicrError("MICR line", "no transit symbols; the check may be upside down or "
                                 "not a check")


def tokenize(line: str, symbols: str = "auto") -> list[Symbol | str]:
    """Symbols and digit runs; spaces separate runs, dashes do not. Damaged characters fail
    with every position, so staff can see whether rescanning could help."""
    table = SYMBOL_SETS[detect_symbols(line) if symbols == "auto" else symbols]
    damaged = tuple(i for i, ch in enumerate(line)
                    if ch not in table and ch != " " and not ("0" <= ch <= "9"))
    if damaged:
        reason = ("damaged characters" if all(line[i] in DAMAGED for i in damaged)
                  else "characters that are not MICR symbols")
        raise MicrError("MICR line", reason, damaged, hint="Rescan the check or key it")
    return _tokens(line, table)


def _tokens(line: str, table: dict[str, Symbol]) -> list[Symbol | str]:
    """Digit runs may hold damaged characters here; ``tokenize`` has refused them before."""
    tokens: list[Symbol | str] = []
    for ch in line:
        if table.get(ch) is Symbol.DASH:
            continue  # a dash only groups digits (routing, account): the run goes on
        if ch in table:
            tokens.append(table[ch])
        elif ch == " ":
            tokens.append(" ")
        elif tokens and isinstance(tokens[-1], str) and tokens[-1] != " ":
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return [t for t in tokens if t != " "]


def _between(tokens: list[Symbol | str], symbol: Symbol, what: str) -> tuple[str, int, int]:
    """Digits (dashes dropped) between the first pair of ``symbol``; start and end index."""
    try:
        start = tokens.index(symbol)
        end = tokens.index(symbol, start + 1)
    except ValueError:
        raise MicrError("MICR line", f"{what} is not enclosed by its symbols") from None
    inner = tokens[start + 1:end]
    if any(isinstance(t, Symbol) for t in inner):
        raise MicrError("MICR line", f"{what} contains an unexpected symbol")
    return "".join(t for t in inner if isinstance(t, str)), start, end


def _on_us(tokens: list[Symbol | str]) -> tuple[str, str]:
    """Account and check number from the on-us field: ``account⑈ check#`` or ``check# account⑈``."""
    if Symbol.ON_US not in tokens:
        raise MicrError("MICR line", "no on-us symbol after the account number")
    last = len(tokens) - 1 - tokens[::-1].index(Symbol.ON_US)
    before = [t for t in tokens[:last] if isinstance(t, str)]
    after = [t for t in tokens[last + 1:] if isinstance(t, str)]
    if not before:
        raise MicrError("MICR line", "account number missing")
    account = before[-1]
    check = after[0] if after else (before[-2] if len(before) > 1 else "")
    return account, check


def parse_micr(line: str, symbols: str = "auto") -> MicrLine:
    """The fields of a trusted line. A line that cannot be trusted raises ``MicrError`` with
    ``partial``: what it still says, ``?`` where a character was unreadable, so staff correct
    the line instead of keying it again (never sent as read)."""
    try:
        tokens = tokenize(line, symbols)
        micr = _fields(tokens)
    except MicrError as exc:
        exc.partial = read_partial(line, symbols)
        raise
    if not aba_ok(micr.routing_number):
        error = MicrError("MICR line", "routing number check digit does not match",
                          hint="Rescan the check or key it")
        error.partial = micr
        raise error
    return micr


def read_partial(line: str, symbols: str = "auto") -> MicrLine | None:
    """What a damaged line still says, or None when not even its layout can be read."""
    try:
        table = SYMBOL_SETS[detect_symbols(line) if symbols == "auto" else symbols]
        return _fields(_tokens("".join(ch if ch in table or ch == " " or ch.isdigit() else "?"
                                       for ch in line), table), strict=False)
    except MicrError:
        return None


def _fields(tokens: list[Symbol | str], *, strict: bool = True) -> MicrLine:
    routing, _, transit_end = _between(tokens, Symbol.TRANSIT, "Routing number")
    if strict and len(routing) != 9:
        raise MicrError("MICR line", "routing number is not 9 digits")
    aux = ""
    head = tokens[:tokens.index(Symbol.TRANSIT)]
    if head.count(Symbol.ON_US) >= 2:
        aux = _between(head, Symbol.ON_US, "Auxiliary on-us")[0]
    amount: int | None = None
    tail = tokens[transit_end + 1:]
    if Symbol.AMOUNT in tail:
        text, start, _ = _between(tail, Symbol.AMOUNT, "Amount")
        amount = int(text) if text.isdigit() else None
        tail = tail[:start]
    account, check = _on_us(tail)
    return MicrLine(routing, account, aux or check, aux, amount)


def encode_micr(micr: MicrLine, symbols: str = "unicode") -> str:
    """Inverse of ``parse_micr`` for simulators and tests (check number after the account)."""
    s = {v: k for k, v in SYMBOL_SETS[symbols].items()}
    aux = f"{s[Symbol.ON_US]}{micr.auxiliary_on_us}{s[Symbol.ON_US]} " if micr.auxiliary_on_us \
        else ""
    check = "" if micr.auxiliary_on_us else micr.check_number
    line = (f"{aux}{s[Symbol.TRANSIT]}{micr.routing_number}{s[Symbol.TRANSIT]} "
            f"{micr.account_number}{s[Symbol.ON_US]} {check}").rstrip()
    if micr.amount_cents is not None:
        line += f" {s[Symbol.AMOUNT]}{micr.amount_cents:010d}{s[Symbol.AMOUNT]}"
    return line
