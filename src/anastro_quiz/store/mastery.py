"""Mastery per deck and per topic (tag): kept counts, so ``stats`` and Home read no card.

A card is mastered at a moment when FSRS predicts at least 90% recall then: by FSRS's
definition of stability (the days after which recall falls to 90%), when its stability
reaches the whole days since its last review, as ``Scheduler.retrievability_from`` counts
them. Never-studied cards are not mastered; orphaned cards are not counted.

Schema 6 keeps, for one moment (``mastery_at``), the cards and the mastered cards of each
deck and each (deck, tag). Triggers move the counts when a card's state changes (a grade,
an undo, a merge) and drop them when the counted cards or tags change (a sync); a read at
another moment moves them by the cards whose mastery ends in between (each schedule row
holds that moment, ``mastered_until_ms``, in an index), and counts from scratch only when
they were dropped. A database that cannot be written is counted from scratch every time.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from .errors import StoreBusy, StoreFull, StoreReadOnly, translate

# Mastered at ``?`` (milliseconds): stability reaches the whole days since the last review.
_MASTERED = ("SUM(s.stability IS NOT NULL AND s.last_review_ms IS NOT NULL"
             " AND s.stability >= MAX(0, (? - s.last_review_ms) / 86400000))")
_TAGS = ("SELECT s.deck, s.tag, {mastered}, COUNT(*) FROM {source} WHERE 1{extra}"
         " GROUP BY s.deck, s.tag")
_TAG_SOURCES = ("card_tags s INDEXED BY idx_card_tags_mastery",
                "cards c INDEXED BY idx_cards_orphaned CROSS JOIN card_tags s USING (deck, card_id)")
_ENDED = ("FROM schedule s INDEXED BY idx_schedule_mastered_until {join}"
          " WHERE s.mastered_until_ms>? AND s.mastered_until_ms<=? AND NOT EXISTS"
          " (SELECT 1 FROM cards c WHERE c.deck=s.deck AND c.card_id=s.card_id AND c.orphaned=1)")


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


class MasteryStore:
    """Mastery per deck and per tag (mixed into ``Store``)."""

    def mastered_by_deck(self, until: datetime) -> dict[str, float]:
        """Share of each deck's cards mastered at ``until`` (see the module's docstring)."""
        decks = self._mastery_counts(_ms(until), "decks")
        return {deck: mastered / cards for deck, (cards, mastered) in sorted(decks.items()) if cards}

    def mastered_by_tag(self, until: datetime, decks: list[str]) -> dict[str, float]:
        """:meth:`mastered_by_deck` per tag over the cards of ``decks`` (tags as last synced,
        ``card_tags``), by tag name."""
        wanted, totals = set(decks), {}
        for (deck, tag), (cards, mastered) in self._mastery_counts(_ms(until), "tags").items():
            if deck in wanted:
                was = totals.get(tag, (0, 0))
                totals[tag] = (was[0] + cards, was[1] + mastered)
        return {tag: mastered / cards for tag, (cards, mastered) in sorted(totals.items()) if cards}

    # --- the kept counts -------------------------------------------------------------

    def _mastery_counts(self, until_ms: int, of: str) -> dict:
        """``{deck: (cards, mastered)}`` (``of="decks"``) or ``{(deck, tag): (cards, mastered)}``
        (``"tags"``) at ``until_ms``."""
        if not self.conn.in_transaction:  # inside another transaction (an edit), only read
            try:
                with self.transaction():
                    try:
                        self._keep_mastery_at(until_ms)
                        return self._kept_mastery(of)
                    except sqlite3.Error as exc:
                        raise translate(exc, self.path) from None
            except (StoreBusy, StoreReadOnly, StoreFull):  # count without keeping
                pass
        return self._count_mastery(until_ms)[0 if of == "decks" else 1]

    def _kept_mastery(self, of: str) -> dict:
        if of == "decks":
            return {d: (c, m) for d, c, m in self.conn.execute("SELECT deck, cards, mastered FROM mastery_decks")}
        return {(d, t): (c, m) for d, t, c, m in self.conn.execute("SELECT deck, tag, cards, mastered FROM mastery_tags")}

    def _keep_mastery_at(self, until_ms: int) -> None:
        """Make the kept counts those at ``until_ms`` (inside a write transaction)."""
        row = self.conn.execute("SELECT until_ms FROM mastery_at").fetchone()
        if row is None:
            decks, tags = self._count_mastery(until_ms)
            self.conn.execute("DELETE FROM mastery_decks")
            self.conn.execute("DELETE FROM mastery_tags")
            self.conn.executemany("INSERT INTO mastery_decks (deck, cards, mastered) VALUES (?,?,?)",
                                  [(d, c, m) for d, (c, m) in decks.items()])
            self.conn.executemany("INSERT INTO mastery_tags (deck, tag, cards, mastered) VALUES (?,?,?,?)",
                                  [(d, t, c, m) for (d, t), (c, m) in tags.items()])
            self.conn.execute("INSERT INTO mastery_at (id, until_ms) VALUES (1, ?)", (until_ms,))
            return
        kept = row[0]
        if kept == until_ms:
            return
        # Cards whose mastery ends in (earlier, later]: lost going forward, regained going back.
        low, high, sign = (kept, until_ms, -1) if until_ms > kept else (until_ms, kept, 1)
        # One statement each way (a day's move at 100k cards ends the mastery of thousands of
        # (deck, tag) pairs: one UPDATE per pair took a quarter of a second of the day's first launch).
        decks = self.conn.execute(f"SELECT s.deck, COUNT(*) {_ENDED.format(join='')} GROUP BY s.deck",
                                  (low, high)).fetchall()
        if not decks:
            # No card's mastery ends in between: the counts kept are those at ``until_ms`` too, and
            # nothing is written (a launch moments after the last would otherwise wait on a commit).
            return
        self.conn.executemany("UPDATE mastery_decks SET mastered=mastered+? WHERE deck=?",
                              [(sign * n, deck) for deck, n in decks])
        self.conn.executemany("UPDATE mastery_tags SET mastered=mastered+? WHERE deck=? AND tag=?", [
            (sign * n, deck, tag) for deck, tag, n in self.conn.execute(
                f"SELECT t.deck, t.tag, COUNT(*) {_ENDED.format(join='JOIN card_tags t USING (deck, card_id)')}"
                " GROUP BY t.deck, t.tag", (low, high)).fetchall()])
        self.conn.execute("UPDATE mastery_at SET until_ms=?", (until_ms,))

    def _count_mastery(self, until_ms: int):
        """The counts at ``until_ms`` from every card (schedule and tag rows, covering indexes)."""
        decks = {deck: (count, mastered or 0) for (deck,), (mastered, count)
                 in self._overview(f"s.deck, {_MASTERED}, COUNT(*)", "1", 1, [until_ms]).items()}
        whole, gone = ({(d, t): (count, mastered or 0) for d, t, mastered, count in self.conn.execute(
            _TAGS.format(mastered=_MASTERED, source=source, extra=extra), (until_ms,))}
            for source, extra in zip(_TAG_SOURCES, ("", " AND c.orphaned=1")))
        tags = {}
        for key, (count, mastered) in whole.items():
            minus = gone.get(key, (0, 0))
            tags[key] = (count - minus[0], mastered - minus[1])
        return decks, tags
