"""Learning statistics computed from the review log and the schedule (no UI).

"True retention" follows Anki: of the reviews of cards in the *review* state (not new
or learning), the share not graded Again. Drill and quiz answers never count.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from .clock import study_day


def true_retention(store, now: datetime, days: int) -> dict[str, Any]:
    """Recall rate on review-state cards over the last ``days`` days."""
    total, recalled = store.retention_counts(now - timedelta(days=days))
    return {"reviews": total, "recalled": recalled, "rate": (recalled / total) if total else None}


def due_forecast(store, decks: list[str], now: datetime, days: int = 30) -> list[dict[str, Any]]:
    """Cards falling due on each of the next ``days`` study days (day 0 includes overdue)."""
    today = study_day(now)
    counts = [0] * days
    for day_text, count in store.due_per_day(decks).items():
        offset = (date.fromisoformat(day_text) - today).days if day_text else 0
        if offset < days:
            counts[max(offset, 0)] += count
    return [{"date": (today + timedelta(days=i)).isoformat(), "due": n} for i, n in enumerate(counts)]


def review_days(store) -> dict[str, int]:
    """Reviews per study day, for the heatmap and the streak."""
    return store.reviews_per_day()


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
        total, recalled = store.retention_counts(start, end)
        out.append({"week_start": study_day(start).isoformat(), "reviews": total,
                    "rate": (recalled / total) if total else None})
    return out


def cards_by_state(store, decks: list[str]) -> dict[str, int]:
    return store.cards_by_state(decks)


def collection_stats(collection, now: datetime | None = None, forecast_days: int = 30) -> dict[str, Any]:
    """Everything ``anastro-quiz stats`` prints (its ``--json`` schema is in the README)."""
    now = now or collection.now()
    store, decks = collection.store, list(collection.decks)
    days = review_days(store)
    today = study_day(now)
    total = store.counted_reviews()
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
