"""Test cards and amounts: what the sandbox answers, decided only by the request.

Checked in this order; the first rule that matches gives the response code.

Cards (any future expiry, any CVV unless a CVV rule applies):

    ==================  =====  ===========================================
    card number          code   meaning
    ==================  =====  ===========================================
    4111111111111111     000    Visa, approved
    5555555555554444     000    Mastercard, approved
    378282246310005      000    Amex, approved
    6011000990139424     000    Discover, approved
    4012888888881881     000    Visa, approved
    any failing Luhn     014    Invalid card number
    expiry in the past   054    Expired card
    4000000000000002     001    Declined
    4000000000009995     051    Insufficient funds
    CVV "999"            082    Security code does not match
    ==================  =====  ===========================================

Amounts (card sales, authorizations, saved-card sales, hosted-page payments):

    cents .96 (e.g. 0.96, 12.96)  096  Gateway system error; nothing was charged
    cents .51 (e.g. 20.51)        005  Do not honor
    cents .10 (e.g. 50.10)        010  Partially approved: half, rounded down to the
                                       cent (50.10 → 25.05), in ``approvedAmount``

The rules never collide with the balance they leave: half of an amount ending .10 leaves a
balance ending .05 or .55 (50.10 → 25.05, 51.10 → 25.55), which no amount rule touches, so a
trainee's second tender is approved in full. (Do not honor used to be .05, and every balance
of an even-dollar .10 amount was then declined.) InstaMed's own test interface also keys its
answers off the requested amount (P-test in resources/protocol/gateway.json); its amount table
is not public in full, so these amounts are the sandbox's.

eChecks: account number ending 0001 → R01 (declined); amount cents .96 → 096.
Refunds with a card follow the card rules but never partially approve.
Any other valid card number passes (brand "OTHER" if not recognised).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain import Money
from desktop_app.domain.card import luhn_ok
from desktop_app.sandbox.validation import BankInput, CardInput

APPROVED = "000"
PARTIAL = "010"
DECLINED = "001"
DO_NOT_HONOR = "005"
INVALID_CARD = "014"
INSUFFICIENT = "051"
EXPIRED = "054"
CVV_MISMATCH = "082"
SYSTEM_ERROR = "096"
CHECK_RETURNED = "R01"

APPROVING_CARDS = ("4111111111111111", "5555555555554444", "378282246310005",
                   "6011000990139424", "4012888888881881")
DECLINING_CARDS = {"4000000000000002": DECLINED, "4000000000009995": INSUFFICIENT}
BAD_CVV = "999"
# the cents an amount ends in (see the table above)
SYSTEM_ERROR_CENTS, DO_NOT_HONOR_CENTS, PARTIAL_CENTS = 96, 51, 10


@dataclass(frozen=True)
class Decision:
    code: str
    approved: Money

    @property
    def is_approved(self) -> bool:
        return self.code in (APPROVED, PARTIAL)


def card_code(card: CardInput, now: datetime) -> str:
    """The card's own verdict (Luhn, expiry, test declines, CVV); 000 if it may be charged."""
    if not luhn_ok(card.pan):
        return INVALID_CARD
    if (card.exp_year, card.exp_month) < (now.year, now.month):
        return EXPIRED
    if card.pan in DECLINING_CARDS:
        return DECLINING_CARDS[card.pan]
    if card.cvv == BAD_CVV:
        return CVV_MISMATCH
    return APPROVED


def amount_decision(amount: Money, allow_partial: bool = True) -> Decision:
    """The amount rules: .96 system error, .51 do not honor, .10 half approved."""
    cents = amount.cents % 100
    if cents == SYSTEM_ERROR_CENTS:
        return Decision(SYSTEM_ERROR, Money.zero())
    if cents == DO_NOT_HONOR_CENTS:
        return Decision(DO_NOT_HONOR, Money.zero())
    if cents == PARTIAL_CENTS and allow_partial:
        return Decision(PARTIAL, Money(amount.cents // 2))
    return Decision(APPROVED, amount)


def decide_card(card: CardInput, amount: Money, now: datetime,
                allow_partial: bool = True) -> Decision:
    code = card_code(card, now)
    if code != APPROVED:
        return Decision(code, Money.zero())
    return amount_decision(amount, allow_partial)


def decide_check(bank: BankInput, amount: Money) -> Decision:
    if bank.account.endswith("0001"):
        return Decision(CHECK_RETURNED, Money.zero())
    if amount.cents % 100 == SYSTEM_ERROR_CENTS:
        return Decision(SYSTEM_ERROR, Money.zero())
    return Decision(APPROVED, amount)
