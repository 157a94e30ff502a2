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


class OverviewStore:
    """Aggregates for Home and ``stats`` (mixed into ``Store``)."""

    # CROSS JOIN: SQLite must start from the (few) orphans, never walk the schedule to find them.
    _ORPHANS = "cards c INDEXED BY idx_cards_orphaned CROSS JOIN schedule s USING (deck, card_id)"

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

    def state_counts(self) -> dict[tuple[str, int, int], int]:
        """Cards by (deck, FSRS state, suspended), orphaned ones left out: the counts the
        schedule's triggers keep (schema 6), less the orphans (few, their own index)."""
        out = {(d, st, su): n for d, st, su, n in self.conn.execute(
            "SELECT deck, fsrs_state, suspended, cards FROM state_counts WHERE cards>0")}
        for d, st, su, n in self.conn.execute(f"SELECT s.deck, s.fsrs_state, s.suspended, COUNT(*) FROM {self._ORPHANS}"
                                              " WHERE c.orphaned=1 GROUP BY 1, 2, 3"):
            out[(d, st, su)] = out.get((d, st, su), 0) - n
        return {key: n for key, n in sorted(out.items()) if n}

    def counts_by_deck(self, now: datetime, learning_until: datetime | None = None) -> dict[str, DeckCounts]:
        """Per deck: new and new_kept (kept in curation; buried ones left out), learning (due by
        ``learning_until``), review (due), suspended, total."""
        now_s = iso(now)
        until_s = iso(learning_until or now)
        by_state = {key: [n] for key, n in self.state_counts().items()}
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
