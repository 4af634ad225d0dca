"""``main.py posting repin-host-key`` and ``posting save-tls``: IT's answers to a server that
changed its key or uses a private certificate.

A changed SSH host key is refused on every connection (it may be an impostor). After the
gateway confirms a genuine change, ``repin-host-key`` shows the old and the new fingerprint
and replaces the pin only when IT confirms (typing ``yes``, or ``--yes`` with
``--fingerprint`` naming the new key for a script). ``save-tls`` keeps the FTPS CA file and
an optional certificate pin in the settings, so every later command uses them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser],
             connection_options: Callable[[argparse.ArgumentParser], None]) -> None:
    repin = actions.add_parser("repin-host-key",
                               help="replace a pinned SFTP host key after a genuine change")
    connection_options(repin)
    repin.add_argument("--yes", action="store_true", help="do not ask (needs --fingerprint)")
    repin.add_argument("--fingerprint", default="", help="the new key's SHA256:... to expect")
    repin.set_defaults(func=run_repin)
    tls = actions.add_parser("save-tls", help="save the FTPS CA file and certificate pin")
    tls.add_argument("--ca-file", type=Path, default=None, help="blank it with ''")
    tls.add_argument("--cert-sha256", default=None, help="SHA-256 fingerprint (hex, ':' ok)")
    tls.set_defaults(func=run_save_tls)


async def run_repin(args: argparse.Namespace) -> int:
    from desktop_app.cli.posting_cmd import target_from
    from desktop_app.paths import app_paths
    from desktop_app.posting.config import PinnedHosts
    from desktop_app.posting.errors import PostingError
    from desktop_app.posting.sftp import fingerprint, server_host_key

    target = target_from(args)
    pins = PinnedHosts(app_paths().ensure().data_dir / "posting_host_keys.json")
    try:
        offered = await server_host_key(target)
    except PostingError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 3
    old = pins.get(target.address)
    new = fingerprint(offered)
    print(f"Server:      {target.address}")
    print(f"Pinned key:  {fingerprint(old) if old else '(none)'}")
    print(f"Offered key: {new}")
    if old == offered:
        print("The server's key is the one already pinned; nothing changed.")
        return 0
    if args.fingerprint and args.fingerprint != new:
        print(f"Error: the server offers {new}, not {args.fingerprint}; the pin was kept.",
              file=sys.stderr)
        return 3
    if not _confirmed(args):
        print("The pin was kept.", file=sys.stderr)
        return 3
    pins.pin(target.address, offered)
    print("The new key is pinned.")
    return 0


def _confirmed(args: argparse.Namespace) -> bool:
    if args.yes:
        if not args.fingerprint:
            print("Error: --yes needs --fingerprint with the key your gateway contact "
                  "confirmed.", file=sys.stderr)
            return False
        return True
    if not sys.stdin.isatty():
        print("Error: confirm with --yes --fingerprint SHA256:... when not at a terminal.",
              file=sys.stderr)
        return False
    answer = input("Has your gateway contact confirmed the offered key? Type yes to pin it: ")
    return answer.strip().lower() == "yes"


def run_save_tls(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from desktop_app.paths import app_paths
    from desktop_app.settings import load_settings, save_settings

    paths = app_paths().ensure()
    settings = load_settings(paths)
    tls = settings.posting_tls
    if args.ca_file is not None:
        ca = str(args.ca_file.expanduser().resolve()) if str(args.ca_file) else ""
        if ca and not Path(ca).is_file():
            print(f"Error: {ca} is not a file.", file=sys.stderr)
            return 3
        tls = replace(tls, ftps_ca_file=ca)
    if args.cert_sha256 is not None:
        pin = args.cert_sha256.replace(":", "").lower()
        if pin and (len(pin) != 64 or any(c not in "0123456789abcdef" for c in pin)):
            print("Error: a SHA-256 fingerprint is 64 hexadecimal digits.", file=sys.stderr)
            return 3
        tls = replace(tls, ftps_cert_sha256=pin)
    save_settings(paths, replace(settings, posting_tls=tls))
    print(f"FTPS CA file: {tls.ftps_ca_file or '(system trust store)'}")
    print(f"FTPS certificate pin: {tls.ftps_cert_sha256 or '(none)'}")
    return 0
