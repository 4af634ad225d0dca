"""Who may post: source-IP allowlist (proxy-aware) and HTTP Basic credentials.

The partner publishes the eight addresses its webhooks come from; by default only those (and
loopback in sandbox mode) get past the door. X-Forwarded-For is believed only when the TCP peer
is one of our own configured reverse proxies, otherwise anyone could claim a gateway address.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

GATEWAY_ADDRESSES = ("216.177.67.4", "216.39.105.164", "67.20.173.212", "69.164.118.196",
                     "216.200.100.194", "64.124.41.130", "64.124.41.161", "216.200.100.225")
LOOPBACK = ("127.0.0.0/8", "::1/128")


def networks(cidrs: Iterable[str]) -> tuple[Network, ...]:
    """Parse CIDRs or bare addresses; a typo is a startup error, not an open door."""
    return tuple(ipaddress.ip_network(c.strip(), strict=False) for c in cidrs)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _within(text: str, allowed: Sequence[Network]) -> bool:
    ip = _ip(text)
    return ip is not None and any(ip in net for net in allowed)


def client_ip(peer: str, forwarded_for: Sequence[str], proxies: Sequence[Network]) -> str:
    """The original client: the right-most X-Forwarded-For address that is not one of our
    own proxies, read across **all** header lines in order (a proxy may add a line of its
    own rather than extend the first, and a forged first line must not win)."""
    if not forwarded_for or not _within(peer, proxies):
        return peer
    hops = [h.strip() for line in forwarded_for for h in line.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _within(hop, proxies):
            return hop if _ip(hop) is not None else ""
    return hops[0] if hops else peer


def source_allowed(ip: str, allowed: Sequence[Network]) -> bool:
    return _within(ip, allowed)


class BasicCredentials:
    """One user name and password, checked in constant time (both always compared)."""

    def __init__(self, username: str, password: str) -> None:
        self._user = username.encode("utf-8")
        self._password = password.encode("utf-8")

    def check(self, authorization: str | None) -> bool:
        if not authorization or authorization[:6].lower() != "basic ":
            return False
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        user, sep, password = decoded.partition(b":")
        user_ok = hmac.compare_digest(user, self._user)
        password_ok = hmac.compare_digest(password, self._password)
        return bool(sep) and user_ok and password_ok
