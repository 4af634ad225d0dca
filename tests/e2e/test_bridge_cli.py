"""``main.py bridge`` as IT uses it: the bridge in its own process on a thin client's port
(a simulated DynaFlex, and a simulated Mini MICR on a pty), paired once from the app's side
with the code it prints, listed, then revoked."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.bridge_setup import bridge_host, paired_bridge
from desktop_app.cli import main
from desktop_app.paths import app_paths
from desktop_app.settings import Settings
from drivers.bridge import client
from tests.conftest import ROOT
from tests.memory_keyring import memory_keyring_installed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def thin_client(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, dict[str, str]]]:
    env = {**os.environ, "FRONTDESK_PAY_HOME": str(tmp_path / "thin-client"),
           "XDG_DATA_HOME": str(tmp_path / "thin-client-keyring")}
    port = free_port()
    bridge = subprocess.Popen(
        [sys.executable, "main.py", "bridge", "serve", "--listen", "127.0.0.1", "--port",
         str(port), "--sim", "swipe", "--sim", "check"],
        cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE)
    yield bridge, port, env
    bridge.terminate()
    bridge.wait(10)


def test_serve_shows_a_code_the_app_pairs_with_then_lists_and_it_revokes(
        thin_client: tuple[subprocess.Popen[str], int, dict[str, str]],
        capsys: pytest.CaptureFixture[str]) -> None:
    bridge, port, env = thin_client
    assert bridge.stdout is not None
    lines = [bridge.stdout.readline() for _ in range(4)]
    assert "TLS 1.2+" in lines[0] and "hid:0801:2020:B0SIMDF1" in lines[1]
    assert re.search(r"check reader +serial:/dev/\S+ +check reader on /dev/", lines[2]), lines
    found = re.search(r"Pairing code: (\S+)", lines[3])
    assert found, lines
    where = ["--host", "127.0.0.1", "--port", str(port)]
    with memory_keyring_installed():
        assert main(["bridge", "devices", *where]) == 3  # not paired yet
        assert "not paired" in capsys.readouterr().out
        assert main(["bridge", "pair", found.group(1), *where]) == 0
        assert "Paired with the device bridge at 127.0.0.1" in capsys.readouterr().out
        assert main(["bridge", "devices", *where]) == 0
        listed = capsys.readouterr().out
        assert "hid:0801:2020:B0SIMDF1" in listed and "check reader  serial:/dev/" in listed
        settings = Settings(bridge_host="127.0.0.1", bridge_port=port)
        try:
            assert paired_bridge(settings) == [f"bridge:127.0.0.1:{port}"]
            checks = Settings(bridge_host="127.0.0.1", bridge_port=port,
                              bridge_check_reader=True)
            assert paired_bridge(checks) == [f"bridge:127.0.0.1:{port}",
                                             f"bridge:127.0.0.1:{port}/check"]
        finally:
            client.configure(None)
        revoked = subprocess.run([sys.executable, "main.py", "bridge", "revoke", "--all"],
                                 cwd=ROOT, env=env, text=True, capture_output=True, check=True)
        assert "Revoked:" in revoked.stdout
        assert main(["bridge", "devices", *where]) == 3
        assert "revoked" in capsys.readouterr().out


def test_the_default_bridge_is_this_sessions_thin_client() -> None:
    assert bridge_host(Settings(), {"CLIENTNAME": "THIN-0042"}) == "THIN-0042"
    assert bridge_host(Settings(bridge_host="desk7"), {"CLIENTNAME": "THIN-0042"}) == "desk7"
    assert bridge_host(Settings(), {"CLIENTNAME": "Console"}) == ""
    assert paired_bridge(Settings(), app_paths(), {"CLIENTNAME": "THIN-0042"}) == []
