"""RSA key pairs for the gateway's public-key SFTP port (2048 or 4096 bits: the gateway also
takes 1024, which the transport policy, ``desktop_app/tlspolicy.py``, refuses as too weak).

The private key is written owner-only, encrypted when a passphrase is in the keyring; the
public key line is what the clinic sends to the gateway to be authorised.
"""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

from desktop_app.posting.config import RSA_SIZES, optional_secret, passphrase_key
from desktop_app.posting.errors import PostingError
from desktop_app.tlspolicy import MIN_RSA_BITS


def generate_key_pair(path: Path, bits: int = 2048, comment: str = "frontdesk-pay") -> str:
    """Write PATH (private) and PATH.pub; return the public key line to send to the gateway."""
    if bits not in RSA_SIZES or bits < MIN_RSA_BITS:
        sizes = ", ".join(str(b) for b in RSA_SIZES if b >= MIN_RSA_BITS)
        raise PostingError(f"Make a key of {sizes} bits: the gateway also takes 1024, but "
                           f"keys under {MIN_RSA_BITS} bits are too weak to use.")
    if path.exists():
        raise PostingError(f"{path} already exists; choose another file name.")
    key = asyncssh.generate_private_key("ssh-rsa", key_size=bits, comment=comment)
    passphrase = optional_secret(passphrase_key(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key.export_private_key("openssh", passphrase))
    public = key.export_public_key("openssh")
    path.with_name(path.name + ".pub").write_bytes(public)
    return public.decode("ascii").strip()


def load_private_key(path: Path) -> asyncssh.SSHKey:
    try:
        key = asyncssh.read_private_key(path, optional_secret(passphrase_key(path)))
    except (OSError, asyncssh.KeyImportError) as exc:
        raise PostingError(f"Cannot read the key {path}: {exc}. If it has a passphrase, "
                           "store it with 'main.py posting set-secret'.") from None
    bits = getattr(key.pyca_key, "key_size", None) if key.algorithm == b"ssh-rsa" else None
    if bits is not None and bits < MIN_RSA_BITS:
        raise PostingError(f"The key {path} has {bits} bits; keys under {MIN_RSA_BITS} bits "
                           "are too weak. Make a new one with 'main.py posting keygen' and "
                           "send its public key to your gateway contact.")
    return key
