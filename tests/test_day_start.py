"""The hour a study day starts is a setting: daily limits, burying and day counts follow it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from anastro_quiz.clock import day_start_hour, study_day
from anastro_quiz.collection import Collection, DailyLimits
from anastro_quiz.scheduler import Rating


def _at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=timezone.utc)


def _new_offered(collection) -> int:
    return collection.start_session().remaining.new


def test_the_new_card_limit_resets_at_the_hour_set(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=1))
    clock.now = _at(22)
    session = collection.start_session()
    session.grade(Rating.Easy)
    clock.now = _at(0, 30, day=3)
    assert collection.day_start_hour() == 4 and _new_offered(collection) == 0  # still Monday's study day
    collection.save_day_start_hour(0)
    assert day_start_hour() == 0 and study_day(clock.now).isoformat() == "2026-03-03"
    assert _new_offered(collection) == 1  # the day started at midnight


def test_the_hour_is_kept_in_the_database_and_applied_on_opening(tmp_path, deck_dir, clock):
    first = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    first.save_day_start_hour(6)
    first.close()
    from anastro_quiz.clock import set_day_start_hour

    set_day_start_hour(4)
    again = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    assert again.day_start_hour() == 6 and day_start_hour() == 6
    again.close()


def test_burying_lasts_until_the_next_day_starts_at_that_hour(collection, clock):
    collection.save_day_start_hour(7)
    clock.now = _at(9)
    session = collection.start_session()
    item = session.bury()
    row = collection.store.schedule_row(item.deck_id, item.id)
    assert datetime.fromisoformat(row.buried_until).astimezone().hour == 7


@pytest.mark.parametrize("bad", [24, -1, "seven", "", 4.5, None])
def test_a_bad_hour_is_refused_and_nothing_is_saved(collection, bad):
    with pytest.raises(ValueError, match="whole hour from 0 to 23"):
        collection.save_day_start_hour(bad)
    assert collection.day_start_hour() == 4 and collection.store.get_setting("study_day") is None
