"""Shared fixtures. No test may touch the user's real data dir."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

FIXTURE_DECKS = Path(__file__).parent / "fixtures" / "decks"
REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolate_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANASTRO_QUIZ_DB", str(home / "progress.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ANASTRO_QUIZ_CACHE", str(home / "cache"))
    monkeypatch.delenv("ANASTRO_QUIZ_DECKS", raising=False)
    yield
    from anastro_quiz.clock import DAY_STARTS_AT_HOUR, set_day_start_hour

    set_day_start_hour(DAY_STARTS_AT_HOUR)  # a test that changed the study day's start leaves it as it was


class FakeClock:
    """A settable clock for deterministic scheduling tests."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def deck_dir(tmp_path) -> Path:
    """A private copy of the fixture decks (every card type), safe to edit."""
    target = tmp_path / "decks"
    shutil.copytree(FIXTURE_DECKS, target)
    return target


@pytest.fixture
def collection(tmp_path, deck_dir, clock):
    from anastro_quiz.collection import Collection

    coll = Collection.open(tmp_path / "progress.db", [deck_dir], clock=clock)
    yield coll
    coll.close()
