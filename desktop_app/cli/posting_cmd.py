"""``main.py posting upload|download|list|keygen|set-secret``: file exchange with the gateway.

Examples::

    main.py posting keygen ~/.frontdesk/posting_rsa --bits 2048     # prints the public key
    main.py posting set-secret --user clinic01                      # password into the keyring
    main.py posting upload batch.txt --user clinic01 --remote-dir /inbound --trust-new-host
    main.py posting download remit.835 --protocol ftps --user clinic01 --to ./inbox
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
    keygen.add_argument("--bits", type=int, choices=(1024, 2048, 4096), default=2048)
    keygen.set_defaults(func=run_keygen)
    secret = actions.add_parser("set-secret", help="store a password/passphrase in the keyring")
    _connection_options(secret)
    secret.add_argument("--passphrase-for", type=Path, metavar="KEY_FILE")
    secret.set_defaults(func=run_set_secret)


def _connection_options(a: argparse.ArgumentParser) -> None:
    a.add_argument("--protocol", choices=("sftp", "ftps"), default="sftp")
    a.add_argument("--environment", choices=("production", "staging"), default="staging")
    a.add_argument("--host", help="override the environment's host (e.g. the sandbox)")
    a.add_argument("--port", type=int, help="default: 22 (SFTP), 2201 (SFTP key), 21 (FTPS)")
    a.add_argument("--user", required=True)
    a.add_argument("--remote-dir", default=".", help="the account's directory")
    a.add_argument("--key-file", default="", help="SFTP public-key auth with this key")
    a.add_argument("--ca-file", default="", help="FTPS: trust this CA/certificate")
    a.add_argument("--trust-new-host", action="store_true",
                   help="SFTP: pin an unknown server's key (confirm its fingerprint first)")
    a.add_argument("--json", action="store_true")


def target_from(args: argparse.Namespace) -> Any:
    from desktop_app.posting.config import HOSTS, PostingTarget

    port = args.port or DEFAULT_PORTS[(args.protocol, bool(args.key_file))]
    return PostingTarget(args.protocol, args.host or HOSTS[args.environment], port, args.user,
                         args.remote_dir, key_file=args.key_file, ca_file=args.ca_file)


def progress_bar(name: str) -> Any:
    def show(done: int, total: int) -> None:
        filled = 30 * done // total if total else 30
        print(f"\r{name[:30]:<30} [{'#' * filled:<30}] {done:>12,}/{total:,}", end="",
              file=sys.stderr, flush=True)
    return show


async def _connect(args: argparse.Namespace) -> Any:
    from desktop_app.paths import app_paths
    from desktop_app.posting.ftps import connect_ftps
    from desktop_app.posting.sftp import connect_sftp

    target = target_from(args)
    if target.protocol == "ftps":
        return await connect_ftps(target)
    pins = app_paths().ensure().data_dir / "posting_host_keys.json"
    return await connect_sftp(target, pins, trust_new_host=args.trust_new_host)


async def _work(args: argparse.Namespace, files: Any) -> list[dict[str, Any]]:
    from desktop_app.posting.transfer import download, upload

    out: list[dict[str, Any]] = []
    if args.action == "list":
        return [{"name": e.name, "size": e.size} for e in await files.listdir(args.remote_dir)]
    for item in args.files if args.action == "upload" else args.names:
        name = item.name if isinstance(item, Path) else item
        show = None if args.json else progress_bar(name)
        if args.action == "upload":
            r = await upload(files, item, args.remote_dir, progress=show,
                             verify_checksum=not args.no_checksum)
        else:
            r = await download(files, args.remote_dir, item, args.to, progress=show)
        if show is not None:
            print(file=sys.stderr)
        out.append({"name": r.name, "size": r.size, "resumed_from": r.resumed_from,
                    "sha256": r.sha256})
    return out


async def run_transfer(args: argparse.Namespace) -> int:
    from desktop_app.posting.errors import PostingError

    try:
        files = await _connect(args)
        try:
            rows = await _work(args, files)
        finally:
            await files.close()
    except PostingError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            print(f"{row['name']}  {row['size']:,} bytes" +
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
    import keyring

    from desktop_app.posting.config import passphrase_key, password_key
    from desktop_app.settings import KEYRING_SERVICE

    name = (passphrase_key(args.passphrase_for) if args.passphrase_for
            else password_key(target_from(args)))
    value = getpass.getpass(f"{name}: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if not value:
        print("Error: empty secret, nothing stored", file=sys.stderr)
        return 2
    keyring.set_password(KEYRING_SERVICE, name, value)
    print(f"Stored in the keyring as {name}")
    return 0
