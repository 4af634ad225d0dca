"""The MSI that installer/build_msi.sh makes with wixl, read back with msiinfo: per-machine,
HKLM-only key paths (Citrix install mode), an all-users shortcut, major upgrades with the
downgrade refused, and a signature osslsigncode verifies. Built from a small stand-in onedir:
the layout and the tables are the MSI's business, the frozen programs are tested by CI's
bundle step (`make bundle-check`)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "installer" / "build_msi.sh"
UPGRADE_CODE = "{49FCACBD-089D-4ABD-BE57-946A0D565C51}"

pytestmark = pytest.mark.skipif(shutil.which("wixl") is None,
                                reason="wixl (Debian msitools/wixl) is installed by make test")


def _bundle(tmp_path: Path) -> Path:
    dist = tmp_path / "dist" / "FrontDeskPay"
    (dist / "_internal" / "resources" / "wsdl").mkdir(parents=True)
    for name in ("FrontDeskPay.exe", "FrontDeskPayCli.exe"):
        (dist / name).write_bytes(b"MZ stand-in " + name.encode())
    (dist / "_internal" / "resources" / "wsdl" / "payment.wsdl").write_text("<definitions/>")
    return dist


def _build(tmp_path: Path, version: str = "1.2.3", wxs: str = "FrontDeskPay.wxs",
           **env: str) -> Path:
    out = tmp_path / f"{wxs.removesuffix('.wxs')}-{version}.msi"
    subprocess.run([str(BUILD), str(_bundle(tmp_path)), str(out), version, wxs], check=True,
                   capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env},
                   timeout=120)
    return out


def _table(msi: Path, name: str) -> list[list[str]]:
    text = subprocess.run(["msiinfo", "export", str(msi), name], check=True,
                          capture_output=True, text=True).stdout
    return [line.split("\t") for line in text.splitlines()[3:]]  # names, types, table key


def test_the_msi_is_per_machine_with_a_fixed_upgrade_code_and_no_downgrade(tmp_path: Path
                                                                           ) -> None:
    msi = _build(tmp_path)
    props = dict(row[:2] for row in _table(msi, "Property"))
    assert props["ALLUSERS"] == "1" and props["ProductVersion"] == "1.2.3"
    assert props["UpgradeCode"].upper() == UPGRADE_CODE
    upgrades = {row[-1]: row for row in _table(msi, "Upgrade")}
    assert upgrades["WIX_UPGRADE_DETECTED"][2] == "1.2.3"  # older versions are replaced
    assert upgrades["WIX_DOWNGRADE_DETECTED"][1] == "1.2.3"  # newer ones detected...
    assert ["NOT WIX_DOWNGRADE_DETECTED", "A newer Front Desk Pay is already installed."] in \
        _table(msi, "LaunchCondition")  # ...and refused with a message
    sequence = {row[0]: int(row[2]) for row in _table(msi, "InstallExecuteSequence")}
    assert sequence["FindRelatedProducts"] < sequence["LaunchConditions"]
    assert "RemoveExistingProducts" in sequence  # a major upgrade leaves one product
    dirs = {row[0]: row for row in _table(msi, "Directory")}
    assert dirs["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "Front Desk Pay"]
    assert "x64" in subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True,
                                   text=True, check=True).stdout


def test_key_paths_are_per_machine_and_the_shortcut_is_for_all_users(tmp_path: Path) -> None:
    msi = _build(tmp_path)
    [shortcut] = _table(msi, "Shortcut")
    assert shortcut[1:5] == ["ProgramMenuFolder", "Front Desk Pay", "StartMenuShortcut",
                             "[INSTALLDIR]FrontDeskPay.exe"]
    registry = _table(msi, "Registry")
    assert registry and {row[1] for row in registry} == {"2"}  # HKLM only, never HKCU (1)
    files = {row[2].split("|")[-1] for row in _table(msi, "File")}
    assert {"FrontDeskPay.exe", "FrontDeskPayCli.exe", "payment.wsdl"} <= files
    # nothing advertised: no per-user self-repair in each Citrix session
    assert _table(msi, "Shortcut")[0][4].startswith("[INSTALLDIR]")


def test_the_bridge_has_its_own_product_and_starts_at_every_logon(tmp_path: Path) -> None:
    msi = _build(tmp_path, wxs="FrontDeskPayBridge.wxs")
    props = dict(row[:2] for row in _table(msi, "Property"))
    assert props["ALLUSERS"] == "1"
    assert props["UpgradeCode"].upper() not in (UPGRADE_CODE, "")  # upgrades apart from the app
    shortcuts = {row[1]: row for row in _table(msi, "Shortcut")}
    assert shortcuts["StartupFolder"][4:6] == ["[INSTALLDIR]FrontDeskPayBridge.exe", "serve"]
    assert shortcuts["ProgramMenuFolder"][5] == "serve --pair"
    assert {row[1] for row in _table(msi, "Registry")} == {"2"}


def test_a_configured_certificate_signs_the_msi(tmp_path: Path) -> None:
    if shutil.which("osslsigncode") is None:
        pytest.skip("osslsigncode is installed by make test")
    cert, key = _test_certificate(tmp_path)
    msi = _build(tmp_path, SIGN_CERT=str(cert), SIGN_KEY=str(key))
    verified = subprocess.run(["osslsigncode", "verify", "-CAfile", str(cert), "-in", str(msi)],
                              capture_output=True, text=True)
    assert "Signature verification: ok" in verified.stdout, verified.stdout + verified.stderr


def _test_certificate(tmp_path: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Front Desk Pay test signing")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "sign.pem", tmp_path / "sign.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path
