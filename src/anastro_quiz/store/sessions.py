"""Study sessions and quiz runs: when they started and ended, and every quiz answer."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from ..clock import iso


class SessionStore:
    """The ``sessions``, ``quiz_runs`` and ``quiz_answers`` tables (mixed into ``Store``)."""

    def start_session(self, decks: list[str], mode: str, started_at: datetime) -> str:
        session_id = str(uuid.uuid4())
        with self.transaction():
            self.db["sessions"].insert({"id": session_id, "decks": json.dumps(decks), "mode": mode,
                                        "started_at": iso(started_at), "ended_at": None})
        return session_id

    def end_session(self, session_id: str, ended_at: datetime) -> None:
        with self.transaction():
            self.conn.execute("UPDATE sessions SET ended_at=? WHERE id=?", (iso(ended_at), session_id))

    def discard_session(self, session_id: str) -> None:
        """Forget a session nothing was reviewed in (it was empty from the start)."""
        with self.transaction():
            self.conn.execute("DELETE FROM sessions WHERE id=? AND NOT EXISTS"
                              " (SELECT 1 FROM reviews WHERE session_id=?)", (session_id, session_id))

    def sessions(self) -> list[dict[str, Any]]:
        """Every study session, oldest first: id, decks (JSON), mode, started_at, ended_at."""
        return list(self.db.query("SELECT * FROM sessions ORDER BY started_at, id"))

    def start_quiz(self, decks: list[str], questions: int, time_limit_s: int | None, started_at: datetime) -> str:
        run_id = str(uuid.uuid4())
        with self.transaction():
            self.db["quiz_runs"].insert({"id": run_id, "decks": json.dumps(decks), "questions": questions,
                                         "time_limit_s": time_limit_s, "started_at": iso(started_at),
                                         "finished_at": None, "score": None})
        return run_id

    def record_quiz_answer(self, run_id: str, deck: str, card_id: str, qtype: str, given: str,
                           expected: str, correct: bool, answered_at: datetime, duration_ms: int | None) -> None:
        with self.transaction():
            self.db["quiz_answers"].insert({"id": str(uuid.uuid4()), "run_id": run_id, "deck": deck,
                                            "card_id": card_id, "type": qtype, "given": given,
                                            "expected": expected, "correct": int(correct),
                                            "answered_at": iso(answered_at), "duration_ms": duration_ms})

    def finish_quiz(self, run_id: str, score: int, finished_at: datetime) -> None:
        with self.transaction():
            self.conn.execute("UPDATE quiz_runs SET score=?, finished_at=? WHERE id=?",
                              (score, iso(finished_at), run_id))

    def quiz_runs(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM quiz_runs ORDER BY started_at DESC"))

    def quiz_answers(self) -> list[dict[str, Any]]:
        """Every quiz answer in the order given: run_id, deck, card_id, type, given, expected, correct, ..."""
        return list(self.db.query("SELECT * FROM quiz_answers ORDER BY answered_at, id"))
