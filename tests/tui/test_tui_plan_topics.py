"""The Exam tab plans for one topic: only that topic's cards are brought before the exam."""

from __future__ import annotations

from textual.widgets import Input, Select

from .conftest import settle
from .test_tui_exam_plan import _exam_tab, _study_everything, _text


async def test_a_plan_for_one_topic_from_the_exam_tab(app, collection, clock):
    _study_everything(collection, clock)  # reviews about a week away
    before = {r.card_id: r.due for r in collection.store.schedule_rows()}
    tags = {key[1]: item.tags for key, item in collection.items.items()}
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = await _exam_tab(pilot)
        topics = screen.query_one("#exam-topics", Select)
        assert topics.region.width > 0 and topics.region.right <= 100  # on screen
        screen.query_one("#exam-date", Input).value = "2026-03-09"
        screen.query_one("#exam-recall", Input).value = "0.97"
        topics.value = "osteoclast"
        await settle(pilot)
        await pilot.click("#plan-apply")
        await settle(pilot)
        shown = _text(screen, "#plan-text")
        assert "Exam plan saved" in shown and "topics osteoclast" in shown
        plan = collection.exam_plan()
        assert plan.topics == ("osteoclast",)
        after = {r.card_id: r.due for r in collection.store.schedule_rows()}
        moved = {c for c in after if after[c] != before[c]}
        assert moved and all("osteoclast" in tags[c] for c in moved)
        assert any(before[c] and before[c] >= "2026-03-09" and "osteoclast" not in tags[c] for c in after)


async def test_at_80_columns_the_exam_form_is_whole_on_screen(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _exam_tab(pilot)
        for name in ("#exam-date", "#exam-recall", "#exam-decks", "#exam-topics"):
            region = screen.query_one(name).region
            assert region.width >= 6 and region.right <= 80, (name, region)  # the topics menu ran to column 90
