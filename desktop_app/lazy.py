"""Package names that load their module on first use (PEP 562).

The Qt app shows its window before the gateway, the domain values and the drivers load (see
``desktop_app/ui/app.py``). A package whose ``__init__`` imported every submodule would undo
that: importing ``desktop_app.domain.errors`` runs ``desktop_app/__init__`` first. Packages
list their names here instead, and also import them under ``TYPE_CHECKING`` for the checkers.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__``: ``where`` maps each name to the submodule defining it."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # the next lookup is a plain attribute
        return value

    return __getattr__
