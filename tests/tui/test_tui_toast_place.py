"""A toast on the study screen covers nothing you can click: the Show answer button, the grade
buttons and the footer's keys stay clickable while it shows (80x24 and 120x40)."""

from __future__ import annotations

import pytest
from textual.widgets import Button
from textual.widgets._toast import Toast

from anastro_quiz.tui.widgets.key_bar import KeyBar

from .conftest import press
from .test_tui_review import open_review


def covered_by_toast(app, widgets) -> list[str]:
    """Each clickable thing (a button, or a key of the key bar), given with its region, with a
    cell where a click would land on a toast instead."""
    hit = []
    for widget, region in widgets:
        for y in range(region.y, region.bottom):
            for x in range(region.x, region.right):
                if isinstance(app.get_widget_at(x, y)[0], Toast):
                    hit.append(str(widget.label if isinstance(widget, Button) else widget.description))
                    break
            else:
                continue
            break
    return hit


def toasts_shown(app) -> list[Toast]:
    return [t for t in app.screen.query(Toast) if t.region.area]


def clickable(app, container: str) -> list:
    return [*[(b, b.region) for b in app.screen.query_one(container).query(Button) if b.region.area],
            *[entry for bar in app.screen.query(KeyBar) for entry in bar.key_regions()]]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_undo_toast_leaves_show_answer_clickable(app, size):
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_review(pilot)
        await press(pilot, "space", "3")  # the first fixture card is a basic one
        await press(pilot, "u")
        assert any(str(t.render()).startswith("Undone: grade Good") for t in toasts_shown(app))
        assert app.screen.query_one("#reveal-button").region.area
        assert covered_by_toast(app, clickable(app, "#reveal-bar")) == []


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_toast_after_the_answer_leaves_the_grade_buttons_clickable(app, size):
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_review(pilot)
        await press(pilot, "space", "asterisk")  # mark the revealed card: a toast says so
        assert any(str(t.render()).startswith("Marked") for t in toasts_shown(app))
        buttons = clickable(app, "#grade-bar")
        assert len([b for b, _region in buttons if isinstance(b, Button)]) == 4
        assert covered_by_toast(app, buttons) == []
