"""Card info from the core: history in order, undone reviews left out, memory state from FSRS."""

from __future__ import annotations

from anastro_quiz.card_info import card_info
from anastro_quiz.scheduler import Rating, load_state


def test_history_and_memory_state(collection, clock):
    info = card_info(collection, "sample", "ai-class")
    assert (info.state, info.due, info.stability, info.recall_now, info.history) == ("new", None, None, None, [])
    session = collection.start_session()
    session.grade(Rating.Again, duration_ms=5000)  # ai-class: the 1-minute step
    clock.advance(minutes=2)
    assert session.current.id == "ai-class"
    session.grade(Rating.Good)
    session.undo()  # left out of the history
    session.grade(Rating.Easy, duration_ms=1500)  # graduates
    info = card_info(collection, "sample", "ai-class")
    assert [(p.grade, p.seconds) for p in info.history] == [("Again", 5.0), ("Easy", 1.5)]
    assert round(info.history[0].interval_days * 24 * 60, 6) == 1.0
    state = load_state(collection.store.schedule_row("sample", "ai-class").state)
    assert (info.state, info.stability, info.difficulty, info.reps) == ("review", state.stability, state.difficulty, 2)
    assert info.due == state.due and info.recall_now == collection.scheduler("sample").retrievability(state, clock.now)
