"""Scheduling benchmark: the project's FSRS scheduler against SM-2 and Leitner.

Every scheduler drives the same simulated learner for a year and the script prints one
table row per scheduler. The learner deliberately does *not* forget the way FSRS assumes
(FSRS fits a power-law forgetting curve with its own stability/difficulty update rules):

* each card has a latent difficulty ``D`` in [0, 1] and a latent half-life ``h`` (days);
* the probability of recalling it ``t`` days after the last review is ``p = 2 ** (-t / h)``
  (exponential forgetting);
* the first presentation sets ``h`` to a per-card initial half-life (about 1 to 3 days,
  shorter for harder cards);
* a successful recall multiplies ``h`` by ``1 + (a(D) - 1) * (0.15 + 0.85 * sqrt(1 - p))``
  with ``a(D) = 3 + 4 * (1 - D)``: harder retrievals strengthen memory more (spacing
  effect), a repetition a minute later barely helps;
* a failure multiplies ``h`` by 0.35 (never below half the initial half-life);
* grades: Again when not recalled, Hard when recalled with ``p < 0.5``, Easy when
  recalled with ``p > 0.95`` after a day or more, otherwise Good.

Each simulated day the learner sits down at 09:00, reviews what is due (oldest first),
then meets up to ``--new-per-day`` new cards, and keeps going through anything due before
the day ends (04:00 the next morning: FSRS learning steps, for instance), stopping at the
daily cap, which is the same for every scheduler and counts every card shown. The
first sight of a new card counts as a review; the learner does not know it yet, so FSRS
gets Again (its learning steps then follow), SM-2 and Leitner schedule the first
repetition a day later.

Reported per scheduler:
  reviews        every card shown over the whole run (first sights and learning steps included)
  recall@review  mean recall probability at reviews a day or more after the last one
  recalled       share of those reviews actually recalled
  known avg      cards with p >= 0.9, measured at the end of every day, averaged over the run
  known end      the same on the last day
  known/review   known-card-days per review (sum of the daily "known" over total reviews)

Then one table of the issue's comparisons, each against a baseline measured in the same run
(ratio = value / baseline): knowledge per review of FSRS (default and fitting itself)
against Leitner, SM-2 and default FSRS; recall at review against the desired retention;
the exam plan's share of cards at or above the target on the exam day against plain FSRS,
plain FSRS given the same number of reviews, and cramming (``bench_exam_plan.compare``, on
the same learner); load balancing's daily-load spread against none, and easy weekends'
weekend reviews (``bench_load_balance.compare``, a learner recalling as FSRS predicts).
``--no-comparisons`` prints the scheduler table only.

Run: ``python benchmarks/bench_scheduling.py [--cards N] [--days D] [--seed S] [--learner held-out] [--quick]``.
The result is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from anastro_quiz.autofit import FitRecord, due as refit_due, refit
from anastro_quiz.interop.optimize import NotEnoughHistory, available as optimizer_available
from anastro_quiz.scheduler import Rating, Scheduler
from anastro_quiz.store import LoggedReview

from learner import LEARNERS, grade_for, make_learner  # noqa: E402 - beside this script

START = datetime(2026, 1, 5, tzinfo=timezone.utc)
SESSION_HOUR = 9 / 24  # the learner studies at 09:00
DAY_END = 1 + 4 / 24  # a study day ends at 04:00 the next morning
SECONDS_PER_CARD = 15 / 86400
KNOWN_P = 0.9
KNOWN_RATIO = math.log2(1 / KNOWN_P)  # p >= 0.9  <=>  elapsed / h <= this


# --- schedulers: each returns the next due time (days since START) -------------------


class FSRSPolicy:
    """The project's scheduler, through the public ``anastro_quiz.scheduler`` facade only."""

    def __init__(self, cards: int, desired_retention: float = 0.9):
        self.name = f"FSRS r={desired_retention:.2f}" + (" (default)" if desired_retention == 0.9 else "")
        self.scheduler = Scheduler(desired_retention=desired_retention)
        self.states: list = [None] * cards

    def present(self, card: int, now: float) -> float:
        moment = _moment(now)
        state = self.scheduler.new_state(moment)
        self.states[card], due = self.scheduler.review(state, Rating.Again, moment)
        return _days(due)

    def review(self, card: int, rating: Rating, now: float) -> float:
        self.states[card], due = self.scheduler.review(self.states[card], rating, _moment(now))
        return _days(due)


class SelfFittingPolicy(FSRSPolicy):
    """The project's scheduler fitting itself as the app does (``anastro_quiz.autofit``): from
    500 reviews on, after every further 500 or a week, the parameters are refitted to the
    reviews so far and adopted only when they predict the held-out latest ones better."""

    def __init__(self, cards: int, desired_retention: float = 0.9):
        super().__init__(cards, desired_retention)
        self.name = f"FSRS r={desired_retention:.2f} fitting itself"
        self.retention = desired_retention
        self.log: list[LoggedReview] = []
        self.record: FitRecord | None = None  # the last refit
        self.parameters = None
        self.refits = self.adopted = 0

    def _logged(self, card: int, rating: Rating, now: float) -> None:
        self.log.append(LoggedReview(str(card), int(rating), _moment(now), None, "bench", str(len(self.log))))
        if refit_due(self.record, len(self.log), _moment(now)):
            self.refits += 1
            try:
                adopt, result = refit(self.log, self.parameters)
            except NotEnoughHistory:
                adopt = False
            self.record = FitRecord(_moment(now).isoformat(), len(self.log), adopt)
            if adopt:
                self.adopted += 1
                self.parameters = result.parameters
                self.scheduler = Scheduler(desired_retention=self.retention, parameters=self.parameters)

    def present(self, card: int, now: float) -> float:
        due = super().present(card, now)
        self._logged(card, Rating.Again, now)
        return due

    def review(self, card: int, rating: Rating, now: float) -> float:
        due = super().review(card, rating, now)
        self._logged(card, rating, now)
        return due


class SM2Policy:
    """SuperMemo-2 as published (Wozniak 1990): intervals 1, 6, then I * EF."""

    name = "SM-2"
    QUALITY = {Rating.Again: 1, Rating.Hard: 3, Rating.Good: 4, Rating.Easy: 5}

    def __init__(self, cards: int):
        self.reps = [0] * cards
        self.ease = [2.5] * cards
        self.interval = [0.0] * cards

    def present(self, card: int, now: float) -> float:
        self.reps[card], self.interval[card] = 1, 1.0  # first repetition after one day
        return now + 1.0

    def review(self, card: int, rating: Rating, now: float) -> float:
        q = self.QUALITY[rating]
        if q >= 3:
            n = self.reps[card]
            interval = 1.0 if n == 0 else 6.0 if n == 1 else round(self.interval[card] * self.ease[card])
            self.reps[card] = n + 1
        else:
            self.reps[card], interval = 0, 1.0
        self.ease[card] = max(1.3, self.ease[card] + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
        self.interval[card] = interval
        return now + interval


class LeitnerPolicy:
    """Seven Leitner boxes reviewed every 1, 2, 4, ... 64 days; a miss goes back to box 1."""

    name = "Leitner"
    INTERVALS = (1, 2, 4, 8, 16, 32, 64)

    def __init__(self, cards: int):
        self.box = [0] * cards

    def present(self, card: int, now: float) -> float:
        self.box[card] = 0
        return now + self.INTERVALS[0]

    def review(self, card: int, rating: Rating, now: float) -> float:
        box = min(self.box[card] + 1, len(self.INTERVALS) - 1) if rating != Rating.Again else 0
        self.box[card] = box
        return now + self.INTERVALS[box]


def _moment(days: float) -> datetime:
    return START + timedelta(days=days)


def _days(moment: datetime) -> float:
    return (moment - START).total_seconds() / 86400


# --- the simulation ------------------------------------------------------------------


@dataclass
class Result:
    name: str
    reviews: int
    introduced: int
    spaced_reviews: int
    recall_p_sum: float
    recalled: int
    known_sum: int
    known_end: int
    days: int
    seconds: float


def simulate(policy, cards: int, days: int, seed: int, new_per_day: int, cap: int,
             kind: str = "standard") -> Result:
    random.seed(seed)  # fsrs draws its interval fuzz from the global generator
    learner = make_learner(cards, seed, kind)
    rng = random.Random(seed + 1)
    heap: list[tuple[float, int, int]] = []  # (due, tie-breaker, card)
    seq = 0
    introduced = reviews = spaced = recalled_n = known_sum = known_end = 0
    p_sum = 0.0
    started = time.perf_counter()

    for day in range(days):
        clock = day + SESSION_HOUR
        day_end = day + DAY_END
        shown = 0

        def review_due(until: float) -> None:
            nonlocal clock, shown, reviews, spaced, recalled_n, p_sum, seq
            while heap and heap[0][0] <= until and shown < cap:
                due, _, card = heapq.heappop(heap)
                clock = max(clock, due)
                memory = learner[card]
                elapsed = clock - memory.last
                p = memory.recall_probability(clock)
                recalled = rng.random() < p
                if elapsed >= 1.0:
                    spaced += 1
                    p_sum += p
                    recalled_n += recalled
                rating = grade_for(recalled, p, elapsed)
                memory.update(recalled, p, clock)
                next_due = policy.review(card, rating, clock)
                heapq.heappush(heap, (next_due, seq, card))
                seq += 1
                shown += 1
                reviews += 1
                clock += SECONDS_PER_CARD

        review_due(clock)  # backlog and cards due by 09:00
        for _ in range(min(new_per_day, cards - introduced, cap - shown)):
            card = introduced
            introduced += 1
            learner[card].present(clock)
            heapq.heappush(heap, (policy.present(card, clock), seq, card))
            seq += 1
            shown += 1
            reviews += 1
            clock += SECONDS_PER_CARD
        review_due(day_end)  # learning steps and anything else due before the day ends

        known = 0
        for memory in learner[:introduced]:
            if day_end - memory.last <= KNOWN_RATIO * memory.h:
                known += 1
        known_sum += known
        known_end = known

    return Result(policy.name, reviews, introduced, spaced, p_sum, recalled_n, known_sum, known_end, days,
                  time.perf_counter() - started)


def format_table(results: list[Result]) -> str:
    headers = ["scheduler", "reviews", "reviews/day", "recall@review", "recalled", "known avg", "known end",
               "known/review", "introduced", "sim s"]
    rows = []
    for r in results:
        rows.append([
            r.name,
            f"{r.reviews:,}",
            f"{r.reviews / r.days:.1f}",
            f"{r.recall_p_sum / r.spaced_reviews:.3f}" if r.spaced_reviews else "-",
            f"{r.recalled / r.spaced_reviews:.1%}" if r.spaced_reviews else "-",
            f"{r.known_sum / r.days:.1f}",
            f"{r.known_end:,}",
            f"{r.known_sum / r.reviews:.2f}" if r.reviews else "-",
            f"{r.introduced:,}",
            f"{r.seconds:.1f}",
        ])
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def comparisons(results: list[Result], target: float, learner: str, quick: bool,
                seed: int = 7) -> list[tuple[str, str, float, float, str]]:
    """The issue's comparisons as ``(comparison, measure, value, baseline, ratio text)``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_exam_plan
    import bench_load_balance

    def known_per_review(r: Result) -> float:
        return r.known_sum / r.reviews

    def recall(r: Result) -> float:
        return r.recall_p_sum / r.spaced_reviews

    by = {r.name: r for r in results}
    default, fitting = by["FSRS r=0.90 (default)"], by.get("FSRS r=0.90 fitting itself")
    rows = []
    for name, row in (("FSRS default", default), ("FSRS fitting itself", fitting)):
        if row is None:
            continue
        for base in ("Leitner", "SM-2") + (("FSRS r=0.90 (default)",) if row is fitting else ()):
            rows.append((f"{name} vs {base.split(' ')[0] if base.startswith('FSRS') else base}"
                         + (" default" if base.startswith("FSRS") else ""),
                         "known-card-days per review", known_per_review(row), known_per_review(by[base]), "x"))
        rows.append((f"{name} vs its target", "recall at review", recall(row), target, "diff"))
    kw = dict(cards=60, before=5, exam_in=7) if quick else {}
    _predicted, exam, _calibration = bench_exam_plan.compare(learner=learner, seed=seed, **kw)
    plan = {name: (reviews, share) for name, reviews, _mean, share in exam}
    for base, label in (("plain FSRS", "plain FSRS (its own reviews)"),
                        ("plain FSRS + rest", "plain FSRS + as many reviews, the evening before"),
                        ("cramming", "cramming (every card, the last two days)")):
        rows.append((f"exam plan vs {label}", "share >= 0.9 on the exam day", plan["exam plan"][1], plan[base][1], "x"))
    rows.append(("exam plan vs plain FSRS", "reviews after the exam is set", plan["exam plan"][0],
                 plan["plain FSRS"][0], "x"))
    balance = {row[0]: row for row in bench_load_balance.compare(*((120, 10) if quick else (365, 20)))}
    none, balanced, easy = (balance[name] for name in bench_load_balance.SCHEDULERS)
    rows.append(("load balancing vs none", "daily-load std (around the 2-week mean)", balanced[2], none[2], "x"))
    rows.append(("load balancing vs none", "daily load max/mean", balanced[1], none[1], "x"))
    rows.append(("easy Sat/Sun vs load balancing", "reviews on weekends", easy[5], balanced[5], "x"))
    return [(c, m, v, b, f"{v - b:+.3f}" if kind == "diff" else f"{v / b:.2f}x" if b else "-")
            for c, m, v, b, kind in rows]


def format_comparisons(rows: list[tuple[str, str, float, float, str]]) -> str:
    def number(x: float) -> str:
        return f"{x:,.0f}" if x >= 100 else f"{x:.3f}" if x < 2 else f"{x:.2f}"

    table = [("comparison", "measure", "value", "baseline", "ratio")]
    table += [(c, m, number(v), number(b), r) for c, m, v, b, r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    lines = []
    for n, row in enumerate(table):
        lines.append("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=1000, help="cards in the collection (default 1000)")
    parser.add_argument("--days", type=int, default=365, help="simulated days (default 365)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--new-per-day", type=int, default=20, help="new cards per day (default 20)")
    parser.add_argument("--cap", type=int, default=200, help="cards shown per day at most, all schedulers (default 200)")
    parser.add_argument("--learner", choices=sorted(LEARNERS), default="standard",
                        help="the simulated learner (default standard; held-out: made apart, see LEARNERS)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 cards, 60 days")
    parser.add_argument("--no-comparisons", action="store_true",
                        help="the scheduler table only (no exam-plan or load-balancing runs)")
    args = parser.parse_args(argv)
    if args.quick:
        args.cards, args.days = min(args.cards, 100), min(args.days, 60)
    if args.cards < 1 or args.days < 1 or args.cap < 1 or args.new_per_day < 0:
        parser.error("--cards, --days and --cap must be positive, --new-per-day not negative")

    policies = [
        LeitnerPolicy(args.cards),
        SM2Policy(args.cards),
        FSRSPolicy(args.cards, 0.9),
        FSRSPolicy(args.cards, 0.8),
        FSRSPolicy(args.cards, 0.95),
    ]
    if optimizer_available():
        policies.append(SelfFittingPolicy(args.cards, 0.9))
    else:
        print("(the optimizer extra is not installed: no self-fitting row; pip install 'anastro-quiz[optimizer]')")
    print(f"Scheduling benchmark: {args.cards:,} cards, {args.days} days, {args.new_per_day} new/day, "
          f"cap {args.cap} cards/day, seed {args.seed}")
    print(f"Learner ({args.learner}): exponential forgetting p = 2^(-t/h), latent half-life grows on recall, "
          "shrinks on a miss")
    print()
    results = [simulate(p, args.cards, args.days, args.seed, args.new_per_day, args.cap, args.learner)
               for p in policies]
    print(format_table(results))
    for policy in policies:
        if isinstance(policy, SelfFittingPolicy):
            print(f"\n{policy.name}: {policy.refits} refits, {policy.adopted} adopted")
    print()
    print("recall@review / recalled: reviews >= 1 day after the previous one; known: cards with p >= 0.9 at "
          "the end of each day; known/review: known-card-days per review (higher is more efficient)")
    if not args.no_comparisons:
        print()
        print(f"Comparisons ({args.learner} learner; ratio = value / baseline, both from this run)")
        print(format_comparisons(comparisons(results, 0.9, args.learner, args.quick, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
