"""Settings, declared once with types and defaults; secrets only in the OS keyring.

The settings file holds no password, key passphrase or webhook credential (PCI DSS 8.3.2:
authentication factors are never stored readable); ``save_settings`` refuses to write one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.gateway.config import SANDBOX_ACCOUNT, SANDBOX_IDS, Environment, GatewayConfig
from desktop_app.gateway.config import Protocol as WireProtocol
from desktop_app.paths import AppPaths

KEYRING_SERVICE = "FrontDeskPay"
_FORBIDDEN = ("password", "secret", "passphrase", "pan", "cvv", "track")


@dataclass(frozen=True)
class WebhookReceiverSettings:
    """``main.py webhook-server`` options for a clinic server; its flags override these.
    Secrets (Basic password, OAuth2 client secret) stay in the keyring."""

    host: str = "127.0.0.1"
    port: int = 8443
    allow: tuple[str, ...] = ()            # empty: the gateway's eight published addresses
    trusted_proxies: tuple[str, ...] = ()
    basic_user: str = ""
    oauth_issuer: str = ""
    oauth_audience: str = ""
    oauth_jwks_url: str = ""
    oauth_introspection_url: str = ""
    oauth_client_id: str = ""
    tls_cert: str = ""
    tls_key: str = ""
    client_ca: str = ""
    max_body: int = 256 * 1024


@dataclass(frozen=True)
class Settings:
    environment: str = Environment.SANDBOX.value
    protocol: str = WireProtocol.NVP.value
    account_id: str = SANDBOX_ACCOUNT[0]
    merchant_id: str = SANDBOX_IDS[0]
    store_id: str = SANDBOX_IDS[1]
    terminal_id: str = SANDBOX_IDS[2]
    gateway_url: str = ""              # override the environment's host (tests, proxies)
    # Empty: a SQLite journal in this user's data folder. A clinic with many front-desk PCs
    # points every PC at one server: postgresql://user@host/db (password from the keyring
    # or ~/.pgpass, never here).
    journal_url: str = ""
    # Empty: webhooks.sqlite3 in the data folder. Or the clinic server's postgresql:// URL.
    webhook_store_url: str = ""
    webhook_receiver: WebhookReceiverSettings = WebhookReceiverSettings()
    connect_timeout_seconds: int = 5
    read_timeout_seconds: int = 30
    reconcile_settle_seconds: int = 90  # a sent request older than this is no longer in flight
    sso_poll_seconds: int = 10
    sso_timeout_minutes: int = 15
    receipt_header: str = "Front Desk Pay"
    # Card readers, PIN pads and check scanners by address (serial:COM3, tcp:10.0.0.5:12000,
    # hid:0801:0011, sim:approved_chip ...); HID readers are also found by vendor/product ID.
    device_addresses: tuple[str, ...] = ()
    probe_serial_ports: bool = False  # opening unknown COM ports can upset other devices
    language: str = "en"

    def gateway_config(self, password: str | None = None) -> GatewayConfig:
        env = Environment(self.environment)
        if password is None:
            password = gateway_password(self)
        return GatewayConfig(
            environment=env, protocol=WireProtocol(self.protocol), account_id=self.account_id,
            password=password, merchant_id=self.merchant_id, store_id=self.store_id,
            terminal_id=self.terminal_id, base_url=self.gateway_url or None,
            connect_timeout=float(self.connect_timeout_seconds),
            read_timeout=float(self.read_timeout_seconds))


def journal_target(paths: AppPaths, settings: Settings) -> str | Path:
    return settings.journal_url or paths.journal_file


def webhook_store_target(paths: AppPaths, settings: Settings) -> str | Path:
    return settings.webhook_store_url or paths.data_dir / "webhooks.sqlite3"


def gateway_password(settings: Settings) -> str:
    if settings.environment == Environment.SANDBOX.value:
        return SANDBOX_ACCOUNT[1]
    import keyring  # its backends take ~50 ms to load: not before the window is shown

    secret = keyring.get_password(KEYRING_SERVICE, f"gateway:{settings.account_id}")
    if not secret:
        raise ValidationError("No gateway password is stored for this account. Ask IT to "
                              "enter it in Settings.")
    return secret


def store_gateway_password(account_id: str, password: str) -> None:
    import keyring

    keyring.set_password(KEYRING_SERVICE, f"gateway:{account_id}", password)


def load_settings(paths: AppPaths) -> Settings:
    try:
        data: dict[str, Any] = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except ValueError as exc:
        raise ValidationError(f"Settings file {paths.settings_file} is damaged: {exc}") from None
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known}
    if "device_addresses" in values:  # JSON has lists; settings are frozen
        values["device_addresses"] = tuple(values["device_addresses"])
    if isinstance(values.get("webhook_receiver"), dict):
        values["webhook_receiver"] = _receiver(values["webhook_receiver"])
    return replace(Settings(), **values)


def _receiver(data: dict[str, Any]) -> WebhookReceiverSettings:
    known = {f.name for f in fields(WebhookReceiverSettings)}
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                              for k, v in data.items() if k in known}
    return replace(WebhookReceiverSettings(), **values)


def check_database_url(url: str, what: str) -> None:
    """Blank (SQLite on this PC), a file path, or ``postgresql://user@host/db`` with the
    password in the keyring or ~/.pgpass, never in the URL."""
    from urllib.parse import urlsplit

    if not url or not url.startswith(("postgresql://", "postgres://")):
        return
    try:
        parts = urlsplit(url)
        has_password = parts.password is not None
    except ValueError as exc:
        raise ValidationError(f"The {what} address is not a valid URL: {exc}") from None
    if has_password:
        raise ValidationError(f"The {what} address holds a password. Remove it and keep the "
                              "password in ~/.pgpass or the system keyring.")
    if not parts.hostname or not parts.path.strip("/"):
        raise ValidationError(f"The {what} address needs a server and a database, like "
                              "postgresql://frontdesk@clinic-server/frontdeskpay.")


def save_settings(paths: AppPaths, settings: Settings) -> None:
    check_database_url(settings.journal_url, "journal")
    check_database_url(settings.webhook_store_url, "webhook store")
    for value, what in ((settings.sso_poll_seconds, "hosted page check interval"),
                        (settings.sso_timeout_minutes, "hosted page time limit"),
                        (settings.read_timeout_seconds, "gateway read timeout")):
        if value < 1:
            raise ValidationError(f"The {what} must be at least 1.")
    data = asdict(settings)
    for key in data:
        if any(word in key.lower() for word in _FORBIDDEN):
            raise ValidationError(f"{key} is a secret and belongs in the keyring")
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    tmp = paths.settings_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(paths.settings_file)
