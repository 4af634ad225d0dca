"""Cards saved on file: the token stands for the card; the PAN is not kept at all.

Only a card that passed every card rule can be saved, so charging a token needs just the
facts a reply shows (brand, BIN, last four, expiry) and the amount rules.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from desktop_app.sandbox.replies import CardFacts


@dataclass
class CardVault:
    cards: dict[tuple[str, str], CardFacts] = field(default_factory=dict)

    def save(self, account_id: str, card: CardFacts) -> str:
        token = uuid.uuid4().hex  # a saveOnFileTransactionID looks like a transaction ID
        self.cards[(account_id, token)] = card
        return token

    def get(self, account_id: str, token: str) -> CardFacts | None:
        return self.cards.get((account_id, token))
