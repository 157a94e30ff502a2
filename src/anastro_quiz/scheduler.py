"""A thin facade over the ``fsrs`` package: the only place that knows its API.

States are ``fsrs.Card`` objects; they serialize to JSON for the store with
:func:`dump_state` / :func:`load_state`.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Callable, Sequence

import fsrs
import orjson
from fsrs import Rating, State
from .clock import study_day
from .scheduler_settings import PARAMETER_COUNT, SchedulerSettings, check_parameters

# py-fsrs's published fuzz bands, from the module that defines its Scheduler (``fsrs.fsrs``
# in 6.0, ``fsrs.scheduler`` from 6.1 on: both within our pin).
FUZZ_RANGES = sys.modules[fsrs.Scheduler.__module__].FUZZ_RANGES

__all__ = ["Rating", "State", "Scheduler", "SchedulerSettings", "check_parameters", "dump_state", "load_state"]

CardState = fsrs.Card
# Each grade by its number (looked up, not made: a replay asks for two or three a review).
_RATINGS = {int(r): r for r in Rating}


def _rating(value: Rating | int) -> Rating:
    return _RATINGS.get(int(value)) or Rating(int(value))  # Rating(): the ValueError for any other number
# Cards already due per study day, from the first day to the last (both included).
DueLoad = Callable[[date, date], dict[date, int]]


class Scheduler:
    """FSRS scheduling: ``new_state()``, ``review()``, ``retrievability()``, ``preview()``."""

    def __init__(
        self,
        desired_retention: float = 0.9,
        learning_steps: Sequence[timedelta] = (timedelta(minutes=1), timedelta(minutes=10)),
        relearning_steps: Sequence[timedelta] = (timedelta(minutes=10),),
        maximum_interval: int = 36500,
        enable_fuzzing: bool = True,
        parameters: Sequence[float] | None = None,
        load_balance: bool = True,
        easy_days: Sequence[int] = (),
        same_day_steps: bool | None = None,
    ):
        kwargs: dict[str, Any] = dict(
            desired_retention=desired_retention,
            learning_steps=tuple(learning_steps),
            relearning_steps=tuple(relearning_steps),
            maximum_interval=maximum_interval,
            # Fuzz is ours (see fuzzed_interval): py-fsrs draws it from a generator nobody can seed.
            enable_fuzzing=False,
        )
        if parameters is not None:
            kwargs["parameters"] = tuple(parameters)
        self._fsrs = fsrs.Scheduler(**kwargs)
        self.desired_retention = desired_retention
        self.enable_fuzzing = enable_fuzzing
        self.maximum_interval = maximum_interval
        self.load_balance = load_balance
        self.easy_days = frozenset(int(d) for d in easy_days)
        # Same-day steps for memories FSRS says last under a day (_within_the_day): only with
        # parameters fitted to the learner; FSRS's defaults put most just-learnt cards under a day.
        self.same_day_steps = parameters is not None if same_day_steps is None else same_day_steps
        # A rule that may bring a review-state card's next due date forward (an exam plan,
        # see exam_plan.PlanRule): called as rule(new_state, now, fuzz_seed, due_load) -> datetime.
        self.due_rule: Callable[[CardState, datetime, str | None, DueLoad | None], datetime] | None = None

    @classmethod
    def from_settings(cls, settings: SchedulerSettings) -> "Scheduler":
        return cls(
            desired_retention=settings.desired_retention,
            learning_steps=[timedelta(minutes=m) for m in settings.learning_steps_minutes],
            relearning_steps=[timedelta(minutes=m) for m in settings.relearning_steps_minutes],
            maximum_interval=settings.maximum_interval_days,
            enable_fuzzing=settings.enable_fuzzing,
            parameters=settings.parameters,
            load_balance=settings.load_balance,
            easy_days=settings.easy_days,
        )

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._fsrs.parameters)

    def new_state(self, now: datetime | None = None) -> CardState:
        """A never-reviewed card, due now."""
        # card_id given explicitly: fsrs otherwise sleeps 1 ms per card to make ids unique.
        return fsrs.Card(card_id=0, due=now or datetime.now(timezone.utc))

    def review(self, state: CardState, rating: Rating | int, now: datetime,
               fuzz_seed: str | None = None, due_load: DueLoad | None = None) -> tuple[CardState, datetime]:
        """Grade ``state`` at ``now``; return the new state and when it is next due.

        ``fuzz_seed`` makes the interval fuzz reproducible (used when replaying a merged
        review log, so two machines rebuild the same schedule). ``due_load(first, last)``
        gives the cards already due per study day (``Store.due_counts``): with it, and
        ``load_balance`` on, a fuzzed interval lands on the least loaded day of its range.
        """
        new_state = self._spread(state, _rating(rating), now, _fuzz_draw(fuzz_seed), due_load)
        if self.due_rule is not None and new_state.state == State.Review:
            new_state.due = min(new_state.due, self.due_rule(new_state, now, fuzz_seed,
                                                             due_load if self.load_balance else None))
        return new_state, new_state.due

    def _spread(self, state: CardState, rating: Rating, now: datetime, draw: Callable[[], float],
                due_load: DueLoad | None = None) -> CardState:
        """FSRS's state after ``rating``, fuzzed, and at least a day later than the grade below
        it when both give days (as Anki does): a learning card's Good and Easy can both come out
        "1d", and two buttons must not promise the same interval. Preview and review both come
        here, so the buttons show what the grade gives."""
        new_state = self._within_the_day(state, self.simulate(state, rating, now), now)
        if self.enable_fuzzing and new_state.state == State.Review:
            interval = new_state.due - now
            fuzzed = fuzzed_interval(interval, draw, self.maximum_interval)
            if self.easy_days or (self.load_balance and due_load is not None):
                span = fuzz_range(interval.days, self.maximum_interval)
                if span is not None:
                    fuzzed = self._place(now, span, fuzzed.days, due_load if self.load_balance else None)
            new_state.due = now + fuzzed
        below = _RATINGS[rating - 1] if rating > Rating.Again else None
        if below is not None and new_state.state == State.Review and not self._stays_in_steps(state, below):
            lower = self._spread(state, below, now, draw, due_load)
            if lower.state == State.Review:
                floor = round((lower.due - now) / timedelta(days=1)) + 1  # the days the label shows, plus one
                if round((new_state.due - now) / timedelta(days=1)) < floor <= self.maximum_interval:
                    new_state.due = now + timedelta(days=floor)
        return new_state

    def _stays_in_steps(self, state: CardState, rating: Rating) -> bool:
        """Whether grading ``state`` ``rating`` leaves the card in (re)learning steps, never in
        review, by py-fsrs's own rules (``Scheduler.review_card``): then it sets the grade above
        it no floor and need not be computed. A replay of a million reviews computed the grade
        below for every Hard, Good and Easy that gave days: 1.75 scheduler calls a review, 1.57
        with these skipped (a Hard or Again within the steps; the Good that only moves a step).
        ``False`` whenever unsure (a state py-fsrs would not make): then it is computed."""
        if state.state == State.Review:
            return rating == Rating.Again and len(self._fsrs.relearning_steps) > 0
        steps = self._fsrs.learning_steps if state.state == State.Learning else self._fsrs.relearning_steps
        if state.state not in (State.Learning, State.Relearning) or not steps or state.step is None:
            return False
        if rating == Rating.Again:
            return True
        if state.step >= len(steps):  # more steps than this scheduler has: Hard, Good, Easy graduate
            return False
        return rating == Rating.Hard or (rating == Rating.Good and state.step + 1 < len(steps))

    def _within_the_day(self, before: CardState, after: CardState, now: datetime) -> CardState:
        """A card leaving (re)learning whose memory, by FSRS's stability, falls below the desired
        retention in under a day stays in (re)learning for one more step, due when its predicted
        recall reaches the desired retention: py-fsrs's intervals are whole days, at least one,
        so it would come back a day later well below the target (benchmarks/bench_scheduling.py's
        held-out learner, fitted parameters: 0.58 at reviews 1-2 days apart, FSRS predicting
        0.57). The next Hard, Good or Easy graduates it again from the stability that step gives.

        Only with fitted parameters (``same_day_steps`` left to its default): FSRS's default
        parameters give most just-learnt cards under a day, and a learner who remembers better
        than that average got needless same-day reviews (the benchmark's standard learner: recall
        at review 0.96 at a 0.90 target, 6% more reviews)."""
        if (not self.same_day_steps or after.state != State.Review
                or before.state not in (State.Learning, State.Relearning)):
            return after
        days = self.days_until_recall(after, self.desired_retention)
        if days >= 1:
            return after
        after.state = before.state
        steps = self._fsrs.learning_steps if before.state == State.Learning else self._fsrs.relearning_steps
        after.step = len(steps)
        after.due = now + max(timedelta(days=days), timedelta(minutes=1))
        return after

    def _candidates(self, now: datetime, span: tuple[int, int]) -> dict[int, date]:
        """The days of the fuzz range ``span`` (interval in days: study day) a review may land
        on: all of them, less the easy days if any day of the range is not one."""
        low, high = span
        days = {d: study_day(now + timedelta(days=d)) for d in range(low, high + 1)}
        light = {d: day for d, day in days.items() if day.weekday() not in self.easy_days}
        return light or days

    def _place(self, now: datetime, span: tuple[int, int], drawn: int, due_load: DueLoad | None) -> timedelta:
        """The interval, among the days of the fuzz range ``span``, off an easy day if any day
        of the range is not one, then with the fewest cards due; ties go to the day nearest
        the fuzz draw ``drawn``, then the earlier (so the same seed gives the same day)."""
        days = self._candidates(now, span)
        load = due_load(min(days.values()), max(days.values())) if due_load is not None else {}
        best = min(days, key=lambda d: (load.get(days[d], 0), abs(d - drawn), d))
        return timedelta(days=best)

    def placements(self, state: CardState, rating: Rating | int, now: datetime) -> frozenset[date] | None:
        """The study days grading ``state`` ``rating`` at ``now`` may make it due on, whatever the
        load (the fuzz range, off easy days when it can be); ``None`` when the interval is not
        fuzzed (then only one due date is possible). Rescheduling keeps a due date among them."""
        new_state = self.simulate(state, rating, now)
        if not self.enable_fuzzing or new_state.state != State.Review:
            return None
        span = fuzz_range((new_state.due - now).days, self.maximum_interval)
        return frozenset(self._candidates(now, span).values()) if span is not None else None

    def simulate(self, state: CardState, rating: Rating | int, now: datetime) -> CardState:
        """FSRS's new state after grading ``state`` at ``now``, unfuzzed and with no due rule
        (what planning looks ahead with); ``state`` itself is left as it was."""
        new_state, _log = self._fsrs.review_card(state, _rating(rating), review_datetime=now)
        return new_state

    def days_until_recall(self, state: CardState, recall: float) -> float:
        """Days after its last review until the predicted recall of ``state`` falls to ``recall``
        (FSRS's forgetting curve solved for time: the interval it gives at that retention)."""
        decay = -self.parameters[20]
        factor = 0.9 ** (1 / decay) - 1
        return float(state.stability or 0.0) / factor * (recall ** (1 / decay) - 1)

    def preview(self, state: CardState, now: datetime, fuzz_seed: str | None = None,
                due_load: DueLoad | None = None) -> dict[Rating, timedelta]:
        """The interval each grade would give, shown on the grade buttons before answering.

        Pass the ``fuzz_seed`` the real review will use, so the buttons tell the truth.
        """
        out = {}
        for rating in Rating:
            _state, due = self.review(state, rating, now, fuzz_seed=fuzz_seed, due_load=due_load)
            out[rating] = due - now
        return out

    def retrievability(self, state: CardState, now: datetime) -> float:
        """Predicted probability of recall at ``now`` (0 for a card never reviewed)."""
        if state.last_review is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(state, current_datetime=now))

    def forgetting_curve(self) -> tuple[float, float]:
        """``(factor, decay)`` of this scheduler's forgetting curve: a card of stability ``S``
        last reviewed ``t`` whole days ago is recalled with probability ``(1 + factor·t/S)^decay``
        (py-fsrs's own formula; the store computes mastery with it in SQL)."""
        return float(self._fsrs._FACTOR), float(self._fsrs._DECAY)

    def retrievability_from(self, stability: float | None, last_review: datetime | str | None,
                            now: datetime) -> float:
        """:meth:`retrievability` from the two fields it depends on (no full state needed)."""
        if stability is None or last_review is None:
            return 0.0
        if isinstance(last_review, str):
            last_review = datetime.fromisoformat(last_review)
        card = fsrs.Card(card_id=0, state=State.Review, stability=stability, last_review=last_review, due=now)
        return float(self._fsrs.get_card_retrievability(card, current_datetime=now))


def _fuzz_draw(seed: str | None) -> Callable[[], float]:
    """The fuzz draw of one grade: the first number of a generator seeded by ``seed``, made
    once and given to each grade below it that is fuzzed too (each used to seed a generator
    of its own and take the same first number: a tenth of a replay's time), or, without a
    seed, a fresh number from the global generator at each call, as before."""
    if seed is None:
        return random.random
    drawn: list[float] = []

    def draw() -> float:
        if not drawn:
            drawn.append(random.Random(seed).random())
        return drawn[0]

    return draw


def parameter_bounds() -> tuple[list[float] | None, list[float] | None]:
    """The lowest and highest value py-fsrs accepts for each parameter (``None`` if unpublished)."""
    module = sys.modules[fsrs.Scheduler.__module__]
    return (getattr(module, "LOWER_BOUNDS_PARAMETERS", None), getattr(module, "UPPER_BOUNDS_PARAMETERS", None))


def fuzzed_interval(interval: timedelta, draw: Callable[[], float], maximum_days: int) -> timedelta:
    """An interval of a review-state card spread by py-fsrs's fuzz; ``draw()`` gives a number
    in [0, 1), called once, and only for an interval that is fuzzed (as py-fsrs does).

    The same computation as py-fsrs's own fuzz, from the bands it publishes
    (``fsrs.scheduler.FUZZ_RANGES``): intervals under 2.5 days are left alone, longer ones
    move by up to 15%, 10% and 5% of the parts of the interval in each band. Doing it here
    lets a seeded ``random.Random`` make the draw (a test checks it against py-fsrs's result).
    """
    span = fuzz_range(interval.days, maximum_days)
    if span is None:
        return interval
    low, high = span
    return timedelta(days=min(round(draw() * (high - low + 1) + low), maximum_days))


@lru_cache(maxsize=4096)
def fuzz_range(days: int, maximum_days: int) -> tuple[int, int] | None:
    """The first and last day py-fsrs's fuzz may move an interval of ``days`` to (``None``
    under 2.5 days, which are not fuzzed). Cached: a replay asks it for each fuzzed grade,
    and the intervals repeat."""
    if days < 2.5:
        return None
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(days), band["end"]) - band["start"], 0.0)
    low, high = max(2, round(days - delta)), min(round(days + delta), maximum_days)
    return min(low, high), high


# json.dumps with these separators, without building an encoder per call (the states
# orjson would write differently, below).
_encode_state = json.JSONEncoder(separators=(",", ":")).encode


def _orjson_writes_as_json() -> bool:
    """Whether orjson writes this py-fsrs's ``Card`` (a dataclass) as ``json`` writes its
    ``to_dict()``: the fields in that order, the state by value, the times by ``isoformat``."""
    moment = datetime(2026, 1, 2, 3, 4, 5, 67, tzinfo=timezone.utc)
    card = fsrs.Card(card_id=0, state=State.Review, step=None, stability=1.5, difficulty=5.25, due=moment,
                     last_review=moment)
    return orjson.dumps(card).decode() == _encode_state(card.to_dict())


_ORJSON = _orjson_writes_as_json()


def _written_alike(number) -> bool:
    """Whether orjson writes ``number`` as ``json`` does (``repr``): both write the shortest
    digits, but an exponent differently (1e-07: orjson 1e-7) and NaN or infinity as null."""
    return number is None or type(number) is int or (type(number) is float and (1e-4 <= abs(number) < 1e16
                                                                                 or number == 0.0))


def dump_state(state: CardState) -> str:
    """The state as the text ``json.dumps(state.to_dict(), separators=(",", ":"))`` gives.
    Written on each grade, reschedule and Anki import (a replay stores states as columns since schema
    13, store.states): orjson writes the usual one, some four times faster than ``json``."""
    if _ORJSON and type(state) is fsrs.Card and _written_alike(state.stability) and _written_alike(state.difficulty):
        try:
            return orjson.dumps(state).decode()
        except orjson.JSONEncodeError:  # a card id past 64 bits
            pass
    return _encode_state(state.to_dict())


def load_state(text: str) -> CardState:
    return fsrs.Card.from_dict(json.loads(text))


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: ``<1m``, ``10m``, ``3h``, ``4d``, ``2.1mo``, ``1.3y``."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
