"""The study settings a database holds, typed: scheduling, daily limits, the curation hold,
the hour study days start at, the exam plan.

Each setting applies to every deck (global) or to one deck, whose saved values override
the global ones field by field (that merge is :meth:`Store.deck_setting`, its one home).
Every value is checked before it is saved; a bad one raises ``ValueError`` with a
message for the user, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .clock import DAY_STARTS_AT_HOUR, check_day_start_hour, set_day_start_hour
from .scheduler_settings import PARAMETER_COUNT, SchedulerSettings, check_parameters
from .siblings import SiblingRules

if TYPE_CHECKING:
    from .exam_plan import ExamPlan
    from .store import Store

PLAN_KEY = "exam_plan"  # the settings key the exam plan is stored under (global scope)


@dataclass
class DailyLimits:
    new_per_day: int = 20
    reviews_per_day: int = 200

    def to_dict(self) -> dict[str, int]:
        return {"new_per_day": self.new_per_day, "reviews_per_day": self.reviews_per_day}

    @classmethod
    def from_dict(cls, data: dict) -> "DailyLimits":
        return cls(**{k: int(v) for k, v in data.items() if k in cls.__dataclass_fields__})

    def room_today(self, done_new: int, done_reviews: int) -> tuple[int, int]:
        """New cards and reviews still allowed today, after ``done_new`` and ``done_reviews``
        (the one place the daily caps are applied: the deck list and the session queue)."""
        return max(0, self.new_per_day - done_new), max(0, self.reviews_per_day - done_reviews)

    def validate(self) -> None:
        """Raise ``ValueError`` (a readable message) unless both limits are usable."""
        if self.new_per_day < 0 or self.reviews_per_day < 0:
            raise ValueError("daily limits cannot be negative")


def parse_parameters(text: str) -> list[float]:
    """21 FSRS parameters from text, separated by commas and/or spaces (e.g. pasted from Anki
    or ``optimize``); ``ValueError`` with a readable message otherwise."""
    words = [w for w in text.replace(",", " ").split() if w]
    if not words:
        raise ValueError(f"enter {PARAMETER_COUNT} numbers separated by commas or spaces")
    values = []
    for i, word in enumerate(words, 1):
        try:
            values.append(float(word))
        except ValueError:
            raise ValueError(f"parameter {i} ({word!r}) is not a number") from None
    return list(check_parameters(values))


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_easy_days(text: str) -> list[int]:
    """Easy days from text: weekday names (``Sat Sun``, ``saturday``; at least three letters)
    or numbers 0 (Monday) to 6 (Sunday), separated by commas and/or spaces; empty: none.
    ``ValueError`` with a readable message otherwise (the same checks as the setting's)."""
    days: list[int] = []
    for word in text.replace(",", " ").split():
        name = word.lower()
        matches = [i for i, day in enumerate(WEEKDAYS) if len(name) >= 3 and day.lower().startswith(name)]
        if word.isdigit() and int(word) <= 6:
            day = int(word)
        elif len(matches) == 1:
            day = matches[0]
        else:
            raise ValueError(f"easy days are days of the week, like 'Sat Sun' or '5 6' (0 is Monday; got {word!r})")
        if day not in days:
            days.append(day)
    if len(days) == 7:
        raise ValueError("at least one day of the week must not be an easy day")
    return sorted(days)


def format_easy_days(days: Sequence[int]) -> str:
    """``[5, 6]`` as ``Sat Sun`` (what :func:`parse_easy_days` reads back)."""
    return " ".join(WEEKDAYS[d][:3] for d in sorted(days))


class StudySettings:
    """Read and save the study settings of one store (``deck_id`` ``None``: the global ones)."""

    def __init__(self, store: "Store"):
        self.store = store

    def scheduler(self, deck_id: str | None = None) -> SchedulerSettings:
        return SchedulerSettings.from_dict(self.store.deck_setting("scheduler", deck_id))

    def save_scheduler(self, settings: SchedulerSettings, deck_id: str | None = None) -> None:
        settings.validate()
        self.store.save_deck_setting("scheduler", settings.to_dict(), deck_id)

    def save_parameters(self, parameters: Sequence[float]) -> None:
        """Make ``parameters`` (e.g. fitted by the optimizer) the global scheduler's FSRS weights."""
        settings = self.scheduler()
        settings.parameters = list(check_parameters(parameters))
        self.save_scheduler(settings)

    def limits(self, deck_id: str | None = None) -> DailyLimits:
        return DailyLimits.from_dict(self.store.deck_setting("limits", deck_id))

    def save_limits(self, limits: DailyLimits, deck_id: str | None = None) -> None:
        limits.validate()
        self.store.save_deck_setting("limits", limits.to_dict(), deck_id)

    def holds_uncurated(self, deck_id: str | None = None) -> bool:
        """Whether new cards of ``deck_id`` wait until kept in curation before they are studied
        (off by default, so every deck, the bundled ones too, is studyable as it comes)."""
        return bool(self.store.deck_setting("curation", deck_id).get("hold_new", False))

    def save_holds_uncurated(self, hold: bool, deck_id: str | None = None) -> None:
        self.store.save_deck_setting("curation", {"hold_new": bool(hold)}, deck_id)

    def siblings(self, deck_id: str | None = None) -> SiblingRules:
        """Which siblings of a card studied today wait for another day (default: new and reviews)."""
        return SiblingRules.from_dict(self.store.deck_setting("siblings", deck_id))

    def save_siblings(self, rules: SiblingRules, deck_id: str | None = None) -> None:
        self.store.save_deck_setting("siblings", rules.to_dict(), deck_id)

    def day_start_hour(self) -> int:
        """The local hour study days start at (every deck; default 4, as in Anki)."""
        try:
            return check_day_start_hour(self.store.deck_setting("study_day").get("start_hour", DAY_STARTS_AT_HOUR))
        except ValueError:
            return DAY_STARTS_AT_HOUR

    def save_day_start_hour(self, hour: int) -> None:
        """Save (and apply at once) the hour study days start at; ``ValueError`` outside 0-23."""
        hour = check_day_start_hour(hour)
        self.store.save_deck_setting("study_day", {"start_hour": hour})
        set_day_start_hour(hour)

    def theme(self) -> str | None:
        """The app's theme the learner last picked (a Textual theme name), if any."""
        name = self.store.get_setting("theme")
        return name if isinstance(name, str) else None

    def save_theme(self, name: str) -> None:
        self.store.set_setting("theme", name)

    def apply_day_start(self) -> None:
        """Make the saved day-start hour the one every study-day computation uses (on opening)."""
        set_day_start_hour(self.day_start_hour())

    def exam_plan(self) -> ExamPlan | None:
        """The exam plan in force (``None``: none, or one this version cannot read)."""
        data = self.store.get_setting(PLAN_KEY)
        if not data:  # most launches: the exam plan's module is not imported for Home's counts
            return None
        from .exam_plan import ExamPlan

        try:
            return ExamPlan.from_dict(data)
        except (KeyError, TypeError, ValueError):
            return None
