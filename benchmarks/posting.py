"""SFTP upload through a 50 ms round trip: ours against OpenSSH's ``sftp`` in the same run.

A real sshd (tests/posting/real_servers.py: its own config and host key on a loopback port,
key login) behind a loopback relay that holds every chunk 25 ms each way, as a WAN link to
the gateway's posting site would. The same file is uploaded by ``main.py``'s code path
(``transfer.upload``: size check only, then with the SHA-256 read-back) and by
``sftp -b`` (``put``), both from connecting to done, both with aes256-gcm@openssh.com.
Goal: ours within 1.5x of OpenSSH. Prints one JSON object.
Usage: python benchmarks/posting.py [--megabytes 10] [--rtt-ms 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.posting.config import PostingTarget
from desktop_app.posting.keys import generate_key_pair
from desktop_app.posting.sftp import connect_sftp
from desktop_app.posting.transfer import upload
from tests.posting.real_servers import OpenSsh, start_sshd


class LatencyRelay:
    """Loopback TCP relay adding a fixed one-way delay to every chunk, order kept."""

    def __init__(self, target_port: int, one_way: float) -> None:
        self.target_port, self.one_way = target_port, one_way
        self.port = 0
        self._server: asyncio.Server | None = None
        self._links: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.create_task(deliver())
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(256 * 1024):
                queue.put_nowait((time.monotonic() + self.one_way, data))
        queue.put_nowait((0.0, b""))
        with contextlib.suppress(ConnectionError):
            await sender

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        link = asyncio.current_task()
        assert link is not None
        self._links.add(link)
        try:
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        finally:
            self._links.discard(link)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._links:  # each ends on its own once both sides have closed
            await asyncio.wait(self._links, timeout=5)


async def ours(server: OpenSsh, relay: LatencyRelay, key: Path, local: Path, pins: Path,
               verify: bool) -> float:
    target = PostingTarget("sftp", "127.0.0.1", relay.port, server.user, server.remote_dir,
                           key_file=str(key))
    start = time.perf_counter()
    files = await connect_sftp(target, pins, trust_new_host=True)
    try:
        await upload(files, local, server.remote_dir, verify_checksum=verify)
    finally:
        await files.close()
    elapsed = time.perf_counter() - start
    (server.home / local.name).unlink()
    return elapsed


async def openssh_put(server: OpenSsh, relay: LatencyRelay, key: Path, local: Path,
                      folder: Path) -> float:
    batch = folder / "batch"
    batch.write_text(f"put {local} {server.remote_dir}/{local.name}\n")
    argv = ["sftp", "-q", "-b", str(batch), "-i", str(key), "-P", str(relay.port),
            "-o", "StrictHostKeyChecking=no", "-o", f"UserKnownHostsFile={folder / 'kh'}",
            "-o", "Ciphers=aes256-gcm@openssh.com", "-o", "BatchMode=yes",
            f"{server.user}@127.0.0.1"]
    start = time.perf_counter()
    process = await asyncio.create_subprocess_exec(*argv, stdout=subprocess.DEVNULL,
                                                   stderr=subprocess.PIPE)
    _, err = await process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"sftp failed: {err.decode(errors='replace')}")
    (server.home / local.name).unlink()
    return elapsed


async def run(megabytes: int, rtt_ms: float, runs: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="fdp-bench-posting-"))
    server = start_sshd(folder / "sshd", None)
    relay = LatencyRelay(server.port, rtt_ms / 2000)
    await relay.start()
    try:
        key = folder / "id_rsa"
        server.authorize(generate_key_pair(key, 2048))
        local = folder / "batch.bin"
        local.write_bytes(bytes(range(256)) * (megabytes * 4096))
        times: dict[str, list[float]] = {"ours": [], "ours_readback": [], "openssh": []}
        for _ in range(runs):
            times["openssh"].append(await openssh_put(server, relay, key, local, folder))
            times["ours"].append(await ours(server, relay, key, local, folder / "pins", False))
            times["ours_readback"].append(
                await ours(server, relay, key, local, folder / "pins", True))
    finally:
        await relay.stop()
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    return {"megabytes": megabytes, "rtt_ms": rtt_ms, "runs": runs,
            "openssh_sftp_put_s": round(median["openssh"], 3),
            "ours_upload_s": round(median["ours"], 3),
            "ours_upload_with_readback_s": round(median["ours_readback"], 3),
            "ratio_ours_vs_openssh": round(median["ours"] / median["openssh"], 2),
            "ratio_with_readback_vs_openssh": round(median["ours_readback"] / median["openssh"],
                                                    2),
            "goal_ratio": 1.5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--rtt-ms", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.megabytes, args.rtt_ms, args.runs)), indent=1))


if __name__ == "__main__":
    main()
