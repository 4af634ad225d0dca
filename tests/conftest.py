"""Session-wide fixtures.

Every test runs with its own FRONTDESK_PAY_HOME, and after every test every file written
there (journal, WAL, logs, settings) is scanned for test card numbers and track data.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

# Test card numbers: never allowed in a file the app wrote.
TEST_PANS = ("4111111111111111", "4012888888881881", "5555555555554444", "378282246310005",
             "6011000990139424", "4000000000000002", "4000000000009995")
TRACK_DATA = re.compile(rb"%B\d{13,19}\^|;\d{13,19}=\d{4}")


def card_data_hits(root: Path) -> list[str]:
    hits = []
    for f in root.rglob("*"):
        if not f.is_file():
            continue
        data = f.read_bytes()
        hits += [f"{f}: {pan[:6]}…" for pan in TEST_PANS if pan.encode() in data]
        hits += [f"{f}: track data" for _ in TRACK_DATA.finditer(data)]
    return hits


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "fdp-home"
    monkeypatch.setenv("FRONTDESK_PAY_HOME", str(home))
    yield home
    # Everything the test left on disk: the app's home, and journals, logs and exports the
    # test pointed elsewhere under its tmp_path.
    assert card_data_hits(tmp_path) == [], "card data written to disk"


@pytest.fixture(scope="session")
def postgres_base_url() -> Iterator[str]:
    from tests.postgres import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a journal lives: the same tests run against both backends."""
    if request.param == "sqlite":
        return str(tmp_path / "journal.sqlite3")
    from tests.postgres import new_database

    return new_database(request.getfixturevalue("postgres_base_url"))


@pytest.fixture
async def sandbox() -> AsyncIterator[object]:
    from desktop_app.sandbox import SandboxServer, SandboxSettings

    server = SandboxServer(SandboxSettings())
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


def gateway_for(url: str, protocol: Protocol = Protocol.NVP, **changes: object) -> GatewayClient:
    settings = Settings(gateway_url=url, protocol=protocol.value)
    config = settings.gateway_config()
    if changes:
        from dataclasses import replace
        config = replace(config, **changes)  # type: ignore[arg-type]
    return GatewayClient(config)


@pytest.fixture(params=list(Protocol), ids=[p.value for p in Protocol])
async def gateway(request: pytest.FixtureRequest, sandbox: object) -> AsyncIterator[GatewayClient]:
    client = gateway_for(sandbox.url, request.param)  # type: ignore[attr-defined]
    yield client
    await client.aclose()


async def sandbox_admin(sandbox: object, method: str, path: str, **kwargs: object) -> object:
    """Call the in-process sandbox's admin API without blocking its event loop."""
    async with httpx.AsyncClient(base_url=sandbox.url) as client:  # type: ignore[attr-defined]
        response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        return response.json() if response.content else None


async def inject_fault(sandbox: object, mode: str, **extra: object) -> None:
    await sandbox_admin(sandbox, "POST", "/sandbox/faults",
                        json={"mode": mode, "count": 1, **extra})


async def charges_for(sandbox: object, reference: str) -> int:
    rows = await sandbox_admin(sandbox, "GET", "/sandbox/ledger")
    return sum(1 for e in rows  # type: ignore[attr-defined]
               if e.get("additional_info", {}).get("additionalInfo1") == reference)
