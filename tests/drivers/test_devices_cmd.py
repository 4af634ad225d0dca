"""``main.py devices``: the simulator scenarios from the command line, JSON out."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from tests.drivers.cards import leaks


@pytest.mark.parametrize(("scenario", "code", "kind"), [
    ("approved_chip", 0, "chip"),
    ("chip_failure_fallback", 0, "swipe"),
    ("check", 0, "check_present"),
    ("device_unplugged", 3, None),
    ("check_damaged_micr", 3, None),
    ("check_bad_routing", 3, None),
    ("chip_card_swiped", 0, "chip"),
])
def test_simulate_prints_json_without_card_data(scenario: str, code: int, kind: str | None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices", "simulate", scenario, "--json", "--timeout", "2"]) == code
    out = capsys.readouterr().out
    body = json.loads(out)
    assert body["scenario"] == scenario
    assert body["events"][0]["kind"] == "connected"
    if kind:
        assert body["tender"]["kind"] == kind
    else:
        assert body["status"] == "error" and body["message"]
    assert not leaks(out) and "1234567890" not in out


def test_list_shows_simulators_and_missing_devices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices", "list", "--json", "--sim", "swipe",
                 "--address", "serial:/dev/nonexistent-port"]) == 0
    devices = {d["address"]: d for d in json.loads(capsys.readouterr().out)["devices"]}
    assert devices["sim:swipe"]["state"] == "idle"
    assert devices["serial:/dev/nonexistent-port"]["state"] == "removed"
