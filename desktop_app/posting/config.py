"""Where posting connects: the partner's hosts and ports, and the keyring entries for secrets.

Passwords and key passphrases live only in the keyring (PCI DSS 8.3.2), under
``KEYRING_SERVICE`` with the names built here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop_app.keyring_guard import secure_keyring
from desktop_app.posting.errors import PostingError
from desktop_app.settings import KEYRING_SERVICE

HOSTS = {"production": "connect.instamed.com", "staging": "connect-staging.instamed.com"}
SFTP_PASSWORD_PORT = 22
SFTP_KEY_PORT = 2201
FTPS_PORT = 21
RSA_SIZES = (1024, 2048, 4096)


@dataclass(frozen=True)
class PostingTarget:
    protocol: str               # "sftp" | "ftps"
    host: str
    port: int
    username: str
    remote_dir: str = "."       # the account's (or group's) directory
    key_file: str = ""          # SFTP public-key auth when set
    ca_file: str = ""           # FTPS: trust this CA (sandbox); default: system trust
    cert_sha256: str = ""       # FTPS: and only the certificate with this fingerprint

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def password_key(target: PostingTarget) -> str:
    return f"posting:{target.protocol}:{target.host}:{target.username}"


def passphrase_key(key_file: str | Path) -> str:
    return f"posting-key:{Path(key_file).resolve()}"


def secret(name: str, what: str) -> str:
    value = secure_keyring().get_password(KEYRING_SERVICE, name)
    if not value:
        raise PostingError(f"No {what} is stored in the keyring ({name}). Store it with "
                           "'main.py posting set-secret'.")
    return value


def optional_secret(name: str) -> str | None:
    return secure_keyring().get_password(KEYRING_SERVICE, name) or None


class PinnedHosts:
    """Server keys pinned on first use: a small JSON file in the app's data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:
            raise PostingError(f"The pinned host key file {self.path} is damaged.") from None
        return {str(k): str(v) for k, v in data.items()}

    def get(self, address: str) -> str | None:
        return self.load().get(address)

    def pin(self, address: str, public_key: str) -> None:
        data = self.load()
        data[address] = public_key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(self.path)
