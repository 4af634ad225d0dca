"""FrontDeskPayBridge.exe: ``main.py bridge`` on its own, for thin clients (no Qt inside)."""

import sys

from desktop_app.cli import main
from desktop_app.paths import private_by_default

if __name__ == "__main__":
    private_by_default()  # as main.py: what it writes is this user's only
    sys.exit(main(["bridge", *sys.argv[1:]]))
