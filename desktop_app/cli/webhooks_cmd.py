"""``main.py webhooks list|set-secret``: what the receiver stored, and its credentials."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from desktop_app.cli.webhook_server_cmd import BASIC_KEY, OAUTH_KEY
from desktop_app.webhooks.logsafe import escape


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("webhooks", help="stored webhook messages and receiver secrets")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="stored messages, oldest first")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--limit", type=int, default=1000)
    listing.add_argument("--store", metavar="FILE")
    listing.set_defaults(func=run_list)
    secret = actions.add_parser("set-secret", help="store the Basic password or OAuth2 client "
                                "secret in the keyring (read from the terminal or stdin)")
    secret.add_argument("kind", choices=("basic", "oauth"))
    secret.add_argument("name", help="the Basic user name or the OAuth2 client id")
    secret.set_defaults(func=run_set_secret)


async def run_list(args: argparse.Namespace) -> int:
    from desktop_app.paths import app_paths
    from desktop_app.settings import load_settings, webhook_store_target
    from desktop_app.webhooks.store import open_webhook_store

    paths = app_paths().ensure()
    target = args.store or webhook_store_target(paths, load_settings(paths))
    store = await open_webhook_store(target).open()
    try:
        rows = await store.messages(args.limit)
    finally:
        await store.close()
    if args.json:
        print(json.dumps([r.as_json() for r in rows], indent=1))
        return 0
    for r in rows:  # what the gateway sent is escaped: no control character reaches a terminal
        flag = "" if r.trigger_known else "  (unknown update)"
        dup = f"  ×{r.duplicate_count + 1}" if r.duplicate_count else ""
        print(f"{r.id:>6}  {r.received_at[:19]}  {escape(r.trigger, 24):<12} "
              f"{escape(r.transaction_id, 64):<34} {escape(r.amount, 16):>10}{dup}{flag}")
    return 0


def run_set_secret(args: argparse.Namespace) -> int:
    from desktop_app.keyring_guard import secure_keyring
    from desktop_app.settings import KEYRING_SERVICE

    prompt = f"Secret for {args.kind} {args.name}: "
    value = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not value:
        print("Error: empty secret, nothing stored", file=sys.stderr)
        return 2
    key = (BASIC_KEY if args.kind == "basic" else OAUTH_KEY).format(args.name)
    secure_keyring().set_password(KEYRING_SERVICE, key, value)
    print(f"Stored in the keyring as {key}")
    return 0
