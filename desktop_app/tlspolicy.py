"""Transport security, in one place, as the gateway's overview states it.

The Connect overview (/work/shared/reference/instamed-connect-api-overview.txt) asks for TLS
with CA certificates on the real-time interface, "2048 bit TLS security" for SOAP and AES-256
channel encryption for the batch (posting) interface. So, for every gateway, SOAP, REST,
webhook and FTPS connection (control and data): TLS 1.2 or newer, and no RSA key under 2048
bits (OpenSSL security level 2 refuses them in the handshake; ``explain`` words the refusal
for IT). SFTP is held to AES-256 ciphers and current key exchange. PCI DSS 4.2.1 (strong
cryptography for card data in transit) is why none of this is a setting.
"""

from __future__ import annotations

import ssl

import truststore

from desktop_app.domain.errors import FrontDeskError

MIN_TLS = ssl.TLSVersion.TLSv1_2
MIN_RSA_BITS = 2048
# Security level 2: RSA/DH keys of 2048 bits or more, no SHA-1 signatures. AES-256 suites first,
# so a server that honours the client's order picks them; no SHA-1 MAC suites (TLS 1.3 suites are
# OpenSSL's, all AEAD).
TLS_CIPHERS = ("@SECLEVEL=2:ECDHE+AES256+AESGCM:ECDHE+CHACHA20:ECDHE+AES256:ECDHE+AESGCM"
               ":!SHA1:!aNULL")

SSH_ENCRYPTION = ("aes256-gcm@openssh.com", "aes256-ctr")
SSH_KEX = ("curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp521",
           "ecdh-sha2-nistp384", "ecdh-sha2-nistp256", "diffie-hellman-group18-sha512",
           "diffie-hellman-group16-sha512", "diffie-hellman-group14-sha256")
SSH_MAC = ("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256",
           "hmac-sha2-512")


class WeakTransport(FrontDeskError):
    """A server offered less than the policy above; the message says what to ask for."""


def _harden(context: ssl.SSLContext) -> ssl.SSLContext:
    context.minimum_version = MIN_TLS
    context.set_ciphers(TLS_CIPHERS)
    return context


def client_context(ca_file: str = "") -> ssl.SSLContext:
    """Verification always on: the OS trust store, or exactly the CA file IT chose."""
    if ca_file:
        return _harden(ssl.create_default_context(cafile=ca_file))
    return _harden(truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT))


def server_context(cert_file: str, key_file: str = "") -> ssl.SSLContext:
    """For our own listeners (the webhook receiver): the same floor as every client."""
    context = _harden(ssl.create_default_context(ssl.Purpose.CLIENT_AUTH))
    try:
        context.load_cert_chain(cert_file, key_file or None)
    except ssl.SSLError as exc:
        raise WeakTransport(f"The certificate {cert_file} cannot be used: {explain(exc)}") \
            from None
    return context


def explain(exc: BaseException) -> str:
    """What a TLS refusal means for IT, in one line; the library's words otherwise."""
    text = f"{getattr(exc, 'reason', '') or ''} {getattr(exc, 'verify_message', '') or ''} {exc}"
    low = text.lower()
    if any(word in low for word in ("key too small", "key_too_small", "key too weak")):
        return (f"the server's certificate key is weaker than {MIN_RSA_BITS}-bit RSA. Ask the "
                f"server's administrator for a certificate with a {MIN_RSA_BITS}-bit (or larger) "
                "key.")
    if "protocol_version" in low or "unsupported protocol" in low or "no protocols" in low:
        return ("the server offers only TLS older than 1.2. Ask the server's administrator to "
                "enable TLS 1.2 or 1.3.")
    if "certificate verify failed" in low:
        return ("the server's certificate is not trusted (for a private CA, give its file with "
                "--ca-file).")
    return " ".join(str(exc).split()) or type(exc).__name__


def check_ssh_host_key_size(bits: int | None) -> None:
    """An SSH server's RSA host key is held to the same floor as a TLS certificate."""
    if bits is not None and bits < MIN_RSA_BITS:
        raise WeakTransport(f"The server's RSA host key has {bits} bits; at least "
                            f"{MIN_RSA_BITS} are required. Ask the server's administrator for "
                            "a stronger host key.")


def explain_ssh(exc: BaseException) -> str:
    """asyncssh's algorithm-negotiation failure, said as what the server lacks."""
    low = str(exc).lower()
    if "encryption" in low:
        return ("the server offers no AES-256 encryption; Front Desk Pay requires "
                f"{' or '.join(SSH_ENCRYPTION)}. Ask the server's administrator to enable it.")
    if "key exchange" in low or "kex" in low:
        return ("the server offers only outdated key exchange; Front Desk Pay requires one of "
                f"{', '.join(SSH_KEX[:3])}, ... Ask the server's administrator to enable it.")
    if "mac" in low:
        return f"the server offers no SHA-2 integrity check ({SSH_MAC[0]}, ...)."
    return " ".join(str(exc).split()) or type(exc).__name__
