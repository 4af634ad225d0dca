"""``main.py --self-test``: what IT runs after installing. Each line says OK or what failed."""

from __future__ import annotations

import tempfile
from pathlib import Path

import zeep

from desktop_app.domain import FrontDeskError, Money, PaymentRequest, TransactionKind
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.protocol import protocol
from desktop_app.paths import resources_dir
from desktop_app.store import Journal


async def self_test() -> int:
    from desktop_app.sandbox import SandboxServer, SandboxSettings
    from desktop_app.sandbox.demo import demo_card_tender
    from desktop_app.settings import Settings

    failures = 0

    def report(name: str, ok: bool, detail: str = "") -> None:
        nonlocal failures
        failures += not ok
        print(f"{'OK  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    report("protocol table", bool(protocol().paths))
    for name in ("payment.wsdl", "sso.wsdl"):
        zeep.Client(str(resources_dir() / "wsdl" / name))
        report(f"WSDL {name} loads from disk", True)
    with tempfile.TemporaryDirectory() as tmp:
        journal = await Journal(Path(tmp) / "j.sqlite3").open()
        await journal.close()
        report("journal opens (SQLite WAL)", True)
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
    return 1 if failures else 0
