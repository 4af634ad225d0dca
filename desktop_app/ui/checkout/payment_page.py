"""The hosted payment page's QWebEnginePage: it stops navigations to our return URLs.

The token request names a ``confirmURL`` and a ``cancelURL`` under the reserved ``.invalid``
domain (resources/protocol/sso.json); the gateway sends the page there once the patient has
paid or cancelled. Such an address must never load (it cannot resolve, and it is ours, not a
site): the page refuses the navigation and says which was reached. Imported only when the
first hosted payment starts, since QtWebEngine is slow to load on thin clients.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWidgets import QWidget


class PaymentPage(QWebEnginePage):
    returned = Signal(str)  # "confirm" (paid) or "cancel"

    def __init__(self, profile: QWebEngineProfile, parent: QWidget) -> None:
        super().__init__(profile, parent)
        self.return_urls: dict[str, str] = {}

    def acceptNavigationRequest(self, url: QUrl | str, kind: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:
        text = url.toString() if isinstance(url, QUrl) else str(url)
        for which, prefix in self.return_urls.items():
            if prefix and text.startswith(prefix):
                self.returned.emit(which)
                return False
        return super().acceptNavigationRequest(url, kind, is_main_frame)
