"""Money as integer minor units. Floats are refused outright: 0.1 + 0.2 is not a copay."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from desktop_app.domain.errors import ValidationError

_CENT = Decimal("0.01")
_LIMIT = Decimal(10) ** 13  # far above any clinic bill; keeps quantize() in range


@dataclass(frozen=True, order=True)
class Money:
    """An amount in cents of one currency (USD unless told otherwise)."""

    cents: int
    currency: str = "USD"

    def __post_init__(self) -> None:
        if isinstance(self.cents, bool) or not isinstance(self.cents, int):
            raise ValidationError(f"Money needs whole cents, got {type(self.cents).__name__}")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise ValidationError(f"Unknown currency code {self.currency!r}")

    @classmethod
    def parse(cls, value: str | Decimal | int, currency: str = "USD") -> Money:
        """Dollars from text or Decimal ("12.34", "$1,200.00"); an int means whole dollars.

        More than two decimal places is an error, never a silent rounding.
        """
        if isinstance(value, float):
            raise ValidationError("Amounts must not be floats; pass text or Decimal")
        if isinstance(value, bool):
            raise ValidationError("Amount is not a number")
        if isinstance(value, int):
            return cls(value * 100, currency)
        if isinstance(value, str):
            text = value.strip().replace(",", "").removeprefix("$")
            try:
                value = Decimal(text)
            except InvalidOperation:
                raise ValidationError(f"{value!r} is not an amount") from None
        if not value.is_finite():
            raise ValidationError("Amount is not a number")
        if abs(value) >= _LIMIT:
            raise ValidationError(f"{value} is too large to be an amount")
        if value != value.quantize(_CENT, rounding=ROUND_HALF_EVEN):
            raise ValidationError(f"{value} has more than two decimal places")
        return cls(int(value * 100), currency)

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(0, currency)

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.cents) / 100).quantize(_CENT)

    def wire(self) -> str:
        """The gateway's form: "12.34", no currency sign, no grouping."""
        return str(self.amount)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise ValidationError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.cents - other.cents, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.cents, self.currency)

    def __bool__(self) -> bool:
        return self.cents != 0

    @property
    def is_positive(self) -> bool:
        return self.cents > 0

    def __str__(self) -> str:
        sign = "-" if self.cents < 0 else ""
        symbol = "$" if self.currency == "USD" else f"{self.currency} "
        return f"{sign}{symbol}{abs(self.amount):,.2f}"
