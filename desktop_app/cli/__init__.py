"""The command line: one module per command, each with ``register(subparsers)``.

Every module sets ``func`` on its parser: an ``async def (args) -> int`` or a plain
``def (args) -> int``. ``main.py`` only dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import CoroutineType

from desktop_app import __version__

# Commands in the order --help lists them; a module missing here is simply not offered.
COMMANDS = ("app", "sandbox", "pay", "history", "reconcile", "devices", "bridge", "webhook_server",
            "webhooks", "posting", "plans", "eligibility", "eod")


def build_parser(only: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """Register the command modules in ``only``; each import costs start-up time."""
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Front Desk Pay: clinic front-desk payments. With no command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"Front Desk Pay {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check the installation (resources, journal, sandbox sale) and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in only:
        try:
            module = importlib.import_module(f"desktop_app.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"desktop_app.cli.{name}_cmd":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = (argv[0] if argv else "app").replace("-", "_")
    try:  # Ctrl+C while the command loads: nothing has started, nothing was sent
        # Importing one command module, not all nine, keeps the window's cold start short.
        parser = build_parser((first,) if first in COMMANDS else COMMANDS)
        args = parser.parse_args(argv or ["app"])
    except KeyboardInterrupt:
        return _interrupted(None)
    result: object
    if args.self_test:
        from desktop_app.cli.self_test import self_test
        result = self_test()
    elif args.command is None:
        parser.print_help()
        return 2
    else:
        result = args.func(args)
    if isinstance(result, CoroutineType):  # asyncio loads only for the commands that use it
        import asyncio
        try:
            result = asyncio.run(result)
        except KeyboardInterrupt:
            return _interrupted(args.command)
    assert isinstance(result, int), f"a command returned {result!r}, not an exit code"
    return result


def _interrupted(command: str | None) -> int:
    """Ctrl+C: one line, never a traceback. A payment stopped mid-way may have gone through
    (its journal row is unknown until the gateway is asked), so ``pay`` says so and exits 4."""
    if command == "pay":
        print("Interrupted: the payment may have gone through. Do not charge again; "
              "run 'python main.py reconcile' to settle it.", file=sys.stderr)
        return 4
    print("Interrupted.", file=sys.stderr)
    return 130
