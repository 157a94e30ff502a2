"""A damaged database shows a dialog saying what to do, instead of Home waiting on "Loading…"."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.dialogs.database_problem import DatabaseProblemDialog

from .conftest import settle

import rawdb


@pytest.mark.worker_errors
async def test_a_damaged_review_log_shows_a_dialog_with_what_to_do(tmp_path, deck_dir, clock):
    db = tmp_path / "p.db"
    coll = Collection.open(db, [deck_dir], clock=clock)
    session = coll.start_session()
    session.grade(Rating.Good)
    session.finish()
    coll.close()
    Collection.open(db, [deck_dir], clock=clock).close()
    # The review log's pages, its table's and its indexes' (Home reads its counts from an index).
    for (name,) in rawdb.rows(db, "SELECT name FROM sqlite_master WHERE tbl_name = 'reviews' AND rootpage"):
        rawdb.damage_table(db, name)

    app = make_app(opener=lambda progress, upgrading: Collection.open(db, [deck_dir], clock=clock))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, DatabaseProblemDialog):
                break
        assert isinstance(app.screen, DatabaseProblemDialog)
        text = str(app.screen.query_one("#database-problem-text", Static).render())
        assert "is damaged" in text and "anastro-quiz backup" in text and "anastro-quiz check" in text
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    if app.collection is not None:
        app.collection.close()
