"""A few days of study through the public API, for tests of what statistics count."""

from __future__ import annotations

from datetime import timedelta

from anastro_quiz.scheduler import Rating

MIXED = (Rating.Good, Rating.Again, Rating.Easy, Rating.Good, Rating.Hard)


def study(coll, clock, days: int, ratings=MIXED, gap=timedelta(days=1), undo_last: bool = True) -> None:
    """Each day: a session over every deck graded ``ratings`` (3 minutes apart), its last grade
    undone if ``undo_last``; then the clock moves ``gap`` on."""
    for _ in range(days):
        session = coll.start_session()
        for rating in ratings:
            if session.finished:
                break
            session.grade(rating)
            clock.advance(minutes=3)
        if undo_last:
            session.undo()
        clock.now += gap


def grade_every_item(db, decks, rating: int = 3) -> set[str]:
    """One session over ``decks`` (a folder) into the database ``db``, every item graded
    ``rating``; returns the ids of the items graded."""
    from anastro_quiz.collection import Collection

    coll = Collection.open(db, [decks])
    try:
        session = coll.start_session()
        graded = set()
        while session.current is not None:
            graded.add(session.current.id)
            session.grade(rating)
        session.finish()
    finally:
        coll.close()
    return graded
