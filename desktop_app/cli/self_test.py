"""``main.py --self-test``: what IT runs after installing. Each line says OK or what failed."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

import zeep

from desktop_app.domain import FrontDeskError, Money, PaymentRequest, TransactionKind
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.protocol import protocol
from desktop_app.paths import app_paths, resources_dir
from desktop_app.settings import Settings, journal_target, load_settings
from desktop_app.store import Journal

Report = Callable[[str, bool, str], None]


def self_test() -> int:
    failures = 0

    def report(name: str, ok: bool, detail: str = "") -> None:
        nonlocal failures
        failures += not ok
        print(f"{'OK  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    _check_qt_loop(report)
    asyncio.run(_checks(report))
    return 1 if failures else 0


def _check_qt_loop(report: Report) -> None:
    """The Qt binding must not miscount references while the loop is woken from threads
    (PySide6 6.12.0 did, and the app aborted after minutes: ``ui/event_loop.py``). A short
    probe: a leaking binding loses a few hundred references, far from aborting."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from desktop_app.ui.event_loop import probe_in_new_loop
        drift = probe_in_new_loop(200)
    except ImportError as exc:
        report("Qt event loop", False, f"Qt cannot load: {exc}")
        return
    report("Qt event loop keeps reference counts", not drift.leaks, str(drift))


async def _checks(report: Report) -> None:
    from desktop_app.sandbox import SandboxServer, SandboxSettings
    from desktop_app.sandbox.demo import demo_card_tender

    report("protocol table", bool(protocol().paths), "")
    for name in ("payment.wsdl", "sso.wsdl"):
        zeep.Client(str(resources_dir() / "wsdl" / name))
        report(f"WSDL {name} loads from disk", True, "")
    await _check_journal(report)
    async with SandboxServer(SandboxSettings()) as sandbox:
        config = Settings(gateway_url=sandbox.url).gateway_config()
        async with GatewayClient(config) as gw:
            for proto in Protocol:
                try:
                    outcome = await gw.send(PaymentRequest(
                        TransactionKind.SALE, amount=Money.parse("1.00"),
                        tender=demo_card_tender()), proto)
                    report(f"sandbox sale over {proto.value}", outcome.status.is_success,
                           outcome.summary())
                except FrontDeskError as exc:
                    report(f"sandbox sale over {proto.value}", False, str(exc))


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
    kind = "PostgreSQL" if str(target).startswith("postgres") else "SQLite"
    report(f"journal opens ({kind})", True, "")
