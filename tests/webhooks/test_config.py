"""Unsafe receiver set-ups are refused at start, by the config and by the command (issue 14)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.webhooks.config import ReceiverConfig, UnsafeConfiguration
from desktop_app.webhooks.oauth import OAuthConfig
from tests.conftest import ROOT


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
