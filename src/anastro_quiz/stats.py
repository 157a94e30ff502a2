"""Learning statistics computed from the review log and the schedule (no UI).

"True retention" follows Anki: of the reviews of cards in the *review* state (not new
or learning), the share not graded Again. Drill and quiz answers never count.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from .clock import DAY_STARTS_AT_HOUR, iso, study_day

# SQLite expression mapping a stored UTC timestamp to the local study day.
_DAY_SQL = f"date({{col}}, 'localtime', '-{DAY_STARTS_AT_HOUR} hours')"


def true_retention(store, now: datetime, days: int) -> dict[str, Any]:
    """Recall rate on review-state cards over the last ``days`` days."""
    since = iso(now - timedelta(days=days))
    total, recalled = store.conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(rating>1), 0) FROM reviews"
        " WHERE undone=0 AND mode='review' AND fsrs_state_before=2 AND reviewed_at>=?",
        (since,),
    ).fetchone()
    return {"reviews": total, "recalled": recalled, "rate": (recalled / total) if total else None}


def due_forecast(store, decks: list[str], now: datetime, days: int = 30) -> list[dict[str, Any]]:
    """Cards falling due on each of the next ``days`` study days (day 0 includes overdue)."""
    today = study_day(now)
    counts = [0] * days
    marks = ",".join("?" * len(decks))
    sql = (f"SELECT {_DAY_SQL.format(col='s.due')} AS d, COUNT(*) FROM schedule s JOIN cards c USING (deck, card_id)"
           f" WHERE c.orphaned=0 AND s.suspended=0 AND s.fsrs_state>0 AND s.deck IN ({marks}) GROUP BY d")
    for day_text, count in store.conn.execute(sql, decks):
        offset = (date.fromisoformat(day_text) - today).days if day_text else 0
        if offset < days:
            counts[max(offset, 0)] += count
    return [{"date": (today + timedelta(days=i)).isoformat(), "due": n} for i, n in enumerate(counts)]


def review_days(store) -> dict[str, int]:
    """Reviews per study day, for the heatmap and the streak."""
    return {d: n for d, n in store.conn.execute(
        "SELECT day, COUNT(*) FROM reviews WHERE undone=0 AND mode!='drill' GROUP BY day")}


def streaks(days_with_reviews: set[str], today: date) -> dict[str, int]:
    """Current streak (ending today, or yesterday if today has no reviews yet) and the longest."""
    current = 0
    cursor = today if today.isoformat() in days_with_reviews else today - timedelta(days=1)
    while cursor.isoformat() in days_with_reviews:
        current += 1
        cursor -= timedelta(days=1)
    longest, run, previous = 0, 0, None
    for text in sorted(days_with_reviews):
        day = date.fromisoformat(text)
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest, previous = max(longest, run), day
    return {"current": current, "longest": longest}


def retention_by_week(store, now: datetime, weeks: int = 12) -> list[dict[str, Any]]:
    """True retention for each of the last ``weeks`` weeks, oldest first."""
    out = []
    for index in range(weeks, 0, -1):
        start, end = now - timedelta(weeks=index), now - timedelta(weeks=index - 1)
        total, recalled = store.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(rating>1), 0) FROM reviews WHERE undone=0 AND mode='review'"
            " AND fsrs_state_before=2 AND reviewed_at>? AND reviewed_at<=?", (iso(start), iso(end))).fetchone()
        out.append({"week_start": study_day(start).isoformat(), "reviews": total,
                    "rate": (recalled / total) if total else None})
    return out


def cards_by_state(store, decks: list[str]) -> dict[str, int]:
    marks = ",".join("?" * len(decks))
    row = store.conn.execute(
        f"SELECT SUM(s.fsrs_state=0 AND s.suspended=0), SUM(s.fsrs_state=1 AND s.suspended=0),"
        f" SUM(s.fsrs_state=2 AND s.suspended=0), SUM(s.fsrs_state=3 AND s.suspended=0), SUM(s.suspended),"
        f" COUNT(*) FROM schedule s JOIN cards c USING (deck, card_id) WHERE c.orphaned=0 AND s.deck IN ({marks})",
        decks).fetchone()
    keys = ("new", "learning", "review", "relearning", "suspended", "total")
    return {k: int(v or 0) for k, v in zip(keys, row)}


def collection_stats(collection, now: datetime | None = None, forecast_days: int = 30) -> dict[str, Any]:
    """Everything ``anastro-quiz stats`` prints (its ``--json`` schema is in the README)."""
    now = now or collection.now()
    store, decks = collection.store, list(collection.decks)
    days = review_days(store)
    today = study_day(now)
    total = store.conn.execute("SELECT COUNT(*) FROM reviews WHERE undone=0 AND mode!='drill'").fetchone()[0]
    recall = collection.predicted_recall(now)
    return {
        "cards": cards_by_state(store, decks),
        "reviews": {"total": total, "today": days.get(today.isoformat(), 0)},
        "retention": {"7d": true_retention(store, now, 7), "30d": true_retention(store, now, 30)},
        "forecast": due_forecast(store, decks, now, forecast_days),
        "streak": streaks(set(days), today),
        "mastery": {"decks": collection.mastery_by_deck(now, recall), "tags": collection.mastery_by_tag(now, recall)},
        "leeches": [{"deck": i.deck_id, "id": i.id, "prompt": i.prompt} for i in collection.leeches()],
    }


def exam_readiness(collection, exam_day: datetime) -> dict[str, float]:
    """Predicted share of each deck recalled on ``exam_day`` (FSRS retrievability)."""
    return collection.mastery_by_deck(exam_day)
