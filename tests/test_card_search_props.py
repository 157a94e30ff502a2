"""Search in Cards: states (is:new/learn/review/due), numbers (prop:lapses>3, prop:due<=0), and
acting on what a search finds (suspend, unsuspend, reset, a due date)."""

from __future__ import annotations

import pytest

from anastro_quiz.card_search import SearchError
from anastro_quiz.scheduler import Rating


def _ids(collection, search: str) -> set[str]:
    return {item.id for item, _row in collection.browse("sample", "all", search)}


def _study(collection, clock, grade_of) -> None:
    session = collection.start_session()
    while not session.finished:
        session.grade(grade_of(session.current.id))
        clock.advance(minutes=11)
    session.finish()


def test_states_and_numbers_find_the_cards(collection, clock):
    everything = _ids(collection, "")
    assert _ids(collection, "is:new") == everything and _ids(collection, "is:due") == set()
    _study(collection, clock, lambda card_id: Rating.Easy)
    clock.advance(days=30)
    forgotten: list[str] = []  # ai-class forgotten once at its first review, then recalled

    def grade(card_id: str) -> Rating:
        if card_id == "ai-class" and not forgotten:
            forgotten.append(card_id)
            return Rating.Again
        return Rating.Good

    _study(collection, clock, grade)
    rows = collection.store.schedule_rows()
    studied = {r.card_id for r in rows if r.state}
    assert _ids(collection, "is:new") == everything - studied
    assert _ids(collection, "is:review") | _ids(collection, "is:learn") == studied
    assert _ids(collection, "prop:lapses>0") == {r.card_id for r in rows if r.lapses > 0} == {"ai-class"}
    assert _ids(collection, "prop:lapses>=0") == everything  # a new card has none
    clock.advance(days=90)
    assert _ids(collection, "is:due") == studied == _ids(collection, "prop:due<=0")
    assert _ids(collection, "is:due tag:atac") == {i for i in studied if i.startswith("atac")}
    assert _ids(collection, "prop:due>0") == set() and _ids(collection, "prop:reps>=1") == studied


@pytest.mark.parametrize("search", ["prop:lapses", "prop:ivl>3", "prop:due<x"])
def test_an_unreadable_prop_is_a_message(collection, search):
    with pytest.raises(SearchError, match="prop:lapses>3"):
        collection.browse("sample", "all", search)


def test_acting_on_a_selection_changes_the_database(collection, clock):
    _study(collection, clock, lambda card_id: Rating.Easy)
    shown = [(i.deck_id, i.id) for i, _r in collection.browse("sample", "all", "is:review tag:atac")]
    assert len(shown) == 2
    assert collection.act_on(shown, "suspend") == 2
    rows = {(r.deck, r.card_id): r for r in collection.store.schedule_rows()}
    assert all(rows[k].suspended for k in shown) and sum(r.suspended for r in rows.values()) == 2
    collection.act_on(shown, "unsuspend")
    assert collection.act_on(shown, "due", 3) == 2
    rows = {(r.deck, r.card_id): r for r in collection.store.schedule_rows()}
    assert {rows[k].due[:10] for k in shown} == {"2026-03-05"} and all(rows[k].state for k in shown)
    assert collection.act_on(shown, "reset") == 2
    rows = {(r.deck, r.card_id): r for r in collection.store.schedule_rows()}
    assert all(rows[k].fsrs_state == 0 and rows[k].state is None and rows[k].reps == 0 for k in shown)
    assert {i.id for i, _r in collection.browse("sample", "all", "is:new")} >= {c for _d, c in shown}
    assert collection.store.review_count() > 0  # the log keeps what happened
