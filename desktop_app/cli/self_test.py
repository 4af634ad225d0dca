"""``main.py --self-test``: what IT runs after installing. One line per check, OK, SKIP (with
why) or FAIL (with what failed); the exit code is non-zero on any failure.

It proves the installation, not the source tree: Qt and its offscreen platform, a page rendered
by QtWebEngine (its helper process, ``.pak`` files and locales are what a frozen bundle most
often lacks), every WSDL and X12 map from the shipped resources, a sandbox sale through the
shared transport on each protocol with a card from a simulated reader, the journal the app will
really use, and a keyring that keeps secrets encrypted.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

from desktop_app.domain import FrontDeskError, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.protocol import protocol
from desktop_app.paths import app_paths, resources_dir
from desktop_app.settings import Settings, journal_target, load_settings
from desktop_app.store import Journal

Report = Callable[[str, bool | None, str], None]  # ok None: skipped, the detail says why
WEB_ENGINE_WAIT_S = 60  # the first Chromium start on a cold PC with antivirus is slow


def self_test() -> int:
    failures = 0

    def report(name: str, ok: bool | None, detail: str = "") -> None:
        nonlocal failures
        failures += ok is False
        mark = "SKIP" if ok is None else "OK  " if ok else "FAIL"
        print(f"{mark} {name}{': ' + detail if detail else ''}", flush=True)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _check_resources(report)
    _check_keyring(report)
    if _check_qt(report):
        _check_qt_loop(report)
        _check_web_engine(report)
    asyncio.run(_checks(report))
    return 1 if failures else 0


def _check_resources(report: Report) -> None:
    import zeep
    from lxml import etree

    root = resources_dir()
    report("protocol table", bool(protocol().paths), str(root / "protocol"))
    wsdls = sorted((root / "wsdl").glob("*.wsdl"))
    report("WSDLs shipped", bool(wsdls), ", ".join(p.name for p in wsdls) or f"none in {root}")
    for path in wsdls:
        _one(report, f"WSDL {path.name} loads", zeep.Client, str(path))
    _check_commands(report)
    for path in sorted((root / "x12").rglob("*.xml")) if (root / "x12").is_dir() else ():
        _one(report, f"X12 map {path.relative_to(root / 'x12')} parses", etree.parse, str(path))


def _check_commands(report: Report) -> None:
    """The CLI imports its commands by name: a bundle built without one offers no such
    command, and only this check would say so."""
    import importlib

    from desktop_app.cli import COMMANDS

    missing = []
    for name in COMMANDS:
        try:
            importlib.import_module(f"desktop_app.cli.{name}_cmd")
        except ModuleNotFoundError:
            missing.append(name.replace("_", "-"))
    report("every command installed", not missing,
           f"missing: {', '.join(missing)}" if missing else f"{len(COMMANDS)} commands")


def _one(report: Report, name: str, check: Callable[[str], object], path: str) -> None:
    try:
        check(path)
    except Exception as exc:  # a damaged resource, said in one line for IT
        report(name, False, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    else:
        report(name, True, "")


def _check_keyring(report: Report) -> None:
    import keyring

    from desktop_app.keyring_guard import is_insecure

    backend = keyring.get_keyring()
    insecure = is_insecure(backend)  # the same rule that refuses the backend at run time
    name = insecure or f"{type(backend).__module__}.{type(backend).__qualname__}"
    report("keyring keeps secrets encrypted", not insecure,
           f"{name}" + (" stores secrets in plain text or not at all: install the system's "
                        "credential store (Windows Credential Manager, Secret Service)"
                        if insecure else ""))


def _check_qt(report: Report) -> bool:
    try:
        from desktop_app.ui.app import make_application

        app = make_application()
    except ImportError as exc:
        report("Qt loads", False, str(exc))
        return False
    report("Qt application starts", True, f"platform {app.platformName()}")
    return True


def _check_qt_loop(report: Report) -> None:
    """The Qt binding must not miscount references while the loop is woken from threads
    (PySide6 6.12.0 did, and the app aborted after minutes: ``ui/event_loop.py``). A short
    probe: a leaking binding loses a few hundred references, far from aborting."""
    from desktop_app.ui.event_loop import probe_in_new_loop

    drift = probe_in_new_loop(200)
    report("Qt event loop keeps reference counts", not drift.leaks, str(drift))


def _check_web_engine(report: Report) -> None:
    """Chromium's renderer loads a page and runs its script: the hosted payment page needs
    exactly that. A blank view with no error is what a bundle missing its helper gives."""
    from desktop_app.ui.web_engine import under_wine

    name = "web engine renders a page"
    if under_wine():
        report(name, None, "Wine cannot run QtWebEngine; check the hosted page on a real PC")
        return
    try:
        title = _render_title()
    except ImportError as exc:
        report(name, False, f"QtWebEngine cannot load: {exc}")
        return
    report(name, title == "self-test 42", f"the page said {title!r}" if title != "self-test 42"
           else "")


def _render_title() -> str | None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    loop = QEventLoop()
    title: list[str] = []

    def changed(text: str) -> None:
        if text.startswith("self-test"):
            title.append(text)
            loop.quit()

    view.titleChanged.connect(changed)
    QTimer.singleShot(WEB_ENGINE_WAIT_S * 1000, loop.quit)
    view.setHtml("<html><head><title>page</title></head><body><script>"
                 "document.title = 'self-test ' + (6 * 7);</script></body></html>")
    loop.exec()
    view.deleteLater()  # before the profile goes at exit, or Chromium crashes the process
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    return title[0] if title else None


async def _checks(report: Report) -> None:
    from desktop_app.sandbox import SandboxServer, SandboxSettings
    from desktop_app.sandbox.demo import demo_card_tender

    await _check_journal(report)
    async with SandboxServer(SandboxSettings()) as sandbox:
        config = Settings(gateway_url=sandbox.url).gateway_config()
        async with GatewayClient(config) as gw:
            tender = await _simulated_card(report)
            if tender is not None:  # the reader's card over the protocol a new install uses
                await _sale(report, gw, tender, config.protocol, "from the simulated reader")
            for proto in Protocol:
                await _sale(report, gw, demo_card_tender(), proto, "keyed test card")
            await _eligibility(report, gw)


async def _eligibility(report: Report, gw: GatewayClient) -> None:
    """The sandbox's test patient through the healthcare service: a 270 built and validated,
    sent as one string over SOAP, the 271 validated and read (pyx12 and its maps shipped)."""
    from datetime import date

    from desktop_app.edi.eligibility import Coverage
    from desktop_app.edi.query import EligibilityQuery
    from desktop_app.services.eligibility import eligibility_service

    name = "eligibility (270/271) with the sandbox's test patient"
    service = eligibility_service(gw, Settings(), soap12=False)
    try:
        exchange = await service.check(EligibilityQuery(
            "SBX01", "SBX100001", "DOE", "JANE", date(1980, 1, 1)))
    except FrontDeskError as exc:
        report(name, False, str(exc))
        return
    active = exchange.eligibility.coverage is Coverage.ACTIVE
    report(name, active, "" if active else exchange.problem or exchange.eligibility.coverage.value)


async def _sale(report: Report, gw: GatewayClient, tender: Tender, proto: Protocol,
                what: str) -> None:
    name = f"sandbox sale over {proto.value}, {what}"
    try:
        outcome = await gw.send(PaymentRequest(
            TransactionKind.SALE, amount=Money.parse("1.00"), tender=tender), proto)
    except FrontDeskError as exc:
        report(name, False, str(exc))
    else:
        report(name, outcome.status.is_success, outcome.summary())


async def _simulated_card(report: Report) -> Tender | None:
    """A card from the simulated chip reader, through the DeviceManager a real one uses (the
    path `pay --card sim:approved_chip` takes)."""
    from desktop_app.cli.pay_cmd import tender_from_simulator

    try:
        tender = await tender_from_simulator("approved_chip", Money.parse("1.00"))
    except FrontDeskError as exc:
        report("simulated card reader", False, str(exc))
        return None
    report("simulated card reader", True, tender.kind.value)
    return tender


async def _check_journal(report: Report) -> None:
    """The journal the app will really use (the clinic's PostgreSQL, or this user's SQLite
    file), not a temporary one: a self-test that opens a scratch file proves nothing."""
    paths = app_paths().ensure()
    try:
        target = journal_target(paths, load_settings(paths))
        journal = await Journal(target).open()
    except FrontDeskError as exc:
        report("journal opens", False, str(exc))
        return
    except Exception as exc:  # the database's own error, shown in one line for IT
        report("journal opens", False, f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        return
    try:
        await journal.unresolved(None)
    finally:
        await journal.close()
    postgres = str(target).startswith("postgres")
    report(f"journal opens ({'PostgreSQL' if postgres else 'SQLite'})", True, "")
    if not postgres:
        from desktop_app.network_fs import network_filesystem

        remote = network_filesystem(paths.data_dir)
        report("journal on a local disk", remote is None,
               f"{paths.data_dir} is on {remote}: SQLite's journal needs a local disk; keep "
               "LocalAppData local (installer/README.md) or use PostgreSQL" if remote else "")
