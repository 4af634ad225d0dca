"""Posting errors, worded for the person at the desk or the clinic's IT."""

from __future__ import annotations

from desktop_app.domain.errors import FrontDeskError


class PostingError(FrontDeskError):
    """A transfer failed; nothing was left under the final name."""


class HostKeyUnknown(PostingError):
    """First connection to a server: its key must be confirmed once (trust on first use)."""

    def __init__(self, host: str, fingerprint: str) -> None:
        super().__init__(f"The posting server {host} is not known yet. Its key fingerprint is "
                         f"{fingerprint}. If your gateway contact confirms it, run again with "
                         "--trust-new-host.")
        self.fingerprint = fingerprint


class HostKeyChanged(PostingError):
    """The server's key differs from the one pinned: possibly an impostor. Never auto-trusted."""

    def __init__(self, host: str, fingerprint: str) -> None:
        super().__init__(f"The posting server {host} presented a DIFFERENT key ({fingerprint}) "
                         "from the one recorded. Do not continue; call your gateway contact.")
        self.fingerprint = fingerprint
