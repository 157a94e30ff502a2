"""A scheduler that fits itself: the FSRS parameters refitted to the learner's own reviews.

Once the log holds :data:`FIRST_AT` reviews (drill left out), and then after every further
:data:`EVERY` reviews or :data:`WEEK` (whichever comes first, and only with new reviews),
the parameters are fitted again with the optimizer extra (``interop.optimize.fit``: fitted
on the earlier reviews, the latest 20% held out) and adopted only when they predict the
held-out reviews better than the parameters in use (lower log loss). Each attempt leaves a
:class:`FitRecord` in the settings, which Progress shows in one line. Without the
optimizer nothing is attempted (Progress says how to install it). The decision is
:func:`refit`, the same function ``benchmarks/bench_scheduling.py`` measures.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Sequence

from .clock import iso, utcnow

if TYPE_CHECKING:
    from .collection import Collection
    from .interop.optimize import OptimizeResult
    from .store import Store

FIRST_AT = 500
EVERY = 500
WEEK = timedelta(days=7)
KEY = "autofit"


@dataclass(frozen=True)
class FitRecord:
    """The last refit: when, on how many reviews, and whether its parameters were adopted."""

    at: str
    reviews: int  # reviews in the log (drill left out) when it ran
    adopted: bool
    held_out: int = 0  # held-out reviews (items) the two were compared on
    log_loss_before: float | None = None  # the parameters in use, on the held-out reviews
    log_loss_after: float | None = None  # the fitted ones
    note: str = ""  # why nothing was fitted (too little history, the optimizer failed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "FitRecord":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def line(self) -> str:
        """What Progress says about it."""
        day = self.at[:10]
        if self.note:
            return f"Scheduler fit on {day} ({self.reviews} reviews): {self.note}"
        verdict = ("adopted: they predict your recent reviews better" if self.adopted
                   else "kept the parameters in use: the fit did not predict your recent reviews better")
        return (f"Scheduler refitted to your reviews on {day} ({self.reviews} reviews; held-out log loss "
                f"{self.log_loss_before:.4f} in use, {self.log_loss_after:.4f} fitted): {verdict}")


def progress_line(collection: "Collection | Store") -> str:
    """Progress's line about the scheduler fitting itself (reads the database); ``stats`` prints it too."""
    from .interop.optimize import INSTALL_COMMANDS, available

    store = _store(collection)
    record = last_fit(store)
    if record is not None:
        return record.line()
    if not available():
        return f"The scheduler fits itself to your reviews from {FIRST_AT} on with the optimizer extra: {INSTALL_COMMANDS}"
    return f"The scheduler fits itself to your reviews from {FIRST_AT} on ({store.counted_reviews()} so far)."


def _store(where: "Collection | Store") -> "Store":
    """The store of a collection, or the store itself (the CLI's commands open only a store)."""
    return getattr(where, "store", where)


def due(record: FitRecord | None, reviews: int, now: datetime) -> bool:
    """Whether a refit is due with ``reviews`` in the log at ``now`` (module docstring)."""
    if reviews < FIRST_AT:
        return False
    if record is None:
        return True
    return reviews - record.reviews >= EVERY or (
        reviews > record.reviews and now - datetime.fromisoformat(record.at) >= WEEK)


def refit(reviews: Sequence[Any], current: Sequence[float] | None) -> tuple[bool, "OptimizeResult"]:
    """Fit on ``reviews`` (``LoggedReview``, time order) and decide: ``(adopt, result)``, adopt
    when the fitted parameters' held-out log loss is below that of ``current`` (``None``: the
    FSRS defaults). Raises ``NotEnoughHistory`` / ``OptimizerUnavailable`` as ``fit`` does."""
    from .interop.optimize import fit

    result = fit(reviews, current=current)
    return result.fitted.log_loss < result.in_use.log_loss, result


def last_fit(collection: "Collection | Store") -> FitRecord | None:
    data = _store(collection).get_setting(KEY)
    try:
        return FitRecord.from_dict(data) if data else None
    except TypeError:
        return None


@dataclass
class PendingFit:
    """A refit that is due: what it reads from the database, then what it found."""

    at: str
    reviews: int
    history: list
    parameters: list[float] | None  # the global parameters in use (None: FSRS's defaults)
    record: FitRecord | None = None
    adopt: list[float] | None = None  # the parameters to adopt


def pending_fit(collection: "Collection | Store", now: datetime | None = None) -> PendingFit | None:
    """A refit, if one is due and the optimizer is installed (reads the database). ``now``
    defaults to the collection's clock (a store alone: the real time)."""
    from .interop.optimize import available, history_from_store
    from .settings import StudySettings

    store = _store(collection)
    now = now or (collection.now() if hasattr(collection, "now") else utcnow())
    count = store.counted_reviews()
    if not available() or not due(last_fit(store), count, now):
        return None
    return PendingFit(iso(now), count, history_from_store(store), StudySettings(store).scheduler().parameters)


def run_fit(pending: PendingFit) -> PendingFit:
    """Fit and decide (no database: the app runs it outside the database lock)."""
    from .interop import InteropError
    from .interop.optimize import NotEnoughHistory

    try:
        adopt, result = refit(pending.history, pending.parameters)
    except NotEnoughHistory:
        pending.record = FitRecord(pending.at, pending.reviews, False,
                                   note="too little spaced history to fit yet; trying again later")
    except InteropError as exc:
        pending.record = FitRecord(pending.at, pending.reviews, False, note=f"the optimizer failed ({exc})")
    else:
        pending.record = FitRecord(pending.at, pending.reviews, adopt, result.held_out,
                                   round(result.in_use.log_loss, 4), round(result.fitted.log_loss, 4))
        pending.adopt = list(result.parameters) if adopt else None
    return pending


def save_fit(collection: "Collection | Store", pending: PendingFit) -> FitRecord:
    """Adopt the fitted parameters if they won (globally, from the next review on) and record
    the attempt (writes the database)."""
    from .settings import StudySettings

    assert pending.record is not None
    if pending.adopt is not None:
        if hasattr(collection, "save_scheduler_settings"):  # a collection also drops its cached schedulers
            settings = collection.scheduler_settings()
            settings.parameters = pending.adopt
            collection.save_scheduler_settings(settings)
        else:
            StudySettings(collection).save_parameters(pending.adopt)
    _store(collection).set_setting(KEY, pending.record.to_dict())
    return pending.record


def run_autofit(collection: "Collection | Store", now: datetime | None = None) -> FitRecord | None:
    """:func:`pending_fit`, :func:`run_fit`, :func:`save_fit` in one go; ``None`` when
    nothing was due."""
    pending = pending_fit(collection, now)
    return save_fit(collection, run_fit(pending)) if pending is not None else None
