"""Progress charts that read right (issue 12): whole-number axes, one bar per day that never
merges with the next, retention as a line over weeks with enough reviews per point."""

from __future__ import annotations

import re

from textual_plotext import PlotextPlot

from anastro_quiz.scheduler import Rating
from anastro_quiz.stats import WeekRetention
from anastro_quiz.tui.widgets.charts import MIN_WEEK_REVIEWS, draw_weekly_retention, whole_ticks

from .conftest import home_loaded, press
from .test_tui_quiz_progress import _study_some


def _text(plot) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", plot.plt.build()).splitlines()


def test_whole_ticks():
    assert whole_ticks(0) == [0, 1]
    assert whole_ticks(4) == [0, 1, 2, 3, 4]
    assert whole_ticks(7) == [0, 2, 4, 6, 8]
    assert whole_ticks(54) == [0, 20, 40, 60]


async def test_the_forecast_has_whole_numbers_and_one_bar_per_day(app, collection, clock):
    _study_some(collection, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "p", "right", "right")
        screen = pilot.app.screen
        lines = _text(screen.query_one("#forecast-plot", PlotextPlot))
        labels = [m.group(1) for line in lines if (m := re.match(r"^\s*(\S+)┤", line))]
        assert labels and all(label.isdigit() for label in labels)  # no "2.67"
        due_days = sum(1 for d in screen.data.stats.forecast if d.due)
        bottom = next(line for line in lines if re.match(r"^\s*0┤", line))
        assert len(re.findall(r"█+", bottom)) == due_days  # one bar each, none merged
        assert all(len(run) == 1 for run in re.findall(r"█+", bottom))


async def test_retention_is_a_line_over_the_weeks_with_enough_reviews(app, collection, clock):
    _study_some(collection, clock)
    for day in range(40):  # six weeks of reviews, some missed
        session = collection.start_session()
        seen = set()
        while session.current is not None:
            key = session.current.key
            session.grade(Rating.Again if day % 3 == 0 and key not in seen else Rating.Good, 2000)
            seen.add(key)
            clock.advance(minutes=5)
        session.finish()
        clock.advance(days=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "p", "right", "right", "right")
        screen = pilot.app.screen
        plot = screen.query_one("#retention-plot", PlotextPlot)
        enough = [w for w in screen.data.weekly if w.rate is not None and w.reviews >= MIN_WEEK_REVIEWS]
        assert len(enough) >= 3
        text = "\n".join(_text(plot))
        assert text.count("●") == len(enough)  # one point per week with enough reviews
        assert re.search(r"[⠁-⣿]", text)  # joined by a line
        assert "this week" in text and "-" not in re.sub(r"[─┬┴┤├┼┌┐└┘]", "", text.splitlines()[-2])


def test_a_week_with_few_reviews_gets_no_point():
    import plotext

    plotext.clear_figure()
    plotext.plotsize(80, 20)
    weekly = [WeekRetention("2026-01-05", 2, 0.5), WeekRetention("2026-01-12", 9, 0.9)]
    draw_weekly_retention(plotext, weekly)
    text = re.sub(r"\x1b\[[0-9;]*m", "", plotext.build())
    assert text.count("●") == 1 and "1 with fewer left out" in text
