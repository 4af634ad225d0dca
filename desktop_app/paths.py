"""Where the app keeps its files.

``FRONTDESK_PAY_HOME`` puts everything (config, data, logs) under one folder: tests, portable
installs and Citrix profile redirection use it. Otherwise per-user folders from platformdirs,
so two Citrix users on one server never share a journal.
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
            d.mkdir(parents=True, exist_ok=True)
        return self


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
