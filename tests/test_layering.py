"""Imports point down only (the layer order of ../shared/ARCHITECTURE.md), and drivers and
everything but desktop_app.ui import without Qt."""

import ast
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
        if mod.name.startswith(('desktop_app.ui', 'desktop_app.tour')):  # the Qt app
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


# The map in ../shared/ARCHITECTURE.md, as what each part may NOT import (imports point down):
# main.py → bootstrap/tour (composition roots) → ui → services → gateway, store → domain.
COMPOSITION = ("bootstrap", "tour", "cli")
FORBIDDEN: dict[str, set[str]] = {
    "domain": {"*"},  # nothing of ours but itself (and lazy, its package names)
    "gateway": {"services", "store", "ui", "sandbox", "webhooks", "posting", "healthcare",
                *COMPOSITION},
    "store": {"services", "gateway", "ui", "sandbox", "webhooks", "posting", *COMPOSITION},
    "services": {"ui", "sandbox", *COMPOSITION},
    "webhooks": {"services", "ui", "sandbox", *COMPOSITION},
    "posting": {"services", "ui", "sandbox", "store", *COMPOSITION},
    "healthcare": {"ui", "sandbox", *COMPOSITION},
    "edi": {"services", "store", "ui", "sandbox", "webhooks", "posting", *COMPOSITION},
    "sandbox": {"services", "store", "ui", "webhooks", "posting", *COMPOSITION},
    "ui": {"sandbox", *COMPOSITION},
    "settings": {"services", "ui", "sandbox", "store", *COMPOSITION},
    "bootstrap": {"ui", "cli"},
    "drivers": {"*"},  # the device layer knows only the domain's values
}
ALLOWED_ALWAYS = {"domain", "lazy", "desktop_app"}  # plain values, lazy names, __version__


def _unit(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "drivers":
        return "drivers"
    if parts[0] != "desktop_app":
        return None
    return parts[1] if len(parts) > 1 else "desktop_app"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_imports_follow_the_layer_order_of_the_architecture_map() -> None:
    wrong = []
    sources = [*ROOT.glob("desktop_app/**/*.py"), *ROOT.glob("drivers/**/*.py")]
    for path in sources:
        parts = path.relative_to(ROOT).with_suffix("").parts
        unit = _unit(".".join(parts))
        forbidden = FORBIDDEN.get(unit or "", set())
        for module in _imports(path):
            target = _unit(module)
            if target is None or target == unit or target in ALLOWED_ALWAYS:
                continue
            if unit == "drivers" or "*" in forbidden or target in forbidden:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert sorted(set(wrong)) == []
