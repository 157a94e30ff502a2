"""Fit the 21 FSRS parameters to a learner's own review history.

The optimizer is ``fsrs-rs-python`` (Rust bindings of the reference FSRS optimizer,
the one Anki uses): a ~0.6 MB wheel with no dependencies, where ``fsrs[optimizer]``
would pull in PyTorch (hundreds of MB). It is the optional extra ``optimizer``::

    pip install "anastro-quiz[optimizer]"

How a history becomes training data (the fsrs-rs convention): reviews are grouped by
card and put in time order; time is counted in study days (a day starts at the hour set,
04:00 local time by default, as elsewhere in this tool). Each review that comes on a later
day than the card's previous review is one *item*: the card's history up to it, and whether it was
recalled. Items are ordered by time and the chronologically last part (20% by default)
is held out: parameters are fitted on the earlier items only, and the default and the
fitted parameters are both scored on the held-out items by log loss and RMSE(bins)
(the binned calibration error of the FSRS benchmark). Too little history is an error,
never a silent fallback to the defaults.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Sequence

from ..clock import study_day
from . import InteropError
from ..store import LoggedReview
from ..numbers import noun, plural

#: How to install the optimizer extra, as an installed package and from a clone (the README's Quick start).
INSTALL_COMMANDS = 'pip install "anastro-quiz[optimizer]" (from a clone of the repository: pip install ".[optimizer]")'
INSTALL_HINT = ('fitting FSRS parameters and simulating need the optional optimizer (fsrs-rs-python, no PyTorch '
                f'needed); enable it with:  {INSTALL_COMMANDS}')
HELD_OUT_FRACTION = 0.2
MIN_TRAIN_ITEMS = 400
MIN_HELD_OUT_ITEMS = 100
PARAMETER_DIGITS = 6


class OptimizerUnavailable(InteropError):
    """The optional optimizer package is not installed."""


class NotEnoughHistory(InteropError):
    """Too few reviews to fit parameters meaningfully."""


@dataclass
class Score:
    log_loss: float
    rmse_bins: float

    def to_dict(self) -> dict[str, float]:
        return {"log_loss": self.log_loss, "rmse_bins": self.rmse_bins}


@dataclass
class OptimizeResult:
    default: Score
    fitted: Score
    parameters: list[float]
    reviews: int
    items: int
    train: int
    held_out: int
    held_out_from: datetime
    current: Score | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def improves(self) -> bool:
        return self.fitted.log_loss < self.default.log_loss

    @property
    def in_use(self) -> Score:
        """The score of the parameters in use: the current ones if given, else the defaults."""
        return self.current if self.current is not None else self.default

    def score_lines(self) -> list[str]:
        """What was fitted on what, then log loss and RMSE(bins) of each set of parameters on
        the held-out reviews (``optimize`` prints them; Settings shows them)."""
        lines = [f"history: {plural(self.reviews, 'review')}, {plural(self.items, 'usable item')} "
                 "(reviews on a later day than the card's previous one)",
                 f"fitted on {self.train}; held out the last {self.held_out} "
                 f"(from {self.held_out_from:%Y-%m-%d}) to score:",
                 f"  {'parameters':<12} {'log loss':>9} {'RMSE(bins)':>11}"]
        rows = [("default", self.default)] + ([("current", self.current)] if self.current is not None else [])
        for name, s in rows + [("fitted", self.fitted)]:
            lines.append(f"  {name:<12} {s.log_loss:>9.4f} {s.rmse_bins:>10.2%}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "default": self.default.to_dict(),
            "fitted": self.fitted.to_dict(),
            "parameters": list(self.parameters),
            "reviews": self.reviews,
            "held_out": self.held_out,
            "train": self.train,
            "items": self.items,
            "held_out_from": self.held_out_from.isoformat(),
        }
        if self.current is not None:
            out["current"] = self.current.to_dict()
        out.update(self.extra)
        return out


def backend():
    """The ``fsrs_rs_python`` module, or :class:`OptimizerUnavailable` with how to install it."""
    try:
        import fsrs_rs_python
    except ImportError:
        raise OptimizerUnavailable(INSTALL_HINT) from None
    return fsrs_rs_python


def available() -> bool:
    try:
        backend()
    except OptimizerUnavailable:
        return False
    return True


def history_from_store(store, decks: Iterable[str] | None = None) -> list[LoggedReview]:
    """The learner's scheduling history: non-undone reviews of mode ``review``, in time order
    (of ``decks`` only, if given)."""
    return list(store.review_log(decks, mode="review"))


def build_items(reviews: Iterable[LoggedReview]) -> list[tuple[datetime, Any]]:
    """``(time, FSRSItem)`` for every review that follows the card's previous one on a later day."""
    fsrs_rs = backend()
    by_card: dict[tuple[str, str], list[LoggedReview]] = defaultdict(list)
    for review in reviews:
        if review.mode == "review":
            by_card[review.card_key].append(review)
    items: list[tuple[datetime, Any]] = []
    for history in by_card.values():
        history.sort(key=lambda r: (r.time, r.review_id))
        steps = []
        last_day = None
        for review in history:
            day = study_day(review.time)
            delta = 0 if last_day is None else (day - last_day).days
            steps.append(fsrs_rs.FSRSReview(int(review.rating), int(delta)))
            if last_day is not None and delta > 0:
                item = fsrs_rs.FSRSItem(list(steps))
                if item.long_term_review_cnt() > 0:
                    items.append((review.time, item))
            last_day = day
    items.sort(key=lambda pair: pair[0])
    return items


def default_parameters() -> list[float]:
    from ..scheduler import Scheduler

    return list(Scheduler().parameters)


def usable_parameters(parameters: Sequence[float]) -> list[float]:
    """Round, and keep within the ranges the scheduler accepts (it refuses others)."""
    from ..scheduler import Scheduler, parameter_bounds

    params = [round(float(p), PARAMETER_DIGITS) for p in parameters]
    try:
        Scheduler(parameters=params)
        return params
    except ValueError:
        lower, upper = parameter_bounds()
        if not lower or not upper or len(lower) != len(params):
            raise InteropError("the optimizer returned parameters this scheduler cannot use") from None
        params = [min(max(p, lo), hi) for p, lo, hi in zip(params, lower, upper)]
        Scheduler(parameters=params)
        return params


def score(parameters: Sequence[float], items: Sequence[Any]) -> Score:
    fsrs_rs = backend()
    result = fsrs_rs.FSRS(list(parameters)).evaluate(list(items))
    return Score(float(result.log_loss), float(result.rmse_bins))


def fit(reviews: Sequence[LoggedReview], *, held_out_fraction: float = HELD_OUT_FRACTION,
        current: Sequence[float] | None = None, min_train: int = MIN_TRAIN_ITEMS,
        min_held_out: int = MIN_HELD_OUT_ITEMS,
        progress: Callable[[int, int, str], None] | None = None) -> OptimizeResult:
    """Fit on the earlier items, score default and fitted parameters on the held-out later ones.

    ``progress(done, total, stage)`` is called before each stage (building the training
    items, fitting, scoring) and once at the end: the fit itself is one step (the optimizer
    reports nothing while it runs)."""

    def step(done: int, stage: str) -> None:
        if progress is not None:
            progress(done, 3, stage)

    if not 0 < held_out_fraction < 1:
        raise InteropError("the held-out fraction must be between 0 and 1")
    fsrs_rs = backend()
    usable = [r for r in reviews if r.mode == "review"]
    step(0, f"building items from {plural(len(usable), 'review')}")
    items = build_items(usable)
    n = len(items)
    held = max(min_held_out, math.ceil(n * held_out_fraction))
    if n - held < min_train:
        raise NotEnoughHistory(
            f"too little review history to fit the scheduler: {plural(len(usable), 'review')} {noun(len(usable), 'gives', 'give')} {n} usable "
            f"{noun(n, 'item')} (a review on a later day than the card's previous one); fitting needs at least "
            f"{min_train + min_held_out} (about {min_train} to fit on and {min_held_out} held out to check "
            "the fit). Keep studying and try again later; the default parameters stay in use."
        )
    cutoff = items[n - held][0]
    train = [item for t, item in items if t < cutoff]
    test = [item for t, item in items if t >= cutoff]
    if len(train) < min_train:
        raise NotEnoughHistory("too little review history before the held-out part to fit the scheduler")
    defaults = default_parameters()
    step(1, f"fitting to {plural(len(train), 'item')}")
    fitted_raw = fsrs_rs.FSRS(defaults).compute_parameters(train)
    fitted = usable_parameters(fitted_raw)
    step(2, f"scoring on {plural(len(test), 'held-out item')}")
    result = OptimizeResult(
        default=score(defaults, test),
        fitted=score(fitted, test),
        parameters=fitted,
        reviews=len(usable),
        items=n,
        train=len(train),
        held_out=len(test),
        held_out_from=cutoff,
    )
    if current is not None and [round(c, PARAMETER_DIGITS) for c in current] != [round(d, PARAMETER_DIGITS)
                                                                                 for d in defaults]:
        result.current = score(list(current), test)
    step(3, "")
    return result
