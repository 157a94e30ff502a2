"""The FSRS simulator and optimal retention, through ``fsrs-rs-python`` (the optimizer extra).

:func:`simulate` plays a collection the size of the decks in use, studied under their
daily limits, for ``days`` days at a desired retention, with the scheduler's parameters
(fsrs-rs's simulator: every card starts new, graded with fsrs-rs's default grade
probabilities and costs). It returns the workload (reviews, new cards and minutes per day)
and the knowledge (cards memorised: the sum of predicted recall) per day, and the
retention fsrs-rs finds optimal: the one that minimises study time per memorised card.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def simulate(cards: int, days: int, retention: float, parameters: Sequence[float], new_per_day: int,
             reviews_per_day: int, maximum_interval: int, seed: int = 42) -> Simulation:
    """Workload and knowledge over ``days`` days (module docstring); ``SimulationError`` for a
    retention outside 0.70-0.99, a length under a day or no cards, ``OptimizerUnavailable``
    (with how to install it) without ``fsrs-rs-python``."""
    if not 0.7 <= retention <= 0.99:
        raise SimulationError(f"the desired retention must be between 0.70 and 0.99 (got {retention:g})")
    if days < 1:
        raise SimulationError("simulate at least one day")
    if cards < 1:
        raise SimulationError("there are no cards to simulate in the decks in use")
    fsrs_rs = backend()
    config = fsrs_rs.default_simulator_config()
    config.deck_size, config.learn_span = int(cards), int(days)
    config.learn_limit, config.review_limit = int(new_per_day), int(reviews_per_day)
    config.max_ivl = float(maximum_interval)
    weights = list(parameters)
    result = fsrs_rs.simulate(weights, float(retention), config, seed=seed)
    optimal = fsrs_rs.optimal_retention(config, weights)
    return Simulation(days, retention, cards, list(result.review_cnt_per_day), list(result.learn_cnt_per_day),
                      [c / 60 for c in result.cost_per_day], list(result.memorized_cnt_per_day), float(optimal))


def simulate_collection(collection, days: int, retention: float | None = None) -> Simulation:
    """:func:`simulate` for the decks of ``collection``: their unsuspended cards, the global
    daily limits, the scheduler's parameters and (unless given) its desired retention."""
    from ..scheduler import Scheduler

    settings, limits = collection.scheduler_settings(), collection.limits()
    cards = collection.store.cards_by_state(list(collection.decks))
    return simulate(cards["total"] - cards["suspended"], days,
                    settings.desired_retention if retention is None else retention,
                    Scheduler.from_settings(settings).parameters, limits.new_per_day, limits.reviews_per_day,
                    settings.maximum_interval_days)
