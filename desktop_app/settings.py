"""Settings, each declared once: name, type and default in ``Settings``, and beside them the
label staff see, the group it sits in, whether it needs a restart and its bounds (``Option``).
The Settings page is built from these declarations (as Electrum's ``ConfigVar`` and Picard's
``options.py`` do), so a value the app cannot use can never be offered or saved.

Secrets only in the OS keyring: the settings file holds no password, key passphrase or webhook
credential (PCI DSS 8.3.2: authentication factors are never stored readable); ``save_settings``
refuses to write one.
"""

from __future__ import annotations

import enum
import json
from dataclasses import Field, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.gateway.config import (
    SANDBOX_ACCOUNT,
    SANDBOX_IDS,
    SANDBOX_REST,
    SANDBOX_SSO,
    Environment,
    GatewayConfig,
    SsoLogin,
)
from desktop_app.gateway.config import Protocol as WireProtocol
from desktop_app.paths import AppPaths

KEYRING_SERVICE = "FrontDeskPay"
_FORBIDDEN = ("password", "secret", "passphrase", "pan", "cvv", "track")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a label for lupdate (``make translations`` reads this module); no Qt."""
    return text



class Group(enum.Enum):
    DESK = "desk"      # anyone at the desk
    IT = "it"          # behind the IT unlock: which gateway, as whom, which databases
    HIDDEN = "hidden"  # set elsewhere (Devices page, webhook-server flags) or by tests


@dataclass(frozen=True)
class Option:
    """How a setting is shown. ``label`` carries its Alt key; ``short`` names it in messages
    ("Restart to use the new: terminal ID") and is the field's accessible name."""

    label: str = ""
    short: str = ""
    group: Group = Group.HIDDEN
    restart: bool = False  # the running gateway client or database was opened with it
    minimum: int = 0
    maximum: int = 0
    unit: str = ""
    choices: tuple[str, ...] = ()  # for a str with a fixed set of values


def option(default: Any, label: str = "", short: str = "", group: Group = Group.HIDDEN,
           **how: Any) -> Any:
    """A dataclass field carrying its ``Option``: the setting's one declaration."""
    return field(default=default, metadata={"option": Option(label, short, group, **how)})


def _it(default: Any, label: str, short: str, **how: Any) -> Any:
    return option(default, label, short, Group.IT, restart=how.pop("restart", True), **how)



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
class PostingTlsSettings:
    """FTPS trust IT saved with ``main.py posting save-tls``: a CA file (a private CA or the
    server's self-signed certificate) and, optionally, the certificate's SHA-256 pin."""

    ftps_ca_file: str = ""
    ftps_cert_sha256: str = ""


@dataclass(frozen=True)
class Settings:
    receipt_header: str = option(
        "Front Desk Pay",
        QT_TRANSLATE_NOOP("Settings", "Receipt &header"),
        QT_TRANSLATE_NOOP("Settings", "receipt header"),
        Group.DESK)
    language: str = option(
        "en",
        QT_TRANSLATE_NOOP("Settings", "&Language"),
        QT_TRANSLATE_NOOP("Settings", "language"),
        Group.DESK, choices=("en", "es"))
    # --- front desk: the clinic on receipts and phone authorisations, the paper (ux, #13) ---
    clinic_name: str = option(
        "",
        QT_TRANSLATE_NOOP("Settings", "Clinic &name"),
        QT_TRANSLATE_NOOP("Settings", "clinic name"),
        Group.DESK)
    clinic_address: str = option(
        "",
        QT_TRANSLATE_NOOP("Settings", "Clinic &address"),
        QT_TRANSLATE_NOOP("Settings", "clinic address"),
        Group.DESK)
    clinic_phone: str = option(
        "",
        QT_TRANSLATE_NOOP("Settings", "Clinic phone num&ber"),
        QT_TRANSLATE_NOOP("Settings", "clinic phone"),
        Group.DESK)
    receipt_paper: str = option(
        "80mm",
        QT_TRANSLATE_NOOP("Settings", "Receipt paper si&ze"),
        QT_TRANSLATE_NOOP("Settings", "receipt paper"),
        Group.DESK, choices=("80mm", "a4", "letter"))
    receipt_printer: str = option(
        "",
        QT_TRANSLATE_NOOP("Settings", "Receipt pr&inter"),
        QT_TRANSLATE_NOOP("Settings", "receipt printer"),
        Group.DESK)
    save_folder: str = option("")             # where receipts and exports were last saved
    sandbox_help_seen: bool = option(False)   # the test-card panel was shown once and closed
    # --- end of the front-desk block ---
    environment: Environment = _it(
        Environment.SANDBOX,
        QT_TRANSLATE_NOOP("Settings", "&Environment"),
        QT_TRANSLATE_NOOP("Settings", "environment"))
    protocol: WireProtocol = _it(
        WireProtocol.NVP,
        QT_TRANSLATE_NOOP("Settings", "&Protocol"),
        QT_TRANSLATE_NOOP("Settings", "protocol"))
    account_id: str = _it(
        SANDBOX_ACCOUNT[0],
        QT_TRANSLATE_NOOP("Settings", "Acc&ount ID"),
        QT_TRANSLATE_NOOP("Settings", "account ID"))
    merchant_id: str = _it(
        SANDBOX_IDS[0],
        QT_TRANSLATE_NOOP("Settings", "&Merchant ID"),
        QT_TRANSLATE_NOOP("Settings", "merchant ID"))
    store_id: str = _it(
        SANDBOX_IDS[1],
        QT_TRANSLATE_NOOP("Settings", "Sto&re ID"),
        QT_TRANSLATE_NOOP("Settings", "store ID"))
    # Each front-desk PC has its own terminal ID: the gateway keys a terminal's payments on it,
    # and the journal allows one open payment per terminal, so two PCs sharing one ID would
    # wait on each other's payments.
    terminal_id: str = _it(
        SANDBOX_IDS[2],
        QT_TRANSLATE_NOOP("Settings", "&Terminal ID"),
        QT_TRANSLATE_NOOP("Settings", "terminal ID"))
    # Off (the default, what the gateway expects): another PC's payment on this terminal ID
    # is a set-up mistake and is said so. On: desks take turns on the shared terminal.
    terminal_shared: bool = _it(
        False,
        QT_TRANSLATE_NOOP("Settings", "Several desks share this terminal I&D"),
        QT_TRANSLATE_NOOP("Settings", "terminal sharing"))
    # Our request reference travels in this user-defined field: the gateway stores it and
    # echoes it in webhooks and posting files (resources/protocol/gateway.json reference_slots).
    reference_slot: str = _it(
        "additionalInfo1",
        QT_TRANSLATE_NOOP("Settings", "Send our re&ference in"),
        QT_TRANSLATE_NOOP("Settings", "reference field"),
        choices=("additionalInfo1", "additionalInfo2", "additionalInfo3", "additionalInfo4",
                 "additionalInfo5", "additionalInfo6"))
    # Off: operations whose wire names no public source confirms (authorization, capture,
    # refund to a card, eCheck; gateway.json "confirmed": false) are refused before sending.
    # IT turns it on once the gateway has confirmed those names for the clinic's account.
    unconfirmed_operations: bool = _it(
        False,
        QT_TRANSLATE_NOOP("Settings", "Allow unconfirmed &gateway operations"),
        QT_TRANSLATE_NOOP("Settings", "unconfirmed gateway operations"))
    # The hosted payment page's own SSO login (its security key in the keyring, apart from
    # the API password): resources/protocol/sso.json.
    sso_account_id: str = _it(
        SANDBOX_SSO[0],
        QT_TRANSLATE_NOOP("Settings", "Hosted page SSO account ID"),
        QT_TRANSLATE_NOOP("Settings", "SSO account ID"))
    sso_alias: str = _it(
        SANDBOX_SSO[2],
        QT_TRANSLATE_NOOP("Settings", "Hosted page SSO alias"),
        QT_TRANSLATE_NOOP("Settings", "SSO alias"))
    sso_id: str = _it(
        "",
        QT_TRANSLATE_NOOP("Settings", "Hosted page payment ID (blank: from the SSO account)"),
        QT_TRANSLATE_NOOP("Settings", "SSO payment ID"))
    # The portal's polling page omits /providers/ (the service's own page has it).
    sso_service_path: str = _it(
        "/providers/Forms/WebServices/SSOService.asmx",
        QT_TRANSLATE_NOOP("Settings", "SSOService path"),
        QT_TRANSLATE_NOOP("Settings", "SSOService path"))
    # REST's own key pair: the Api-Key here, its Api-Secret in the keyring (rest.json, M).
    rest_api_key: str = _it(
        SANDBOX_REST[0],
        QT_TRANSLATE_NOOP("Settings", "REST API key"),
        QT_TRANSLATE_NOOP("Settings", "REST API key"))
    sso_poll_seconds: int = _it(
        10,
        QT_TRANSLATE_NOOP("Settings", "Check the hosted page every"),
        QT_TRANSLATE_NOOP("Settings", "hosted page check interval"),
        restart=False, minimum=1, maximum=300,
        unit=QT_TRANSLATE_NOOP("Settings", "s"))
    sso_timeout_minutes: int = _it(
        15,
        QT_TRANSLATE_NOOP("Settings", "Hosted page time limit"),
        QT_TRANSLATE_NOOP("Settings", "hosted page time limit"),
        restart=False, minimum=1, maximum=240,
        unit=QT_TRANSLATE_NOOP("Settings", "min"))
    read_timeout_seconds: int = _it(
        30,
        QT_TRANSLATE_NOOP("Settings", "Gateway read timeout"),
        QT_TRANSLATE_NOOP("Settings", "gateway read timeout"),
        minimum=1, maximum=300,
        unit=QT_TRANSLATE_NOOP("Settings", "s"))
    # Empty: a SQLite journal in this user's data folder. A clinic with many front-desk PCs
    # points every PC at one server: postgresql://user@host/db (password from the keyring
    # or ~/.pgpass, never here).
    journal_url: str = _it(
        "",
        QT_TRANSLATE_NOOP("Settings", "Journal database (blank: on this PC)"),
        QT_TRANSLATE_NOOP("Settings", "journal database"))
    webhook_store_url: str = _it(
        "",
        QT_TRANSLATE_NOOP("Settings", "Webhook store database (blank: on this PC)"),
        QT_TRANSLATE_NOOP("Settings", "webhook store database"))
    # Eligibility (issue 16): the clinic as the 270's information receiver, by its NPI (the
    # name is the clinic name above). The default is the check-digit-valid test NPI the
    # sandbox knows.
    provider_npi: str = _it(
        "1234567893",
        QT_TRANSLATE_NOOP("Settings", "Provider NPI (eligibility checks)"),
        QT_TRANSLATE_NOOP("Settings", "provider NPI"), restart=False)
    # On: this site's gateway account offers DoEligibilityInquiryEnhanced, which adds what the
    # patient owes today. Its answer's names are unconfirmed (eligibility_xml.json), so it is
    # used only while "Allow unconfirmed gateway operations" is on as well.
    eligibility_enhanced: bool = _it(
        False,
        QT_TRANSLATE_NOOP("Settings", "Eligibility: gateway works out what the patient owes"),
        QT_TRANSLATE_NOOP("Settings", "eligibility with what the patient owes"),
        restart=False)
    gateway_url: str = option("", restart=True)  # the environment's host overridden (tests)
    webhook_receiver: WebhookReceiverSettings = option(WebhookReceiverSettings(), restart=True)
    posting_tls: PostingTlsSettings = option(PostingTlsSettings())
    connect_timeout_seconds: int = option(5, restart=True, minimum=1, maximum=60)
    # the in-flight window: at least 30 s, or a timed-out sale could be "not charged" at once
    reconcile_settle_seconds: int = option(90, restart=True, minimum=30, maximum=3600)
    # Card readers, PIN pads and check scanners by address (serial:COM3, tcp:10.0.0.5:12000,
    # hid:0801:0011, sim:approved_chip ...); HID readers are also found by vendor/product ID.
    device_addresses: tuple[str, ...] = option(())
    probe_serial_ports: bool = option(False)  # opening unknown COM ports can upset devices
    # --- Citrix device bridge (bridge, #15): readers on the thin client, over mutual TLS ---
    # Blank: the thin client of this Citrix/RDS session (CLIENTNAME), so one value fits
    # every desk of a site. The port is ours (no registered service), the same on every
    # thin client, and must be open in its firewall.
    bridge_host: str = _it(
        "",
        QT_TRANSLATE_NOOP("Settings", "Device bridge host (blank: this session's thin client)"),
        QT_TRANSLATE_NOOP("Settings", "device bridge host"))
    bridge_port: int = _it(
        47120,
        QT_TRANSLATE_NOOP("Settings", "Device bridge port"),
        QT_TRANSLATE_NOOP("Settings", "device bridge port"), minimum=1, maximum=65535)
    # A non-encrypting reader through the bridge sends clear tracks over the network
    # (inside TLS): production may refuse it outright (PCI DSS 4.2.1).
    bridge_refuse_clear_readers: bool = _it(
        False,
        QT_TRANSLATE_NOOP("Settings", "Refuse card readers that do not encrypt, via the bridge"),
        QT_TRANSLATE_NOOP("Settings", "refuse non-encrypting readers via the bridge"))
    # The thin client's Mini MICR too (bound as bridge:host:port/check): off by default, so a
    # desk without a check reader shows no missing device.
    bridge_check_reader: bool = _it(
        False,
        QT_TRANSLATE_NOOP("Settings", "Use the check reader on the thin client, via the bridge"),
        QT_TRANSLATE_NOOP("Settings", "check reader via the bridge"))

    def __post_init__(self) -> None:
        for name, value in _coerced(self).items():
            object.__setattr__(self, name, value)

    def gateway_config(self, password: str | None = None) -> GatewayConfig:
        if password is None:
            password = gateway_password(self)
        return GatewayConfig(
            environment=self.environment, protocol=self.protocol, account_id=self.account_id,
            password=password, merchant_id=self.merchant_id, store_id=self.store_id,
            terminal_id=self.terminal_id, base_url=self.gateway_url or None,
            connect_timeout=float(self.connect_timeout_seconds),
            read_timeout=float(self.read_timeout_seconds), reference_slot=self.reference_slot,
            unconfirmed_operations=self.unconfirmed_operations,
            sso=SsoLogin(self.sso_account_id, sso_security_key(self), self.sso_alias,
                         self.sso_id),
            sso_service_path=self.sso_service_path,
            rest_api_key=self.rest_api_key, rest_api_secret=rest_api_secret(self))


def declared() -> list[tuple[Field[Any], Option]]:
    """Every setting with how it is shown, in declaration order."""
    return [(f, f.metadata["option"]) for f in fields(Settings)]


def _coerced(settings: Settings) -> dict[str, Any]:
    """Values of the declared types; a value the app cannot use is refused by name."""
    out: dict[str, Any] = {}
    for f, how in declared():
        value, default = getattr(settings, f.name), f.default
        kind: Any = type(default)
        if isinstance(default, enum.Enum):
            try:
                out[f.name] = kind(value)
            except ValueError:
                allowed = ", ".join(m.value for m in kind)
                raise ValidationError(f"The {how.short} {value!r} is not one of: {allowed}."
                                      ) from None
        elif how.choices and value not in how.choices:
            raise ValidationError(f"The {how.short} {value!r} is not one of: "
                                  f"{', '.join(how.choices)}.")
        elif kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(f"The {how.short or f.name} must be a whole number.")
        elif kind is int and how.maximum and not how.minimum <= value <= how.maximum:
            raise ValidationError(f"The {how.short or f.name} must be from {how.minimum} to "
                                  f"{how.maximum}.")
        elif kind is tuple and isinstance(value, list):
            out[f.name] = tuple(value)
    return out


def journal_target(paths: AppPaths, settings: Settings) -> str | Path:
    return settings.journal_url or paths.journal_file


def webhook_store_target(paths: AppPaths, settings: Settings) -> str | Path:
    return settings.webhook_store_url or paths.data_dir / "webhooks.sqlite3"


def gateway_password(settings: Settings) -> str:
    if settings.environment is Environment.SANDBOX:
        return SANDBOX_ACCOUNT[1]
    # keyring's backends take ~50 ms to load: not before the window is shown
    from desktop_app.keyring_guard import secure_keyring

    secret = secure_keyring().get_password(KEYRING_SERVICE, f"gateway:{settings.account_id}")
    if not secret:
        raise ValidationError("No gateway password is stored for this account. Ask IT to "
                              "enter it in Settings.")
    return secret


def store_gateway_password(account_id: str, password: str) -> None:
    from desktop_app.keyring_guard import secure_keyring

    secure_keyring().set_password(KEYRING_SERVICE, f"gateway:{account_id}", password)


def sso_security_key(settings: Settings) -> str:
    """The SSO login's security key ("" when none is stored: the hosted page then says so
    when it is opened, and every other payment still works)."""
    if settings.environment is Environment.SANDBOX:
        return SANDBOX_SSO[1]
    from desktop_app.keyring_guard import secure_keyring

    return secure_keyring().get_password(KEYRING_SERVICE, f"sso:{settings.sso_account_id}") or ""


def store_sso_security_key(sso_account_id: str, key: str) -> None:
    from desktop_app.keyring_guard import secure_keyring

    secure_keyring().set_password(KEYRING_SERVICE, f"sso:{sso_account_id}", key)


def rest_api_secret(settings: Settings) -> str:
    """The REST key pair's secret ("" when none is stored: REST then answers 401, which the
    desk sees as "ask IT to check the gateway settings"; NVP and SOAP still work)."""
    if settings.environment is Environment.SANDBOX:
        return SANDBOX_REST[1]
    from desktop_app.keyring_guard import secure_keyring

    return secure_keyring().get_password(KEYRING_SERVICE, f"rest:{settings.rest_api_key}") or ""


def store_rest_api_secret(api_key: str, secret: str) -> None:
    from desktop_app.keyring_guard import secure_keyring

    secure_keyring().set_password(KEYRING_SERVICE, f"rest:{api_key}", secret)


def read_settings(paths: AppPaths) -> tuple[Settings, list[str]]:
    """The settings file as far as it is usable, and what was wrong with the rest: a value
    the app cannot use is replaced by its default and named, so the Settings page can still
    open and put it right."""
    try:
        data: dict[str, Any] = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), []
    except ValueError as exc:
        return Settings(), [f"The settings file {paths.settings_file} is damaged ({exc}); "
                            "the defaults are shown. Save to replace it."]
    if not isinstance(data, dict):
        return Settings(), [f"The settings file {paths.settings_file} is damaged; the "
                            "defaults are shown. Save to replace it."]
    known = {f.name for f in fields(Settings)}
    settings, problems = Settings(), []
    for key, value in data.items():
        if key not in known:
            continue
        if key in _NESTED and isinstance(value, dict):
            value = _nested(_NESTED[key], value)
        try:
            settings = replace(settings, **{key: value})
        except (ValidationError, TypeError) as exc:
            problems.append(str(exc))
    return settings, problems


def load_settings(paths: AppPaths) -> Settings:
    """The settings to run with; any unusable value stops the start, saying what to fix."""
    settings, problems = read_settings(paths)
    if problems:
        raise ValidationError(" ".join(problems) + " Open Settings (Ctrl+4) to correct it, "
                              "then restart Front Desk Pay.")
    return settings


_NESTED: dict[str, type[Any]] = {"webhook_receiver": WebhookReceiverSettings,
                                  "posting_tls": PostingTlsSettings}


def _nested(kind: type[Any], data: dict[str, Any]) -> Any:
    """A group of settings saved as one JSON object: known keys only, lists as tuples."""
    known = {f.name for f in fields(kind)}
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                              for k, v in data.items() if k in known}
    return replace(kind(), **values)


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
    _coerced(settings)  # bounds and choices, again: a caller may have used replace()
    data = asdict(settings)
    for key in data:
        if any(word in key.lower() for word in _FORBIDDEN):
            raise ValidationError(f"{key} is a secret and belongs in the keyring")
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    tmp = paths.settings_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(paths.settings_file)
