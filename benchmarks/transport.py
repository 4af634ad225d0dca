"""Median NVP sale through the shared transport vs a raw httpx POST to the same sandbox.

Both sides hit the same in-process sandbox in the same run, interleaved, each request with
a fresh reference (so the sandbox's idempotency cache never answers). Prints one JSON object:
ratios are what matter on a noisy machine; the goal is nvp/raw ≤ 1.10.
"""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.nvp import FORM, encode_form
from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.wire import encode, wire_names
from desktop_app.logs import setup_logging
from desktop_app.paths import AppPaths
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.settings import Settings

ROUNDS = 300
WARMUP = 30


def sale() -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse("12.34"),
                          tender=demo_card_tender())


async def timed(coro_factory) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    await coro_factory()
    return time.perf_counter() - start


async def main() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        handler = setup_logging(AppPaths(Path(tmp), Path(tmp), Path(tmp)), logging.WARNING)
        try:
            return await measure()
        finally:
            logging.getLogger().removeHandler(handler)
            handler.close()


async def measure() -> dict[str, object]:
    async with SandboxServer(SandboxSettings()) as sandbox:
        config = Settings(gateway_url=sandbox.url).gateway_config()
        raw = httpx.AsyncClient(auth=(config.account_id, config.password))
        url = sandbox.url + "/payment/NVP.aspx"
        samples: dict[str, list[float]] = {k: [] for k in (
            "raw", "nvp", "soap11", "soap12", "rest", "nvp_logged")}
        async with GatewayClient(config) as gw:
            async def raw_post() -> None:
                names = protocol().request_names(config.reference_slot)
                body = encode_form(wire_names(encode(sale(), config), names))
                r = await raw.post(url, content=body, headers={"Content-Type": FORM})
                r.raise_for_status()

            def via(protocol: Protocol):  # type: ignore[no-untyped-def]
                return lambda: gw.send(sale(), protocol)

            async def nvp_logged() -> None:
                logging.getLogger().setLevel(logging.INFO)
                try:
                    await gw.send(sale(), Protocol.NVP)
                finally:
                    logging.getLogger().setLevel(logging.WARNING)

            runners = {"raw": raw_post, "nvp": via(Protocol.NVP), "soap11": via(Protocol.SOAP11),
                       "soap12": via(Protocol.SOAP12), "rest": via(Protocol.REST),
                       "nvp_logged": nvp_logged}
            for i in range(WARMUP + ROUNDS):
                for name, run in runners.items():
                    t = await timed(run)
                    if i >= WARMUP:
                        samples[name].append(t)
        await raw.aclose()
    med = {k: statistics.median(v) for k, v in samples.items()}
    return {
        "benchmark": "transport",
        "rounds": ROUNDS,
        "median_ms": {k: round(v * 1000, 3) for k, v in med.items()},
        "nvp_vs_raw_httpx": round(med["nvp"] / med["raw"], 3),
        "soap11_vs_nvp": round(med["soap11"] / med["nvp"], 3),
        "soap12_vs_nvp": round(med["soap12"] / med["nvp"], 3),
        "rest_vs_nvp": round(med["rest"] / med["nvp"], 3),
        "nvp_with_redacted_file_log_vs_raw": round(med["nvp_logged"] / med["raw"], 3),
        "goal": "nvp_vs_raw_httpx <= 1.10",
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
