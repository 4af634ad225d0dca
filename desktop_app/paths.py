"""Where the app keeps its files.

``FRONTDESK_PAY_HOME`` puts everything (config, data, logs) under one folder: tests, portable
installs and Citrix profile redirection use it. Otherwise per-user folders from platformdirs,
so two Citrix users on one server never share a journal.

Everything the app writes is private to the user (issue 14; a shared Citrix server has other
users): on POSIX its folders are 0700 and, from ``private_by_default`` at start-up, every file
it creates is 0600, SQLite's -wal/-shm files and rotated logs included. On Windows the
platformdirs folders are per-user already.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FrontDeskPay"
APP_AUTHOR = "FrontDeskPay"
HOME_ENV = "FRONTDESK_PAY_HOME"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "frontdeskpay.log"

    def ensure(self) -> AppPaths:
        for d in (self.config_dir, self.data_dir, self.log_dir):
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix":
                d.chmod(0o700)  # a folder made by an older version, or by hand
        return self


def private_by_default() -> None:
    """Files the process creates from now on are the user's alone (0600, folders 0700).
    Called once by the entry point; not by library code, so tests keep their own umask."""
    if os.name == "posix":
        os.umask(0o077)


def app_paths() -> AppPaths:
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "logs")
    dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
    return AppPaths(Path(dirs.user_config_dir), Path(dirs.user_data_dir), Path(dirs.user_log_dir))


def resources_dir() -> Path:
    """The shipped resources (WSDL, protocol tables, html): beside the package, or in a bundle."""
    bundled = os.environ.get("FRONTDESK_PAY_RESOURCES")
    if bundled:
        return Path(bundled)
    return Path(__file__).resolve().parent.parent / "resources"
