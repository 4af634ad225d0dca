"""Who and where, for every journal row and audit record (PCI DSS 10.2.2).

Under Citrix many people share one server: the OS user tells them apart, and CLIENTNAME
(set by the ICA session) names the thin client they are sitting at.
"""

from __future__ import annotations

import getpass
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Origin:
    user: str
    workstation: str


def current_origin() -> Origin:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    host = socket.gethostname()
    client = os.environ.get("CLIENTNAME")
    return Origin(user, f"{host}/{client}" if client else host)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
