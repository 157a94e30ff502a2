"""Cards and their schedules: syncing with the deck files, the queues, browsing, curation marks."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from ..clock import iso
from .bulk import card_rows_in_bulk

# FSRS states as stored in ``schedule.fsrs_state``; 0 is "never reviewed".
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


@dataclass
class ScheduleRow:
    deck: str
    card_id: str
    state: str | None
    fsrs_state: int
    due: str | None
    lapses: int
    reps: int
    suspended: bool
    buried_until: str | None
    leech: bool
    marked: bool = False  # Anki's "marked" (the * key)

    def buried_at(self, moment: datetime) -> bool:
        """Whether the card is buried (hidden until a later day) at ``moment``."""
        return self.buried_until is not None and self.buried_until > iso(moment)


@dataclass(frozen=True)
class DeckCounts:
    """One deck's cards by what a session could do with them (see :meth:`CardStore.counts_by_deck`)."""

    new: int = 0
    new_kept: int = 0
    learning: int = 0
    review: int = 0
    suspended: int = 0
    total: int = 0


def marks(values: Iterable[Any]) -> str:
    """``?,?,?``: one placeholder per value, for ``IN (...)``."""
    return ",".join("?" * len(list(values)))


class CardStore:
    """The ``cards``, ``schedule`` and ``kept_cards`` tables (mixed into ``Store``)."""

    # --- cards ---------------------------------------------------------------

    def deck_digests(self) -> dict[str, str]:
        """Each deck's digest as last synced (see :meth:`sync_cards`)."""
        return dict(self.conn.execute("SELECT deck, digest FROM deck_digests").fetchall())

    def sync_cards(self, items: Iterable[tuple[str, str, str, int]], deck_ids: Iterable[str],
                   digests: dict[str, str] | None = None,
                   tags: Iterable[tuple[str, str, str]] | None = None) -> dict[str, int]:
        """Record the cards now in the decks ``deck_ids``: ``(deck, card_id, content_hash, position)``.

        New cards get a schedule row; changed text updates the hash and keeps history;
        cards that vanished from a loaded deck are marked orphaned (history kept), and a
        card that comes back is un-orphaned with its progress. ``digests`` (deck -> digest
        of these rows) are recorded with them, so an unchanged deck need not be synced again;
        ``tags`` (``(deck, card_id, tag)``), if given, become the decks' tags in ``card_tags``.
        """
        items = list(items)
        deck_ids = set(deck_ids) | {row[0] for row in items}
        existing = {
            (r[0], r[1]): (r[2], r[3], r[4])
            for r in self.conn.execute(
                f"SELECT deck, card_id, content_hash, orphaned, position FROM cards WHERE deck IN ({marks(deck_ids)})",
                list(deck_ids))
        }
        now = iso(datetime.now(timezone.utc))
        added, changed, seen = [], [], set()
        for deck, card_id, content_hash, position in items:
            key = (deck, card_id)
            seen.add(key)
            old = existing.get(key)
            if old is None:
                added.append((deck, card_id, content_hash, position, now))
            elif old != (content_hash, 0, position):
                changed.append((content_hash, position, now if old[0] != content_hash else None, deck, card_id))
        orphans = [k for k, v in existing.items() if k[0] in deck_ids and k not in seen and not v[1]]
        digests = digests or {}
        if not (added or changed or orphans or digests or tags is not None):
            return {"added": 0, "changed": 0, "orphaned": 0}
        with self.transaction():
            if tags is not None:
                self.conn.executemany("DELETE FROM card_tags WHERE deck=?", [(d,) for d in sorted(deck_ids)])
            self.conn.executemany("INSERT OR REPLACE INTO deck_digests (deck, digest) VALUES (?,?)",
                                  list(digests.items()))
            # One prepared statement each, in this one transaction, the tables' per-row insert
            # triggers done once at the end (a first import: 100,000 rows each).
            with card_rows_in_bulk(self.conn) if added or tags else nullcontext():
                if tags is not None:
                    self.conn.executemany("INSERT OR IGNORE INTO card_tags (deck, card_id, tag) VALUES (?,?,?)", tags)
                if added:
                    self.conn.executemany("INSERT INTO cards (deck, card_id, content_hash, position, orphaned,"
                                          " added_at) VALUES (?,?,?,?,0,?)", added)
                    self.conn.executemany(f"INSERT INTO schedule (deck, card_id, fsrs_state) VALUES (?,?,{NEW})",
                                          ((a[0], a[1]) for a in added))
            self.conn.executemany(
                "UPDATE cards SET content_hash=?, position=?, orphaned=0,"
                " changed_at=COALESCE(?, changed_at) WHERE deck=? AND card_id=?",
                changed,
            )
            self.conn.executemany("UPDATE cards SET orphaned=1 WHERE deck=? AND card_id=?", orphans)
        return {"added": len(added), "changed": len(changed), "orphaned": len(orphans)}

    def orphaned_cards(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT deck, card_id FROM cards WHERE orphaned=1")]

    def known_decks(self) -> set[str]:
        """Every deck id this database has seen, in its cards or its review log."""
        return {row[0] for row in self.conn.execute("SELECT deck FROM cards UNION SELECT deck FROM reviews")}

    # --- schedule ------------------------------------------------------------

    _SCHEDULE_COLS = ("s.deck, s.card_id, s.state, s.fsrs_state, s.due, s.lapses, s.reps, s.suspended, s.buried_until,"
                      " s.leech, s.marked")

    def _rows(self, where: str, params: Iterable[Any] = (), tail: str = "") -> list[ScheduleRow]:
        sql = (f"SELECT {self._SCHEDULE_COLS} FROM schedule s JOIN cards c USING (deck, card_id)"
               f" WHERE c.orphaned=0 AND {where} {tail}")
        return [ScheduleRow(*r[:7], bool(r[7]), r[8], bool(r[9]), bool(r[10])) for r in self.conn.execute(sql, list(params))]

    def schedule_row(self, deck: str, card_id: str) -> ScheduleRow | None:
        rows = self._rows("s.deck=? AND s.card_id=?", (deck, card_id))
        return rows[0] if rows else None

    def schedule_rows(self) -> list[ScheduleRow]:
        """Every card's schedule (orphaned cards too), by deck and card id."""
        sql = (f"SELECT {self._SCHEDULE_COLS} FROM schedule s ORDER BY s.deck, s.card_id")
        return [ScheduleRow(*r[:7], bool(r[7]), r[8], bool(r[9]), bool(r[10])) for r in self.conn.execute(sql)]

    def due_rows(self, decks: list[str], now: datetime, limit: int, states: Iterable[int] = (LEARNING, REVIEW, RELEARNING),
                 due_by: datetime | None = None) -> list[ScheduleRow]:
        """Cards in FSRS ``states`` due by ``due_by`` (default ``now``) and not buried at ``now``,
        soonest first, at most ``limit``."""
        states = [int(s) for s in states]
        return self._rows(
            f"s.deck IN ({marks(decks)}) AND s.fsrs_state IN ({marks(states)}) AND s.due<=? AND s.suspended=0"
            " AND (s.buried_until IS NULL OR s.buried_until<=?)",
            [*decks, *states, iso(due_by or now), iso(now)],
            f"ORDER BY s.due LIMIT {int(limit)}",
        )

    def learning_due(self, decks: list[str], until: datetime, now: datetime, limit: int | None = None,
                     after: tuple[str, str, int] | None = None) -> list[tuple[str, str, str, tuple[str, str, int]]]:
        """``(due, deck, card_id, mark)`` of the learning and relearning cards of ``decks`` due by
        ``until``, neither suspended nor buried at ``now``, soonest first, at most ``limit``,
        only those after the ``mark`` ``after`` of an earlier call: a session's learning list,
        by key, read a part at a time (a backlog of thousands)."""
        where, params = self._learning_where(decks, until, now)
        if after is not None:
            where += " AND (s.due, s.deck, s.rowid) > (?, ?, ?)"
            params += list(after)
        orphans = self._orphans(decks)
        tail = f" LIMIT {int(limit) + len(orphans)}" if limit is not None else ""
        # The part is found in the deck overview index alone (its entries end with the rowid);
        # only its rows are then read for their card ids.
        order = "ORDER BY s.due, s.deck, s.rowid"
        rows = self.conn.execute(
            f"SELECT s.due, s.deck, s.card_id, s.rowid FROM schedule s WHERE s.rowid IN"
            f" (SELECT s.rowid FROM schedule s WHERE {where} {order}{tail}) {order}", params).fetchall()
        out = [(due, deck, card_id, (due, deck, rowid)) for due, deck, card_id, rowid in rows
               if (deck, card_id) not in orphans]
        return out[:limit] if limit is not None else out

    def learning_count(self, decks: list[str], until: datetime, now: datetime) -> int:
        """How many cards :meth:`learning_due` would give without a limit (one index range)."""
        where, params = self._learning_where(decks, until, now)
        count = self.conn.execute(f"SELECT COUNT(*) FROM schedule s WHERE {where}", params).fetchone()[0]
        orphans = self._orphans(decks)
        if orphans:
            count -= self.conn.execute(
                "SELECT COUNT(*) FROM cards c INDEXED BY idx_cards_orphaned CROSS JOIN schedule s USING (deck, card_id)"
                f" WHERE c.orphaned=1 AND {where}", params).fetchone()[0]
        return count

    def _orphans(self, decks: list[str]) -> set[tuple[str, str]]:
        """Orphaned cards of ``decks`` (their deck file dropped them; few, their own index)."""
        return {(d, c) for d, c in self.conn.execute(
            f"SELECT deck, card_id FROM cards INDEXED BY idx_cards_orphaned WHERE orphaned=1 AND deck IN ({marks(decks)})",
            decks)}

    @staticmethod
    def _learning_where(decks: list[str], until: datetime, now: datetime) -> tuple[str, list[Any]]:
        # The learning cards' range of the deck overview index (schema 4): no row is read.
        return (f"s.deck IN ({marks(decks)}) AND s.fsrs_state IN (?, ?) AND s.suspended=0"
                " AND s.due<=? AND (s.buried_until IS NULL OR s.buried_until<=?)",
                [*decks, LEARNING, RELEARNING, iso(until), iso(now)])

    def new_rows(self, decks: list[str], now: datetime, limit: int, kept_only: bool = False) -> list[ScheduleRow]:
        """Never-studied cards in deck order (``kept_only``: only those kept in curation)."""
        kept = " AND EXISTS (SELECT 1 FROM kept_cards k WHERE k.deck=s.deck AND k.card_id=s.card_id)"
        return self._rows(
            f"s.deck IN ({marks(decks)}) AND s.fsrs_state=0 AND s.suspended=0"
            " AND (s.buried_until IS NULL OR s.buried_until<=?)" + (kept if kept_only else ""),
            [*decks, iso(now)],
            f"ORDER BY c.deck, c.position LIMIT {int(limit)}",
        )

    def deck_rows(self, deck: str | None, only: str = "all") -> list[ScheduleRow]:
        """Every card of ``deck`` (of every deck if None) in deck order; ``only`` is ``"all"``,
        ``"suspended"`` or ``"leeches"``."""
        where = {"all": "", "suspended": " AND s.suspended=1", "leeches": " AND s.leech=1",
                 "marked": " AND s.marked=1"}[only]
        if deck is None:
            return self._rows("1" + where, [], "ORDER BY c.deck, c.position")
        return self._rows("s.deck=?" + where, [deck], "ORDER BY c.position")

    def recall_inputs(self, decks: list[str]) -> Iterator[tuple[str, str, float | None, str | None]]:
        """``(deck, card_id, stability, last_review)`` of every studied, non-orphaned card."""
        sql = ("SELECT s.deck, s.card_id, s.stability, json_extract(s.state, '$.last_review') FROM schedule s"
               f" JOIN cards c USING (deck, card_id) WHERE c.orphaned=0 AND s.state IS NOT NULL"
               f" AND s.deck IN ({marks(decks)})")
        yield from self.conn.execute(sql, list(decks))

    def set_suspended(self, deck: str, card_id: str, suspended: bool) -> None:
        with self.transaction():
            self.conn.execute("UPDATE schedule SET suspended=? WHERE deck=? AND card_id=?",
                              (int(suspended), deck, card_id))

    def set_suspended_many(self, keys: list[tuple[str, str]], suspended: bool) -> int:
        """Suspend (or unsuspend) every ``(deck, card_id)`` at once; how many there were."""
        with self.transaction():
            self.conn.executemany("UPDATE schedule SET suspended=? WHERE deck=? AND card_id=?",
                                  [(int(suspended), deck, card_id) for deck, card_id in keys])
        return len(keys)

    def reset_schedules(self, keys: list[tuple[str, str]]) -> int:
        """Make every ``(deck, card_id)`` new again (Anki's Forget): no state, due date, reps,
        lapses or leech flag; the review log keeps what happened."""
        with self.transaction():
            self.conn.executemany("UPDATE schedule SET state=NULL, fsrs_state=0, due=NULL, reps=0, lapses=0,"
                                  " leech=0, buried_until=NULL WHERE deck=? AND card_id=?", keys)
        return len(keys)

    def set_marked(self, deck: str, card_id: str, marked: bool) -> None:
        """Mark a card (Anki's ``*``: flagged to look at again) or unmark it; no queue reads it."""
        with self.transaction():
            self.conn.execute("UPDATE schedule SET marked=? WHERE deck=? AND card_id=?", (int(marked), deck, card_id))

    def bury(self, deck: str, card_id: str, until: datetime | str | None) -> None:
        """Hide a card until ``until`` (a datetime, or stored ISO text); ``None`` unburies it."""
        value = iso(until) if isinstance(until, datetime) else until
        with self.transaction():
            self.conn.execute("UPDATE schedule SET buried_until=? WHERE deck=? AND card_id=?",
                              (value, deck, card_id))

    def leeches(self) -> list[tuple[str, str, int]]:
        """Leeches (see ``reviews.LEECH_LAPSES``), most lapses first (read from their own index)."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT s.deck, s.card_id, s.lapses FROM schedule s INDEXED BY idx_schedule_leeches"
            " JOIN cards c USING (deck, card_id) WHERE c.orphaned=0 AND s.leech=1 ORDER BY s.lapses DESC")]

    # --- curation ------------------------------------------------------------

    def mark_kept(self, keys: Iterable[tuple[str, str]], at: datetime) -> None:
        """Record study items ``(deck, card_id)`` as kept in the curation view."""
        with self.transaction():
            self.db["kept_cards"].upsert_all(({"deck": d, "card_id": c, "kept_at": iso(at)} for d, c in keys),
                                             pk=("deck", "card_id"))

    def kept_keys(self, decks: list[str]) -> set[tuple[str, str]]:
        return {(r[0], r[1]) for r in self.conn.execute(
            f"SELECT deck, card_id FROM kept_cards WHERE deck IN ({marks(decks)})", list(decks))}

    def unseen_keys(self, decks: list[str]) -> set[tuple[str, str]]:
        """Items never studied and not suspended, in the loaded decks (the curation candidates)."""
        return {(r.deck, r.card_id) for r in self._rows(
            f"s.deck IN ({marks(decks)}) AND s.fsrs_state=0 AND s.suspended=0", list(decks))}
