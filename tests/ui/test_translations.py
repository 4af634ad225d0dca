"""The Spanish translation: the .ts file is the source, complete, current, and nothing on
screen stays in English when the app speaks Spanish.

``make translations`` runs lupdate (the UI's texts into the .ts) and lrelease (the .ts into the
.qm the app loads); these tests fail until a new text is translated and both files rebuilt.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from desktop_app.domain import Money, Outcome, OutcomeStatus
from desktop_app.paths import resources_dir
from desktop_app.ui.checkout.choices import TenderChoice
from tests.ui.test_checkout import Window

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "translations" / "frontdeskpay_es.ts"
BIN = Path(sys.executable).parent
FIX = "run `make translations`, translate the unfinished entries (Qt Linguist or an editor), " \
      "and run it again"


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    return [(c.findtext("name") or "", m.findtext("source") or "", m.find("translation"))
            for c in tree.iter("context") for m in c.iter("message")]  # type: ignore[misc]


def test_every_entry_is_translated_and_none_is_stale() -> None:
    bad = [(ctx, src, t.get("type")) for ctx, src, t in messages(TS)
           if t.get("type") in ("unfinished", "obsolete", "vanished") or not (t.text or "")]
    assert bad == [], f"{len(bad)} entries to finish: {FIX}"


def test_the_ts_holds_exactly_the_texts_of_the_ui(tmp_path: Path) -> None:
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "desktop_app" / "settings.py"))
    subprocess.run([BIN / "pyside6-lupdate", *sources, "-locations", "none", "-no-obsolete",
                    "-ts", fresh], check=True, capture_output=True)
    ours = {(c, s) for c, s, _ in messages(TS)}
    theirs = {(c, s) for c, s, _ in messages(fresh)}
    assert sorted(theirs - ours) == [], f"texts not in the .ts yet: {FIX}"
    assert sorted(ours - theirs) == [], f"texts no longer used: {FIX}"


def test_the_qm_the_app_loads_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "es.qm"
    subprocess.run([BIN / "pyside6-lrelease", TS, "-qm", built], check=True,
                   capture_output=True)
    assert built.read_bytes() == TS.with_suffix(".qm").read_bytes(), FIX


def test_placeholders_and_alt_keys_survive_translation() -> None:
    for ctx, src, t in messages(TS):
        text = t.text or ""
        assert sorted(re.findall(r"\{\d\}", src)) == sorted(re.findall(r"\{\d\}", text)), \
            (ctx, src)
        assert src.replace("&&", "").count("&") == text.replace("&&", "").count("&"), (ctx, src)


def _english_only() -> set[str]:
    """Texts whose Spanish differs: seen on a Spanish screen, they are untranslated."""
    return {src.replace("&", "") for _c, src, t in messages(TS)
            if (t.text or "").replace("&", "") != src.replace("&", "")}


def _visible_texts(root: QWidget) -> list[str]:
    out: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            out += [str(model.headerData(i, __import__("PySide6.QtCore").QtCore.Qt
                                        .Orientation.Horizontal))
                    for i in range(model.columnCount())]
        out.append(w.toolTip())
    return [t.replace("&", "").strip() for t in out if t and t.strip()]


async def test_no_english_text_is_left_on_the_spanish_screens_nor_do_they_widen_the_window(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    english = _english_only()
    assert window.translations is not None
    window.resize(1024, 768)
    await asyncio.sleep(0.05)
    window.translations.switch("es")
    seen: list[tuple[str, str]] = []
    try:
        await asyncio.sleep(0.05)
        form = window.checkout.form
        for choice in TenderChoice:
            form.set_choice(choice)
            seen += [(choice.value, t) for t in _visible_texts(window)]
        result = window.checkout.result
        window.checkout.stack.setCurrentWidget(result)
        for status in OutcomeStatus:
            result.show_outcome(Outcome(status, reference="FDP1", requested=Money(2000),
                                        approved=Money(1000), transaction_id="T1"))
            seen += [(status.value, t) for t in _visible_texts(window)]
        window.checkout.stack.setCurrentWidget(window.checkout.micr)
        seen += [("micr", t) for t in _visible_texts(window)]
        for index in (1, 2, 3):
            window.show_page(index)
            await asyncio.sleep(0.05)
            seen += [(f"page {index}", t) for t in _visible_texts(window)]
        grown = (window.width(), window.height())  # long Spanish never widens the window
    finally:
        window.translations.switch("en")
        window.show_page(0)
    assert grown == (1024, 768)
    left = sorted({(where, t) for where, t in seen if t in english})
    assert not left, f"English on the Spanish screens ({FIX}): {left}"
