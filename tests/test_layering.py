"""Imports point down only: drivers and everything but desktop_app.ui import without Qt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib, importlib.abc, pkgutil, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'qasync', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is not allowed here: ' + name)
sys.meta_path.insert(0, NoQt())
import desktop_app, drivers
count = 0
for pkg in (desktop_app, drivers):
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):
        if mod.name.startswith('desktop_app.ui'):
            continue
        importlib.import_module(mod.name)
        count += 1
print(count)
"""


def test_core_and_drivers_import_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 10


def test_domain_imports_nothing_third_party() -> None:
    domain = ROOT / "desktop_app" / "domain"
    allowed = set(sys.stdlib_module_names) | {"desktop_app"}
    for source in domain.glob("*.py"):
        for line in source.read_text().splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and len(words) > 1:
                top = words[1].split(".")[0]
                assert top in allowed or top == "__future__", f"{source.name}: {line}"
