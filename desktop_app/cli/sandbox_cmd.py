"""``main.py sandbox``: run the embedded gateway on its own, for demos, training and tests.

Prints exactly one line, ``Sandbox gateway listening on http://HOST:PORT``, once the port is
open (with ``--port 0`` it names the port picked), so a parent process or a trainer can read
the address; then serves until SIGINT/SIGTERM and stops cleanly with exit code 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("sandbox", help="run the sandbox payment gateway",
                              description="Run the embedded sandbox gateway until stopped.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                   "127.0.0.1; the /sandbox controls answer loopback only)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free)")
    p.add_argument("--webhook-url", metavar="URL", help="POST transaction updates here")
    p.add_argument("--webhook-format", choices=("json", "xml", "nvp"), default="json",
                   help="webhook body format (default json)")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    from desktop_app.sandbox import SandboxServer, SandboxSettings

    settings = SandboxSettings(webhook_url=args.webhook_url, webhook_format=args.webhook_format)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: no handlers
            loop.add_signal_handler(sig, stop.set)
    server = SandboxServer(settings)
    await server.start(host=args.host, port=args.port)
    try:
        print(f"Sandbox gateway listening on {server.url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
            await stop.wait()
    finally:
        await server.stop()
    return 0
