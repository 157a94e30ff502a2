"""Exam plan: the cards of some decks remembered *on the exam day*, at a recall the learner picks.

A plan is an exam date, a recall target R and the decks it covers, optionally narrowed to
some topics (tags: a card is in the plan if it carries one of them) (:class:`ExamPlan`,
stored in the database). Its rule (:class:`PlanRule`) rides on each covered deck's
scheduler until the exam and changes one thing: when a graded card's normal next review
would fall on or after the exam day although its predicted recall on the day would then be
below R, the review is brought forward to a day before the exam from which one more
review carries it to R: the latest such day under the deck's daily review limit (the day
before the exam when it has room: a review the day before counts most on the day; a card
whose siblings the deck keeps apart, the day before that), and the ``plan`` command places
its moves in the same way when it applies a plan. A review due before the exam anyway
keeps FSRS's due date, except on the last day before the exam and for a learner who
recalls clearly less often than FSRS predicts (:meth:`PlanRule.from_day_start`), when it
is due from the start of its study day, so that day's sitting takes it. Recall on the exam
day is counted with the learner's own record (:mod:`anastro_quiz.exam_calibration`: the
plan's ``stability_scale``).
After the exam the rule steps aside and the normal schedule resumes.

Predictions (:mod:`anastro_quiz.exam_planner`) assume the learner keeps to the plan: every
planned review happens on its day, at the start of the day or when due (the least
favourable time: py-fsrs counts whole days since the last review), and is recalled
(graded Good). The exam is taken at noon (local time) on its day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Callable, Iterable

from .clock import NotADay, date_of, day_start, iso, study_day
from .errors import UserError
from .scheduler import CardState, DueLoad, Rating, Scheduler

EARLY_GAP = 0.10  # recall under FSRS's prediction (spaced reviews) past which reviews are due from the start of their day


class PlanError(UserError):
    """A plan that cannot be made (date past, target out of range, nothing to plan)."""


@dataclass(frozen=True)
class ExamPlan:
    """An exam on ``exam`` for which every card of ``decks`` (those tagged with one of
    ``topics``, if any are given) should be at ``recall`` or above."""

    exam: date
    recall: float
    decks: tuple[str, ...]
    created_at: str | None = None
    topics: tuple[str, ...] = ()
    # How long the learner's memories last against FSRS's stability, from their own record
    # (exam_calibration): the plan predicts and schedules with FSRS's stability times this.
    stability_scale: float = 1.0
    recall_gap: float = 0.0  # FSRS's predicted recall at the learner's spaced reviews less what they recalled
    # New cards a day the plan introduces in a deck, above its daily limit, so that they are
    # met early enough to reach the target ((deck, n) pairs; exam_planner works them out).
    new_pace: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"exam": self.exam.isoformat(), "recall": self.recall, "decks": list(self.decks),
                "topics": list(self.topics), "created_at": self.created_at, "stability_scale": self.stability_scale,
                "recall_gap": self.recall_gap, "new_pace": dict(self.new_pace)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ExamPlan":
        return cls(date.fromisoformat(str(data["exam"])), float(data["recall"]),
                   tuple(str(d) for d in data.get("decks") or ()), data.get("created_at"),
                   tuple(str(t) for t in data.get("topics") or ()), float(data.get("stability_scale") or 1.0),
                   float(data.get("recall_gap") or 0.0),
                   tuple(sorted((str(d), int(n)) for d, n in (data.get("new_pace") or {}).items())))

    def covers(self, deck_id: str, tags: Iterable[str]) -> bool:
        """Whether a card of ``deck_id`` tagged ``tags`` is in the plan."""
        return deck_id in self.decks and (not self.topics or not set(self.topics).isdisjoint(tags))

    @property
    def moment(self) -> datetime:
        """When the exam is taken (noon local time on its day), in UTC."""
        return datetime.combine(self.exam, time(12)).astimezone().astimezone(timezone.utc)

    @property
    def last_day(self) -> date:
        """The last study day before the exam: the last day a planned review falls on."""
        return self.exam - timedelta(days=1)

    def active(self, now: datetime) -> bool:
        """Whether the exam is still ahead (the plan shapes reviews only until then)."""
        return study_day(now) < self.exam

    def new_per_day(self, deck_id: str, limit: int, now: datetime) -> int:
        """``deck_id``'s new cards a day while the plan is in force: its limit ``limit``, raised
        to the plan's pace for the deck if it has one (until the exam)."""
        return max(limit, dict(self.new_pace).get(deck_id, 0)) if self.active(now) else limit


def read_exam(exam: date | str, recall: float | str) -> tuple[date, float]:
    """The exam day and recall target as typed, read without the collection; :class:`PlanError`
    for a date not written YYYY-MM-DD or not in the calendar, or a target outside (0, 1)."""
    if isinstance(exam, str):
        try:
            exam = date_of(exam)
        except NotADay as exc:
            raise PlanError(f"the exam date {exc}") from None
        except ValueError:
            raise PlanError(f"the exam date must be written YYYY-MM-DD (got {exam!r})") from None
    try:
        target = float(recall)
    except (TypeError, ValueError):
        raise PlanError(f"the recall target must be a number between 0 and 1 (got {recall!r})") from None
    if not 0.0 < target < 1.0:
        raise PlanError(f"the recall target must be between 0 and 1, both excluded (got {recall!r})")
    return exam, target


def check_plan(exam: date | str, recall: float | str, decks: Iterable[str], known_decks: Iterable[str],
               now: datetime, topics: Iterable[str] = (),
               tags_of: Callable[[str], Iterable[str]] | None = None) -> ExamPlan:
    """An :class:`ExamPlan` from what a user typed; :class:`PlanError` with a readable message
    for a date not after today, a target outside (0, 1), an unknown deck or a topic no card
    of the decks has (``tags_of(deck)``: the tags of a deck's cards)."""
    exam, target = read_exam(exam, recall)
    today = study_day(now)
    if exam <= today:
        raise PlanError(f"the exam date {exam.isoformat()} is not after today ({today.isoformat()}): "
                        "there are no days left to plan")
    known = list(known_decks)
    decks = list(dict.fromkeys(decks)) or known
    unknown = [d for d in decks if d not in known]
    if unknown:
        raise PlanError(f"no deck {', '.join(map(repr, unknown))} is loaded (decks: {', '.join(known) or 'none'})")
    topics = [t.strip() for t in dict.fromkeys(topics) if t.strip()]
    plan = ExamPlan(exam, target, tuple(decks), iso(now), tuple(topics))
    if tags_of is not None:
        check_topics(plan, tags_of)
    return plan


def check_topics(plan: ExamPlan, tags_of: Callable[[str], Iterable[str]]) -> None:
    """:class:`PlanError` unless each of ``plan``'s topics is a tag of some card of its decks."""
    if not plan.topics:
        return
    have = sorted({tag for deck in plan.decks for tag in tags_of(deck)})
    missing = [t for t in plan.topics if t not in have]
    if missing:
        raise PlanError(f"no card of {', '.join(plan.decks)} has the topic {', '.join(map(repr, missing))} "
                        f"(topics: {', '.join(have) or 'none'})")


class PlanRule:
    """The plan's due rule for one deck's :class:`~anastro_quiz.scheduler.Scheduler`
    (``scheduler.due_rule``): see the module docstring."""

    def __init__(self, plan: ExamPlan, scheduler: Scheduler, reviews_per_day: int | None = None,
                 spare_last_day: bool = False):
        self.plan = plan
        self.scheduler = scheduler
        self.exam_moment = plan.moment
        self.reviews_per_day = reviews_per_day  # the deck's daily review limit (None: no limit)
        # A card whose siblings the deck keeps apart: its brought-forward review takes a day
        # before the last one, so a sibling held back a day still comes before the exam.
        self.spare_last_day = spare_last_day

    def __call__(self, state: CardState, now: datetime, seed: str | None, due_load: DueLoad | None = None) -> datetime:
        """The due date of ``state`` (just graded at ``now``) under the plan; ``due_load``
        (the cards due per day) keeps a review brought forward under the daily limit (module
        docstring)."""
        normal = state.due
        today = study_day(now)
        if today >= self.plan.last_day:
            return normal
        day = study_day(normal)
        if day < self.plan.exam:
            return min(normal, day_start(day)) if day > today and self.from_day_start(day) else normal
        if self.recall_at_exam(state) >= self.plan.recall:
            return normal
        low, high = self.window(state, today + timedelta(days=1))
        if self.spare_last_day and low < high == self.plan.last_day:
            high -= timedelta(days=1)
        if due_load is None:
            return day_start(high)
        load = due_load(low, high)
        days = [low + timedelta(days=i) for i in range((high - low).days + 1)]
        limit = self.reviews_per_day
        with_room = [d for d in days if limit is None or load.get(d, 0) < limit]
        return day_start(with_room[-1] if with_room else high)

    def from_day_start(self, day: date) -> bool:
        """Whether a review due on ``day`` (before the exam) is due from the start of that day, so
        that day's sitting takes it rather than the next day's: on the last day always (there is
        no next one), on the others for a learner who recalls clearly less often than FSRS
        predicts (``recall_gap`` over :data:`EARLY_GAP`), for whom a day late costs recall; for
        the others a review a day late costs nothing on the exam day and saves reviews
        (the benchmark's standard learner: 0.02 to 0.04 under, the held-out one 0.15 to 0.19)."""
        return day == self.plan.last_day or self.plan.recall_gap > EARLY_GAP

    def recall_at_exam(self, state: CardState) -> float:
        """Predicted recall of ``state`` at the exam if it is not reviewed again before
        (with the learner's calibrated stability)."""
        return self.recall_at(state, self.exam_moment)

    def recall_at(self, state: CardState, moment: datetime) -> float:
        if state.stability is None:
            return 0.0
        return self.scheduler.retrievability_from(state.stability * self.plan.stability_scale, state.last_review,
                                                  moment)

    def recall_after(self, state: CardState, day: date) -> float:
        """Predicted recall at the exam after one more review of ``state``, recalled, on ``day``."""
        moment = max(day_start(day), state.last_review or day_start(day))
        return self.recall_at_exam(self.scheduler.simulate(state, Rating.Good, moment))

    def window(self, state: CardState, first: date) -> tuple[date, date]:
        """The days from ``first`` (at most the day before the exam) a review of ``state`` may
        fall on: those from which one review, recalled, reaches the target at the exam.

        Recall after a review on a later day is never lower (the exam is nearer, and FSRS's
        stability grows more the longer since the last review), so those days run from the
        earliest such day, found by bisection, to the last day before the exam. If no day
        does, the window is the single day on which the card's recall falls to the target
        (at the latest the day before the exam): it is reviewed then, and planned again.
        """
        last = self.plan.last_day
        first = min(first, last)
        if self.recall_after(state, last) < self.plan.recall:
            day = min(max(self.fading(state, self.plan.recall, first), first), last)
            return day, day
        low, high = first, last
        while low < high:
            middle = low + timedelta(days=(high - low).days // 2)
            if self.recall_after(state, middle) >= self.plan.recall:
                high = middle
            else:
                low = middle + timedelta(days=1)
        return low, last

    def fading(self, state: CardState, recall: float, first: date) -> date:
        """The study day on which ``state``'s calibrated recall falls to ``recall``."""
        return study_day(state.last_review or day_start(first)) + timedelta(
            days=int(self.scheduler.days_until_recall(state, recall) * self.plan.stability_scale))


def planned_scheduler(scheduler: Scheduler, plan: ExamPlan, reviews_per_day: int | None = None,
                      spare_last_day: bool = False) -> Scheduler:
    """``scheduler`` with ``plan``'s rule attached (it returns the same object); ``reviews_per_day``
    is the deck's daily review limit, which brought-forward reviews keep under when they can;
    ``spare_last_day`` for a card whose siblings the deck keeps apart (:class:`PlanRule`)."""
    scheduler.due_rule = PlanRule(plan, scheduler, reviews_per_day, spare_last_day)
    return scheduler
