"""A payment plan's schedule: how a balance splits into payments, and when each falls due.

DoPaymentPlanCreate takes one ``PaymentAmount`` for every payment, so what does not divide
evenly has to go somewhere: each payment is the even share rounded down to the cent and the
last one carries the remaining cents (100.00 in 3: 33.33, 33.33, 33.34). The last payment is
never smaller than the others and exceeds them by less than one cent per payment. Where the
real gateway puts the remainder is not public (soap.json ``plan_values``): this is our rule,
and the sandbox follows it.
"""

from __future__ import annotations

import calendar
import enum
from datetime import date, timedelta

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.money import Money

MIN_PAYMENTS = 2
MAX_PAYMENTS = 120


class Frequency(enum.Enum):
    WEEKLY = "weekly"
    EVERY_TWO_WEEKS = "every_two_weeks"
    MONTHLY = "monthly"


def split(total: Money, payments: int) -> tuple[Money, Money]:
    """(each payment but the last, the last payment)."""
    if not MIN_PAYMENTS <= payments <= MAX_PAYMENTS:
        raise ValidationError(f"A plan has from {MIN_PAYMENTS} to {MAX_PAYMENTS} payments.")
    if total.cents < payments:
        raise ValidationError("The balance is too small to split into that many payments.")
    each = total.cents // payments
    return (Money(each, total.currency),
            Money(total.cents - each * (payments - 1), total.currency))


def due_date(start: date, frequency: Frequency, n: int) -> date:
    """The date of payment ``n`` (0: the first, on ``start``). A monthly plan keeps its day of
    the month, or takes the month's last day when the month is shorter (31 Jan → 28 Feb)."""
    if frequency is Frequency.MONTHLY:
        months = start.month - 1 + n
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    days = 7 if frequency is Frequency.WEEKLY else 14
    return start + timedelta(days=days * n)


def schedule(total: Money, payments: int, frequency: Frequency, start: date
             ) -> list[tuple[date, Money]]:
    """Every payment with its date, the remainder on the last."""
    each, last = split(total, payments)
    return [(due_date(start, frequency, n), last if n == payments - 1 else each)
            for n in range(payments)]
