"""OAuth2 bearer tokens, validated against the configured issuer (the partner uses PingFederate).

Two ways, as issuers offer them: verify a signed JWT locally with the issuer's JWKS (RS256,
issuer and audience checked, expiry with a little leeway), or ask the issuer's RFC 7662
introspection endpoint. Keys are cached and re-fetched when an unknown key id appears (key
rotation), at most once every ``refetch_interval`` seconds so a flood of forged kids cannot
hammer the issuer.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OAuthConfig:
    issuer: str
    audience: str = ""
    jwks_url: str = ""            # default: discovered from the issuer's metadata
    introspection_url: str = ""   # set: validate by introspection instead of JWKS
    client_id: str = ""
    client_secret: str = ""       # from the keyring, never from a settings file
    leeway_seconds: int = 30
    refetch_interval: float = 30.0
    timeout: float = 5.0


class TokenRejected(Exception):
    """The bearer token is missing, forged, expired or for someone else."""


class BearerValidator:
    def __init__(self, config: OAuthConfig) -> None:
        self.config = config
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        self._active: dict[str, float] = {}
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.config.timeout))
        return self._session

    async def validate(self, authorization: str | None) -> dict[str, Any]:
        if not authorization or authorization[:7].lower() != "bearer ":
            raise TokenRejected("missing bearer token")
        token = authorization[7:].strip()
        if self.config.introspection_url:
            return await self._introspect(token)
        return await self._verify_jwt(token)

    async def _verify_jwt(self, token: str) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(token).get("kid", "")
        except jwt.PyJWTError:
            raise TokenRejected("malformed token") from None
        key = await self._key(str(kid))
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=["RS256"], issuer=self.config.issuer,
                audience=self.config.audience or None, leeway=self.config.leeway_seconds,
                options={"require": ["exp", "iss"], "verify_aud": bool(self.config.audience)})
        except jwt.PyJWTError as exc:
            raise TokenRejected(type(exc).__name__) from None
        return claims

    async def _key(self, kid: str) -> Any:
        if kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            if kid not in self._keys and \
                    time.monotonic() - self._fetched_at >= self.config.refetch_interval:
                await self._fetch_keys()
        if kid not in self._keys:
            raise TokenRejected("unknown signing key")
        return self._keys[kid]

    async def _fetch_keys(self) -> None:
        self._fetched_at = time.monotonic()
        try:
            url = self.config.jwks_url or await self._discover_jwks()
            async with self._http().get(url) as response:
                response.raise_for_status()
                jwks = await response.json(content_type=None)
            keyset = jwt.PyJWKSet.from_dict(jwks)
        except (aiohttp.ClientError, TimeoutError, ValueError, jwt.PyJWTError) as exc:
            log.warning("could not fetch the issuer's signing keys: %s", type(exc).__name__)
            return
        self._keys = {k.key_id or "": k.key for k in keyset.keys if k.key_type == "RSA"}

    async def _discover_jwks(self) -> str:
        url = self.config.issuer.rstrip("/") + "/.well-known/openid-configuration"
        async with self._http().get(url) as response:
            response.raise_for_status()
            meta = await response.json(content_type=None)
        return str(meta["jwks_uri"])

    async def _introspect(self, token: str) -> dict[str, Any]:
        digest = hashlib.sha256(token.encode()).hexdigest()
        if self._active.get(digest, 0.0) > time.time():
            return {"active": True}
        auth = aiohttp.encode_basic_auth(self.config.client_id, self.config.client_secret)
        try:
            async with self._http().post(self.config.introspection_url, data={"token": token},
                                         headers={"Authorization": auth}) as response:
                response.raise_for_status()
                result: dict[str, Any] = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError):
            raise TokenRejected("issuer unavailable") from None
        self._check_introspection(result)
        exp = result.get("exp")
        until = min(float(exp), time.time() + 60) if isinstance(exp, int | float) else 0.0
        if len(self._active) > 10_000:
            self._active.clear()
        self._active[digest] = until
        return result

    def _check_introspection(self, result: dict[str, Any]) -> None:
        if result.get("active") is not True:
            raise TokenRejected("inactive token")
        if result.get("iss") and result["iss"] != self.config.issuer:
            raise TokenRejected("wrong issuer")
        audience = result.get("aud")
        if self.config.audience and audience is not None:
            audiences = audience if isinstance(audience, list) else [audience]
            if self.config.audience not in audiences:
                raise TokenRejected("wrong audience")
