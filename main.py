"""Front Desk Pay entry point: ``python main.py --help``."""

import sys

from desktop_app.cli import main
from desktop_app.paths import private_by_default

if __name__ == "__main__":
    private_by_default()
    sys.exit(main())
