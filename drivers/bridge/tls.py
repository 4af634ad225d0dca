"""Certificates and TLS contexts for the bridge: self-signed, pinned, mutual, TLS 1.2+.

There is no CA between a thin client and a Citrix server, so each end makes its own
self-signed certificate (EC P-256) and pins the other's after pairing. Python's ``ssl`` loads
keys from files only, so the key file is encrypted and its passphrase lives in the OS
keyring (PCI DSS 3.6/8.3.2: key material never stored readable).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_DAYS = 3650  # a pin replaces trust in expiry; re-pairing renews nothing here
Secret = tuple[Callable[[str], str | None], Callable[[str, str], None]]  # (get, set) by name


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def pem_fingerprint(pem: str) -> str:
    cert = x509.load_pem_x509_certificate(pem.encode())
    return fingerprint(cert.public_bytes(serialization.Encoding.DER))


def der_to_pem(der: bytes) -> str:
    return ssl.DER_cert_to_PEM_cert(der)


def _self_signed(name: str, passphrase: str) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(passphrase.encode()))
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@dataclass(frozen=True)
class Identity:
    """This end's certificate: ``cert.pem`` and an encrypted ``key.pem`` in ``directory``."""

    directory: Path
    passphrase: str

    @property
    def cert_file(self) -> Path:
        return self.directory / "cert.pem"

    @property
    def key_file(self) -> Path:
        return self.directory / "key.pem"

    @property
    def cert_pem(self) -> str:
        return self.cert_file.read_text(encoding="ascii")

    @property
    def fingerprint(self) -> str:
        return pem_fingerprint(self.cert_pem)

    def load_into(self, context: ssl.SSLContext) -> None:
        context.load_cert_chain(self.cert_file, self.key_file, password=self.passphrase)


def load_identity(directory: Path, name: str, secret: Secret) -> Identity:
    """The identity in ``directory``, made on first use; its passphrase under ``name``."""
    get, put = secret
    passphrase = get(name)
    identity = Identity(directory, passphrase or "")
    if passphrase and identity.cert_file.exists() and identity.key_file.exists():
        return identity
    passphrase = secrets.token_urlsafe(32)
    # A unique subject: OpenSSL finds a trust anchor by subject, so two pins of one name
    # (a re-pair before the old one is gone from a running bridge) must not collide.
    cert_pem, key_pem = _self_signed(f"Front Desk Pay {name} {secrets.token_hex(4)}",
                                     passphrase)
    directory.mkdir(parents=True, exist_ok=True)
    identity.key_file.write_bytes(key_pem)
    identity.key_file.chmod(0o600)
    identity.cert_file.write_bytes(cert_pem)
    put(name, passphrase)
    return Identity(directory, passphrase)


def _base(purpose: ssl.Purpose) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER if purpose is ssl.Purpose.CLIENT_AUTH
                             else ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def server_context(identity: Identity, pinned: list[str]) -> ssl.SSLContext:
    """Client certificates optional at the TLS layer (an unpaired app may only pair); one
    that is presented must be a pinned one, and the server checks the pin again per link."""
    context = _base(ssl.Purpose.CLIENT_AUTH)
    identity.load_into(context)
    context.verify_mode = ssl.CERT_OPTIONAL
    trust(context, pinned)
    return context


def trust(context: ssl.SSLContext, pinned: list[str]) -> None:
    if pinned:
        context.load_verify_locations(cadata="".join(pinned))


def client_context(identity: Identity, bridge_pem: str) -> ssl.SSLContext:
    """Mutual TLS with the bridge's own certificate as the only trust anchor."""
    context = _base(ssl.Purpose.SERVER_AUTH)
    context.check_hostname = False  # a pin, not a name: thin clients have no stable DNS
    identity.load_into(context)
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cadata=bridge_pem)
    return context


def pairing_context() -> ssl.SSLContext:
    """Before pairing: no certificate either way at the TLS layer (the bridge would refuse
    an unpinned one); the code's proofs bind both certificates instead (``pairing.py``)."""
    context = _base(ssl.Purpose.SERVER_AUTH)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context
