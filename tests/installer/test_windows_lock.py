"""The Windows build installs exactly the pins of pyproject.toml: every runtime and build pin
is in installer/windows/requirements.txt at the same version, with a sha256 (rerun
``python installer/windows/lock.py`` after changing a pin)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+) --hash=sha256:[0-9a-f]{64}$")


def _locked() -> dict[str, str]:
    text = (ROOT / "installer" / "windows" / "requirements.txt").read_text()
    entries = [line for line in text.splitlines() if line and not line.startswith("#")]
    matches = [LINE.match(line) for line in entries]
    assert all(matches), [e for e, m in zip(entries, matches, strict=True) if not m]
    return {canonicalize_name(m["name"]): m["version"] for m in matches if m}


def test_every_pin_is_locked_with_its_hash_at_the_same_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = _locked()
    for text in (*project["dependencies"], *project["optional-dependencies"]["build"]):
        requirement = Requirement(text)
        [spec] = requirement.specifier
        assert spec.operator == "==", f"{text}: pins are exact"
        name = canonicalize_name(requirement.name)
        assert locked.get(name) == spec.version, \
            f"{name} {spec.version} is {locked.get(name)} in the Windows lock: run lock.py"
