"""Exam-plan benchmark: recall on the exam day with the plan, with plain FSRS, and cramming.

The learner is ``bench_scheduling``'s simulated one, which does *not* forget the way FSRS
assumes (exponential forgetting, its own growth rule). It studies a deck for ``--before``
days with the real app core (``Collection`` and study sessions, one sitting a day at
09:00), then an exam is set ``--exam-in`` days ahead with recall target ``--recall``:

  exam plan          ``make_plan`` + ``apply_exam_plan``, then daily sessions until the exam
  plain FSRS         the same daily sessions with no plan
  plain FSRS + rest  the same, then the reviews the plan did beyond plain FSRS's spent on
                     the evening before the exam, the cards FSRS predicts weakest on the
                     exam day first (the same number of reviews as the plan)
  cramming           no study until the last two days before the exam, then as many reviews
                     as the plan used (at most every card once a day), the weakest cards
                     first, split over those two days

Reported, on the exam day (noon), from the learner's true memory: the mean recall
probability, the share of cards at or above the target, and the reviews done after the
exam was set. Run: ``python benchmarks/bench_exam_plan.py [--quick] [--cards N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learner import grade_for, make_learner  # noqa: E402

from anastro_quiz.collection import Collection  # noqa: E402
from anastro_quiz.exam_plan import check_plan  # noqa: E402
from anastro_quiz.exam_planner import make_plan  # noqa: E402
from anastro_quiz.scheduler import load_state  # noqa: E402
from anastro_quiz.settings import DailyLimits  # noqa: E402

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _days(moment: datetime) -> float:
    return (moment - START).total_seconds() / 86400


def _deck(folder: Path, cards: int) -> Path:
    lines = ["id: bench", "title: Bench", "cards:"]
    for i in range(cards):
        lines += [f"  - id: c{i}", "    type: basic", f"    prompt: q{i}", f"    answer: a{i}"]
    (folder / "bench.yaml").write_text("\n".join(lines) + "\n")
    return folder


class Run:
    """One learner and one collection, studied to the moment the exam is set."""

    def __init__(self, folder: Path, cards: int, before: int, seed: int, new_per_day: int,
                 learner: str = "standard"):
        self.clock = Clock()
        self.collection = Collection.open(folder / "p.db", [_deck(folder, cards)], clock=self.clock)
        self.collection.save_limits(DailyLimits(new_per_day=new_per_day, reviews_per_day=9999))
        self.memory = make_learner(cards, seed, learner)
        self.rng = random.Random(seed + 1)
        self.sitting = START
        self.reviews = 0
        for _ in range(before):
            self.sit()

    def index(self, item_id: str) -> int:
        return int(item_id[1:])

    def answer(self, index: int) -> object:
        """The learner answers card ``index`` now: the grade, and the memory updated."""
        memory, now = self.memory[index], _days(self.clock.now)
        if memory.last is None:
            memory.present(now)
            return grade_for(False, 0.0, 0.0)
        p, elapsed = memory.recall_probability(now), now - memory.last
        recalled = self.rng.random() < p
        memory.update(recalled, p, now)
        return grade_for(recalled, p, elapsed)

    def sit(self) -> None:
        self.clock.now, self.sitting = self.sitting, self.sitting + timedelta(days=1)
        session = self.collection.start_session()
        while not session.finished:
            session.grade(self.answer(self.index(session.current.id)))
            self.reviews += 1
            self.clock.now += timedelta(minutes=1)
        session.finish()

    def until(self, exam: date) -> None:
        while self.sitting.date() < exam:
            self.sit()

    def cram(self, exam: date, budget: int) -> None:
        """``budget`` reviews over the two days before the exam, weakest cards first."""
        for offset in (2, 1):
            self.clock.now = datetime.combine(exam - timedelta(days=offset), START.timetz())
            now = _days(self.clock.now)
            order = sorted(range(len(self.memory)), key=lambda i: self.memory[i].recall_probability(now))
            for i in order[: budget // 2 if offset == 2 else budget - budget // 2]:
                self.answer(i)
                self.reviews += 1

    def top_up(self, exam: date, moment: datetime, budget: int) -> None:
        """``budget`` more reviews on the evening before the exam, each card at most once, those
        FSRS predicts weakest at ``moment`` first (what the app knows, not the true memory)."""
        scheduler = self.collection.scheduler("bench")
        predicted = {self.index(r.card_id): scheduler.retrievability(load_state(r.state), moment) if r.state else 0.0
                     for r in self.collection.store.deck_rows("bench")}
        self.clock.now = datetime.combine(exam - timedelta(days=1), START.timetz()) + timedelta(hours=11)
        order = sorted(range(len(self.memory)), key=lambda i: predicted.get(i, 0.0))
        for i in order[:max(0, budget)]:
            self.answer(i)
            self.reviews += 1

    def exam_recall(self, moment: datetime, target: float) -> tuple[float, float]:
        at = _days(moment)
        ps = [m.recall_probability(at) for m in self.memory]
        return sum(ps) / len(ps), sum(p >= target for p in ps) / len(ps)


STRATEGIES = ("exam plan", "plain FSRS", "plain FSRS + rest", "cramming")


def compare(cards: int = 300, before: int = 15, exam_in: int = 14, recall: float = 0.9, new_per_day: int = 20,
            seed: int = 7, learner: str = "standard") -> tuple[float, list[tuple[str, int, float, float]], object]:
    """Every strategy on the same learner: the plan's predicted share, per strategy
    ``(name, reviews after the exam was set, mean recall on the day, share >= recall)``, and
    the plan's calibration (the learner's record against FSRS, ``exam_calibration``)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for name in STRATEGIES:
            folder = Path(tmp) / name.replace(" ", "-").replace("+", "plus")
            folder.mkdir()
            runs[name] = Run(folder, cards, before, seed, new_per_day, learner)
        first = runs["exam plan"]
        exam = (first.sitting + timedelta(days=exam_in - 1)).date()
        plan = check_plan(exam, recall, [], list(first.collection.decks), first.clock.now)
        forecast, moves = make_plan(first.collection, plan)
        first.collection.apply_exam_plan(forecast.plan, moves)
        for run in runs.values():
            run.reviews = 0
        for name in STRATEGIES:  # in this order: the plan's review count is known before the others need it
            run = runs[name]
            if name == "cramming":
                run.cram(exam, first.reviews)
            else:
                run.until(exam)
                if name == "plain FSRS + rest":
                    run.top_up(exam, plan.moment, first.reviews - run.reviews)
            mean, share = run.exam_recall(plan.moment, recall)
            rows.append((name, run.reviews, mean, share))
            run.collection.close()
    return forecast.predicted_share, rows, forecast.calibration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--before", type=int, default=15, help="days studied before the exam is set")
    parser.add_argument("--exam-in", type=int, default=14, help="days from then to the exam")
    parser.add_argument("--recall", type=float, default=0.9)
    parser.add_argument("--new-per-day", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--learner", choices=("standard", "held-out"), default="standard")
    parser.add_argument("--quick", action="store_true", help="smoke run: 60 cards, 5 + 7 days")
    args = parser.parse_args()
    if args.quick:
        args.cards, args.before, args.exam_in = 60, 5, 7
    predicted, rows, calibration = compare(args.cards, args.before, args.exam_in, args.recall, args.new_per_day,
                                           args.seed, args.learner)
    print(f"exam-plan benchmark: {args.cards} cards, studied {args.before} days, exam {args.exam_in} days later "
          f"at recall {args.recall:g}, seed {args.seed}, {args.learner} learner")
    print(f"{'strategy':<18} {'reviews':>8} {'mean recall':>12} {'share >= R':>11}")
    for name, reviews, mean, share in rows:
        print(f"{name:<18} {reviews:>8} {mean:>12.3f} {share:>11.1%}")
    reached = dict((name, share) for name, _r, _m, share in rows)["exam plan"]
    print(f"plan predicted {predicted:.1%} at or above {args.recall:g} if every planned review is recalled; "
          f"the learner reached {reached:.1%}")
    print(f"learner's record before the plan: recalled {calibration.recalled:.1%} of {calibration.reviews} spaced "
          f"reviews where FSRS predicted {calibration.predicted:.1%}; stability counted x{calibration.scale:g}")


if __name__ == "__main__":
    main()
