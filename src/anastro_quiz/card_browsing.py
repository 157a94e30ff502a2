"""Browsing a collection's cards and acting on them (the Cards screen's and the CLI's view):
every card with its schedule, searched; suspending, resetting, setting due dates, marking,
burying. A part of :class:`~anastro_quiz.collection.Collection`, kept apart from the study
flow (sessions, settings, summaries) it has no part in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from .clock import iso, next_day_start, study_day
from .decks import StudyItem
from .item_index import ItemIndex
from .store import ScheduleRow, Store


class CardBrowsing:
    """What :class:`~anastro_quiz.collection.Collection` does with cards outside a session."""

    store: Store
    items: ItemIndex
    now: Callable[[], datetime]

    def leeches(self) -> list[StudyItem]:
        return [self.items[(d, c)] for d, c, _ in self.store.leeches() if (d, c) in self.items]

    def browse(self, deck_id: str | None, only: str = "all", search: str = "") -> list[tuple[StudyItem, ScheduleRow]]:
        """The cards of a deck (every loaded deck if ``deck_id`` is None) with their schedule, in
        deck order: ``only`` is ``"all"``, ``"suspended"`` or ``"leeches"`` (cards lapsed
        ``LEECH_LAPSES`` times) or ``"marked"``; ``search`` keeps the cards matching it (see
        ``card_search``, whose ``is:`` reads the flags and states, ``prop:`` the numbers);
        ``SearchError`` for a search that cannot be read."""
        from .card_search import check_query, matches

        check_query(search)
        rows = self.store.deck_rows(deck_id, only)
        # The whole deck: its cards read at once, not one by one from the deck cache.
        items = self.items.deck_items(deck_id) if deck_id is not None and only == "all" else self.items
        out = [(items[(r.deck, r.card_id)], r) for r in rows if (r.deck, r.card_id) in items]
        if not search.strip():
            return out
        now = self.now()
        today, tomorrow = study_day(now), next_day_start(now)

        def flags(r: ScheduleRow) -> frozenset[str]:
            due = r.fsrs_state != 0 and not r.suspended and r.due is not None and r.due < iso(tomorrow)
            return frozenset(f for f, on in (("marked", r.marked), ("suspended", r.suspended),
                                             ("buried", r.buried_at(now)), ("leech", r.leech),
                                             ("new", r.fsrs_state == 0), ("learn", r.fsrs_state in (1, 3)),
                                             ("review", r.fsrs_state == 2), ("due", due)) if on)

        def props(r: ScheduleRow) -> dict[str, float | None]:
            days = (study_day(datetime.fromisoformat(r.due)) - today).days if r.fsrs_state and r.due else None
            return {"lapses": r.lapses, "reps": r.reps, "due": days}

        return [pair for pair in out if matches(pair[0], search, flags(pair[1]), props(pair[1]))]

    def act_on(self, keys: list[tuple[str, str]], action: str, days: int = 0) -> int:
        """Do ``action`` to the cards ``keys`` (a search's selection in Cards): ``suspend``,
        ``unsuspend``, ``reset`` (new again; the review log keeps what happened) or ``due``
        (Anki's Set Due Date: each studied card due at the start of the study day ``days``
        from today, its memory state kept; new cards stay new); how many cards it changed."""
        if action in ("suspend", "unsuspend"):
            return self.store.set_suspended_many(keys, action == "suspend")
        if action == "reset":
            return self.store.reset_schedules(keys)
        if action == "due":
            from .clock import day_start
            from .scheduler import dump_state, load_state

            if not 0 <= int(days) <= 36500:
                raise ValueError("the due date must be 0 (today) to 36500 days from today")
            due = max(day_start(study_day(self.now()) + timedelta(days=int(days))), self.now()) if days else self.now()
            wanted, rows = set(keys), []
            for row in self.store.schedule_rows():
                if (row.deck, row.card_id) in wanted and row.state:
                    state = load_state(row.state)
                    state.due = due
                    rows.append((row.deck, row.card_id, dump_state(state), row.fsrs_state, due))
            return self.store.rewrite_schedules(rows)
        raise ValueError(f"unknown action {action!r}")

    def set_marked(self, item: StudyItem, marked: bool) -> None:
        """Mark a card (Anki's ``*``) or unmark it."""
        self.store.set_marked(item.deck_id, item.id, marked)

    def set_suspended(self, item: StudyItem, suspended: bool) -> None:
        self.store.set_suspended(item.deck_id, item.id, suspended)

    def set_buried(self, item: StudyItem, buried: bool) -> None:
        """Bury a card until the next study day starts, or unbury it (it can be studied now)."""
        self.store.bury(item.deck_id, item.id, next_day_start(self.now()) if buried else None)
