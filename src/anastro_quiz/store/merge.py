"""Merging another copy's database into this one (``anastro-quiz progress merge``).

:meth:`MergeStore.merge` copies the other database's reviews into this one by review UUID
(a review undone on either side stays undone), then rebuilds the state of every card whose
history changed by replaying its non-undone ``review``-mode reviews in time order (ties
broken by UUID) through this database's scheduler settings (:meth:`ReviewStore.replay_card`).
A review whose recorded "before" state still matches the replay keeps its recorded outcome
(so a card reviewed on one machine only ends up exactly as it was there); otherwise the
outcome is recomputed, with interval fuzz drawn from a generator seeded by the review
UUID, so the result does not depend on which side was merged into which. Merging is
therefore idempotent (merging twice changes nothing) and order-independent (A+B has the
same reviews and card states as B+A), and it never deletes a review. Differences in
settings are reported, never resolved by guessing. Everything is written in one
transaction, after the other database has been checked (:mod:`merge_source`); a bad input writes
nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..clock import iso, study_day
from ..numbers import noun, plural
from .cards import NEW, marks
from .db import StoreError
from .reviews import LoggedReview
from .bulk import BULK_CACHE_KIB, BULK_ROWS, day_counts_in_bulk, indexes_set_aside, page_cache, written_once
from .merge_ahead import TheirCheck
from .merge_source import ATTACHED, REVIEW_COLUMNS, open_other, their_reviews
from .replay import STATE_COLUMNS
from .states import NO_STATE

_IDENTITY = ("deck", "card_id", "rating", "reviewed_at")
# What reading a damaged copy raises (its check: merge_source.check_their_reviews).
_DAMAGE = (sqlite3.DatabaseError, ValueError, TypeError)
_INSERT_REVIEWS = "INSERT INTO reviews ({cols}) VALUES ({marks})"
# An imported review as built from the other tool's log, then the states its replay gives.
_IMPORT_COLS = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id", "undone")
_STATE_COLS = STATE_COLUMNS


@dataclass
class SettingConflict:
    scope: str
    key: str
    ours: Any
    theirs: Any

    def __str__(self) -> str:
        if self.ours is None:
            return f"{self.scope}/{self.key}: only set in the other database ({json.dumps(self.theirs)}); not copied"
        if self.theirs is None:
            return f"{self.scope}/{self.key}: only set here ({json.dumps(self.ours)}); kept"
        return (f"{self.scope}/{self.key}: differs; kept this database's {json.dumps(self.ours)}, "
                f"the other has {json.dumps(self.theirs)}")


@dataclass
class HistoryReport:
    """What :meth:`MergeStore.import_history` did."""

    added: int = 0
    already_present: int = 0
    cards_added: int = 0
    cards_rebuilt: int = 0
    kept: int = 0  # cards given the schedule the other tool had (no review log)
    suspended: int = 0
    buried: int = 0
    marked: int = 0


@dataclass
class MergeReport:
    other: Path
    added: int = 0  # reviews new here (counted as stats counts them: undone answers left out)
    added_undone: int = 0  # answers new here that were undone there: copied so the log stays whole
    undone: int = 0
    already_present: int = 0  # reviews (undone ones left out, as in stats) both databases hold
    mismatched: list[str] = field(default_factory=list)
    cards_added: int = 0
    cards_rebuilt: int = 0
    conflicts: list[SettingConflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.added_undone or self.undone or self.cards_added)

    def summary(self) -> str:
        """What the merge added and rebuilt, in one line (``progress merge`` prints it, the app says it)."""
        return (f"merged {self.other}: {plural(self.added, 'new review')}"
                + (f" (and {plural(self.added_undone, 'answer')} undone there, kept in the log)"
                   if self.added_undone else "")
                + f", {self.undone} newly undone, {self.already_present} already here; "
                f"{plural(self.cards_rebuilt, 'card')} rebuilt"
                + (f", {plural(self.cards_added, 'card')} new here" if self.cards_added else ""))

    def warnings(self) -> list[str]:
        """What differs between the two databases and was left as it is here."""
        out = []
        if self.mismatched:
            out.append(f"warning: {plural(len(self.mismatched), 'review id')} "
                       f"{noun(len(self.mismatched), 'differs', 'differ')} in content between the two databases "
                       f"and were left as they are here: {', '.join(self.mismatched[:5])}")
        if self.conflicts:
            out.append("settings differ (not merged; change them with the settings screen if needed):")
            out += [f"  {conflict}" for conflict in self.conflicts]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"other": str(self.other), "added": self.added, "added_undone": self.added_undone,
                "undone": self.undone,
                "already_present": self.already_present, "mismatched": list(self.mismatched),
                "cards_added": self.cards_added, "cards_rebuilt": self.cards_rebuilt,
                "settings_conflicts": [c.__dict__ for c in self.conflicts]}


def compare_settings(ours: dict, theirs: dict) -> list[SettingConflict]:
    out = []
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key), theirs.get(key)
        if a != b:
            out.append(SettingConflict(key[0], key[1], a, b))
    return out


def _damaged(path: Path, exc: BaseException) -> StoreError:
    return StoreError(f"cannot read {path}: it is damaged ({exc}); nothing was merged")


class MergeStore:
    """Merging another database into this one (mixed into ``Store``)."""

    def merge(self, other_path: str | Path, progress=None) -> MergeReport:
        """Merge ``other_path``'s review log into this database and rebuild affected cards (module doc).

        ``progress(done, total, "")``, if given, is called as the affected cards are rebuilt."""
        other_path = Path(other_path)
        try:
            same = other_path.exists() and Path(self.path).exists() and other_path.samefile(self.path)
        except OSError:
            same = False
        if same:
            raise StoreError(f"{other_path} is this database; nothing to merge")
        other = open_other(other_path)
        try:
            their_cards = {(r[0], r[1]): r for r in other.execute(
                "SELECT deck, card_id, content_hash, position, orphaned, added_at, changed_at FROM cards")}
            their_settings = {(s, k): json.loads(v)
                              for s, k, v in other.execute("SELECT scope, key, value FROM settings")}
            their_count = other.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        except _DAMAGE as exc:
            other.close()
            raise _damaged(other_path, exc) from None
        # Their log is checked in a thread while the rows are copied; nothing is committed
        # before it has said the log is sound.
        check = TheirCheck(other_path)
        try:
            with written_once(self.conn, when=their_count >= BULK_ROWS), \
                    their_reviews(self.conn, other_path, other) as source:
                report = self._merge_reviews(source, their_cards, other_path, progress, check)
        except Exception:
            damage = check.damage()
            if isinstance(damage, _DAMAGE):
                raise _damaged(other_path, damage) from None
            raise
        finally:
            check.damage()  # the thread is done
            other.close()
        report.conflicts = compare_settings(self.all_settings(), their_settings)
        return report

    def _merge_reviews(self, source: str, their_cards: dict, other_path: Path, progress,
                       check: TheirCheck) -> MergeReport:
        """Copy the reviews of table ``source`` (the other database's, attached or staged) that
        are not here, propagate undos, and rebuild the cards they touch: one transaction.
        ``check``: their log's check, running meanwhile."""
        conn = self.conn
        report = MergeReport(other=other_path)
        affected: set[tuple[str, str]] = set()
        with self.transaction():
            undone = []
            here = conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
            their_count = conn.execute(f"SELECT COUNT(*) FROM {source}").fetchone()[0]
            # The reviews both hold, found from the smaller log: from this one when the other is
            # attached (its ids are its primary key) and longer (a whole log into a new copy: none
            # to look up, where reading the other's million rows took 0.6 s).
            both = (f"main.reviews m CROSS JOIN {source} t ON t.id=m.id" if source == ATTACHED and here < their_count
                    else f"{source} t JOIN main.reviews m ON m.id=t.id")
            for row in conn.execute(
                    f"SELECT t.id, t.deck, t.card_id, t.rating, t.reviewed_at, t.undone, m.deck, m.card_id, m.rating,"
                    f" m.reviewed_at, m.undone FROM {both} ORDER BY t.rowid"):
                theirs, mine = row[1:6], row[6:]
                # Counted as stats counts reviews: one undone on either side is no longer a review.
                report.already_present += not (theirs[4] or mine[4])
                if tuple(mine[:4]) != tuple(theirs[:4]):
                    report.mismatched.append(row[0])
                    continue
                if theirs[4] and not mine[4]:
                    undone.append((row[0],))
                    affected.add((theirs[0], theirs[1]))
            conn.executemany("UPDATE reviews SET undone=1 WHERE id=?", undone)
            report.undone = len(undone)
            last = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM reviews").fetchone()[0]
            large = their_count > max(here, BULK_ROWS)
            cols = ", ".join(REVIEW_COLUMNS)
            with day_counts_in_bulk(conn), indexes_set_aside(conn, "reviews", large):
                # one statement, in this one transaction, in the other database's order
                # (into an empty log, none is here: their ids are their primary key)
                new = " WHERE NOT EXISTS (SELECT 1 FROM main.reviews m WHERE m.id=t.id)" if here else ""
                conn.execute(f"INSERT INTO main.reviews ({cols}) SELECT {cols} FROM {source} t{new} ORDER BY t.rowid")
            added, report.added_undone = conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(undone<>0), 0) FROM reviews WHERE rowid>?", (last,)).fetchone()
            report.added = added - report.added_undone
            check.result()  # before any row is read back into Python (and the commit)
            # (two reads of the new rows: one GROUP BY deck, card_id for both sorted them all, 1.7x slower)
            affected.update(conn.execute("SELECT DISTINCT deck, card_id FROM reviews WHERE rowid>?", (last,)))
            report.cards_added = self._ensure_card_rows(affected, their_cards)
            # A merge that brought most of the log finds the cards it keeps as logged in one pass.
            self._replay_cards(affected, progress, as_logged=2 * added >= here + added)
            report.cards_rebuilt = len(affected)
        return report

    def _ensure_card_rows(self, keys: set[tuple[str, str]], their_cards: dict | None = None) -> int:
        """Give every card in ``keys`` a ``cards`` and a ``schedule`` row (inside the caller's transaction).

        A card this database has not seen is added as orphaned (its deck file not loaded
        here yet) unless ``their_cards`` (the other database's rows) says otherwise; loading
        its deck un-orphans it. Returns how many cards were added.
        """
        conn = self.conn
        known = {(r[0], r[1]) for r in conn.execute("SELECT deck, card_id FROM cards")}
        their_cards = their_cards or {}
        now = iso(datetime.now(timezone.utc))
        fresh = [(*key, *(their_cards[key][2:] if key in their_cards else ("", 0, 1, now, None)))
                 for key in sorted(keys - known)]
        conn.executemany("INSERT INTO cards (deck, card_id, content_hash, position, orphaned, added_at,"
                         " changed_at) VALUES (?,?,?,?,?,?,?)", fresh)
        added = len(fresh)
        # Cards added here are not what the deck files were synced as: the next launch syncs them.
        conn.executemany("DELETE FROM deck_digests WHERE deck=?", [(d,) for d in sorted({k[0] for k in keys - known})])
        conn.executemany("INSERT OR IGNORE INTO schedule (deck, card_id, fsrs_state) VALUES (?,?,?)",
                         [(*key, NEW) for key in sorted(keys)])
        return added

    def import_history(self, reviews: list[LoggedReview], *, suspended: set[tuple[str, str]] = frozenset(),
                       buried: set[tuple[str, str]] = frozenset(), marked: set[tuple[str, str]] = frozenset(),
                       buried_until: datetime | None = None,
                       kept: dict[tuple[str, str], tuple[str, int, str, int]] | None = None,
                       progress=None) -> HistoryReport:
        """Add reviews from another tool's log (Anki's) and rebuild the cards they touch, in one transaction.

        A review is already present if its id is, or if the same card has a review with the
        same rating within a second of it (one that went out to Anki and came back). Cards
        in ``suspended`` are suspended, those in ``marked`` marked, and those in ``buried``
        buried until ``buried_until``; nothing is ever unsuspended or unmarked. ``kept``: the schedule ``(state JSON, FSRS state, due,
        lapses)`` of cards the other tool scheduled without a review log, written only for a
        card that is new here and has no review (never over progress made here).
        Importing the same reviews twice changes nothing. ``progress(done, total, "")``, if
        given, is called as the cards are rebuilt.
        """
        report = HistoryReport()
        conn = self.conn
        affected: set[tuple[str, str]] = set()
        with written_once(conn, when=len(reviews) >= BULK_ROWS), self.transaction():
            ids = {r[0] for r in conn.execute("SELECT id FROM reviews")}
            times: dict[tuple[str, str, int], list[float]] = {}
            for deck, card_id, rating, at in conn.execute(
                    "SELECT deck, card_id, rating, reviewed_at FROM reviews WHERE undone=0"):
                times.setdefault((deck, card_id, rating), []).append(datetime.fromisoformat(at).timestamp())
            rows = []
            for r in reviews:
                moment = r.time.timestamp()
                if r.review_id in ids or any(abs(t - moment) < 1.0 for t in times.get((r.deck, r.card_id, r.rating), ())):
                    report.already_present += 1
                    continue
                ids.add(r.review_id)
                rows.append((r.review_id, r.deck, r.card_id, int(r.rating), iso(r.time), study_day(r.time).isoformat(),
                             r.duration_ms, r.mode, None, 0))
                affected.add(r.card_key)
            kept = kept or {}
            report.cards_added = self._ensure_card_rows(affected | set(suspended) | set(buried) | set(marked)
                                                        | set(kept))
            # The new reviews are replayed with the ones already here before they are written,
            # so each is inserted with its states (rewriting a million rows afterwards, with
            # their indexes and per-day counts, took longer than inserting them).
            pending: dict[tuple[str, str], list[tuple]] = {}
            for rid, deck, card_id, rating, at, _day, _ms, mode, _session, _undone in rows:
                if mode == "review":
                    pending.setdefault((deck, card_id), []).append((rid, rating, at, None, None, None, 0, *NO_STATE,
                                                                     *NO_STATE))
            replay = set(pending) | self.cards_with_reviews(affected - set(pending))
            states = self._replay_cards(replay, progress, pending=pending)
            if rows:
                cols = _IMPORT_COLS + _STATE_COLS
                blank = (None,) * len(_STATE_COLS)
                large = len(rows) > max(len(ids) - len(rows), BULK_ROWS)  # ids: the log's, and these
                with day_counts_in_bulk(conn), indexes_set_aside(conn, "reviews", large), \
                        page_cache(conn, BULK_CACHE_KIB, large):
                    conn.executemany(_INSERT_REVIEWS.format(cols=", ".join(cols), marks=marks(cols)),
                                     ((*row, *states.get(row[0], blank)) for row in rows))
                report.added = len(rows)
            report.cards_rebuilt = len(replay)
            for key, (state, fsrs_state, due, _lapses) in sorted(kept.items()):
                if key in replay:
                    continue
                report.kept += conn.execute(
                    "UPDATE schedule SET state=?, fsrs_state=?, due=? WHERE deck=? AND card_id=?"
                    " AND state IS NULL AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.deck=schedule.deck"
                    " AND r.card_id=schedule.card_id AND r.mode='review' AND r.undone=0)",
                    (state, fsrs_state, due, *key)).rowcount
            for key in sorted(suspended):
                report.suspended += conn.execute("UPDATE schedule SET suspended=1 WHERE deck=? AND card_id=?"
                                                 " AND suspended=0", key).rowcount
            for key in sorted(marked):
                report.marked += conn.execute("UPDATE schedule SET marked=1 WHERE deck=? AND card_id=?"
                                              " AND marked=0", key).rowcount
            if buried_until is not None:
                for key in sorted(buried):
                    report.buried += conn.execute(
                        "UPDATE schedule SET buried_until=? WHERE deck=? AND card_id=?"
                        " AND (buried_until IS NULL OR buried_until<?)",
                        (iso(buried_until), *key, iso(buried_until))).rowcount
        return report

    def _deck_scheduler(self, deck: str):
        """The scheduler deck ``deck`` studies with, from this database's settings."""
        from ..scheduler import Scheduler, SchedulerSettings

        return Scheduler.from_settings(SchedulerSettings.from_dict(self.deck_setting("scheduler", deck)))
