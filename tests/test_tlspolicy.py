"""The one transport policy (desktop_app/tlspolicy.py) against servers that offer less: TLS 1.1,
a 1024-bit RSA certificate, an SSH server with only aes128-ctr or a 1024-bit host key. Each is
refused, and the message says what IT must ask for (issue 14)."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import tlspolicy
from desktop_app.gateway.config import Environment, GatewayConfig
from desktop_app.gateway.errors import GatewayUnreachable
from desktop_app.gateway.transport import SharedTransport
from desktop_app.posting import PostingError
from desktop_app.posting.config import PostingTarget
from desktop_app.posting.ftps import connect_ftps
from desktop_app.posting.sftp import connect_sftp
from desktop_app.sandbox.posting_servers import self_signed_certificate
from desktop_app.webhooks.config import ReceiverConfig
from tests.posting.real_servers import SystemUser, start_sshd, system_user

__all__ = ["system_user"]

# Seconds. Each refusal comes at once; a timeout here only ends a hang. At 3-10 s a loaded
# machine can run past it mid-handshake, and the test sees a timeout, not the refusal.
GUARD = 30


class LegacyTlsServer:
    """A loopback server speaking only what it is given: a TLS version range and a key.
    ``ftp``: the explicit-FTPS opening (220, then 234 to AUTH TLS) before the handshake.
    Its thread ends at ``close``: closing a listening socket does not wake a thread blocked
    in its accept() on Linux (threads were left behind, one per test), so ``close`` says it
    is closing and then connects once itself."""

    def __init__(self, cert: Path, key: Path, *, tls11: bool, ftp: bool) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.set_ciphers("DEFAULT:@SECLEVEL=0")  # let it offer what OpenSSL forbids
        if tls11:
            self.context.minimum_version = ssl.TLSVersion.TLSv1
            self.context.maximum_version = ssl.TLSVersion.TLSv1_1
        self.context.load_cert_chain(cert, key)
        self.ftp = ftp
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self.closing.is_set():
                conn.close()
                return
            with conn, contextlib.suppress(OSError):
                conn.settimeout(GUARD)
                if self.ftp:
                    conn.sendall(b"220 legacy\r\n")
                    conn.recv(100)
                    conn.sendall(b"234 go ahead\r\n")
                with self.context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(100)

    def close(self) -> None:
        self.closing.set()
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=GUARD).close()
        self.thread.join(GUARD)
        self.sock.close()
        assert not self.thread.is_alive(), "the legacy server's thread did not end"


@pytest.fixture
def weak_certificate(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path / "weak", rsa_bits=1024)


@pytest.fixture
def good_certificate(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path / "good", rsa_bits=2048)


@contextlib.contextmanager
def legacy(cert: tuple[Path, Path], *, tls11: bool, ftp: bool) -> Iterator[LegacyTlsServer]:
    server = LegacyTlsServer(*cert, tls11=tls11, ftp=ftp)
    try:
        yield server
    finally:
        server.close()


@pytest.mark.parametrize(("weak", "refusal"), [
    ("tls11", r"only TLS older than 1\.2.*enable TLS 1\.2"),
    ("rsa1024", r"weaker than 2048-bit RSA.*2048-bit"),  # even from a CA file IT trusts
])
async def test_ftps_refuses_a_weak_server(tmp_path: Path, weak: str, refusal: str) -> None:
    cert = self_signed_certificate(tmp_path / weak, rsa_bits=1024 if weak == "rsa1024" else 2048)
    with legacy(cert, tls11=weak == "tls11", ftp=True) as server:
        target = PostingTarget("ftps", "127.0.0.1", server.port, "clinic01", ca_file=str(cert[0]))
        with pytest.raises(PostingError, match=refusal):
            await connect_ftps(target, password="x", timeout=GUARD)


async def test_the_gateway_transport_refuses_tls_1_1(good_certificate: tuple[Path, Path]
                                                     ) -> None:
    with legacy(good_certificate, tls11=True, ftp=False) as server:
        config = GatewayConfig(environment=Environment.STAGING,
                               base_url=f"https://127.0.0.1:{server.port}", connect_timeout=GUARD,
                               read_timeout=GUARD)
        transport = SharedTransport(config)
        try:
            with pytest.raises(GatewayUnreachable) as refused:
                await transport.post(f"https://127.0.0.1:{server.port}/nvp", content=b"x")
        finally:
            await transport.aclose()
    assert "older than 1.2" in str(refused.value.detail)


def test_the_webhook_receiver_will_not_serve_a_1024_bit_certificate(
        weak_certificate: tuple[Path, Path]) -> None:
    config = ReceiverConfig(tls_cert=str(weak_certificate[0]), tls_key=str(weak_certificate[1]))
    with pytest.raises(tlspolicy.WeakTransport, match="2048"):
        config.ssl_context()


def test_every_client_context_requires_tls_1_2_and_security_level_2(tmp_path: Path) -> None:
    cert, _ = self_signed_certificate(tmp_path / "ca")
    for context in (tlspolicy.client_context(), tlspolicy.client_context(str(cert))):
        assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
        assert all(c["protocol"] in ("TLSv1.2", "TLSv1.3") for c in context.get_ciphers())


async def test_sftp_refuses_a_server_offering_only_aes128_ctr(
        tmp_path: Path, system_user: SystemUser | None) -> None:
    server = start_sshd(tmp_path / "sshd", system_user, ciphers="aes128-ctr")
    try:
        target = PostingTarget("sftp", "127.0.0.1", server.port, server.user)
        with pytest.raises(PostingError, match=r"no AES-256 encryption.*aes256-gcm@openssh\.com"):
            await connect_sftp(target, tmp_path / "pins.json", trust_new_host=True,
                               password=server.password or "x", timeout=GUARD)
    finally:
        server.stop()


async def test_sftp_refuses_a_1024_bit_rsa_host_key(tmp_path: Path,
                                                    system_user: SystemUser | None) -> None:
    server = start_sshd(tmp_path / "sshd", system_user, host_key_bits=1024)
    pins = tmp_path / "pins.json"
    try:
        target = PostingTarget("sftp", "127.0.0.1", server.port, server.user)
        with pytest.raises(PostingError, match="host key has 1024 bits; at least 2048"):
            await connect_sftp(target, pins, trust_new_host=True,
                               password=server.password or "x", timeout=GUARD)
    finally:
        server.stop()
    assert not pins.exists()  # a weak key is never pinned


@pytest.mark.parametrize(("environment", "url", "allowed"), [
    (Environment.SANDBOX, "http://127.0.0.1:8080", True),
    (Environment.SANDBOX, "http://10.0.0.5:8080", False),
    (Environment.STAGING, "http://127.0.0.1:8080", False),  # plain HTTP: the sandbox only
    (Environment.PRODUCTION, "http://localhost:8080", False),
    (Environment.PRODUCTION, "https://127.0.0.1:8443", True),
])
def test_plain_http_is_for_the_sandbox_on_loopback_only(environment: Environment, url: str,
                                                        allowed: bool) -> None:
    from desktop_app.domain.errors import ValidationError

    config = GatewayConfig(environment=environment, base_url=url)
    if allowed:
        assert config.connect_url == url
    else:
        with pytest.raises(ValidationError, match="must use https"):
            _ = config.connect_url
