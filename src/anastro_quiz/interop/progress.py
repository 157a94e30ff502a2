"""Progress that moves between machines: review-log CSV export/reading, and merging databases.

**Review-log CSV.** The columns ``card_id,review_rating,review_time,review_duration`` are
the py-fsrs format (rating 1 Again .. 4 Easy, ISO 8601 UTC time, duration in ms); this
tool adds ``deck``, ``review_id`` (the review's UUID) and ``mode``. :func:`read_review_log`
checks a CSV strictly: missing columns, unknown ratings, times out of order or not in
UTC are errors naming the line.

**Merge.** :func:`merge_databases` copies the other database's reviews into this one by
review UUID (a review undone on either side stays undone), then rebuilds the state of
every card whose history changed by replaying its non-undone ``review``-mode reviews in
time order (ties broken by UUID) through this database's scheduler settings. A review
whose recorded "before" state still matches the replay keeps its recorded outcome (so
a card reviewed on one machine only ends up exactly as it was there); otherwise the
outcome is recomputed, with interval fuzz drawn from a generator seeded by the review
UUID, so the result does not depend on which side was merged into which. Merging is
therefore idempotent (merging twice changes nothing) and order-independent (A+B has
the same reviews and card states as B+A), and it never deletes a review. Differences in
settings are reported, never resolved by guessing. Everything is written in one
transaction, after the other database has been checked; a bad input writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..clock import iso
from ..schema import schema_problem
from ..store import LEECH_LAPSES, NEW, REVIEW, Store, is_sqlite_file
from . import InteropError, write_text_output

LOG_COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")
EXTRA_COLUMNS = ("deck", "review_id", "mode")
RATINGS = {1, 2, 3, 4}

# --- review-log CSV ------------------------------------------------------------


@dataclass(frozen=True)
class LoggedReview:
    card_id: str
    rating: int
    time: datetime
    duration_ms: int | None
    deck: str = ""
    review_id: str = ""
    mode: str = "review"

    @property
    def card_key(self) -> tuple[str, str]:
        return (self.deck, self.card_id)


def review_rows(store: Store, decks: Iterable[str] | None = None) -> Iterator[LoggedReview]:
    """Non-undone reviews in time order."""
    sql = ("SELECT id, deck, card_id, rating, reviewed_at, duration_ms, mode FROM reviews WHERE undone=0")
    params: list[Any] = []
    if decks is not None:
        decks = list(decks)
        sql += f" AND deck IN ({','.join('?' * len(decks))})"
        params = decks
    for rid, deck, card_id, rating, at, duration, mode in store.conn.execute(sql + " ORDER BY reviewed_at, id",
                                                                            params):
        yield LoggedReview(card_id, rating, datetime.fromisoformat(at), duration, deck, rid, mode or "review")


def write_review_log(reviews: Iterable[LoggedReview], out) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOG_COLUMNS + EXTRA_COLUMNS)
    count = 0
    for r in reviews:
        writer.writerow([r.card_id, r.rating, iso(r.time), "" if r.duration_ms is None else r.duration_ms,
                         r.deck, r.review_id, r.mode])
        count += 1
    return count


def export_review_log(store: Store, path: str | Path | None, decks: Iterable[str] | None = None
                      ) -> tuple[int, str | None]:
    """Write the review log CSV to ``path`` (atomically), or return it as text if ``path`` is ``None``.

    A deck id in ``decks`` that this database has never seen (no cards, no reviews) is an error.
    """
    if decks is not None:
        decks = list(decks)
        known = {row[0] for row in store.conn.execute("SELECT deck FROM cards UNION SELECT deck FROM reviews")}
        unknown = sorted(set(decks) - known)
        if unknown:
            raise InteropError(f"unknown deck id(s): {', '.join(unknown)} (decks in this database: "
                               f"{', '.join(sorted(known)) or 'none'})")
    buffer = io.StringIO()
    count = write_review_log(review_rows(store, decks), buffer)
    if path is None:
        return count, buffer.getvalue()
    write_text_output(Path(path), buffer.getvalue(), what="review log")
    return count, None


def parse_utc(text: str) -> datetime | None:
    """An ISO 8601 time with a UTC offset (``Z`` or ``+00:00``), else ``None``."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() != timezone.utc.utcoffset(None):
        return None
    return moment.astimezone(timezone.utc)


def read_review_log(path: str | Path) -> list[LoggedReview]:
    """Read and check a review-log CSV; raise :class:`InteropError` naming the first bad line."""
    path = Path(path)
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give a review-log CSV file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InteropError(f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise InteropError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_review_log(text, str(path))


def parse_review_log(text: str, name: str = "<csv>") -> list[LoggedReview]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in LOG_COLUMNS if c not in header]
    if missing:
        raise InteropError(
            f"{name}: missing column(s) {', '.join(missing)}; a review log needs the columns "
            f"{','.join(LOG_COLUMNS)} (the py-fsrs format)"
        )
    reader.fieldnames = header
    out: list[LoggedReview] = []
    previous: datetime | None = None
    for row in reader:
        line = reader.line_num
        card_id = (row.get("card_id") or "").strip()
        if not card_id:
            raise InteropError(f"{name}:{line}: empty card_id")
        raw_rating = (row.get("review_rating") or "").strip()
        try:
            rating = int(raw_rating)
        except ValueError:
            rating = 0
        if rating not in RATINGS:
            raise InteropError(f"{name}:{line}: unknown rating {raw_rating!r} (expected 1 Again, 2 Hard, "
                               "3 Good or 4 Easy)")
        raw_time = row.get("review_time") or ""
        moment = parse_utc(raw_time)
        if moment is None:
            raise InteropError(f"{name}:{line}: review_time {raw_time!r} is not an ISO 8601 time in UTC "
                               "(like 2024-03-29T20:32:32.250000+00:00)")
        if previous is not None and moment < previous:
            raise InteropError(f"{name}:{line}: review_time {raw_time} is earlier than the line before; "
                               "a review log must be in time order")
        previous = moment
        raw_duration = (row.get("review_duration") or "").strip()
        try:
            duration = int(float(raw_duration)) if raw_duration else None
        except ValueError:
            raise InteropError(f"{name}:{line}: review_duration {raw_duration!r} is not a number of ms") from None
        if duration is not None and duration < 0:
            raise InteropError(f"{name}:{line}: negative review_duration")
        out.append(LoggedReview(card_id, rating, moment, duration, (row.get("deck") or "").strip(),
                                (row.get("review_id") or "").strip(), (row.get("mode") or "review").strip()))
    return out


# --- merge ---------------------------------------------------------------------


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
class MergeReport:
    other: Path
    added: int = 0
    undone: int = 0
    already_present: int = 0
    mismatched: list[str] = field(default_factory=list)
    cards_added: int = 0
    cards_rebuilt: int = 0
    conflicts: list[SettingConflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.undone or self.cards_added)

    def to_dict(self) -> dict[str, Any]:
        return {"other": str(self.other), "added": self.added, "undone": self.undone,
                "already_present": self.already_present, "mismatched": list(self.mismatched),
                "cards_added": self.cards_added, "cards_rebuilt": self.cards_rebuilt,
                "settings_conflicts": [c.__dict__ for c in self.conflicts]}


_REVIEW_COLS = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id",
                "fsrs_state_before", "state_before", "fsrs_state_after", "state_after", "due_after", "undone")
_IDENTITY = ("deck", "card_id", "rating", "reviewed_at")


def open_other(path: str | Path) -> sqlite3.Connection:
    """Open another copy's database read-only after checking it is a usable anastro-quiz one."""
    path = Path(path)
    if not path.exists():
        raise InteropError(f"{path} does not exist")
    if path.is_dir():
        raise InteropError(f"{path} is a folder, not a database file")
    try:
        sqlite = is_sqlite_file(path)
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not sqlite:
        raise InteropError(f"{path} is not an anastro-quiz database (not SQLite); nothing was merged")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise InteropError(f"{path} is not a usable SQLite database ({exc}); nothing was merged") from None
    problem = schema_problem(path, version, tables, must_exist=True)
    if problem:
        conn.close()
        raise InteropError(f"{problem}; nothing was merged")
    columns = {r[1] for r in conn.execute("PRAGMA table_info(reviews)")}
    if not set(_REVIEW_COLS) <= columns:
        conn.close()
        raise InteropError(f"{path} has an unexpected review table; nothing was merged")
    return conn


def _settings(conn: sqlite3.Connection) -> dict[tuple[str, str], Any]:
    return {(s, k): json.loads(v) for s, k, v in conn.execute("SELECT scope, key, value FROM settings")}


def compare_settings(ours: dict, theirs: dict) -> list[SettingConflict]:
    out = []
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key), theirs.get(key)
        if a != b:
            out.append(SettingConflict(key[0], key[1], a, b))
    return out


def merge_databases(store: Store, other_path: str | Path) -> MergeReport:
    """Merge ``other_path``'s review log into ``store`` and rebuild affected cards (see module doc)."""
    other_path = Path(other_path)
    try:
        same = other_path.exists() and Path(store.path).exists() and other_path.samefile(store.path)
    except OSError:
        same = False
    if same:
        raise InteropError(f"{other_path} is this database; nothing to merge")
    other = open_other(other_path)
    report = MergeReport(other=other_path)
    try:
        their_reviews = list(other.execute(f"SELECT {', '.join(_REVIEW_COLS)} FROM reviews"))
        their_cards = {(r[0], r[1]): r for r in other.execute(
            "SELECT deck, card_id, content_hash, position, orphaned, added_at, changed_at FROM cards")}
        their_settings = _settings(other)
    except sqlite3.DatabaseError as exc:
        raise InteropError(f"cannot read {other_path}: {exc}; nothing was merged") from None
    finally:
        other.close()

    conn = store.conn
    affected: set[tuple[str, str]] = set()
    with store.transaction():
        ours = {r[0]: r for r in conn.execute(
            f"SELECT id, {', '.join(_IDENTITY)}, undone FROM reviews")}
        new_rows = []
        for row in their_reviews:
            record = dict(zip(_REVIEW_COLS, row))
            mine = ours.get(record["id"])
            if mine is None:
                new_rows.append(record)
                affected.add((record["deck"], record["card_id"]))
                continue
            report.already_present += 1
            if tuple(mine[1:5]) != tuple(record[k] for k in _IDENTITY):
                report.mismatched.append(record["id"])
                continue
            if record["undone"] and not mine[5]:
                conn.execute("UPDATE reviews SET undone=1 WHERE id=?", (record["id"],))
                report.undone += 1
                affected.add((record["deck"], record["card_id"]))
        if new_rows:
            store.db["reviews"].insert_all(new_rows, batch_size=1000)
            report.added = len(new_rows)
        known = {(r[0], r[1]) for r in conn.execute("SELECT deck, card_id FROM cards")}
        for key in sorted(affected - known):
            card = their_cards.get(key)
            content_hash, position, orphaned, added_at, changed_at = (card[2:] if card else
                                                                      ("", 0, 1, iso(datetime.now(timezone.utc)), None))
            conn.execute("INSERT INTO cards (deck, card_id, content_hash, position, orphaned, added_at, changed_at)"
                         " VALUES (?,?,?,?,?,?,?)", (*key, content_hash, position, orphaned, added_at, changed_at))
            report.cards_added += 1
        for key in sorted(affected):
            if conn.execute("SELECT 1 FROM schedule WHERE deck=? AND card_id=?", key).fetchone() is None:
                conn.execute("INSERT INTO schedule (deck, card_id, fsrs_state) VALUES (?,?,?)", (*key, NEW))
        schedulers = _SchedulerCache(store)
        for key in sorted(affected):
            rebuild_card(store, key, schedulers.get(key[0]))
        report.cards_rebuilt = len(affected)
    report.conflicts = compare_settings(_settings(conn), their_settings)
    return report


class _SchedulerCache:
    """Schedulers per deck from this database's settings (global, overridden per deck)."""

    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[str, Any] = {}

    def get(self, deck: str):
        if deck not in self.cache:
            from ..scheduler import Scheduler, SchedulerSettings

            data = dict(self.store.get_setting("scheduler", default={}) or {})
            data.update(self.store.get_setting("scheduler", scope=f"deck:{deck}", default={}) or {})
            self.cache[deck] = Scheduler.from_settings(SchedulerSettings.from_dict(data))
        return self.cache[deck]


def rebuild_card(store: Store, key: tuple[str, str], scheduler) -> None:
    """Replay a card's non-undone review-mode reviews in order; rewrite their states and the schedule."""
    from ..scheduler import dump_state, load_state

    conn = store.conn
    rows = conn.execute(
        "SELECT id, rating, reviewed_at, state_before, state_after, fsrs_state_after, due_after FROM reviews"
        " WHERE deck=? AND card_id=? AND undone=0 AND mode='review' ORDER BY reviewed_at, id", key).fetchall()
    running: str | None = None
    running_fsrs = NEW
    due: str | None = None
    lapses = 0
    updates = []
    for rid, rating, at, stored_before, stored_after, stored_fsrs_after, stored_due in rows:
        before_fsrs = running_fsrs
        if stored_before == running and stored_after is not None and stored_due is not None:
            after, after_fsrs, due = stored_after, stored_fsrs_after, stored_due
        else:
            now = datetime.fromisoformat(at)
            state = load_state(running) if running else scheduler.new_state(now)
            new_state, new_due = scheduler.review(state, rating, now, fuzz_seed=rid)
            after, after_fsrs, due = dump_state(new_state), int(new_state.state), iso(new_due)
        lapses += int(rating == 1 and before_fsrs == REVIEW)
        updates.append((running, before_fsrs, after, after_fsrs, due, rid))
        running, running_fsrs = after, after_fsrs
    conn.executemany("UPDATE reviews SET state_before=?, fsrs_state_before=?, state_after=?, fsrs_state_after=?,"
                     " due_after=? WHERE id=?", updates)
    conn.execute("UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=?, lapses=?, leech=? WHERE deck=? AND card_id=?",
                 (running, running_fsrs, due, len(rows), lapses, int(lapses >= LEECH_LAPSES), *key))
