"""--today: the app and the commands as on a later day, on a copy of the progress unless
--write-future (issue 12's "clock for trying things")."""

from __future__ import annotations

import json
from datetime import date, timedelta

from click.testing import CliRunner
from textual.widgets import DataTable

from anastro_quiz.cli import cli
from anastro_quiz.cli.context import Context
from anastro_quiz.clock import study_day, utcnow
from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import Store

from .conftest import home_loaded, press
from .test_tui_review import answer_and_grade


def _study_everything(db, deck_dir) -> None:
    coll = Collection.open(db, [deck_dir])
    try:
        session = coll.start_session()
        while session.current is not None:
            session.grade(Rating.Easy)
    finally:
        coll.close()


def _reviews(db) -> list[str]:
    with Store.open(db) as store:
        return [r["reviewed_at"] for r in store.review_records()]


def test_commands_see_a_later_day_and_a_date_before_today_is_refused(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    _study_everything(db, deck_dir)
    later = (study_day(utcnow()) + timedelta(days=60)).isoformat()
    now = json.loads(CliRunner().invoke(cli, ["--db", db, "--decks", deck_dir, "decks", "--json"]).output)
    then = CliRunner().invoke(cli, ["decks", "--json", "--db", db, "--decks", deck_dir, "--today", later])
    assert now[0]["due"] == 0 and json.loads(then.output)[0]["due"] > 0  # after the command too
    bad = CliRunner().invoke(cli, ["--today", "2001-01-01", "decks"])
    assert bad.exit_code == 2 and "before today" in bad.output and "Traceback" not in bad.output
    assert CliRunner().invoke(cli, ["--today", "soon", "decks"]).exit_code == 2


async def test_the_app_on_a_later_day_saves_nothing_unless_asked(tmp_path, deck_dir):
    from anastro_quiz.tui.app import make_app

    db = tmp_path / "p.db"
    _study_everything(db, deck_dir)
    before = _reviews(db)
    day = study_day(utcnow()) + timedelta(days=60)
    for write_future in (False, True):
        obj = Context(db=db, deck_paths=[deck_dir], today=day, write_future=write_future)
        app = make_app(opener=obj.open_collection, today=day.isoformat(), today_notice=obj.today_notice())
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await home_loaded(pilot)
            assert day.isoformat() in app.title
            assert any("Nothing is saved" in str(n.message) for n in app._notifications) != write_future
            due = int(str(app.screen.query_one("#decks", DataTable).get_row_at(0)[3]))
            assert due > 0  # what is due by then
            await press(pilot, "enter")
            await answer_and_grade(pilot, "3")
            await press(pilot, "q")
        app.collection.close()
        after = _reviews(db)
        if write_future:
            assert len(after) == len(before) + 1
            assert date.fromisoformat(after[-1][:10]) >= day - timedelta(days=1)  # dated that day
        else:
            assert after == before  # the copy took the grade
