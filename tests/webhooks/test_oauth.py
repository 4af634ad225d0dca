"""OAuth2 bearer tokens checked against a local issuer: JWKS (RS256) and introspection."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import httpx
import jwt
import pytest
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.oauth import OAuthConfig
from tests.webhooks.conftest import JSON, StartReceiver, gateway_message, stored

AUDIENCE = "frontdesk-webhooks"


@dataclass
class Issuer:
    """A PingFederate stand-in on loopback: discovery, JWKS and RFC 7662 introspection."""

    url: str = ""
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))
    kid: str = "k1"
    active_tokens: set[str] = field(default_factory=set)
    jwks_fetches: int = 0

    def token(self, *, key: rsa.RSAPrivateKey | None = None, kid: str | None = None,
              **claims: Any) -> str:
        body = {"iss": self.url, "aud": AUDIENCE, "exp": int(time.time()) + 300,
                "sub": "gateway", **claims}
        return jwt.encode(body, key or self.key, algorithm="RS256",
                          headers={"kid": kid or self.kid})

    async def metadata(self, _: web.Request) -> web.Response:
        return web.json_response({"issuer": self.url, "jwks_uri": self.url + "/jwks"})

    async def jwks(self, _: web.Request) -> web.Response:
        self.jwks_fetches += 1
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return web.json_response({"keys": [{**jwk, "kid": self.kid, "use": "sig",
                                            "alg": "RS256"}]})

    async def introspect(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != aiohttp.encode_basic_auth("rx", "rx-secret"):
            return web.json_response({"error": "invalid_client"}, status=401)
        token = (await request.post()).get("token")
        if token in self.active_tokens:
            return web.json_response({"active": True, "iss": self.url, "aud": AUDIENCE})
        return web.json_response({"active": False})


@pytest.fixture
async def issuer() -> AsyncIterator[Issuer]:
    it = Issuer()
    app = web.Application()
    app.router.add_get("/.well-known/openid-configuration", it.metadata)
    app.router.add_get("/jwks", it.jwks)
    app.router.add_post("/introspect", it.introspect)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    it.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield it
    await runner.cleanup()


async def post(url: str, token: str | None, n: int) -> httpx.Response:
    headers = {"Content-Type": JSON}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = encode(gateway_message(n, TransactionID=f"t{n}"), "json")
    async with httpx.AsyncClient() as client:
        return await client.post(url, content=body, headers=headers)


async def test_jwks_tokens_from_the_issuer_pass_and_others_get_401(
        start_receiver: StartReceiver, issuer: Issuer) -> None:
    server = await start_receiver(oauth=OAuthConfig(issuer=issuer.url, audience=AUDIENCE))
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    expired = issuer.token(exp=int(time.time()) - 600)
    refused = [None, "not-a-jwt", issuer.token(key=forger), expired,
               issuer.token(aud="someone-else"), issuer.token(iss="https://evil.example"),
               issuer.token(kid="unknown")]
    for n, token in enumerate(refused):
        response = await post(server.url, token, n)
        assert response.status_code == 401, token
        assert "Bearer" in response.headers["WWW-Authenticate"]
    assert await stored(server) == []
    assert (await post(server.url, issuer.token(), 99)).status_code == 200
    assert (await post(server.url, issuer.token(), 100)).status_code == 200
    assert len(await stored(server)) == 2
    assert issuer.jwks_fetches == 1  # cached; forged key ids do not hammer the issuer


async def test_introspection_asks_the_issuer(start_receiver: StartReceiver,
                                             issuer: Issuer) -> None:
    config = OAuthConfig(issuer=issuer.url, audience=AUDIENCE,
                         introspection_url=issuer.url + "/introspect", client_id="rx",
                         client_secret="rx-secret")
    server = await start_receiver(oauth=config)
    issuer.active_tokens.add("opaque-good")
    assert (await post(server.url, "opaque-bad", 1)).status_code == 401
    assert (await post(server.url, "opaque-good", 2)).status_code == 200
    assert [r.transaction_id for r in await stored(server)] == ["t2"]


def test_basic_and_oauth_together_are_refused_at_start() -> None:
    from desktop_app.webhooks.config import ReceiverConfig

    with pytest.raises(ValueError, match="not both"):
        ReceiverConfig(basic_user="u", basic_password="p", oauth=OAuthConfig(issuer="x"))
