"""The app's side of the bridge MSI's check (bridge_msi_test.sh): this Linux checkout pairs
with the installed Windows bridge over its TLS port and lists the reader it serves.

One process with an in-memory keyring: this throwaway workstation's key passphrase lives and
dies with it, so nothing here needs the desk's real keyring.
    .venv/bin/python installer/windows/bridge_client.py HOST PORT CODE
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop_app.cli import main  # noqa: E402
from tests.memory_keyring import memory_keyring_installed  # noqa: E402


def pair_and_list(host: str, port: str, code: str) -> int:
    """0 when an unpaired workstation is refused, the code pairs it, and the readers list."""
    where = ["--host", host, "--port", port]
    with memory_keyring_installed():
        steps = [(["bridge", "devices", *where], 3), (["bridge", "pair", code, *where], 0),
                 (["bridge", "devices", *where], 0)]
        for argv, expected in steps:
            got = main(argv)
            if got != expected:
                print(f"{' '.join(argv[:2])}: exit {got}, expected {expected}")
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(pair_and_list(*sys.argv[1:4]))
