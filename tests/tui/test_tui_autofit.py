"""The app refits the scheduler in the background once there is enough history, and Progress
says what came of it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from textual.widgets import Static

from anastro_quiz.autofit import last_fit
from anastro_quiz.collection import Collection
from anastro_quiz.interop.optimize import available
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.screens.progress import ProgressScreen
from conftest import FakeClock
from test_interop_optimize import _history_db, synthetic_log

from .conftest import press, settle


@pytest.mark.skipif(not available(), reason="the optimizer extra is not installed")
async def test_the_app_refits_in_the_background_and_progress_says_so(tmp_path, deck_dir):
    _history_db(tmp_path / "p.db", synthetic_log())
    collection = Collection.open(tmp_path / "p.db", [deck_dir],
                                 clock=FakeClock(datetime(2025, 6, 10, 12, tzinfo=timezone.utc)))
    app = make_app(collection)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        record = last_fit(collection)
        assert record is not None and record.adopted  # fitted on opening, nothing pressed
        assert collection.scheduler_settings().parameters is not None
        await press(pilot, "p")
        assert isinstance(app.screen, ProgressScreen)
        overview = str(app.screen.query_one("#overview-text", Static).render())
        assert "Scheduler refitted to your reviews on 2025-06-10" in overview and "adopted" in overview
    collection.close()
