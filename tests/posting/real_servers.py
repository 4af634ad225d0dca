"""Real OpenSSH ``sshd`` and ``vsftpd``, each started by a test on a loopback port from its own
configuration in a temporary folder, as the clinic's IT would run them (issue 14).

sshd serves ``internal-sftp`` chrooted (ChrootDirectory needs root and a path whose every
component is root-owned and not group/world-writable, so its tree lives under such a folder,
not /tmp), with a throwaway system user for password and RSA-key logins; without root it runs
as the current user on a high port with its own host keys, key login only, no chroot.
vsftpd serves explicit FTPS with ``require_ssl_reuse=YES`` and a passive range on a
self-signed certificate the client trusts by ``--ca-file``; vsftpd logs local users in only
when started as root, so without root its fixture skips, saying so.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
VSFTPD = shutil.which("vsftpd") or (
    "/usr/sbin/vsftpd" if Path("/usr/sbin/vsftpd").exists() else None)
ROOT = os.geteuid() == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}: {log.read_text(errors='replace')}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """The server and every per-connection child it forked (stopped ones too)."""
    for pid in children(process):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGCONT)
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def children(process: subprocess.Popen[bytes]) -> list[int]:
    """Every process a server forked, however deep (sshd's session children call setsid, so
    a process group does not hold them): to stall a session, and to stop them all."""
    found, todo = [], [process.pid]
    while todo:
        out = subprocess.run(["pgrep", "-P", str(todo.pop())], capture_output=True,
                             text=True).stdout.split()
        todo += [int(pid) for pid in out]
        found += [int(pid) for pid in out]
    return found


def chroot_base() -> Path:
    """A folder sshd accepts above a ChrootDirectory: every component root-owned, 0755."""
    for parent in ("/run", "/var/lib", "/opt"):
        path = Path(parent)
        if path.is_dir() and all(p.stat().st_uid == 0 and not p.stat().st_mode & 0o022
                                 for p in (path, *path.parents)):
            base = Path(tempfile.mkdtemp(prefix="fdp-posting-test-", dir=path))
            base.chmod(0o755)
            return base
    raise RuntimeError("no root-owned folder for a chroot")


@dataclass
class SystemUser:
    name: str
    password: str
    uid: int
    gid: int


@contextlib.contextmanager
def throwaway_user() -> Iterator[SystemUser]:
    """A system user that exists for one test session only, with a random password. Its
    shell is /bin/sh because vsftpd's PAM service requires a shell from /etc/shells; the
    servers started here give it nothing but SFTP/FTP. It expires tomorrow, so one left
    behind by a killed run (no teardown) cannot log in for long; concurrent test runs each
    have their own, so none deletes another's."""
    name = f"fdp{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(18)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/bin/sh",
                    "--expiredate", tomorrow, "--comment", "Front Desk Pay posting test",
                    name], check=True, capture_output=True)
    try:
        subprocess.run(["chpasswd"], input=f"{name}:{password}".encode(), check=True,
                       capture_output=True)
        import pwd
        entry = pwd.getpwnam(name)
        yield SystemUser(name, password, entry.pw_uid, entry.pw_gid)
    finally:
        subprocess.run(["userdel", name], capture_output=True)


@pytest.fixture(scope="session")
def system_user() -> Iterator[SystemUser | None]:
    if not ROOT or not shutil.which("useradd"):
        yield None
        return
    with throwaway_user() as user:
        yield user


@dataclass
class OpenSsh:
    port: int
    user: str
    password: str | None    # None: not root, key login as the current user only
    home: Path              # the user's writable folder, as the server's files
    remote_dir: str         # the same folder as the client names it
    host_key: Path
    authorized_keys: Path
    process: subprocess.Popen[bytes]
    chrooted: bool
    base: Path

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.base, ignore_errors=True)

    def authorize(self, public_line: str) -> None:
        self.authorized_keys.write_text(public_line + "\n")
        self.authorized_keys.chmod(0o644)

    def children(self) -> list[int]:
        return children(self.process)


def _account(base: Path, folder: Path, user: SystemUser | None
             ) -> tuple[list[str], str, str | None, Path, str]:
    """sshd lines for the login, and (user, password, its folder as files, as the client
    names it): a chrooted throwaway user when root, else the current user by key."""
    if user is None:
        import pwd
        home = folder / "home"
        home.mkdir()
        return (["PasswordAuthentication no", "ForceCommand internal-sftp"],
                pwd.getpwuid(os.geteuid()).pw_name, None, home, str(home))
    jail = base / "jail"
    home = jail / "upload"
    home.mkdir(parents=True)
    jail.chmod(0o755)
    os.chown(home, user.uid, user.gid)
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation
    return (["PasswordAuthentication yes", f"AllowUsers {user.name}",
             f"ChrootDirectory {jail}", "ForceCommand internal-sftp -d /upload"],
            user.name, user.password, home, "/upload")


def start_sshd(folder: Path, user: SystemUser | None, *, ciphers: str = "",
               host_key_bits: int = 3072) -> OpenSsh:
    if SSHD is None:
        pytest.skip("OpenSSH sshd is not installed (scripts/apt-deps.sh test installs "
                    "openssh-server)")
    folder.mkdir(parents=True, exist_ok=True)
    base = chroot_base() if user is not None else folder
    try:
        port = free_port()
        host_key = folder / "ssh_host_rsa_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", str(host_key_bits), "-N", "",
                        "-f", str(host_key)], check=True)
        keys = base / "keys"
        keys.mkdir(exist_ok=True)
        keys.chmod(0o755)
        login, name, password, home, remote_dir = _account(base, folder, user)
        lines = [f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}",
                 f"PidFile {folder / 'sshd.pid'}", f"AuthorizedKeysFile {keys}/%u",
                 "UsePAM no", "StrictModes no", "KbdInteractiveAuthentication no",
                 "Subsystem sftp internal-sftp", "LogLevel VERBOSE", "MaxStartups 50",
                 *([f"Ciphers {ciphers}"] if ciphers else []), *login]
        config = folder / "sshd_config"
        config.write_text("\n".join(lines) + "\n")
        log = folder / "sshd.log"
        process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)],
                                   stdout=subprocess.DEVNULL, stderr=log.open("wb"),
                                   start_new_session=True)
        wait_listening(port, process, log)
    except BaseException:
        if base != folder:
            shutil.rmtree(base, ignore_errors=True)
        raise
    return OpenSsh(port, name, password, home, remote_dir, host_key, keys / name, process,
                   user is not None, base)


@dataclass
class Vsftpd:
    port: int
    user: str
    password: str
    home: Path
    cert_file: Path
    passive: range
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.home.parent, ignore_errors=True)

    def children(self) -> list[int]:
        return children(self.process)


def _vsftpd_config(port: int, passive: range, home: Path, folder: Path, cert_file: Path,
                   key_file: Path) -> list[str]:
    """Explicit FTPS as issue 14's vsftpd 3.0.3 ran it: TLS required on both channels, the
    data channel resuming the control session, passive only, the user chrooted."""
    empty = folder / "empty"
    empty.mkdir()
    return [
        "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", f"listen_port={port}",
        "background=NO", "anonymous_enable=NO", "local_enable=YES", "write_enable=YES",
        f"local_root={home}", "chroot_local_user=YES", "allow_writeable_chroot=YES",
        "ssl_enable=YES", "force_local_logins_ssl=YES", "force_local_data_ssl=YES",
        "require_ssl_reuse=YES", "ssl_sslv2=NO", "ssl_sslv3=NO", "ssl_tlsv1=YES",
        "ssl_ciphers=HIGH", f"rsa_cert_file={cert_file}", f"rsa_private_key_file={key_file}",
        "pasv_enable=YES", f"pasv_min_port={passive.start}", f"pasv_max_port={passive.stop - 1}",
        "pasv_address=127.0.0.1", f"secure_chroot_dir={empty}", "seccomp_sandbox=NO",
        "isolate=NO", "isolate_network=NO", "userlist_enable=NO", "pam_service_name=vsftpd",
        f"vsftpd_log_file={folder / 'vsftpd.log'}", "xferlog_enable=YES",
        "dual_log_enable=YES", "local_umask=022"]


def start_vsftpd(folder: Path, user: SystemUser | None, cert_file: Path,
                 key_file: Path) -> Vsftpd:
    if VSFTPD is None:
        pytest.skip("vsftpd is not installed (scripts/apt-deps.sh test installs it)")
    if user is None:
        pytest.skip("vsftpd logs local users in only when started as root; this test run "
                    "is not root")
    port = free_port()
    low = free_port()
    passive = range(low, low + 1)  # one free port: the range 28000-30000 may be taken here
    home = chroot_base() / "ftp"
    try:
        home.mkdir()
        os.chown(home, user.uid, user.gid)
        # vsftpd changes into the user's home before local_root: point it here.
        subprocess.run(["usermod", "--home", str(home), user.name], check=True,
                       capture_output=True)
        config = folder / "vsftpd.conf"
        config.write_text("\n".join(_vsftpd_config(port, passive, home, folder, cert_file,
                                                    key_file)) + "\n")
        config.chmod(0o600)
        log = folder / "vsftpd.stderr"
        process = subprocess.Popen([VSFTPD, str(config)], stdout=subprocess.DEVNULL,
                                   stderr=log.open("wb"), start_new_session=True)
        wait_listening(port, process, log)
    except BaseException:
        shutil.rmtree(home.parent, ignore_errors=True)
        raise
    return Vsftpd(port, user.name, user.password, home, cert_file, passive, process)
