"""What a learner tunes about scheduling (:class:`SchedulerSettings`) and the check of fitted
FSRS parameters: apart from :mod:`.scheduler`, the facade over ``fsrs``, so that reading the
settings (as every launch does for Home's counts) does not import the fsrs package."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

from .numbers import noun


@dataclass
class SchedulerSettings:
    """Everything a learner can tune about scheduling (stored per deck or globally)."""

    desired_retention: float = 0.9
    learning_steps_minutes: list[float] = field(default_factory=lambda: [1.0, 10.0])
    relearning_steps_minutes: list[float] = field(default_factory=lambda: [10.0])
    maximum_interval_days: int = 36500
    enable_fuzzing: bool = True
    parameters: list[float] | None = None
    # Within the fuzz range, pick the study day with the fewest cards due (see Scheduler._place);
    # on by default: it evens the daily load (benchmarks/bench_load_balance.py).
    load_balance: bool = True
    # Days of the week (0 Monday .. 6 Sunday) kept light: reviews move off them within the fuzz range.
    easy_days: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "desired_retention": self.desired_retention,
            "learning_steps_minutes": list(self.learning_steps_minutes),
            "relearning_steps_minutes": list(self.relearning_steps_minutes),
            "maximum_interval_days": self.maximum_interval_days,
            "enable_fuzzing": self.enable_fuzzing,
            "parameters": self.parameters,
            "load_balance": self.load_balance,
            "easy_days": list(self.easy_days),
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
        if self.parameters is not None:
            check_parameters(self.parameters)
        if any(not isinstance(d, int) or not 0 <= d <= 6 for d in self.easy_days):
            raise ValueError("easy days must be days of the week, 0 (Monday) to 6 (Sunday)")
        if len(set(self.easy_days)) == 7:
            raise ValueError("at least one day of the week must not be an easy day")


PARAMETER_COUNT = 21


def check_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """The FSRS weights as floats; ``ValueError`` (readable) unless exactly 21 finite numbers
    that the fsrs package itself accepts (its bounds check)."""
    values = tuple(float(p) for p in parameters)
    if len(values) != PARAMETER_COUNT:
        raise ValueError(f"FSRS parameters must be exactly {PARAMETER_COUNT} numbers (got {len(values)})")
    bad = [i + 1 for i, v in enumerate(values) if not math.isfinite(v)]
    if bad:
        raise ValueError(f"FSRS {noun(len(bad), 'parameter')} {', '.join(map(str, bad))} {noun(len(bad), 'is not a finite number', 'are not finite numbers')}")
    import fsrs  # its own bounds check; only when parameters are set

    try:
        fsrs.Scheduler(parameters=values)
    except ValueError as exc:
        raise ValueError(f"the fsrs package rejects these parameters: {' '.join(str(exc).split())}") from None
    return values
