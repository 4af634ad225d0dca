"""The sandbox's hosted page speaks the language the browser asks for (Accept-Language)."""

from __future__ import annotations

import pytest

from desktop_app.sandbox.sso_page_words import WORDS, page_language


@pytest.mark.parametrize(("header", "language"), [
    ("es, en;q=0.5", "es"), ("es-US,es;q=0.9", "es"), ("fr-FR, es;q=0.8", "es"),
    ("en", "en"), ("de", "en"), ("", "en"), ("EN-gb", "en"),
])
def test_the_first_language_the_page_speaks_wins(header: str, language: str) -> None:
    assert page_language(header) == language


def test_every_language_says_every_word() -> None:
    assert {frozenset(words) for words in WORDS.values()} == {frozenset(WORDS["en"])}
