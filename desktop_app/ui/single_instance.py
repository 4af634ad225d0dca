"""One app per user session: a second launch asks the first to raise its window and exits.

The name includes the user, the data folder and the login session, so two Citrix users on
one server, one user's two sessions (a published app and a desktop), or two test homes never
see each other's app.
"""

from __future__ import annotations

import getpass
import hashlib
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop_app.paths import app_paths

_RAISE = b"raise\n"


def server_name() -> str:
    key = f"{getpass.getuser()}|{app_paths().data_dir}|{session_id()}"
    return "FrontDeskPay-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def session_id() -> str:
    """The Windows (RDS/Citrix) session this process runs in; on X11, the login session and
    display. Local pipes on a Citrix server are visible across sessions of one user."""
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        number = ctypes.c_ulong()
        if kernel32.ProcessIdToSessionId(kernel32.GetCurrentProcessId(), ctypes.byref(number)):
            return f"session {number.value}"
        return os.environ.get("SESSIONNAME", "")
    return f"{os.environ.get('XDG_SESSION_ID', '')}|{os.environ.get('DISPLAY', '')}"


class SingleInstance(QObject):
    activate_requested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None

    def ask_running_to_raise(self, timeout_ms: int = 500) -> bool:
        """True when another instance answered: the caller should exit."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_RAISE)
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a stale socket left by a crash
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_RAISE.strip()):
            self.activate_requested.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
