"""A thin facade over the ``fsrs`` package: the only place that knows its API.

States are ``fsrs.Card`` objects; they serialize to JSON for the store with
:func:`dump_state` / :func:`load_state`.
"""

from __future__ import annotations

import json
import random
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator, Sequence

import fsrs
from fsrs import Rating, State

__all__ = ["Rating", "State", "Scheduler", "SchedulerSettings", "dump_state", "load_state"]

CardState = fsrs.Card


@dataclass
class SchedulerSettings:
    """Everything a learner can tune about scheduling (stored per deck or globally)."""

    desired_retention: float = 0.9
    learning_steps_minutes: list[float] = field(default_factory=lambda: [1.0, 10.0])
    relearning_steps_minutes: list[float] = field(default_factory=lambda: [10.0])
    maximum_interval_days: int = 36500
    enable_fuzzing: bool = True
    parameters: list[float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "desired_retention": self.desired_retention,
            "learning_steps_minutes": list(self.learning_steps_minutes),
            "relearning_steps_minutes": list(self.relearning_steps_minutes),
            "maximum_interval_days": self.maximum_interval_days,
            "enable_fuzzing": self.enable_fuzzing,
            "parameters": self.parameters,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SchedulerSettings":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        settings = cls(**known)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ``ValueError`` with a readable message for out-of-range settings."""
        if not 0.7 <= float(self.desired_retention) <= 0.99:
            raise ValueError("desired retention must be between 0.70 and 0.99")
        if int(self.maximum_interval_days) < 1:
            raise ValueError("maximum interval must be at least 1 day")
        for name in ("learning_steps_minutes", "relearning_steps_minutes"):
            steps = getattr(self, name)
            if any(float(s) <= 0 for s in steps):
                raise ValueError(f"{name.replace('_', ' ')} must be positive")


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
    ):
        kwargs: dict[str, Any] = dict(
            desired_retention=desired_retention,
            learning_steps=tuple(learning_steps),
            relearning_steps=tuple(relearning_steps),
            maximum_interval=maximum_interval,
            enable_fuzzing=enable_fuzzing,
        )
        if parameters is not None:
            kwargs["parameters"] = tuple(parameters)
        self._fsrs = fsrs.Scheduler(**kwargs)
        self.desired_retention = desired_retention

    @classmethod
    def from_settings(cls, settings: SchedulerSettings) -> "Scheduler":
        return cls(
            desired_retention=settings.desired_retention,
            learning_steps=[timedelta(minutes=m) for m in settings.learning_steps_minutes],
            relearning_steps=[timedelta(minutes=m) for m in settings.relearning_steps_minutes],
            maximum_interval=settings.maximum_interval_days,
            enable_fuzzing=settings.enable_fuzzing,
            parameters=settings.parameters,
        )

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._fsrs.parameters)

    def new_state(self, now: datetime | None = None) -> CardState:
        """A never-reviewed card, due now."""
        # card_id given explicitly: fsrs otherwise sleeps 1 ms per card to make ids unique.
        return fsrs.Card(card_id=0, due=now or datetime.now(timezone.utc))

    def review(self, state: CardState, rating: Rating | int, now: datetime,
               fuzz_seed: str | None = None) -> tuple[CardState, datetime]:
        """Grade ``state`` at ``now``; return the new state and when it is next due.

        ``fuzz_seed`` makes the interval fuzz reproducible (used when replaying a merged
        review log, so two machines rebuild the same schedule).
        """
        if fuzz_seed is None:
            new_state, _log = self._fsrs.review_card(state, Rating(int(rating)), review_datetime=now)
        else:
            with _seeded_fuzz(fuzz_seed):
                new_state, _log = self._fsrs.review_card(state, Rating(int(rating)), review_datetime=now)
        return new_state, new_state.due

    def preview(self, state: CardState, now: datetime, fuzz_seed: str | None = None) -> dict[Rating, timedelta]:
        """The interval each grade would give, shown on the grade buttons before answering.

        Pass the ``fuzz_seed`` the real review will use, so the buttons tell the truth.
        """
        out = {}
        for rating in Rating:
            _state, due = self.review(state, rating, now, fuzz_seed=fuzz_seed)
            out[rating] = due - now
        return out

    def retrievability(self, state: CardState, now: datetime) -> float:
        """Predicted probability of recall at ``now`` (0 for a card never reviewed)."""
        if state.last_review is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(state, current_datetime=now))

    def retrievability_from(self, stability: float | None, last_review: datetime | str | None,
                            now: datetime) -> float:
        """:meth:`retrievability` from the two fields it depends on (no full state needed)."""
        if stability is None or last_review is None:
            return 0.0
        if isinstance(last_review, str):
            last_review = datetime.fromisoformat(last_review)
        card = fsrs.Card(card_id=0, state=State.Review, stability=stability, last_review=last_review, due=now)
        return float(self._fsrs.get_card_retrievability(card, current_datetime=now))


_FUZZ_LOCK = threading.Lock()


@contextmanager
def _seeded_fuzz(seed: str) -> Iterator[None]:
    # py-fsrs draws its fuzz from ``random.random`` imported into ``fsrs.scheduler`` and
    # offers no seed; bind that name to a seeded generator for the duration of one review.
    import fsrs.scheduler as fsrs_scheduler

    rng = random.Random(seed)
    with _FUZZ_LOCK:
        saved = fsrs_scheduler.random
        fsrs_scheduler.random = rng.random
        try:
            yield
        finally:
            fsrs_scheduler.random = saved


def dump_state(state: CardState) -> str:
    return json.dumps(state.to_dict(), separators=(",", ":"))


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
