"""drivers imports where there are no ptys (Windows) and without hidapi or pyserial."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCK = """
import importlib, importlib.abc, pkgutil, sys
BLOCKED = {'tty', 'termios', 'fcntl', 'pty', 'resource', 'hid', 'usb', 'serial', 'PySide6'}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in BLOCKED:
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import drivers
names = [m.name for m in pkgutil.walk_packages(drivers.__path__, 'drivers.')]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_drivers_import_without_posix_tty_or_device_libraries() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 25
