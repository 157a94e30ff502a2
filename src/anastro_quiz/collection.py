"""The study core's front door: decks + store + settings, as the CLI and the TUI see them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .card_browsing import CardBrowsing
from .clock import study_day, utcnow
from .deck_model import rows_digest
from .decks import Deck, StudyItem, gc_paused, load_decks
from .item_index import ItemIndex
from .scheduler_settings import SchedulerSettings
from .settings import PLAN_KEY, DailyLimits, StudySettings
from .siblings import SiblingRules
from .store import DeckCounts, Store

if TYPE_CHECKING:
    from .scheduler import Scheduler
    from .exam_plan import ExamPlan
    from .session import StudySession


# Mastered: FSRS predicts at least MASTERY_RECALL a MASTERY_HORIZON from now, i.e. the card's
# stability (the days until recall falls to 90%) reaches a week past today. A deck read minutes
# ago is not mastered, however well it went.
MASTERY_HORIZON = timedelta(days=7)
MASTERY_RECALL = 0.9


def mastered(recall: float | None) -> bool:
    """Whether a card predicted to be recalled with ``recall`` at the horizon is mastered."""
    return recall is not None and recall >= MASTERY_RECALL - 1e-9  # 90% exactly at t = stability


def _shares(flags: Iterable[tuple[str, bool]]) -> dict[str, float]:
    """Share of true flags per key, from ``(key, flag)`` pairs."""
    counts: dict[str, list[int]] = {}
    for key, flag in flags:
        entry = counts.setdefault(key, [0, 0])
        entry[0] += flag
        entry[1] += 1
    return {key: hits / total for key, (hits, total) in counts.items()}


@dataclass
class DeckSummary:
    """A deck as the deck list shows it: what a session would offer today (as in Anki)."""

    id: str
    title: str
    new: int  # new cards available today (unseen, within today's remaining new-card limit)
    learning: int  # learning cards due now or within the learn-ahead window
    due: int  # reviews due now, within today's remaining review limit
    total: int
    suspended: int
    mastery: float  # share of cards mastered (see ``mastered``)
    unseen: int = 0  # never-studied cards in all
    waiting: int = 0  # never-studied cards held back until kept in curation (see holds_uncurated)

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


class Collection(CardBrowsing):
    """Loaded decks bound to an open store."""

    def __init__(self, store: Store, decks: list[Deck], clock: Callable[[], datetime] = utcnow):
        self.store = store
        self.settings = StudySettings(store)
        self.settings.apply_day_start()
        self.decks = {deck.id: deck for deck in decks}
        self.clock = clock
        self.deck_paths: list[Path] = []  # the files and folders the decks were loaded from (by ``open``)
        self.items = ItemIndex(self.decks)  # built card by card, as cards are asked for
        # Only decks whose study items changed since the last sync are expanded and synced:
        # an unchanged deck from the deck cache is never read past its header.
        synced = store.deck_digests()
        rows, tags, digests = [], [], {}
        with gc_paused():  # 100,000 study items at once: see gc_paused
            for deck in decks:
                known = deck.known_digest()
                if known is not None and synced.get(deck.id) == known:
                    continue
                deck_rows, deck_tags = deck.sync_data()
                digest = rows_digest(deck_rows)
                if synced.get(deck.id) != digest:
                    rows += deck_rows
                    tags += deck_tags
                    digests[deck.id] = digest
        self.sync_report = store.sync_cards(rows, list(digests), digests, tags if digests else None)
        self._schedulers: dict[tuple[str, ExamPlan | None], Scheduler] = {}

    @classmethod
    def open(cls, db_path: str | Path, deck_paths: Iterable[str | Path],
             clock: Callable[[], datetime] = utcnow, progress=None, upgrading=None) -> "Collection":
        """Load decks (raising ``DeckError``; ``progress`` as :func:`load_decks` takes it) and
        open the store (raising ``StoreError``; ``upgrading`` as :meth:`Store.open` takes it:
        the one-time upgrade of an older database's review log)."""
        deck_paths = [Path(p) for p in deck_paths]
        decks = load_decks(deck_paths, progress)
        collection = cls(Store.open(db_path, upgrading=upgrading), decks, clock)
        collection.deck_paths = deck_paths
        return collection

    @staticmethod
    def opens_at_once(db_path: str | Path, deck_paths: Iterable[str | Path]) -> bool:
        """Whether :meth:`open` has no slow step to do: the database exists at the current
        schema (nothing to migrate) and every deck file is in the deck cache as it is (nothing to
        parse). A launch then opens the collection before its first frame, which shows Home's
        counts; otherwise it opens behind Home, with a progress bar if it takes long."""
        from . import deck_cache
        from .decks import deck_files
        from .store import is_current_on_disk

        files = deck_files(deck_paths)
        return is_current_on_disk(Path(db_path)) and bool(files) and all(deck_cache.holds(f) for f in files)

    def close(self) -> None:
        self.store.close()

    def now(self) -> datetime:
        return self.clock()

    # --- settings ------------------------------------------------------------

    # Settings: typed, checked and merged (global, then the deck's overrides) in settings.py.

    def scheduler_settings(self, deck_id: str | None = None) -> SchedulerSettings:
        return self.settings.scheduler(deck_id)

    def save_scheduler_settings(self, settings: SchedulerSettings, deck_id: str | None = None) -> None:
        self.settings.save_scheduler(settings, deck_id)
        self._schedulers.clear()

    def limits(self, deck_id: str | None = None) -> DailyLimits:
        return self.settings.limits(deck_id)

    def study_limits(self, deck_id: str) -> DailyLimits:
        """The limits sessions keep to: ``limits``, the new-card one raised by an exam plan's pace."""
        plan, limits = self.settings.exam_plan(), self.limits(deck_id)
        if plan is None:
            return limits
        return replace(limits, new_per_day=plan.new_per_day(deck_id, limits.new_per_day, self.now()))

    def deck_overrides(self, deck_id: str) -> list[str]:
        """Which settings ``deck_id`` has values of its own for ("scheduler", "limits", ...)."""
        return self.store.deck_overrides(deck_id)

    def reset_deck_settings(self, deck_id: str) -> None:
        """``deck_id`` takes every setting from the global ones again."""
        self.store.clear_deck_settings(deck_id)
        self._schedulers.clear()

    def save_limits(self, limits: DailyLimits, deck_id: str | None = None) -> None:
        self.settings.save_limits(limits, deck_id)
        self._schedulers.clear()  # an exam plan's rule keeps to the daily review limit

    def holds_uncurated(self, deck_id: str | None = None) -> bool:
        """Whether new cards of ``deck_id`` wait until kept in curation before they are studied."""
        return self.settings.holds_uncurated(deck_id)

    def save_holds_uncurated(self, hold: bool, deck_id: str | None = None) -> None:
        self.settings.save_holds_uncurated(hold, deck_id)

    def siblings(self, deck_id: str | None = None) -> SiblingRules:
        """Which siblings of a card studied today wait for another day (see ``siblings``)."""
        return self.settings.siblings(deck_id)

    def save_siblings(self, rules: SiblingRules, deck_id: str | None = None) -> None:
        self.settings.save_siblings(rules, deck_id)

    def day_start_hour(self) -> int:
        """The local hour study days start at (every deck)."""
        return self.settings.day_start_hour()

    def save_day_start_hour(self, hour: int) -> None:
        self.settings.save_day_start_hour(hour)

    def scheduler(self, deck_id: str | None = None, item_id: str | None = None) -> Scheduler:
        """The scheduler of ``deck_id``'s cards (of its card ``item_id``): its settings, and the
        exam plan's rule if the plan covers the card (see :mod:`anastro_quiz.exam_plan`; a plan
        narrowed to topics covers only the cards named that carry one)."""
        # The plan is read each time (one row by key), so one made meanwhile by `plan` applies.
        plan = self.settings.exam_plan()
        if plan is not None and not plan.covers(deck_id or "", self.tags_of(deck_id or "", item_id)
                                                if plan.topics else ()):
            plan = None
        spare = plan is not None and item_id is not None and self.kept_apart(deck_id or "", item_id)
        key = (deck_id or "", plan, spare)
        if key not in self._schedulers:
            from .scheduler import Scheduler  # fsrs: not imported by a launch that only shows Home

            scheduler = Scheduler.from_settings(self.scheduler_settings(deck_id))
            if plan is not None:
                from .exam_plan import planned_scheduler
            self._schedulers[key] = (planned_scheduler(scheduler, plan, self.limits(deck_id).reviews_per_day, spare)
                                     if plan is not None else scheduler)
        return self._schedulers[key]

    def kept_apart(self, deck_id: str, item_id: str) -> bool:
        """Whether the item has siblings its deck keeps off the day it is reviewed (siblings.py)."""
        card = self.items.card_of((deck_id, item_id)) or (deck_id, item_id)
        return card[1] in self.items.sibling_cards(deck_id) and self.siblings(deck_id).bury_reviews

    def tags_of(self, deck_id: str, item_id: str | None = None) -> tuple[str, ...]:
        """The tags (topics) of a loaded card (none for an unknown one); without ``item_id``,
        every tag of the deck's cards."""
        if item_id is not None:
            item = self.items.get((deck_id, item_id))
            return item.tags if item is not None else ()
        return tuple(dict.fromkeys(t for item in self.items.deck_items(deck_id).values() for t in item.tags))

    # --- exam plan (made in exam_planner) --------------------------------------

    def exam_plan(self) -> ExamPlan | None:
        return self.settings.exam_plan()

    def apply_exam_plan(self, plan: ExamPlan, moves: list[tuple[str, str, datetime]]) -> int:
        """Store ``plan`` and move the cards' next reviews (``(deck, card_id, due)``) at once."""
        moved = self.store.apply_plan(PLAN_KEY, plan.to_dict(), moves)
        self._schedulers.clear()
        return moved

    def clear_exam_plan(self) -> bool:
        """Drop the exam plan (the due dates it set stay); whether there was one."""
        cleared = self.store.clear_plan(PLAN_KEY)
        self._schedulers.clear()
        return cleared

    # --- overview ------------------------------------------------------------

    def deck_summaries(self) -> list[DeckSummary]:
        """Each loaded deck with its new / learning / due counts and mastery."""
        with self.store.settings_read_once():  # each deck's limits, curation and sibling rules
            return self._deck_summaries(self.now())

    def _deck_summaries(self, now: datetime) -> list[DeckSummary]:
        from .today import LEARN_AHEAD, offered_today

        done = self.store.done_today(study_day(now))
        room = {deck: self.study_limits(deck).room_today(*done.get(deck, (0, 0))) for deck in self.decks}
        holding = {deck for deck in self.decks if self.holds_uncurated(deck)}
        counts = self.store.counts_by_deck(now, learning_until=now + LEARN_AHEAD, kept_in=holding,
                                           review_room={deck: reviews for deck, (_new, reviews) in room.items()})
        mastery = self.mastery_by_deck(now)
        out = []
        for deck in self.decks.values():
            c = counts.get(deck.id, DeckCounts())
            room_new, room_reviews = room[deck.id]
            studyable = c.new_kept if deck.id in holding else c.new
            new = min(studyable, room_new)
            due = min(c.review, room_reviews)
            if (new or due) and self.siblings(deck.id) != SiblingRules(False, False) \
                    and self.items.sibling_cards(deck.id):  # no sibling items: nothing to keep apart
                due_rows, new_rows = offered_today(self, deck.id, now, done, learning=False)  # siblings apart
                new, due = len(new_rows), len(due_rows)
            out.append(DeckSummary(deck.id, deck.title, new, c.learning, due, c.total, c.suspended,
                                   mastery.get(deck.id, 0.0), unseen=c.new, waiting=c.new - studyable))
        return out

    def predicted_recall(self, at: datetime | None = None) -> dict[tuple[str, str], float]:
        """FSRS retrievability at ``at`` of every studied card (computed once, shared by callers)."""
        at = at or self.now()
        return {(d, c): self.scheduler(d).retrievability_from(stability, last_review, at)
                for d, c, stability, last_review in self.store.recall_inputs(list(self.decks))}

    def mastery_by_deck(self, at: datetime | None = None,
                        recall: dict[tuple[str, str], float] | None = None) -> dict[str, float]:
        """Share of each deck's cards mastered at ``at`` (see :func:`mastered`): FSRS predicts
        at least 90% recall a week later. New cards, and cards just learnt, are not mastered.

        Computed in the database (one aggregate over the schedule); with ``recall`` (from
        ``predicted_recall(at + MASTERY_HORIZON)``) it is counted from that instead."""
        if recall is None:
            return self.store.mastered_by_deck((at or self.now()) + MASTERY_HORIZON)
        return _shares(((key[0], mastered(recall.get(key))) for key in self.items))

    def mastery_by_tag(self, at: datetime | None = None,
                       recall: dict[tuple[str, str], float] | None = None) -> dict[str, float]:
        """Share of each tag's (topic's) cards mastered at ``at``, across the loaded decks."""
        if recall is None:
            return self.store.mastered_by_tag((at or self.now()) + MASTERY_HORIZON, list(self.decks))
        return dict(sorted(_shares((tag, mastered(recall.get(key)))
                                   for key, item in self.items.items() for tag in item.tags).items()))

    def recall_by_deck(self, at: datetime) -> dict[str, float]:
        """Mean predicted recall per deck at ``at`` if nothing is reviewed before then (never-studied
        cards count 0): the share of each deck you would remember (the exam readiness)."""
        curves = {deck: self.scheduler(deck).forgetting_curve() for deck in self.decks}
        return self.store.mean_recall_by_deck(at, curves)

    # --- editing decks -----------------------------------------------------------

    def reload_deck(self, deck_id: str, deck: Deck | None = None) -> dict[tuple[str, str], StudyItem]:
        """Read deck ``deck_id`` again from its file (after an edit; or take ``deck``, just
        parsed from it) and sync the store.

        Returns the deck's study items by key (empty if the file is gone: the deck is
        dropped). History stays keyed by (deck, card id), so an edited card keeps it.
        """
        from .decks import load_deck

        path = self.decks[deck_id].path
        if deck is None:
            deck = load_deck(path) if path is not None and path.exists() else None
        if deck is not None and deck.id != deck_id:
            raise ValueError(f"{path} now holds deck {deck.id!r}, not {deck_id!r}")
        self.items.forget_deck(deck_id)
        if deck is None:
            del self.decks[deck_id]
        else:
            self.decks[deck_id] = deck
        fresh = self.items.deck_items(deck_id)
        rows = [(d, i, item.content_hash, position) for position, ((d, i), item) in enumerate(fresh.items())]
        tags = [(d, i, tag) for (d, i), item in fresh.items() for tag in item.tags]
        self.store.sync_cards(rows, [deck_id], {deck_id: rows_digest(rows) if deck is not None else ""}, tags)
        return fresh

    def add_decks(self, paths: Iterable[Path]) -> list[str]:
        """Load the deck files ``paths`` (just written: a deck generated in the app) beside the
        decks in use, or in place of the deck of the same id and file, and sync the store.
        Returns their deck ids."""
        from .decks import load_deck

        ids = []
        for path in paths:
            deck = load_deck(path)
            self.decks.setdefault(deck.id, deck)
            self.reload_deck(deck.id, deck)
            ids.append(deck.id)
        return ids

    def edit_card(self, deck_id: str, card_id: str, form: dict[str, str]):
        """Save an edit of one card (field name -> text) to its deck file and reload the deck.

        Returns the deck's fresh study items, or ``None`` if nothing changed. Raises
        :class:`~anastro_quiz.deck_edit.EditError` (nothing written) if the edit is invalid
        or the deck file is read-only.
        """
        from .deck_edit import EditError, edit_card

        deck = self.decks[deck_id]
        if deck.path is None:
            raise EditError([f"deck {deck_id!r} has no file to save to"])
        card = next((c for c in deck.cards if c.id == card_id), None)
        was_kept = card is not None and bool(
            {(deck_id, i.id) for i in card.items(deck_id)} & self.store.kept_keys([deck_id]))
        saved = edit_card(deck.path, card_id, form)
        if saved is None:
            return None
        items = self.reload_deck(deck_id, saved)
        if was_kept:  # a kept card stays kept, including a blank the edit added
            self.store.mark_kept([k for k, i in items.items() if i.card_id == card_id], self.now())
        return items

    def restore_deck_text(self, deck_id: str, before: str, after: str) -> dict[tuple[str, str], StudyItem]:
        """Undo an edit: write ``before`` back to deck ``deck_id``'s file (atomically) and reload
        it; returns its fresh study items. Raises :class:`~anastro_quiz.deck_edit.EditError`,
        writing nothing, if the file no longer holds ``after`` (changed since the edit)."""
        from .deck_edit import EditError, write_atomic

        path = self.decks[deck_id].path
        if path is None or not path.exists() or path.read_text(encoding="utf-8") != after:
            raise EditError([f"{path}: the deck file changed since the edit; it was not undone"])
        write_atomic(path, before)
        return self.reload_deck(deck_id)

    def start_session(self, deck_ids: Iterable[str] | None = None, mode: str = "review",
                      items: list[StudyItem] | None = None, new_cards: bool = True) -> StudySession:
        """A study session over the given decks (all loaded decks if ``None``).

        ``mode="drill"`` practises ``items`` without touching their schedules;
        ``new_cards=False`` offers only cards already studied (learning and due reviews).
        """
        from .session import StudySession

        decks = list(deck_ids) if deck_ids else sorted({i.deck_id for i in items or ()}) or list(self.decks)
        return StudySession(self, decks, mode=mode, items=items, new_cards=new_cards)
