"""Read-only aggregates over the review log and the schedule, for statistics and backups.

What counts: undone reviews never; drill answers never count as reviews; "true retention"
(as in Anki) looks only at ``review``-mode reviews of cards in the review state.
"""

from __future__ import annotations

from datetime import datetime

from ..clock import day_start_hour, iso
from .cards import marks


def _day_sql(col: str) -> str:
    """SQLite expression mapping a stored UTC timestamp to the local study day."""
    return f"date({col}, 'localtime', '-{int(day_start_hour())} hours')"


COUNTED_REVIEWS = "undone=0 AND mode!='drill'"
COUNTED_REVIEWS_SQL = f"SELECT COUNT(*) FROM reviews WHERE {COUNTED_REVIEWS}"
REVIEWS_PER_DAY_SQL = f"SELECT day, COUNT(*) FROM reviews WHERE {COUNTED_REVIEWS} GROUP BY day"
RETENTION_SQL = ("SELECT COUNT(*), COALESCE(SUM(rating>1), 0) FROM reviews"
                 " WHERE undone=0 AND mode='review' AND fsrs_state_before=2")
# The queries that scan the whole review log: each must read only a covering index
# (schema migration 2), which tests/test_perf_core.py checks through query_plan.
LOG_SCANS = (COUNTED_REVIEWS_SQL, REVIEWS_PER_DAY_SQL, RETENTION_SQL + " AND reviewed_at>=?")


class QueryStore:
    """Aggregates for ``stats`` (mixed into ``Store``)."""

    def counted_reviews(self) -> int:
        """Reviews as statistics count them: not undone, drill answers left out."""
        return self.conn.execute(COUNTED_REVIEWS_SQL).fetchone()[0]

    def reviews_per_day(self) -> dict[str, int]:
        """Counted reviews per study day (ISO date), for the heatmap and the streak."""
        return dict(self.conn.execute(REVIEWS_PER_DAY_SQL).fetchall())

    def retention_counts(self, since: datetime, until: datetime | None = None) -> tuple[int, int]:
        """``(reviews, recalled)`` of review-state cards after ``since`` (and up to ``until``)."""
        if until is None:
            return tuple(self.conn.execute(RETENTION_SQL + " AND reviewed_at>=?", (iso(since),)).fetchone())
        return tuple(self.conn.execute(RETENTION_SQL + " AND reviewed_at>? AND reviewed_at<=?",
                                       (iso(since), iso(until))).fetchone())

    def due_per_day(self, decks: list[str]) -> dict[str | None, int]:
        """Studied, unsuspended cards of ``decks`` by the study day (ISO date) they fall due."""
        sql = (f"SELECT {_day_sql('s.due')} AS d, COUNT(*) FROM schedule s JOIN cards c"
               f" USING (deck, card_id) WHERE c.orphaned=0 AND s.suspended=0 AND s.fsrs_state>0"
               f" AND s.deck IN ({marks(decks)}) GROUP BY d")
        return dict(self.conn.execute(sql, decks).fetchall())

    def cards_by_state(self, decks: list[str]) -> dict[str, int]:
        """Cards of ``decks`` by FSRS state (suspended ones counted apart), and the total."""
        row = self.conn.execute(
            f"SELECT SUM(s.fsrs_state=0 AND s.suspended=0), SUM(s.fsrs_state=1 AND s.suspended=0),"
            f" SUM(s.fsrs_state=2 AND s.suspended=0), SUM(s.fsrs_state=3 AND s.suspended=0), SUM(s.suspended),"
            f" COUNT(*) FROM schedule s JOIN cards c USING (deck, card_id) WHERE c.orphaned=0"
            f" AND s.deck IN ({marks(decks)})", decks).fetchone()
        keys = ("new", "learning", "review", "relearning", "suspended", "total")
        return {k: int(v or 0) for k, v in zip(keys, row)}

    def query_plan(self, sql: str, params: tuple = ()) -> str:
        """SQLite's plan for ``sql`` (``EXPLAIN QUERY PLAN``), its steps joined in one line."""
        return " ".join(str(r[-1]) for r in self.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
