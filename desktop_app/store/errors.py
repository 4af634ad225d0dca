"""Store errors, in words the desk can act on; the technical cause goes to the log.

``JournalUnavailable`` is raised for any database failure that is not our own bug (server
down, connection dropped, disk full, file locked): callers decide what it means for money.
Before a request leaves, it means nothing was charged; after, the payment is unknown.
"""

from __future__ import annotations

from desktop_app.domain.errors import FrontDeskError

JOURNAL_DOWN = ("The payment journal (database) cannot be reached, so nothing new can be "
                "recorded. Ask IT to check the journal database; payments already taken are "
                "kept at the gateway.")


class JournalUnavailable(FrontDeskError):
    """The journal's database failed or cannot be reached."""

    def __init__(self, message: str = JOURNAL_DOWN, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # the driver's words, for the log (no card data reaches SQL)


class IntegrityError(Exception):
    """A uniqueness or constraint violation, whichever backend raised it."""


class TerminalOccupied(Exception):
    """Another open payment already holds this terminal (the database refused a second one).

    Not a ``FrontDeskError``: the payment service turns it into ``TerminalBusy``, whose
    message names the payment that holds the terminal."""

    def __init__(self, terminal_id: str) -> None:
        super().__init__(terminal_id)
        self.terminal_id = terminal_id
