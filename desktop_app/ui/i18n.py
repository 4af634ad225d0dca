"""English and Spanish: Qt translation files, switched at run time from Settings.

Installing a translator sends every widget a LanguageChange event; each view re-sets its
texts in ``retranslate()``, so a switch needs no restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from desktop_app.paths import resources_dir

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "es": "Español"}


class Translations:
    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def switch(self, language: str) -> bool:
        """True when ``language`` is now active. English is the source text: no file needed."""
        app = QCoreApplication.instance()
        if app is None or language not in LANGUAGES:
            return False
        for old in self._installed:
            app.removeTranslator(old)
        self._installed = []
        self.language = language
        QLocale.setDefault(QLocale(language))
        if language == "en":
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
            return True
        ours = QTranslator(app)
        folder = resources_dir() / "translations"
        if not ours.load(f"frontdeskpay_{language}", str(folder)):
            log.warning("translation %s not found in %s", language, folder)
            return False
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            self._installed.append(qt)
        app.installTranslator(ours)
        self._installed.append(ours)
        return True
