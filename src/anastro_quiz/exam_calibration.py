"""How well the learner remembers against FSRS's predictions, so an exam plan predicts honestly.

FSRS's parameters describe an average learner; a learner who forgets faster than they say
reaches the exam with fewer cards at the target than a plan made on them predicts (the
benchmark's held-out learner: FSRS predicted every card at 0.9 or above, 83% were). So a
plan is made on the learner's own record: each card's review history is replayed with its
deck's scheduler, and at every review a day or more after the previous one FSRS's
predicted recall is set against what happened. :func:`calibrate` finds the one factor on
FSRS's stability (memories last ``scale`` times as long as FSRS says) that predicts those
outcomes best (maximum likelihood over a grid from 0.5 to 1); the plan counts a card's recall on the
exam day, and when its reviews fall due, with that stability. Too little history
(:data:`MIN_REVIEWS`) leaves FSRS as it is (``scale`` 1).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .clock import study_day
from .scheduler import Scheduler, State

if TYPE_CHECKING:
    from .collection import Collection

MIN_REVIEWS = 50  # spaced reviews needed before the learner's record outweighs FSRS's average
# 0.5 to 1, 5% apart: a plan never counts on memories lasting longer than FSRS says (an exam is
# no place to bet on a good record), nor on their lasting under half of it (an early record of
# young cards says little of the mature ones: the held-out learner's fits 0.2, its mature cards last longer).
SCALES = tuple(sorted({round(max(0.5, 0.95 ** i), 4) for i in range(15)}))


@dataclass(frozen=True)
class Calibration:
    """FSRS's predictions against the learner's record: ``scale`` multiplies FSRS's stability."""

    scale: float = 1.0
    reviews: int = 0  # spaced reviews (a day or more after the previous one) it was fitted on
    predicted: float | None = None  # mean recall FSRS predicted at them
    recalled: float | None = None  # share the learner recalled

    @property
    def fitted(self) -> bool:
        return self.reviews >= MIN_REVIEWS

    @property
    def gap(self) -> float:
        """How much less often the learner recalled than FSRS predicted (0 unless fitted)."""
        return round(self.predicted - self.recalled, 4) if self.fitted and self.predicted is not None else 0.0

    def describe(self) -> str | None:
        """The record in one line, as ``plan`` and Progress show it (``None`` when too short)."""
        if not self.fitted or self.predicted is None or self.recalled is None:
            return None
        return (f"your record: recalled {self.recalled:.0%} where FSRS predicted {self.predicted:.0%} "
                f"({self.reviews} spaced reviews); the plan counts memories lasting {self.scale:.0%} of FSRS's stability")

    def to_dict(self) -> dict[str, float | int | None]:
        return {"scale": self.scale, "reviews": self.reviews,
                "predicted": None if self.predicted is None else round(self.predicted, 4),
                "recalled": None if self.recalled is None else round(self.recalled, 4)}


def _spaced_outcomes(collection: "Collection", decks: Iterable[str]) -> list[tuple[float, int, bool, Scheduler]]:
    """``(FSRS stability, whole days since the last review, recalled, scheduler)`` of every
    review a study day or more after the card's previous one, replayed from the log."""
    decks = list(decks)
    history = defaultdict(list)
    for review in collection.store.review_log(decks, mode="review"):
        history[review.card_key].append(review)
    schedulers = {deck: Scheduler.from_settings(collection.scheduler_settings(deck)) for deck in decks}
    out = []
    for (deck, _card), reviews in history.items():
        scheduler = schedulers[deck]
        state = scheduler.new_state(reviews[0].time)
        for review in reviews:
            last = state.last_review
            if (last is not None and state.state == State.Review and state.stability
                    and study_day(review.time) > study_day(last)):
                out.append((float(state.stability), max(0, (review.time - last).days), review.rating > 1, scheduler))
            state = scheduler.simulate(state, review.rating, review.time)
    return out


def calibrate(collection: "Collection", decks: Iterable[str]) -> Calibration:
    """The stability factor that best predicts the learner's spaced reviews in ``decks``."""
    outcomes = _spaced_outcomes(collection, decks)
    if not outcomes:
        return Calibration()
    curves = {id(s): s.forgetting_curve() for *_rest, s in outcomes}

    def recall(stability: float, days: int, scheduler: Scheduler, scale: float) -> float:
        factor, decay = curves[id(scheduler)]
        return (1 + factor * days / (stability * scale)) ** decay

    predicted = sum(recall(s, t, sch, 1.0) for s, t, _y, sch in outcomes) / len(outcomes)
    recalled = sum(y for _s, _t, y, _sch in outcomes) / len(outcomes)
    if len(outcomes) < MIN_REVIEWS:
        return Calibration(1.0, len(outcomes), predicted, recalled)

    def log_likelihood(scale: float) -> float:
        total = 0.0
        for stability, days, recalled_it, scheduler in outcomes:
            p = min(max(recall(stability, days, scheduler, scale), 1e-6), 1 - 1e-6)
            total += math.log(p if recalled_it else 1 - p)
        return total

    best = max(SCALES, key=log_likelihood)
    return Calibration(best, len(outcomes), predicted, recalled)
