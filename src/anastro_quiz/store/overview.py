"""Home's and the statistics' aggregates over the schedule: counts, mastery, predicted recall.

They read one covering index of ``schedule`` (schema 4), never its wide rows (the FSRS
state as JSON); due counts are index ranges, so they cost what is due, not what the deck
holds. Orphaned cards (few) are counted apart and subtracted. Predicted recall is py-fsrs's
formula computed by SQLite from the stability and last-review columns.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import datetime
from typing import Any

from ..clock import iso
from .cards import NEW, DeckCounts, marks


# Mastered at ``?`` (milliseconds): stability reaches the whole days since the last review.
_MASTERED = ("SUM(s.stability IS NOT NULL AND s.last_review_ms IS NOT NULL"
             " AND s.stability >= MAX(0, (? - s.last_review_ms) / 86400000))")


class OverviewStore:
    """Aggregates for Home and ``stats`` (mixed into ``Store``)."""

    _ORPHANS = "cards c INDEXED BY idx_cards_orphaned JOIN schedule s USING (deck, card_id)"

    def _overview(self, select: str, where: str, group: int, params: list[Any]) -> dict[tuple, list]:
        """``SELECT select FROM schedule s WHERE where GROUP BY`` the first ``group`` columns, over
        non-orphaned cards: the group's key -> its other columns."""
        def run(source: str, extra: str) -> dict[tuple, list]:
            groups = ", ".join(str(n) for n in range(1, group + 1))
            sql = f"SELECT {select} FROM {source} WHERE ({where}){extra} GROUP BY {groups}"
            return {tuple(r[:group]): list(r[group:]) for r in self.conn.execute(sql, params)}

        whole, gone = run("schedule s", ""), run(self._ORPHANS, " AND c.orphaned=1")
        out = {}
        for key, values in whole.items():
            minus = gone.get(key, [0] * len(values))
            out[key] = [(a or 0) - (b or 0) for a, b in zip(values, minus)]
        return out

    def counts_by_deck(self, now: datetime, learning_until: datetime | None = None) -> dict[str, DeckCounts]:
        """Per deck: new and new_kept (kept in curation; buried ones left out), learning (due by
        ``learning_until``), review (due), suspended, total."""
        now_s = iso(now)
        until_s = iso(learning_until or now)
        by_state = self._overview("s.deck, s.fsrs_state, s.suspended, COUNT(*)", "1", 3, [])
        decks = sorted({deck for deck, _state, _suspended in by_state})
        due: dict[tuple, list] = {}
        for states, until in (("1,3", until_s), ("2", now_s)):
            due.update(self._overview(
                "s.deck, s.fsrs_state=2, COUNT(*)",
                f"s.deck IN ({marks(decks)}) AND s.fsrs_state IN ({states}) AND s.suspended=0 AND s.due<=?"
                " AND (s.buried_until IS NULL OR s.buried_until<=?)", 2, [*decks, until, now_s]))
        # A buried new card is not new today (a session would not offer it): buried ones are few.
        buried = {deck: n for (deck,), (n,) in self._overview(
            "s.deck, COUNT(*)", f"s.deck IN ({marks(decks)}) AND s.fsrs_state=0 AND s.suspended=0"
            " AND s.buried_until>?", 1, [*decks, now_s]).items()}
        kept = dict(self.conn.execute(
            "SELECT s.deck, COUNT(*) FROM kept_cards k JOIN schedule s USING (deck, card_id)"
            " JOIN cards c USING (deck, card_id) WHERE c.orphaned=0 AND s.fsrs_state=0 AND s.suspended=0"
            " AND (s.buried_until IS NULL OR s.buried_until<=?) GROUP BY s.deck", (now_s,)).fetchall())
        out = {}
        for deck in decks:
            counts = {(state, suspended): n for (d, state, suspended), (n,) in by_state.items() if d == deck}
            total = sum(counts.values())
            if total:
                out[deck] = DeckCounts(
                    new=counts.get((NEW, 0), 0) - buried.get(deck, 0), learning=due.get((deck, 0), [0])[0],
                    review=due.get((deck, 1), [0])[0], total=total, new_kept=kept.get(deck, 0),
                    suspended=sum(n for (_state, suspended), n in counts.items() if suspended))
        return out

    def _recall_sum(self, curves: dict[str, tuple[float, float]], now: datetime) -> tuple[str, list[Any]]:
        """The SQL sum of predicted recall at ``now`` over ``s`` rows, and its parameters."""
        # The curve's parameters per deck, as a CASE: a join would make SQLite leave the index.
        factor = "CASE s.deck " + " ".join("WHEN ? THEN ?" for _ in curves) + " END"
        select = (f"SUM(CASE WHEN s.stability IS NULL OR s.last_review_ms IS NULL THEN 0.0 ELSE pow(1.0 + ({factor})"
                  f" * MAX(0, (? - s.last_review_ms) / 86400000) / s.stability, ({factor})) END)")
        params = ([v for deck, (f, _d) in curves.items() for v in (deck, f)] + [round(now.timestamp() * 1000)]
                  + [v for deck, (_f, d) in curves.items() for v in (deck, d)])
        return select, params

    def _with_pow(self, run):
        try:
            return run()
        except sqlite3.OperationalError as exc:  # an SQLite built without its math functions
            if "pow" not in str(exc):
                raise
            self.conn.create_function("pow", 2, math.pow, deterministic=True)
            return run()

    def mastered_by_deck(self, until: datetime) -> dict[str, float]:
        """Share of each deck's cards FSRS predicts at least 90% recall for at ``until``: by
        FSRS's definition of stability (the days after which recall falls to 90%), those whose
        stability reaches the whole days since their last review at ``until`` (as
        ``Scheduler.retrievability_from`` counts them). Never-studied cards are not mastered."""
        rows = self._overview(f"s.deck, {_MASTERED}, COUNT(*)", "1", 1, [round(until.timestamp() * 1000)])
        return {deck: mastered / count for (deck,), (mastered, count) in rows.items() if count}

    def mastered_by_tag(self, until: datetime, decks: list[str]) -> dict[str, float]:
        """:meth:`mastered_by_deck` per tag over the cards of ``decks`` (tags as last synced,
        ``card_tags``), by tag name."""
        sql = (f"SELECT t.tag, {_MASTERED}, COUNT(*) FROM card_tags t JOIN schedule s USING (deck, card_id)"
               f" JOIN cards c USING (deck, card_id) WHERE c.orphaned=0 AND t.deck IN ({marks(decks)})"
               " GROUP BY t.tag ORDER BY t.tag")
        rows = self.conn.execute(sql, [round(until.timestamp() * 1000), *decks]).fetchall()
        return {tag: n / count for tag, n, count in rows if count}

    def mean_recall_by_deck(self, now: datetime, curves: dict[str, tuple[float, float]]) -> dict[str, float]:
        """Mean predicted recall at ``now`` of each deck in ``curves`` (deck -> its scheduler's
        ``forgetting_curve()``), never-studied cards counting 0; a deck without cards is left out.

        Elapsed time in whole days (to the millisecond), as ``Scheduler.retrievability_from``.
        """
        if not curves:
            return {}
        recall, params = self._recall_sum(curves, now)
        rows = self._with_pow(lambda: self._overview(f"s.deck, {recall}, COUNT(*)", "1", 1, params))
        return {deck: total / count for (deck,), (total, count) in rows.items() if deck in curves and count}
