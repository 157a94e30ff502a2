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
from typing import Any, Iterable

from ..clock import iso
from .cards import LEARNING, NEW, RELEARNING, DeckCounts, marks


class OverviewStore:
    """Aggregates for Home and ``stats`` (mixed into ``Store``)."""

    # CROSS JOIN: SQLite must start from the (few) orphans, never walk the schedule to find them.
    _ORPHANS = "cards c INDEXED BY idx_cards_orphaned CROSS JOIN schedule s USING (deck, card_id)"

    def _overview(self, select: str, where: str, group: int, params: list[Any],
                  source: str = "schedule s") -> dict[tuple, list]:
        """``SELECT select FROM source WHERE where GROUP BY`` the first ``group`` columns, over
        non-orphaned cards: the group's key -> its other columns (``source``: ``schedule s``,
        perhaps with the index to read)."""
        def run(source: str, extra: str) -> dict[tuple, list]:
            groups = ", ".join(str(n) for n in range(1, group + 1))
            sql = f"SELECT {select} FROM {source} WHERE ({where}){extra} GROUP BY {groups}"
            return {tuple(r[:group]): list(r[group:]) for r in self.conn.execute(sql, params)}

        whole, gone = run(source, ""), run(self._ORPHANS, " AND c.orphaned=1")
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

    def counts_by_deck(self, now: datetime, learning_until: datetime | None = None,
                       review_room: dict[str, int] | None = None, kept_in: Iterable[str] = ()) -> dict[str, DeckCounts]:
        """Per deck: new (buried ones left out), learning (due by ``learning_until``), review
        (due; with ``review_room``, counted only up to the deck's room for reviews today: what
        Home shows is at most that), suspended, total; new_kept (kept in curation) only for the
        decks ``kept_in`` (0 for the others).

        Each count costs what it counts at most: the cards per state are kept (schema 6), the
        learning cards due are those kept less the few due later (learning steps are minutes),
        buried cards have their own index (schema 11), and due reviews are counted up to the
        room left today."""
        now_s = iso(now)
        until_s = iso(learning_until or now)
        by_state = self.state_counts()
        decks = sorted({deck for deck, _state, _suspended in by_state})
        in_decks = f"s.deck IN ({marks(decks)})"
        learning = f"{in_decks} AND s.fsrs_state IN (1,3) AND s.suspended=0"

        def per_deck(where: str, params: list[Any], index: str = "") -> dict[str, int]:
            source = f"schedule s INDEXED BY {index}" if index else "schedule s"
            return {deck: n for (deck,), (n,) in self._overview("s.deck, COUNT(*)", where, 1, params, source).items()}

        not_yet = [per_deck(f"{learning} AND s.due>?", [*decks, until_s]),
                   per_deck(f"{learning} AND s.due IS NULL", decks),
                   per_deck(f"{learning} AND s.buried_until>? AND s.due<=?", [*decks, now_s, until_s], "idx_schedule_buried")]
        # A buried new card is not new today (a session would not offer it): buried ones are few.
        buried = per_deck(f"{in_decks} AND s.fsrs_state=0 AND s.suspended=0 AND s.buried_until>?", [*decks, now_s],
                          "idx_schedule_buried")
        due = self._due_reviews(decks, now_s, review_room)
        kept_in = sorted(set(kept_in) & set(decks))
        kept = dict(self.conn.execute(
            "SELECT s.deck, COUNT(*) FROM kept_cards k JOIN schedule s USING (deck, card_id)"
            f" JOIN cards c USING (deck, card_id) WHERE k.deck IN ({marks(kept_in)}) AND c.orphaned=0"
            " AND s.fsrs_state=0 AND s.suspended=0 AND (s.buried_until IS NULL OR s.buried_until<=?) GROUP BY s.deck",
            (*kept_in, now_s)).fetchall()) if kept_in else {}
        out = {}
        for deck in decks:
            counts = {(state, suspended): n for (d, state, suspended), n in by_state.items() if d == deck}
            total = sum(counts.values())
            if total:
                in_learning = counts.get((LEARNING, 0), 0) + counts.get((RELEARNING, 0), 0)
                out[deck] = DeckCounts(
                    new=counts.get((NEW, 0), 0) - buried.get(deck, 0),
                    learning=in_learning - sum(part.get(deck, 0) for part in not_yet),
                    review=due.get(deck, 0), total=total, new_kept=kept.get(deck, 0),
                    suspended=sum(n for (_state, suspended), n in counts.items() if suspended))
        return out

    def _due_reviews(self, decks: list[str], now_s: str, room: dict[str, int] | None) -> dict[str, int]:
        """Due reviews per deck (not suspended, not buried at ``now_s``); with ``room``, each
        deck's counted only up to its room (a deck missing from it: none)."""
        where = "s.fsrs_state=2 AND s.suspended=0 AND s.due<=? AND (s.buried_until IS NULL OR s.buried_until<=?)"
        if room is None:
            return {deck: n for (deck,), (n,) in self._overview(
                "s.deck, COUNT(*)", f"s.deck IN ({marks(decks)}) AND {where}", 1, [*decks, now_s, now_s]).items()}
        wanted = [deck for deck in decks if room.get(deck, 0) > 0]
        # Orphaned cards (few) are counted apart; counting up to the room plus them leaves
        # min(due, room) once they are taken off.
        orphaned = dict(self.conn.execute(
            f"SELECT s.deck, COUNT(*) FROM {self._ORPHANS} WHERE c.orphaned=1 AND s.deck IN ({marks(wanted)})"
            f" AND {where} GROUP BY s.deck", [*wanted, now_s, now_s]).fetchall()) if wanted else {}
        out = {}
        for deck in wanted:
            cap = room[deck] + orphaned.get(deck, 0)
            counted = self.conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM schedule s WHERE s.deck=? AND {where}"
                                        " LIMIT ?)", (deck, now_s, now_s, cap)).fetchone()[0]
            out[deck] = counted - orphaned.get(deck, 0)
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
