"""``main.py webhook-server``: the receiver as a headless service (clinic server or one PC).

Prints one line, ``Webhook receiver listening on URL``, once the port is open, so a parent
process or IT can read the address; serves until SIGINT/SIGTERM and finishes in-flight
requests before exiting 0. Passwords and client secrets come from the keyring only
(``main.py webhooks set-secret``). It logs to its own file (``webhook-receiver.log`` in the
log folder), apart from the payments log. An unsafe set-up is refused with exit 2.
"""

from __future__ import annotations

import argparse

BASIC_KEY = "webhook-basic:{}"
OAUTH_KEY = "webhook-oauth:{}"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("webhook-server", help="receive the gateway's webhooks",
                       description="Receive and durably store the gateway's webhook posts.")
    # Every default is None: unset flags fall back to Settings.webhook_receiver.
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8443; 0 = any free)")
    p.add_argument("--allow", action="append", metavar="CIDR",
                   help="allowed source (repeatable); default: the gateway's eight addresses")
    p.add_argument("--sandbox", action="store_true", help="also allow loopback (sandbox mode)")
    p.add_argument("--trusted-proxy", action="append", metavar="CIDR",
                   help="reverse proxy whose X-Forwarded-For is believed (repeatable)")
    p.add_argument("--tls-cert", metavar="FILE")
    p.add_argument("--tls-key", metavar="FILE")
    p.add_argument("--client-ca", metavar="FILE",
                   help="require client certificates signed by this CA (mutual TLS)")
    p.add_argument("--basic-user", help="require Basic auth (password in keyring)")
    p.add_argument("--oauth-issuer", help="require OAuth2 bearer tokens from here")
    p.add_argument("--oauth-audience")
    p.add_argument("--oauth-jwks-url")
    p.add_argument("--oauth-introspection-url")
    p.add_argument("--oauth-client-id", help="for introspection (secret in keyring)")
    p.add_argument("--max-body", type=int, metavar="BYTES", help="default 256 KiB")
    p.add_argument("--reference-slot", metavar="FIELD", default="",
                   help="the AdditionalInfoN field carrying our payment reference "
                   "(default: the reference_slot setting the payments use)")
    p.add_argument("--store", metavar="FILE", help="SQLite file (default: webhooks.sqlite3 "
                   "in the data folder)")
    p.set_defaults(func=run)


def _secret(key: str) -> str:
    from desktop_app.domain.errors import ValidationError
    from desktop_app.keyring_guard import secure_keyring
    from desktop_app.settings import KEYRING_SERVICE

    value = secure_keyring().get_password(KEYRING_SERVICE, key)
    if not value:
        raise ValidationError(f"No secret stored for {key}: run "
                              "'main.py webhooks set-secret' first.")
    return value


def options(args: argparse.Namespace, saved: object) -> argparse.Namespace:
    """Flags given on the command line win; the rest come from the saved settings."""
    merged = argparse.Namespace(**vars(args))
    for name in ("host", "port", "allow", "trusted_proxy", "tls_cert", "tls_key", "client_ca",
                 "basic_user", "oauth_issuer", "oauth_audience", "oauth_jwks_url",
                 "oauth_introspection_url", "oauth_client_id", "max_body"):
        if getattr(args, name) is None:
            key = "trusted_proxies" if name == "trusted_proxy" else name
            setattr(merged, name, getattr(saved, key))
    return merged


def config_from(args: argparse.Namespace) -> object:
    from desktop_app.webhooks.config import ReceiverConfig
    from desktop_app.webhooks.oauth import OAuthConfig
    from desktop_app.webhooks.security import GATEWAY_ADDRESSES

    oauth = None
    if args.oauth_issuer:
        oauth = OAuthConfig(
            issuer=args.oauth_issuer, audience=args.oauth_audience, jwks_url=args.oauth_jwks_url,
            introspection_url=args.oauth_introspection_url, client_id=args.oauth_client_id,
            client_secret=_secret(OAUTH_KEY.format(args.oauth_client_id))
            if args.oauth_introspection_url else "")
    return ReceiverConfig(
        host=args.host, port=args.port, allow=tuple(args.allow or GATEWAY_ADDRESSES),
        sandbox=args.sandbox, trusted_proxies=tuple(args.trusted_proxy),
        basic_user=args.basic_user,
        basic_password=_secret(BASIC_KEY.format(args.basic_user)) if args.basic_user else "",
        oauth=oauth, tls_cert=args.tls_cert, tls_key=args.tls_key, client_ca=args.client_ca,
        max_body=args.max_body, reference_slot=args.reference_slot)


async def run(args: argparse.Namespace) -> int:
    import sys

    from desktop_app.domain.errors import FrontDeskError
    from desktop_app.paths import app_paths
    from desktop_app.settings import load_settings, webhook_store_target
    from desktop_app.webhooks.config import ReceiverConfig
    from desktop_app.webhooks.logs import setup_receiver_logging
    from desktop_app.webhooks.server import WebhookServer
    from desktop_app.webhooks.store import open_webhook_store

    paths = app_paths().ensure()
    setup_receiver_logging(paths.log_dir)
    try:
        settings = load_settings(paths)
        merged = options(args, settings.webhook_receiver)
        merged.reference_slot = args.reference_slot or settings.reference_slot
        config = config_from(merged)
    except (FrontDeskError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    assert isinstance(config, ReceiverConfig)
    target = args.store or webhook_store_target(paths, settings)
    server = WebhookServer(config, open_webhook_store(target))
    try:
        await server.start()
    except OSError as exc:
        print(f"Error: cannot listen on {config.host}:{config.port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    print(f"Webhook receiver listening on {server.url}", flush=True)
    await server.serve_until_signalled()
    return 0
