"""How one sandbox gateway behaves: accounts, SSO token life, webhook delivery.

Defaults are the partner's documented production values (15-minute SSO tokens; webhooks
retried every 30 minutes, five times, 20 s timeout) so staff training matches reality;
tests shrink the delays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from desktop_app.sandbox.accounts import DEMO_ACCOUNT, Account

WEBHOOK_FORMATS = ("json", "xml", "nvp")


def _default_accounts() -> tuple[Account, ...]:
    return (DEMO_ACCOUNT,)


def _default_retry_delays() -> tuple[float, ...]:
    return (30 * 60.0,) * 5


@dataclass
class SandboxSettings:
    accounts: tuple[Account, ...] = field(default_factory=_default_accounts)
    sso_token_lifetime: timedelta = timedelta(minutes=15)
    webhook_url: str | None = None
    webhook_format: str = "json"
    # Seconds to wait before each retry after the first attempt failed.
    webhook_retry_delays: tuple[float, ...] = field(default_factory=_default_retry_delays)
    webhook_timeout: float = 20.0
    # How long stop() lets in-flight requests finish (a "timeout" fault may be sleeping).
    shutdown_timeout: float = 1.0

    def __post_init__(self) -> None:
        if self.webhook_format not in WEBHOOK_FORMATS:
            raise ValueError(f"webhook_format must be one of {', '.join(WEBHOOK_FORMATS)}")
        self.accounts = tuple(self.accounts)
        self.webhook_retry_delays = tuple(self.webhook_retry_delays)
