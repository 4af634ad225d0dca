"""The device plan is decided once: the Devices page binds it and ``devices list`` shows it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop_app.cli import main
from desktop_app.gateway.config import Environment
from desktop_app.paths import app_paths
from desktop_app.services.device_plan import SANDBOX_SIMULATORS, device_plan
from desktop_app.settings import Settings, load_settings, save_settings


def test_a_fresh_sandbox_install_gets_the_simulated_pad_and_check_scanner() -> None:
    plan = device_plan(Settings())
    assert plan.simulators == SANDBOX_SIMULATORS and plan.addresses == ()
    assert plan.sandbox_default and plan.configured == ["sim:approved_chip", "sim:check"]


def test_a_live_desk_with_nothing_configured_binds_nothing() -> None:
    for environment in (Environment.STAGING, Environment.PRODUCTION):
        plan = device_plan(replace(Settings(), environment=environment))
        assert plan.configured == [] and not plan.sandbox_default


def test_configured_addresses_and_simulators_are_told_apart() -> None:
    settings = replace(Settings(), device_addresses=("serial:COM3", "sim:swipe", "wedge:"))
    plan = device_plan(settings)
    assert plan.addresses == ("serial:COM3", "wedge:") and plan.simulators == ("swipe",)
    assert not plan.sandbox_default


def _listed(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, dict[str, str]]:
    assert main(["devices", "list", "--json", *args]) == 0
    return {d["address"]: d for d in json.loads(capsys.readouterr().out)["devices"]}


def test_devices_list_shows_what_the_app_is_configured_with(
        capsys: pytest.CaptureFixture[str]) -> None:
    paths = app_paths().ensure()
    save_settings(paths, replace(load_settings(paths), device_addresses=(
        "sim:contactless", "serial:/dev/nonexistent-fdp-port")))
    listed = _listed(capsys, "--sim", "swipe")
    assert listed["sim:contactless"]["source"] == "settings"
    assert listed["sim:contactless"]["state"] == "idle"
    assert listed["serial:/dev/nonexistent-fdp-port"] == listed[
        "serial:/dev/nonexistent-fdp-port"] | {"source": "settings", "state": "removed"}
    assert listed["sim:swipe"]["source"] == "command line"
    assert "sim:approved_chip" not in listed  # configured: the sandbox default does not apply
    only = _listed(capsys, "--ignore-settings", "--sim", "swipe")
    assert set(only) == {"sim:swipe"}


def test_devices_list_on_a_fresh_install_shows_the_sandbox_simulators(
        capsys: pytest.CaptureFixture[str]) -> None:
    listed = _listed(capsys)
    assert {a: d["source"] for a, d in listed.items() if a.startswith("sim:")} == {
        "sim:approved_chip": "sandbox default", "sim:check": "sandbox default"}
    assert main(["devices", "list"]) == 0
    text = capsys.readouterr().out
    assert "sim:check" in text and "sandbox default" in text
