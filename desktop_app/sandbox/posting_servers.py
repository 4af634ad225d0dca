"""Local posting servers for the demo and tests: asyncssh SFTP and pyftpdlib FTPS on loopback.

They play the gateway's Connect posting site: one home directory per account, SFTP password
auth on one port and public-key auth on another (the real site's 22 and 2201), explicit FTPS
with TLS required on control and data channels and a self-signed certificate written beside
the files so a client can trust exactly it.
"""

from __future__ import annotations

import datetime
import hmac
import ipaddress
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer


@dataclass
class PostingAccounts:
    """Users of the posting site: passwords and authorised public keys (OpenSSH lines)."""

    passwords: dict[str, str] = field(default_factory=dict)
    public_keys: dict[str, list[str]] = field(default_factory=dict)

    def home(self, root: Path, user: str) -> Path:
        path = root / user
        path.mkdir(parents=True, exist_ok=True)
        return path


class _SshServer(asyncssh.SSHServer):
    def __init__(self, accounts: PostingAccounts, by_key: bool) -> None:
        self.accounts, self.by_key = accounts, by_key

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return not self.by_key

    def validate_password(self, username: str, password: str) -> bool:
        expected = self.accounts.passwords.get(username)
        return expected is not None and hmac.compare_digest(expected.encode(),
                                                            password.encode())

    def public_key_auth_supported(self) -> bool:
        return self.by_key

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        offered = key.export_public_key("openssh").split()[1]
        return any(line.split()[1].encode() == offered
                   for line in self.accounts.public_keys.get(username, []))


class SandboxSftpServer:
    """Two listeners over one tree: ``password_port`` and ``key_port``."""

    def __init__(self, root: Path, accounts: PostingAccounts) -> None:
        self.root, self.accounts = root, accounts
        self.host_key = asyncssh.generate_private_key("ssh-ed25519")
        self.password_port = self.key_port = 0
        self._servers: list[asyncssh.SSHAcceptor] = []

    def _sftp(self, chan: asyncssh.SSHServerChannel[bytes]) -> asyncssh.SFTPServer:
        user = str(chan.get_extra_info("username"))
        return asyncssh.SFTPServer(chan, chroot=os.fsencode(self.accounts.home(self.root, user)))

    async def start(self, host: str = "127.0.0.1", password_port: int = 0,
                    key_port: int = 0) -> None:
        for by_key, port in ((False, password_port), (True, key_port)):
            acceptor = await asyncssh.listen(
                host, port, server_host_keys=[self.host_key], sftp_factory=self._sftp,
                server_factory=lambda k=by_key: _SshServer(self.accounts, k),
                allow_scp=False)
            self._servers.append(acceptor)
        self.password_port = self._servers[0].get_port()
        self.key_port = self._servers[1].get_port()

    async def stop(self) -> None:
        for acceptor in self._servers:
            acceptor.close()
            await acceptor.wait_closed()
        self._servers.clear()


def self_signed_certificate(folder: Path, host: str = "127.0.0.1",
                            rsa_bits: int = 0) -> tuple[Path, Path]:
    """A certificate for ``host`` (and localhost); clients trust this file as their CA.
    P-256 by default; ``rsa_bits`` for an RSA key (tests of the 2048-bit floor, vsftpd)."""
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey = (
        rsa.generate_private_key(65537, rsa_bits) if rsa_bits
        else ec.generate_private_key(ec.SECP256R1()))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    alt: list[x509.GeneralName] = [x509.DNSName("localhost")]
    try:
        alt.append(x509.IPAddress(ipaddress.ip_address(host)))
    except ValueError:
        alt.append(x509.DNSName(host))
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(alt), False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = folder / "ftps-cert.pem", folder / "ftps-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_file.chmod(0o600)
    return cert_file, key_file


class SandboxFtpsServer:
    """pyftpdlib on its own thread (it has its own loop); TLS required on both channels."""

    def __init__(self, root: Path, accounts: PostingAccounts, cert_dir: Path) -> None:
        self.root, self.accounts, self.cert_dir = root, accounts, cert_dir
        self.cert_file = cert_dir / "ftps-cert.pem"
        self.port = 0
        self._server: FTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._uploads_ended = threading.Semaphore(0)

    def start(self, host: str = "127.0.0.1", port: int = 0,
              passive_ports: range | None = None) -> None:
        cert, key = self_signed_certificate(self.cert_dir, host)
        authorizer = DummyAuthorizer()
        for user, password in self.accounts.passwords.items():
            authorizer.add_user(user, password, str(self.accounts.home(self.root, user)),
                                perm="elradfmwMT")
        attrs: dict[str, Any] = {"certfile": str(cert), "keyfile": str(key),
                                 "tls_control_required": True, "tls_data_required": True,
                                 "authorizer": authorizer, "ssl_context": None,
                                 "passive_ports": passive_ports, "banner": "Sandbox posting",
                                 "on_file_received": self._upload_ended,
                                 "on_incomplete_file_received": self._upload_ended}
        handler = type("SandboxTLSHandler", (TLS_FTPHandler,), attrs)
        self._server = FTPServer((host, port), handler)
        self.port = int(self._server.address[1])
        self._thread = threading.Thread(target=self._serve, name="sandbox-ftps", daemon=True)
        self._thread.start()

    def _upload_ended(self, file: str) -> None:
        """pyftpdlib's hook once an upload's file is closed, finished or cut off (bound to
        this server, so the handler class calls it with the file only)."""
        self._uploads_ended.release()

    def wait_upload_ended(self, timeout: float = 30) -> bool:
        """Whether one more upload has ended within ``timeout`` s. Until then a cut-off one
        may still be writing what was in flight, so its part's size says nothing yet and
        resuming from it would race the server."""
        return self._uploads_ended.acquire(timeout=timeout)

    def _serve(self) -> None:
        assert self._server is not None
        while not self._stopping.is_set():
            self._server.serve_forever(timeout=0.05, blocking=False, handle_exit=False)
        self._server.close_all()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(5)
