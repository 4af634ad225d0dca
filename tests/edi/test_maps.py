"""resources/x12 holds exactly what scripts/x12_maps.py writes, and pyx12 loads it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from desktop_app.edi import validation

ROOT = Path(__file__).resolve().parents[2]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("x12_maps", ROOT / "scripts" / "x12_maps.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["270.5010.X279.A1.xml", "271.5010.X279.A1.xml"])
def test_committed_map_is_what_the_script_writes(name: str) -> None:
    script = _script()
    committed = (ROOT / "resources" / "x12" / name).read_text(encoding="utf-8")
    assert committed == script.render(script.MAPS[name]())


@pytest.mark.parametrize("name", sorted(validation.OUR_MAPS.values()))
def test_pyx12_loads_our_map_with_its_loops(name: str) -> None:
    tree = validation._map(name, True)
    assert tree.getnodebypath("/ISA_LOOP/GS_LOOP/ST_LOOP/DETAIL/2000A") is not None
