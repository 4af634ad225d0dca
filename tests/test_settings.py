"""The settings file: what it refuses to hold, and what it checks before saving."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain import ValidationError
from desktop_app.paths import app_paths
from desktop_app.settings import Settings, load_settings, save_settings


@pytest.mark.parametrize(("url", "words"), [
    ("postgresql://desk:s3cret@db.clinic/fdp", "holds a password"),
    ("postgresql://desk@/fdp", "needs a server and a database"),
    ("postgres://desk@db.clinic", "needs a server and a database"),
    ("postgresql://desk@[::1/fdp", "not a valid URL"),
])
def test_a_database_address_that_would_not_work_or_would_leak_is_refused(
        url: str, words: str) -> None:
    paths = app_paths().ensure()
    with pytest.raises(ValidationError, match=words) as caught:
        save_settings(paths, Settings(journal_url=url))
    assert "s3cret" not in str(caught.value)
    assert not paths.settings_file.exists()


def test_good_addresses_and_timings_round_trip() -> None:
    paths = app_paths().ensure()
    settings = Settings(journal_url="postgresql://desk@db.clinic:5433/fdp",
                        webhook_store_url="", sso_poll_seconds=3, sso_timeout_minutes=20)
    save_settings(paths, settings)
    assert load_settings(paths) == settings


def test_a_zero_poll_interval_is_refused() -> None:
    with pytest.raises(ValidationError, match="from 1 to 300"):
        save_settings(app_paths().ensure(), replace(Settings(), sso_poll_seconds=0))
