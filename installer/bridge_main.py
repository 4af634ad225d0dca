"""FrontDeskPayBridge.exe: ``main.py bridge`` on its own, for thin clients (no Qt inside)."""

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main(["bridge", *sys.argv[1:]]))
