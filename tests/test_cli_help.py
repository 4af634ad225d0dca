"""Every ``--help`` reads as plain text for IT: no reStructuredText markup (#13)."""

from __future__ import annotations

import argparse
import re

from desktop_app.cli import build_parser
from desktop_app.cli.output import plain_help

MARKUP = re.compile(r"``|:[a-z]+:`|`_|::\s*$", re.MULTILINE)


def _helps(parser: argparse.ArgumentParser, name: str = "main.py") -> dict[str, str]:
    out = {name: parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                out.update(_helps(sub, f"{name} {sub_name}"))
    return out


def test_every_help_is_plain_text() -> None:
    helps = _helps(build_parser())
    assert "main.py pay" in helps and "main.py devices list" in helps
    marked = {name: MARKUP.findall(text) for name, text in helps.items()
              if MARKUP.search(text)}
    assert marked == {}


def test_plain_help_drops_the_markup_and_keeps_the_words() -> None:
    doc = """``main.py pay <op>``: see :func:`run` and `the README`_.

    Example::

        pay sale
    """
    text = plain_help(doc)
    assert text.startswith("main.py pay <op>: see run and the README.")
    assert "Example:" in text and "::" not in text and "pay sale" in text
