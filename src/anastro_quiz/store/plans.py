"""Schedules rewritten in bulk: the exam plan (a global setting, applied with its moved due
dates in one transaction) and rescheduling on change (new states and due dates)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Iterable

from ..clock import iso
from .settings import GLOBAL


class PlanStore:
    """Saving and clearing the exam plan (mixed into ``Store``)."""

    def apply_plan(self, key: str, plan: dict[str, Any], moves: Iterable[tuple[str, str, datetime]]) -> int:
        """Save ``plan`` under setting ``key`` and move each ``(deck, card_id, due)`` card's next
        review to ``due`` (the schedule and the stored FSRS state alike), all or nothing.
        Returns the number of cards moved."""
        rows = [(iso(due), iso(due), deck, card_id) for deck, card_id, due in moves]
        with self.transaction():
            self.conn.executemany("UPDATE schedule SET due=?, state=json_set(state, '$.due', ?)"
                                  " WHERE deck=? AND card_id=? AND state IS NOT NULL", rows)
            self.db["settings"].upsert({"scope": GLOBAL, "key": key, "value": json.dumps(plan)}, pk=("scope", "key"))
        return len(rows)

    def clear_plan(self, key: str) -> bool:
        """Remove the plan stored under ``key`` (due dates stay as they are); whether there was one."""
        with self.transaction():
            return self.conn.execute("DELETE FROM settings WHERE scope=? AND key=?", (GLOBAL, key)).rowcount > 0

    def rewrite_schedules(self, rows: Iterable[tuple[str, str, str, int, datetime]]) -> int:
        """Give each ``(deck, card_id, state, fsrs_state, due)`` card that state and due date
        (rescheduling on change), all or nothing; the review log is left as it is."""
        rows = [(state, fsrs_state, iso(due), deck, card_id) for deck, card_id, state, fsrs_state, due in rows]
        with self.transaction():
            self.conn.executemany("UPDATE schedule SET state=?, fsrs_state=?, due=? WHERE deck=? AND card_id=?", rows)
        return len(rows)
