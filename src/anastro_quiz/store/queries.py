"""Read-only aggregates over the review log and the schedule, for statistics and backups.

What counts: undone reviews never; drill answers never count as reviews; "true retention"
(as in Anki) looks only at ``review``-mode reviews of cards in the review state.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime, timedelta

from ..clock import day_start, day_start_hour, iso, study_day
from .cards import marks


def _day_sql(col: str) -> str:
    """SQLite expression mapping a stored UTC timestamp to the local study day."""
    return f"date({col}, 'localtime', '-{int(day_start_hour())} hours')"


COUNTED_REVIEWS = "undone=0 AND mode!='drill'"
COUNTED_REVIEWS_SQL = f"SELECT COUNT(*) FROM reviews WHERE {COUNTED_REVIEWS}"
REVIEWS_PER_DAY_SQL = f"SELECT day, COUNT(*) FROM reviews WHERE {COUNTED_REVIEWS} GROUP BY day"
RETENTION_SQL = ("SELECT COUNT(*), COALESCE(SUM(rating>1), 0) FROM reviews"
                 " WHERE undone=0 AND mode='review' AND fsrs_state_before=2")
# Cards due in one range, for load balancing (once per study day of a grade's fuzz range):
# a range of the covering index idx_schedule_due_cover (schema 10), never the wide rows.
DUE_COUNTS_SQL = ("SELECT COUNT(*) FROM schedule INDEXED BY idx_schedule_due_cover"
                  " WHERE fsrs_state IN (1,2,3) AND suspended=0 AND due>=? AND due<?")
# The queries that scan the review log: each must read only a covering index (schema
# migration 2), which tests/test_perf_core.py checks through query_plan. (Reviews per day
# and in all come from ``review_days``, which triggers keep: schema migration 5.)
LOG_SCANS = (COUNTED_REVIEWS_SQL, REVIEWS_PER_DAY_SQL, RETENTION_SQL + " AND reviewed_at>=?")


class QueryStore:
    """Aggregates for ``stats`` (mixed into ``Store``)."""

    def counted_reviews(self) -> int:
        """Reviews as statistics count them: not undone, drill answers left out."""
        return self.conn.execute("SELECT COALESCE(SUM(reviews), 0) FROM review_days").fetchone()[0]

    def reviews_per_day(self) -> dict[str, int]:
        """Counted reviews per study day (ISO date), for the heatmap and the streak."""
        return dict(self.conn.execute("SELECT day, reviews FROM review_days WHERE reviews>0").fetchall())

    def reviews_since(self, first: str) -> dict[str, int]:
        """Counted reviews per study day from ``first`` (ISO date) on, days with none left out:
        a range of ``review_days``' key (Home's last two weeks, and the days after the kept streak)."""
        return dict(self.conn.execute("SELECT day, reviews FROM review_days WHERE day>=? AND reviews>0"
                                      " ORDER BY day", (first,)).fetchall())

    def streak_upto(self) -> tuple[str, int, int] | None:
        """``(through, longest, run)``: up to study day ``through`` (ISO date), the longest run of
        study days and the run ending on it (0: none that day); None when not kept (never counted,
        or a day up to ``through`` changed since: schema migration 12)."""
        return self.conn.execute("SELECT through, longest, run FROM streak_upto").fetchone()

    def save_streak_upto(self, through: str, longest: int, run: int) -> None:
        """Keep the streak counted up to ``through`` (see :meth:`streak_upto`)."""
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO streak_upto (id, through, longest, run) VALUES (1, ?, ?, ?)",
                              (through, longest, run))

    def retention_counts(self, since: datetime, until: datetime | None = None) -> tuple[int, int]:
        """``(reviews, recalled)`` of review-state cards after ``since`` (and up to ``until``).

        Whole study days in between come from ``review_days`` (schema 6); only the parts of
        the first and the last day are read from the review log."""
        first = study_day(since) + timedelta(days=1)  # the first whole day after ``since``
        last = study_day(until) if until is not None else None  # the day cut by ``until``
        if last is not None and last < first:
            return self._logged_retention(" AND reviewed_at>? AND reviewed_at<=?", (iso(since), iso(until)))
        head = self._logged_retention(" AND reviewed_at>=? AND reviewed_at<?" if until is None else
                                      " AND reviewed_at>? AND reviewed_at<?", (iso(since), iso(day_start(first))))
        days = " AND day<?" if last is not None else ""
        middle = self.conn.execute(
            "SELECT COALESCE(SUM(retention_reviews), 0), COALESCE(SUM(retention_recalled), 0) FROM review_days"
            f" WHERE day>=?{days}", (first.isoformat(), *([last.isoformat()] if last is not None else []))).fetchone()
        tail = (0, 0) if last is None else self._logged_retention(
            " AND reviewed_at>=? AND reviewed_at<=?", (iso(day_start(last)), iso(until)))
        return head[0] + middle[0] + tail[0], head[1] + middle[1] + tail[1]

    def _logged_retention(self, where: str, params: tuple) -> tuple[int, int]:
        return tuple(self.conn.execute(RETENTION_SQL + where, params).fetchone())

    def due_per_day(self, decks: list[str], before: datetime | None = None) -> dict[str | None, int]:
        """Studied, unsuspended cards of ``decks`` by the study day (ISO date) they fall due
        (only those due before ``before``, if given: an index range, not every card)."""
        due = " AND s.due<?" if before is not None else ""
        rows = self._overview(
            f"{_day_sql('s.due')}, COUNT(*)",
            f"s.deck IN ({marks(decks)}) AND s.fsrs_state IN (1,2,3) AND s.suspended=0{due}", 1,
            [*decks, *([iso(before)] if before is not None else [])])
        return {day: n for (day,), (n,) in rows.items() if n}

    def due_in_ranges(self, decks: list[str], bounds: list[datetime]) -> list[int]:
        """Studied, unsuspended cards of ``decks`` due before ``bounds[0]`` (overdue included),
        then in each ``[bounds[i], bounds[i + 1])``: one index range count per range, so the
        cost is the ranges', not the cards' (the forecast)."""
        if not decks or not bounds:
            return [0] * len(bounds)
        where = (f"s.deck IN ({marks(decks)}) AND s.fsrs_state IN (1,2,3) AND s.suspended=0")
        sql = f"SELECT COUNT(*) FROM schedule s INDEXED BY idx_schedule_deck_overview WHERE {where} AND s.due<?"
        stamps = [iso(b) for b in bounds]
        counts = [self.conn.execute(sql, [*decks, stamps[0]]).fetchone()[0]]
        counts += [self.conn.execute(sql + " AND s.due>=?", [*decks, b, a]).fetchone()[0]
                   for a, b in zip(stamps, stamps[1:])]
        orphans = sorted(r[0] for r in self.conn.execute(
            f"SELECT s.due FROM {self._ORPHANS} WHERE c.orphaned=1 AND {where}", list(decks)))
        below = [bisect.bisect_left(orphans, stamp) for stamp in stamps]
        return [n - gone for n, gone in zip(counts, [below[0]] + [b - a for a, b in zip(below, below[1:])])]

    def due_counts(self, first: date, last: date) -> dict[date, int]:
        """Studied, unsuspended cards of every deck due on each study day from ``first`` to
        ``last`` (both included), for load balancing: one range of a covering index per day."""
        days = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 2)]
        stamps = [iso(day_start(day)) for day in days]
        counts = {day: self.conn.execute(DUE_COUNTS_SQL, (a, b)).fetchone()[0]
                  for day, a, b in zip(days, stamps, stamps[1:])}
        return {day: n for day, n in counts.items() if n}

    def cards_by_state(self, decks: list[str]) -> dict[str, int]:
        """Cards of ``decks`` by FSRS state (suspended ones counted apart), and the total."""
        wanted = set(decks)
        rows: dict[tuple, list] = {}
        for (deck, state, suspended), n in self.state_counts().items():
            if deck in wanted:
                rows[(state, suspended)] = [rows.get((state, suspended), [0])[0] + n]
        out = {"new": 0, "learning": 0, "review": 0, "relearning": 0, "suspended": 0, "total": 0}
        names = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
        for (state, suspended), (n,) in rows.items():
            out["suspended" if suspended else names[state]] += n
            out["total"] += n
        return out

    def query_plan(self, sql: str, params: tuple = ()) -> str:
        """SQLite's plan for ``sql`` (``EXPLAIN QUERY PLAN``), its steps joined in one line."""
        return " ".join(str(r[-1]) for r in self.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
