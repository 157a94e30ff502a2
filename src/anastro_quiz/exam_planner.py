"""Making an exam plan for a collection, and forecasting one: daily load and predicted share.

:func:`make_plan` calibrates the plan on the learner's record (:mod:`.exam_calibration`) and
decides the moves (which cards' next reviews come forward, to which day: the latest the
card's window allows under each deck's daily review limit); :func:`forecast_plan` follows the stored
plan from the cards' schedules as they are, so the Progress screen follows the learner's
study. Both walk every card of the plan's decks day by day to the exam as a study session
would (see :mod:`anastro_quiz.exam_plan` for the assumptions): each day the cards due are
studied, due reviews oldest first up to the deck's daily review limit (the rest wait for
the next day, as in a session), new cards in deck order up to the new-card limit, a
sibling of a card studied that day waiting for the next day as the deck's rules say, each
graded Good by the deck's real scheduler with the session's fuzz seeds and, for load
balancing, the cards due per day as the simulated study leaves them (the plan's other
decks counted where they are due now). A forecast is therefore what keeping to the plan
gives, daily limits and balancing included.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Iterator

from .clock import day_start, study_day
from .due_load import LiveLoad
from .exam_calibration import Calibration, calibrate
from .exam_plan import ExamPlan, PlanError, PlanRule, planned_scheduler
from .scheduler import CardState, Rating, Scheduler, State, load_state
from .siblings import SiblingRules
from .store import ScheduleRow

if TYPE_CHECKING:
    from .collection import Collection

STEPS_PER_CARD = 200  # a bound on the reviews a forecast simulates per card (never reached in practice)


@dataclass
class PlanForecast:
    """What keeping to a plan gives: reviews per day until the exam and recall on the day."""

    plan: ExamPlan
    cards: int = 0  # cards in the plan: studied ones and the new ones to introduce
    at_or_above: int = 0  # of them, predicted at or above the target on the exam day
    reviews_per_day: dict[str, int] = field(default_factory=dict)  # every day until the exam
    new_per_day: dict[str, int] = field(default_factory=dict)  # new cards introduced per day
    moved: int = 0  # cards whose next review the plan brings forward (make_plan only)
    new_cards: int = 0
    new_late: int = 0  # new cards that do not reach the target (introduced too late by the limit)
    waiting: int = 0  # reviews the daily limits push to a later day than planned
    normal_reviews: int | None = None  # reviews before the exam with no plan (make_plan only)
    calibration: Calibration | None = None  # the learner's record against FSRS (make_plan only)

    @property
    def predicted_share(self) -> float:
        return self.at_or_above / self.cards if self.cards else 0.0

    @property
    def reviews(self) -> int:
        return sum(self.reviews_per_day.values())

    def pace_note(self) -> str | None:
        """What the plan does to new cards' pace, in one line (``None``: it keeps the limits)."""
        if not self.plan.new_pace:
            return None
        paces = ", ".join(f"{n} a day in {deck}" for deck, n in self.plan.new_pace)
        return (f"new cards brought forward: {paces} until the exam (above the daily new-card limit), "
                f"so they are met early enough to reach {self.plan.recall:g}")

    def to_dict(self) -> dict[str, Any]:
        """The ``plan --json`` document (the README lists its keys)."""
        return {"cards": self.cards, "exam": self.plan.exam.isoformat(), "recall": self.plan.recall,
                "decks": list(self.plan.decks), "topics": list(self.plan.topics), "predicted_share": round(self.predicted_share, 4),
                "at_or_above": self.at_or_above, "reviews": self.reviews,
                "normal_reviews": self.normal_reviews, "reviews_per_day": dict(self.reviews_per_day),
                "new_per_day": dict(self.new_per_day), "moved": self.moved,
                "new_cards": {"total": self.new_cards, "late": self.new_late}, "waiting": self.waiting,
                "stability_scale": self.plan.stability_scale, "new_pace": dict(self.plan.new_pace),
                "calibration": self.calibration.to_dict() if self.calibration is not None else None}


@dataclass
class _Card:
    row: ScheduleRow
    state: CardState | None
    due: datetime | None
    reps: int
    new: bool = False
    planned: bool = True  # in the plan's scope (its topics); the others keep the plain schedule


@dataclass
class _Deck:
    """One deck of the plan as the planner works on it."""

    id: str
    scheduler: Scheduler
    rule: PlanRule
    review_room: dict[date, int]  # reviews the daily limit allows per day
    new_room: dict[date, int]
    studied: list[ScheduleRow]
    new: list[ScheduleRow]
    store: Any = None  # the collection's Store, for the load (LiveLoad)
    plain: Scheduler | None = None  # the deck's scheduler without the plan (cards outside its topics)
    in_scope: Any = None  # card id -> whether the plan covers it
    sibling_of: Any = None  # card id -> the card its study item comes from (siblings share it)
    siblings: SiblingRules = SiblingRules(False, False)  # which siblings wait for another day
    spared: Scheduler | None = None  # the plan's scheduler for cards whose siblings are kept apart
    kept_apart: Any = None  # card id -> whether it is such a card (Collection.kept_apart)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _decks(collection: "Collection", plan: ExamPlan, now: datetime) -> list[_Deck]:
    today = study_day(now)
    done = collection.store.done_today(today)
    out = []
    for deck_id in plan.decks:
        limits = collection.limits(deck_id)
        limits = replace(limits, new_per_day=plan.new_per_day(deck_id, limits.new_per_day, now))  # its pace
        scheduler = planned_scheduler(Scheduler.from_settings(collection.scheduler_settings(deck_id)), plan,
                                      limits.reviews_per_day)
        room_new, room_reviews = limits.room_today(*done.get(deck_id, (0, 0)))
        days = _days(today, plan.last_day)
        rows = [r for r in collection.store.deck_rows(deck_id) if not r.suspended and r.state]
        new = collection.store.new_rows([deck_id], now, 10**9, kept_only=collection.holds_uncurated(deck_id))
        out.append(_Deck(deck_id, scheduler, scheduler.due_rule, {d: limits.reviews_per_day for d in days} | {
            today: room_reviews}, {d: limits.new_per_day for d in days} | {today: room_new}, rows, new,
            collection.store, Scheduler.from_settings(collection.scheduler_settings(deck_id)),
            lambda card_id, deck_id=deck_id: plan.covers(deck_id, collection.tags_of(deck_id, card_id))
            if plan.topics else True,
            lambda card_id, deck_id=deck_id: collection.items.card_of((deck_id, card_id)) or (deck_id, card_id),
            collection.siblings(deck_id),
            planned_scheduler(Scheduler.from_settings(collection.scheduler_settings(deck_id)), plan,
                              limits.reviews_per_day, spare_last_day=True),
            lambda card_id, deck_id=deck_id: collection.kept_apart(deck_id, card_id)))
    return out


def _introductions(deck: _Deck, first: date, last: date) -> Iterator[tuple[ScheduleRow, date | None]]:
    """Each new card of ``deck`` with the day it is first studied (``None``: not before the
    exam): in deck order, as many a day as the deck's new-card limit allows."""
    days = iter(_days(first, last))
    day = next(days, None)
    room = deck.new_room.get(day, 0) if day is not None else 0
    for row in deck.new:
        while day is not None and room <= 0:
            day = next(days, None)
            room = deck.new_room.get(day, 0) if day is not None else 0
        room -= 1
        yield row, day


def _simulate(deck: _Deck, plan: ExamPlan, cards: list[_Card], now: datetime) -> tuple[Counter, int]:
    """Study ``cards`` day by day until the exam (module docstring); their states become
    those on the exam day. Returns the review-state reviews per day and how many waited."""
    heap = [(card.due, i) for i, card in enumerate(cards) if card.due is not None]
    heapq.heapify(heap)
    due_load = LiveLoad(deck.store)
    for card in cards:  # the plan's moves, not yet in the store
        if card.state is not None and card.row.due and card.due != datetime.fromisoformat(card.row.due):
            due_load.move(datetime.fromisoformat(card.row.due), card.due)
    load: Counter = Counter()
    waited = 0
    studied: dict[date, dict[Any, int]] = {}  # per day: the card each sibling group was studied by
    for _ in range(STEPS_PER_CARD * len(cards)):
        if not heap or study_day(heap[0][0]) >= plan.exam:
            break
        due, index = heapq.heappop(heap)
        card = cards[index]
        moment = max(due, now)
        day = study_day(moment)
        if day >= plan.exam:
            continue
        counts = card.state is not None and card.state.state == State.Review
        if counts and load[day] >= deck.review_room.get(day, 0):
            waited += 1  # the day's reviews are used up: it waits for the next day
            heapq.heappush(heap, (day_start(day + timedelta(days=1)), index))
            continue
        if _sibling_waits(deck, studied.setdefault(day, {}), card, index):
            heapq.heappush(heap, (day_start(day + timedelta(days=1)), index))  # as a session buries it
            continue
        scheduler = (deck.plain if not card.planned else deck.spared if deck.kept_apart(card.row.card_id)
                     else deck.scheduler)
        state = card.state if card.state is not None else scheduler.new_state(moment)
        counted = card.due if card.state is not None else None
        card.state, card.due = scheduler.review(state, Rating.Good, moment, due_load=due_load,
                                                fuzz_seed=f"{deck.id}/{card.row.card_id}/{card.reps}")
        due_load.move(counted, card.due)
        card.reps += 1
        load[day] += counts
        heapq.heappush(heap, (card.due, index))
    return load, waited


def _sibling_waits(deck: _Deck, studied_today: dict[Any, int], card: _Card, index: int) -> bool:
    """Whether ``card`` waits for the next day because another item of its card was studied
    today and the deck keeps such siblings apart (``siblings``); else it counts as studied.
    A card in learning never waits (it keeps its siblings out instead)."""
    if deck.sibling_of is None:
        return False
    first = studied_today.setdefault(deck.sibling_of(card.row.card_id), index)
    if first == index or card.state is not None and card.state.state != State.Review:
        return False
    return deck.siblings.applies("new" if card.state is None else "review")


def _choose(deck: _Deck, load: Counter, low: date, high: date, today: date) -> date:
    """The day for a brought-forward review: the latest day of its window with room under
    the daily limit (the later the review, the higher the recall on the exam day); else the
    latest earlier day with room (the card is then planned again after it); else the least
    loaded day of the window."""
    window = _days(low, high)
    has_room = [d for d in window if load[d] < deck.review_room.get(d, 0)]
    if has_room:
        return has_room[-1]
    earlier = [d for d in _days(today, low - timedelta(days=1)) if load[d] < deck.review_room.get(d, 0)]
    if earlier:
        return earlier[-1]
    return min(window, key=lambda d: (load[d], -d.toordinal()))


def _cards(deck: _Deck, plan: ExamPlan, today: date) -> list[_Card]:
    cards = [_Card(row, load_state(row.state), datetime.fromisoformat(row.due), row.reps,
                   planned=deck.in_scope(row.card_id)) for row in deck.studied]
    for row, day in _introductions(deck, today, plan.last_day):
        cards.append(_Card(row, None, day_start(day) if day is not None else None, 0, new=True,
                           planned=deck.in_scope(row.card_id)))
    return cards


def _plan(collection: "Collection", plan: ExamPlan, now: datetime, balance: bool,
          ) -> tuple[PlanForecast, list[tuple[str, str, datetime]]]:
    today = study_day(now)
    result = PlanForecast(plan)
    moves: list[tuple[str, str, datetime]] = []
    reviews: Counter = Counter()
    for deck in _decks(collection, plan, now):
        cards = _cards(deck, plan, today)
        if balance:
            deck_moves, brought = _moves(deck, plan, cards, now)
            moves += deck_moves
            result.moved += brought
        load, waited = _simulate(deck, plan, cards, now)
        reviews.update(load)
        result.waiting += waited
        for card in (c for c in cards if c.planned):
            above = card.state is not None and deck.rule.recall_at_exam(card.state) >= plan.recall
            result.cards += 1
            result.at_or_above += above
            if card.new:
                result.new_cards += 1
                result.new_late += not above
        for row, day in _introductions(deck, today, plan.last_day):
            if day is not None:
                result.new_per_day[day.isoformat()] = result.new_per_day.get(day.isoformat(), 0) + 1
    result.reviews_per_day = {d.isoformat(): reviews.get(d, 0) for d in _days(today, plan.last_day)}
    latest = {(deck, card): due for deck, card, due in moves}  # a card moved twice keeps its last move
    return result, [(deck, card, due) for (deck, card), due in latest.items()]


def _moves(deck: _Deck, plan: ExamPlan, cards: list[_Card], now: datetime,
           ) -> tuple[list[tuple[str, str, datetime]], int]:
    """Bring forward the next review of each card that would be below the target on the day,
    to the latest day of its window with room under the load of the rest (and set ``card.due``).
    Review cards due before the exam anyway become due from the start of their day where
    ``PlanRule.from_day_start`` says so.
    Returns the moves and how many of them bring a review forward for the exam."""
    today = study_day(now)
    moves, pending, fixed = [], [], []
    for card in cards:
        state = card.state
        if state is None or state.state != State.Review or not card.planned:
            fixed.append(card)
            continue
        if study_day(card.due) >= plan.exam:
            if deck.rule.recall_at_exam(state) < plan.recall:
                pending.append((card, deck.rule.window(state, today)))
            else:
                fixed.append(card)
        else:
            day = study_day(card.due)
            if day > today and day_start(day) < card.due and deck.rule.from_day_start(day):
                card.due = day_start(day)
                moves.append((deck.id, card.row.card_id, card.due))
            fixed.append(card)
    # The load of the cards that stay where they are, from a trial run on copies.
    trial = [_Card(c.row, c.state, c.due, c.reps, c.new, c.planned) for c in fixed]
    load, _waited = _simulate(deck, plan, trial, now)
    for card, (low, high) in sorted(pending, key=lambda p: ((p[1][1] - p[1][0]).days, p[1][1])):
        if low < high and deck.kept_apart(card.row.card_id):  # as the rule does (PlanRule.spare_last_day)
            high -= timedelta(days=1)
        day = _choose(deck, load, low, high, today)
        load[day] += 1
        card.due = day_start(day)
        moves.append((deck.id, card.row.card_id, card.due))
    return moves, len(pending)


def make_plan(collection: "Collection", plan: ExamPlan, now: datetime | None = None,
              ) -> tuple[PlanForecast, list[tuple[str, str, datetime]]]:
    """The forecast of ``plan`` and its moves ``(deck, card_id, new due)``, without saving
    anything; :class:`PlanError` if the plan's decks have no card to plan."""
    now = now or collection.now()
    calibration = calibrate(collection, plan.decks)
    plan = replace(plan, stability_scale=calibration.scale, recall_gap=calibration.gap)
    plan = replace(plan, new_pace=_new_pace(collection, plan, now))
    result, moves = _plan(collection, plan, now, balance=True)
    result.calibration = calibration
    if not result.cards:
        topics = f" (topics {', '.join(plan.topics)})" if plan.topics else ""
        raise PlanError(f"nothing to plan: {', '.join(plan.decks)}{topics} {'has' if len(plan.decks) == 1 else 'have'} "
                        "no card that is not suspended")
    result.normal_reviews = _normal_reviews(collection, plan, now)
    return result, moves


def _reaches(deck: _Deck, plan: ExamPlan, day: date) -> bool:
    """Whether a new card met at the start of ``day`` and recalled at every review the plan
    gives it is at or above the target on the exam day."""
    moment = day_start(day)
    state = deck.scheduler.new_state(moment)
    for step in range(STEPS_PER_CARD):
        state, due = deck.scheduler.review(state, Rating.Good, moment, fuzz_seed=f"{deck.id}/pace/{day}/{step}")
        if study_day(due) >= plan.exam:
            break
        moment = max(due, moment)
    return deck.rule.recall_at_exam(state) >= plan.recall


def _new_pace(collection: "Collection", plan: ExamPlan, now: datetime) -> tuple[tuple[str, int], ...]:
    """Per deck, the new cards a day (above its new-card limit) that meet every new card of the
    plan by the last day from which it still reaches the target; none where the limit does,
    or where no day would (those still count as too late)."""
    today = study_day(now)
    done = collection.store.done_today(today)
    pace = []
    for deck in _decks(collection, plan, now):
        planned = [i for i, row in enumerate(deck.new) if deck.in_scope(row.card_id)]
        if not planned:
            continue
        needed = planned[-1] + 1  # new cards come in deck order: all up to the plan's last one
        latest = next((d for d in reversed(_days(today, plan.last_day)) if _reaches(deck, plan, d)), None)
        if latest is None:
            continue
        limit, done_new = collection.limits(deck.id).new_per_day, done.get(deck.id, (0, 0))[0]
        later_days = (latest - today).days
        per_day = limit
        while per_day < needed and max(0, per_day - done_new) + per_day * later_days < needed:
            per_day += 1
        if per_day > limit:
            pace.append((deck.id, per_day))
    return tuple(pace)


def forecast_plan(collection: "Collection", plan: ExamPlan, now: datetime | None = None) -> PlanForecast:
    """The stored ``plan`` followed from the cards' schedules as they are now (nothing moved)."""
    result, _moves = _plan(collection, plan, now or collection.now(), balance=False)
    return result


def _normal_reviews(collection: "Collection", plan: ExamPlan, now: datetime) -> int:
    """Reviews before the exam if every card kept FSRS's normal schedule (the same new cards)."""
    total = 0
    for deck in _decks(collection, plan, now):
        deck.scheduler.due_rule = deck.spared.due_rule = None
        total += sum(_simulate(deck, plan, _cards(deck, plan, study_day(now)), now)[0].values())
    return total
