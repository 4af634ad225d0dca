"""``main.py posting upload|download|list|keygen|set-secret|repin-host-key|save-tls``: file
exchange with the gateway.

Examples::

    main.py posting keygen ~/.frontdesk/posting_rsa --bits 2048     # prints the public key
    main.py posting set-secret --user clinic01                      # password into the keyring
    main.py posting upload batch.txt --user clinic01 --remote-dir /inbound --trust-new-host
    main.py posting download remit.835 --protocol ftps --user clinic01 --to ./inbox
    main.py posting repin-host-key --user clinic01                  # after a genuine key change
    main.py posting save-tls --ca-file clinic-ca.pem --cert-sha256 AB:CD:...   # FTPS trust

Every failure is one line on stderr and exit code 3; names that came from the server are
escaped, so no control character reaches the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_PORTS = {("sftp", False): 22, ("sftp", True): 2201, ("ftps", False): 21}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("posting", help="upload/download files to the gateway (SFTP/FTPS)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, helptext in (("upload", "send files"), ("download", "fetch files"),
                           ("list", "list the remote directory")):
        a = actions.add_parser(name, help=helptext)
        _connection_options(a)
        if name == "upload":
            a.add_argument("files", nargs="+", type=Path)
            a.add_argument("--no-checksum", action="store_true",
                           help="verify by size only (skip reading the file back)")
        if name == "download":
            a.add_argument("names", nargs="+")
            a.add_argument("--to", type=Path, default=Path("."), help="local folder")
        a.set_defaults(func=run_transfer)
    keygen = actions.add_parser("keygen", help="make an RSA key pair; prints the public key")
    keygen.add_argument("path", type=Path)
    keygen.add_argument("--bits", type=int, choices=(2048, 4096), default=2048)
    keygen.set_defaults(func=run_keygen)
    secret = actions.add_parser("set-secret", help="store a password/passphrase in the keyring")
    _connection_options(secret)
    secret.add_argument("--passphrase-for", type=Path, metavar="KEY_FILE")
    secret.set_defaults(func=run_set_secret)
    from desktop_app.cli import posting_trust_cmd
    posting_trust_cmd.register(actions, _connection_options)


def _connection_options(a: argparse.ArgumentParser) -> None:
    a.add_argument("--protocol", choices=("sftp", "ftps"), default="sftp")
    a.add_argument("--environment", choices=("production", "staging"), default="staging")
    a.add_argument("--host", help="override the environment's host (e.g. the sandbox)")
    a.add_argument("--port", type=int, help="default: 22 (SFTP), 2201 (SFTP key), 21 (FTPS)")
    a.add_argument("--user", required=True)
    a.add_argument("--remote-dir", default=".", help="the account's directory")
    a.add_argument("--key-file", default="", help="SFTP public-key auth with this key")
    a.add_argument("--ca-file", default=None,
                   help="FTPS: trust this CA/certificate (default: the one saved by save-tls)")
    a.add_argument("--cert-sha256", default=None,
                   help="FTPS: accept only the certificate with this SHA-256 fingerprint")
    a.add_argument("--trust-new-host", action="store_true",
                   help="SFTP: pin an unknown server's key (confirm its fingerprint first)")
    a.add_argument("--timeout", type=float, default=30.0,
                   help="give up when the server does not answer for this many seconds")
    a.add_argument("--json", action="store_true")


def target_from(args: argparse.Namespace) -> Any:
    from desktop_app.paths import app_paths
    from desktop_app.posting.config import HOSTS, PostingTarget
    from desktop_app.settings import read_settings

    saved = read_settings(app_paths())[0].posting_tls
    port = args.port or DEFAULT_PORTS[(args.protocol, bool(args.key_file))]
    return PostingTarget(args.protocol, args.host or HOSTS[args.environment], port, args.user,
                         args.remote_dir, key_file=args.key_file,
                         ca_file=saved.ftps_ca_file if args.ca_file is None else args.ca_file,
                         cert_sha256=saved.ftps_cert_sha256 if args.cert_sha256 is None
                         else args.cert_sha256)


class ProgressBar:
    """One file's bar on stderr; ``end`` finishes its line, so an error starts on its own."""

    def __init__(self, name: str) -> None:
        from desktop_app.logs import escape

        self.name, self.drawn = escape(name, 30), False

    def __call__(self, done: int, total: int) -> None:
        filled = 30 * done // total if total else 30
        print(f"\r{self.name:<30} [{'#' * filled:<30}] {done:>12,}/{total:,}", end="",
              file=sys.stderr, flush=True)
        self.drawn = True

    def end(self) -> None:
        if self.drawn:
            print(file=sys.stderr, flush=True)
            self.drawn = False


async def _connect(args: argparse.Namespace) -> Any:
    from desktop_app.paths import app_paths
    from desktop_app.posting.ftps import connect_ftps
    from desktop_app.posting.sftp import connect_sftp

    target = target_from(args)
    if target.protocol == "ftps":
        return await connect_ftps(target, timeout=args.timeout)
    pins = app_paths().ensure().data_dir / "posting_host_keys.json"
    return await connect_sftp(target, pins, trust_new_host=args.trust_new_host,
                              timeout=args.timeout)


async def _work(args: argparse.Namespace, files: Any) -> list[dict[str, Any]]:
    from desktop_app.posting.transfer import download, is_part, upload

    out: list[dict[str, Any]] = []
    if args.action == "list":
        return [{"name": e.name, "size": e.size} for e in await files.listdir(args.remote_dir)
                if not is_part(e.name)]
    for item in args.files if args.action == "upload" else args.names:
        name = item.name if isinstance(item, Path) else item
        bar = None if args.json else ProgressBar(name)
        try:
            if args.action == "upload":
                r = await upload(files, item, args.remote_dir, progress=bar,
                                 verify_checksum=not args.no_checksum)
            else:
                r = await download(files, args.remote_dir, item, args.to, progress=bar)
        finally:
            if bar is not None:
                bar.end()
        out.append({"name": r.name, "size": r.size, "resumed_from": r.resumed_from,
                    "sha256": r.sha256})
    return out


def _check_before_connecting(args: argparse.Namespace) -> None:
    """Refuse what cannot work (a missing local file, a name with a folder in it) before a
    connection is opened, so nothing at all is transferred."""
    from desktop_app.posting.transfer import checked_local_file, checked_name

    for local in getattr(args, "files", ()):
        checked_local_file(local)
        checked_name(local.name)
    for name in getattr(args, "names", ()):
        checked_name(name)


async def run_transfer(args: argparse.Namespace) -> int:
    from desktop_app.cli.output import one_line
    from desktop_app.logs import escape
    from desktop_app.posting.errors import PostingError

    try:
        _check_before_connecting(args)
        files = await _connect(args)
        try:
            rows = await _work(args, files)
        finally:
            await files.close()
    except PostingError as exc:
        print(f"Error: {one_line(escape(exc, 2000))}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(rows, indent=1))
    elif not rows:
        print(f"No files in {escape(args.remote_dir)} on the server.")
    else:
        for row in rows:
            print(f"{escape(row['name'])}  {row['size']:,} bytes" +
                  (f"  sha256 {row['sha256'][:16]}…" if "sha256" in row else ""))
    return 0


def run_keygen(args: argparse.Namespace) -> int:
    from desktop_app.posting.errors import PostingError
    from desktop_app.posting.keys import generate_key_pair

    try:
        public = generate_key_pair(args.path.expanduser(), args.bits)
    except PostingError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 3
    print("Send this public key to your gateway contact to enable key login (port 2201):")
    print(public)
    return 0


def run_set_secret(args: argparse.Namespace) -> int:
    import keyring.errors

    from desktop_app.keyring_guard import secure_keyring
    from desktop_app.posting.config import passphrase_key, password_key
    from desktop_app.settings import KEYRING_SERVICE

    name = (passphrase_key(args.passphrase_for) if args.passphrase_for
            else password_key(target_from(args)))
    value = getpass.getpass(f"{name}: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if not value:
        print("Error: empty secret, nothing stored", file=sys.stderr)
        return 2
    try:
        secure_keyring().set_password(KEYRING_SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 3
    print(f"Stored in the keyring as {name}")
    return 0
