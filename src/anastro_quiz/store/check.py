"""``anastro-quiz check``: is the database sound, and does every schedule agree with its log?

As Anki's "Check database": SQLite's ``integrity_check`` first (a file that fails it is
reported, never written: restore a backup); then our own rules. Every card's schedule
must be the replay of its review log (the log is the record; the schedule is derived
from it), so a card whose schedule disagrees is rebuilt by replaying its reviews, as a
merge does. A review that cannot be replayed (a rating outside 1-4, a time or state that
does not parse) is reported and left alone, with its card. Sessions left without an end
time by an app that was killed are closed at their last review. With ``repair=False``
everything is reported and nothing is written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .states import AFTER, BEFORE, decode

_SCHEDULE = "SELECT state, fsrs_state, due, reps, lapses, leech FROM schedule WHERE deck=? AND card_id=?"


class _DryRun(Exception):
    """Raised to roll the checking transaction back when nothing may be written."""


@dataclass
class CheckReport:
    integrity: list[str]
    reviews: int = 0
    damaged_reviews: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # deck/card whose schedule disagreed with the log
    without_log: list[str] = field(default_factory=list)  # studied per the schedule, no review in the log
    open_sessions: int = 0
    repaired: bool = False

    @property
    def sound(self) -> bool:
        return self.integrity == ["ok"]

    @property
    def clean(self) -> bool:
        """Nothing wrong, or everything wrong was repaired."""
        return self.sound and not self.damaged_reviews and not self.without_log and (
            self.repaired or not (self.rebuilt or self.open_sessions))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, sound=self.sound, clean=self.clean)


class CheckStore:
    """Checking and repairing the database (mixed into ``Store``)."""

    def check(self, *, repair: bool = True) -> CheckReport:
        """Check the file and our consistency rules (module doc); repair what is safe if ``repair``."""
        try:
            report = CheckReport(integrity=[r[0] for r in self.conn.execute("PRAGMA integrity_check(20)")])
        except sqlite3.DatabaseError as exc:  # too damaged for the check itself to finish
            report = CheckReport(integrity=[str(exc)])
        if not report.sound:
            return report
        damaged_keys = self._damaged_reviews(report)
        try:
            with self.transaction():
                self._rebuild_disagreeing(report, damaged_keys)
                report.open_sessions = self.conn.execute(
                    "UPDATE sessions SET ended_at=COALESCE((SELECT MAX(r.reviewed_at) FROM reviews r"
                    " WHERE r.session_id=sessions.id), started_at) WHERE ended_at IS NULL").rowcount
                if not repair:
                    raise _DryRun
                report.repaired = True
        except _DryRun:
            pass
        return report

    def _damaged_reviews(self, report: CheckReport) -> set[tuple[str, str]]:
        keys = set()
        for rid, deck, card_id, rating, at, undone, *states in self.conn.execute(
                f"SELECT id, deck, card_id, rating, reviewed_at, undone, {', '.join(BEFORE + AFTER)} FROM reviews"):
            report.reviews += 1
            problem = _review_problem(rating, at, states[:7], states[7:], undone)
            if problem:
                report.damaged_reviews.append(f"review {rid} of {deck}/{card_id}: {problem}")
                keys.add((deck, card_id))
        return keys

    def _rebuild_disagreeing(self, report: CheckReport, damaged: set[tuple[str, str]]) -> None:
        logged = {tuple(r) for r in self.conn.execute(
            "SELECT DISTINCT deck, card_id FROM reviews WHERE mode='review' AND undone=0")}
        studied = {tuple(r) for r in self.conn.execute("SELECT deck, card_id FROM schedule WHERE reps>0")}
        report.without_log = [f"{d}/{c}" for d, c in sorted(studied - logged)]
        keys = sorted(logged - damaged)
        before = {key: self.conn.execute(_SCHEDULE, key).fetchone() for key in keys}
        self._replay_cards(set(keys))
        report.rebuilt = [f"{d}/{c}" for d, c in keys if self.conn.execute(_SCHEDULE, (d, c)).fetchone() != before[(d, c)]]


def _review_problem(rating: Any, at: Any, before: Any, after: Any, undone: Any) -> str | None:
    if rating not in (1, 2, 3, 4):
        return f"rating {rating!r} (1 to 4 expected)"
    try:
        datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return f"time {at!r} is not a time"
    for name, columns in (("state before", before), ("state after", after)):
        try:
            value = decode(columns)
        except (TypeError, ValueError, OverflowError):
            return f"{name} cannot be read"
        if value is not None:
            try:
                json.loads(value)
            except (TypeError, ValueError):
                return f"{name} is not JSON"
    if undone not in (0, 1):
        return f"undone={undone!r}"
    return None
