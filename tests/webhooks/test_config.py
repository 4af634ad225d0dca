"""Unsafe receiver set-ups are refused at start, by the config and by the command (issue 14)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from desktop_app.paths import app_paths
from desktop_app.settings import Settings, save_settings
from desktop_app.webhooks.config import ReceiverConfig, UnsafeConfiguration
from desktop_app.webhooks.oauth import OAuthConfig
from tests.conftest import ROOT
from tests.webhooks.conftest import gateway_message


@pytest.mark.parametrize("changes", [
    {"host": "0.0.0.0", "basic_user": "hook", "basic_password": "pw"},
    {"host": "192.168.1.20", "basic_user": "hook", "basic_password": "pw"},
    {"oauth": OAuthConfig(issuer="http://idp.clinic.example")},
    {"oauth": OAuthConfig(issuer="https://idp.clinic.example",
                          jwks_url="http://idp.clinic.example/jwks")},
    {"oauth": OAuthConfig(issuer="http://127.0.0.1:9000")},          # loopback, not sandbox
    {"trusted_proxies": ("0.0.0.0/0",)},
    {"trusted_proxies": ("10.0.0.1", "::/0")},
])
def test_unsafe_configurations_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(UnsafeConfiguration):
        ReceiverConfig(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("changes", [
    {"host": "127.0.0.1", "basic_user": "hook", "basic_password": "pw"},  # behind a TLS proxy
    {"host": "0.0.0.0", "basic_user": "hook", "basic_password": "pw", "tls_cert": "c.pem"},
    {"oauth": OAuthConfig(issuer="https://idp.clinic.example")},
    {"oauth": OAuthConfig(issuer="http://127.0.0.1:9000"), "sandbox": True},
    {"trusted_proxies": ("10.0.0.0/8",)},
])
def test_safe_configurations_start(changes: dict[str, object]) -> None:
    assert ReceiverConfig(**changes)  # type: ignore[arg-type]


def test_an_unknown_reference_slot_is_refused() -> None:
    with pytest.raises(ValueError, match="AdditionalInfo"):
        ReceiverConfig(reference_slot="requestReference")


def test_the_command_refuses_an_open_proxy_with_one_line_and_exit_2() -> None:
    result = subprocess.run([sys.executable, "main.py", "webhook-server", "--port", "0",
                             "--trusted-proxy", "0.0.0.0/0"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: trusted proxy 0.0.0.0/0")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_the_command_reads_our_reference_from_the_payments_slot(app_home: Path) -> None:
    """The receiver looks for our reference where the payments put it (the reference_slot
    setting), unless told otherwise."""
    paths = app_paths().ensure()
    save_settings(paths, Settings(reference_slot="additionalInfo3"))
    process = subprocess.Popen([sys.executable, "main.py", "webhook-server", "--port", "0",
                                "--sandbox"], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                               env=os.environ)
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.startswith("Webhook receiver listening on "), line
        body = gateway_message(1, AdditionalInfo1="INVOICE-9", AdditionalInfo3="REF-3")
        response = httpx.post(line.rsplit(" ", 1)[1].strip(), json=body)
        assert response.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    listing = subprocess.run([sys.executable, "main.py", "webhooks", "list", "--json"],
                             cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert [r["our_reference"] for r in json.loads(listing.stdout)] == ["REF-3"]
