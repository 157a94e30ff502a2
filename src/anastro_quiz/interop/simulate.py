"""The FSRS simulator and optimal retention, with ``fsrs-rs-python`` (the optimizer extra).

:func:`simulate_collection` starts from the collection as it is: every studied card with
its real memory state and due date, the never-studied ones introduced in deck order under
the daily limits, for ``days`` days at a desired retention. Each day the cards due are
studied as a session would (due reviews oldest first up to the daily review limit, the rest
waiting; learning steps the same day; then new cards), each graded by a draw: recalled with
the probability FSRS predicts, then Hard/Good/Easy (a new card's first grade) with
fsrs-rs's default grade probabilities, costing fsrs-rs's default seconds per grade. The
grades go through each deck's real scheduler (its parameters, steps, fuzz with seeds, load
balancing against the simulated load, easy days), so the simulation is the one the app would
give. fsrs-rs-python's own simulator cannot start from existing cards (its ``simulate``
takes none), so it is used where it can: the retention it finds optimal (the one that
minimises study time per memorised card), from the same real cards. Returned: the workload
(reviews, new cards and minutes per day) and the knowledge (cards memorised: the sum of
predicted recall at the end of each day). Siblings are kept apart as a session keeps them
(``siblings``, each deck's rules): once one item of a card is studied on a day (or is in
learning), a due sibling waits for the next day and a new sibling for a later one.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Sequence

from .optimize import backend
from ..errors import UserError


class SimulationError(UserError):
    """A simulation that cannot be run as asked (a retention or a length out of range)."""


@dataclass(frozen=True)
class Simulation:
    days: int
    retention: float
    cards: int
    reviews_per_day: list[int]
    new_per_day: list[int]
    minutes_per_day: list[float]
    memorized_per_day: list[float]
    optimal_retention: float

    @property
    def total_reviews(self) -> int:
        return sum(self.reviews_per_day)

    def to_dict(self) -> dict[str, Any]:
        """The ``simulate --json`` document (keys listed in the README)."""
        return {"days": self.days, "retention": self.retention, "cards": self.cards,
                "total_reviews": self.total_reviews, "total_minutes": round(sum(self.minutes_per_day), 1),
                "memorized_end": round(self.memorized_per_day[-1], 1) if self.memorized_per_day else 0.0,
                "optimal_retention": round(self.optimal_retention, 3), "reviews_per_day": self.reviews_per_day,
                "new_per_day": self.new_per_day, "minutes_per_day": [round(m, 1) for m in self.minutes_per_day],
                "memorized_per_day": [round(m, 1) for m in self.memorized_per_day]}


def _cost_row(state: int | None) -> int:
    """fsrs-rs's cost table row: 0 learning (and new), 1 review, 2 relearning."""
    return {None: 0, 0: 0, 1: 0, 2: 1, 3: 2}[state]


@dataclass
class _SimCard:
    deck: str
    card_id: str
    scheduler: Any
    state: Any  # fsrs.Card, None while never studied
    due: datetime
    reps: int


def _check(retention: float, days: int) -> None:
    if not 0.7 <= retention <= 0.99:
        raise SimulationError(f"the desired retention must be between 0.70 and 0.99 (got {retention:g})")
    if days < 1:
        raise SimulationError("simulate at least one day")


def simulate_collection(collection, days: int, retention: float | None = None, seed: int = 42) -> Simulation:
    """The next ``days`` days of ``collection`` from its cards as they are (module docstring),
    at ``retention`` (default: the global scheduler's); ``SimulationError`` for a retention
    outside 0.70-0.99, a length under a day or no cards, ``OptimizerUnavailable`` without
    ``fsrs-rs-python``."""
    from ..clock import day_start, study_day
    from ..scheduler import Rating, Scheduler, State, load_state

    settings, limits = collection.scheduler_settings(), collection.limits()
    retention = settings.desired_retention if retention is None else float(retention)
    _check(retention, days)
    fsrs_rs = backend()
    config = fsrs_rs.default_simulator_config()
    now = collection.now()
    today = study_day(now)
    cards: list[_SimCard] = []
    new: list[_SimCard] = []
    for deck_id in collection.decks:
        scheduler = Scheduler.from_settings(replace(collection.scheduler_settings(deck_id), desired_retention=retention))
        for row in collection.store.deck_rows(deck_id):
            if row.state and not row.suspended:
                cards.append(_SimCard(deck_id, row.card_id, scheduler, load_state(row.state),
                                      datetime.fromisoformat(row.due), row.reps))
        new += [_SimCard(deck_id, r.card_id, scheduler, None, now, 0)
                for r in collection.store.new_rows([deck_id], now, 10**9)]
    if not cards and not new:
        raise SimulationError("there are no cards to simulate in the decks in use")
    total = len(cards) + len(new)
    config.deck_size, config.learn_span = total, int(days)
    config.learn_limit, config.review_limit = limits.new_per_day, limits.reviews_per_day
    config.max_ivl = float(settings.maximum_interval_days)
    existing = _rs_cards(fsrs_rs, cards, today, study_day)  # before the simulation moves them
    rng = random.Random(seed)
    load: Counter = Counter(study_day(c.due) for c in cards)

    def due_load(first: date, last: date) -> dict[date, int]:
        return {first + timedelta(days=i): load[first + timedelta(days=i)] for i in range((last - first).days + 1)}

    heap = [(c.due, i) for i, c in enumerate(cards)]
    heapq.heapify(heap)
    reviews_per_day, new_per_day, minutes_per_day, memorized_per_day = [], [], [], []
    siblings = _Siblings(collection)
    pending_new = list(new)
    for offset in range(days):
        day = today + timedelta(days=offset)
        start, end = max(now, day_start(day) + timedelta(hours=5)), day_start(day + timedelta(days=1))
        moment, reviewed, seconds, waiting = start, 0, 0.0, []
        # Whose sibling is taken today: cards in learning, and (reviews come first, as in a
        # session) those with a review due today, so a new sibling waits for a later day.
        studied = {siblings.key(c): i for i, c in enumerate(cards)
                   if c.state is not None and c.state.state in (State.Learning, State.Relearning)}
        due_today = {siblings.key(cards[i]) for due, i in heap
                     if due < end and cards[i].state is not None and cards[i].state.state == State.Review}
        introduced, pending_new = siblings.take_new(pending_new, limits.new_per_day, set(studied) | due_today)
        for card in introduced:
            card.due = start
            cards.append(card)
            heapq.heappush(heap, (card.due, len(cards) - 1))
            studied.setdefault(siblings.key(card), len(cards) - 1)
        while heap and heap[0][0] < end:
            due, index = heapq.heappop(heap)
            card = cards[index]
            review = card.state is not None and card.state.state == State.Review
            if review and reviewed >= limits.reviews_per_day:
                waiting.append(index)  # no room today: it waits for tomorrow
                continue
            if review and studied.setdefault(siblings.key(card), index) != index and siblings.bury_reviews(card):
                waiting.append(index)  # a sibling was studied today: it waits for tomorrow
                continue
            moment = max(moment, due)
            before = card.state.state if card.state is not None else None
            if card.state is None:
                rating = 1 + rng.choices(range(4), config.first_rating_prob)[0]
                state = card.scheduler.new_state(moment)
            else:
                recalled = rng.random() < card.scheduler.retrievability(card.state, moment)
                rating = 2 + rng.choices(range(3), config.review_rating_prob)[0] if recalled else 1
                state = card.state
                load[study_day(card.due)] -= 1
            card.state, card.due = card.scheduler.review(state, Rating(rating), moment, due_load=due_load,
                                                         fuzz_seed=f"simulate/{card.deck}/{card.card_id}/{card.reps}")
            card.reps += 1
            load[study_day(card.due)] += 1
            reviewed += review
            cost = config.state_rating_costs[_cost_row(int(before) if before is not None else None)][rating - 1]
            seconds += cost
            moment += timedelta(seconds=cost)
            heapq.heappush(heap, (card.due, index))
        for index in waiting:
            heapq.heappush(heap, (end, index))
        reviews_per_day.append(reviewed)
        new_per_day.append(len(introduced))
        minutes_per_day.append(seconds / 60)
        memorized_per_day.append(sum(c.scheduler.retrievability(c.state, end) for c in cards if c.state is not None))
    parameters = list(Scheduler.from_settings(settings).parameters)
    optimal = fsrs_rs.optimal_retention(config, parameters, existing or None)
    return Simulation(days, retention, total, reviews_per_day, new_per_day, minutes_per_day, memorized_per_day,
                      float(optimal))


class _Siblings:
    """Each deck's sibling rules and which card a study item comes from (``siblings``)."""

    def __init__(self, collection):
        self.collection = collection
        self.rules = {deck_id: collection.siblings(deck_id) for deck_id in collection.decks}

    def key(self, card: _SimCard) -> tuple[str, str]:
        return self.collection.items.card_of((card.deck, card.card_id)) or (card.deck, card.card_id)

    def bury_reviews(self, card: _SimCard) -> bool:
        return self.rules[card.deck].bury_reviews

    def take_new(self, pending: list[_SimCard], limit: int, taken: set) -> tuple[list[_SimCard], list[_SimCard]]:
        """Up to ``limit`` new cards in deck order, one item per card and none of a card in
        ``taken`` where the deck buries new siblings; the rest stay pending, in order."""
        chosen, rest = [], []
        for n, card in enumerate(pending):
            if len(chosen) >= limit:
                rest += pending[n:]
                break
            key = self.key(card)
            if key in taken and self.rules[card.deck].bury_new:
                rest.append(card)
                continue
            taken.add(key)
            chosen.append(card)
        return chosen, rest


def _rs_cards(fsrs_rs, cards: list[_SimCard], today: date, study_day) -> list:
    """The studied cards as fsrs-rs's simulator takes them (days counted from today)."""
    out = []
    for i, card in enumerate(c for c in cards if c.state is not None and c.state.stability):
        rs = fsrs_rs.Card()
        rs.id, rs.difficulty, rs.stability = i, float(card.state.difficulty), float(card.state.stability)
        rs.last_date = float((study_day(card.state.last_review) - today).days)
        rs.due = float((study_day(card.due) - today).days)
        rs.interval = max(1.0, rs.due - rs.last_date)
        rs.lapses = 0
        out.append(rs)
    return out
