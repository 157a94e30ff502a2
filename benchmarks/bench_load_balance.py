"""Load balancing benchmark: the spread of the daily review load over a simulated year,
with and without load balancing (and with Saturday and Sunday as easy days), in one run.

A learner meets ``--cards-per-day`` new cards every day and reviews everything due each day; a card is recalled with the probability FSRS predicts
(a seeded generator), graded Good if recalled and Again otherwise; learning steps are
done the same day. The load is counted per day from day 30 on (once reviews dominate):
max/mean of reviews per day, and their standard deviation around the two-week mean
centred on each day (the load grows as cards accumulate; that trend is not imbalance). The fuzz seed of each review is
the same in every run, so the runs differ only by where balancing puts cards.

Run: ``python benchmarks/bench_load_balance.py [--cards-per-day N] [--days D] [--seed S] [--quick]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from anastro_quiz.clock import study_day  # noqa: E402
from anastro_quiz.scheduler import Rating, Scheduler  # noqa: E402

START = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)


def simulate(sched: Scheduler, days: int, new_per_day: int, seed: int, balanced: bool) -> Counter:
    rng = random.Random(seed)
    due_on: Counter = Counter()  # study day -> cards due, kept as the store's due_counts would be
    cards: list[tuple[object, datetime]] = []
    reviews: Counter = Counter()
    load = (lambda a, b: {a + timedelta(days=i): due_on[a + timedelta(days=i)] for i in range((b - a).days + 1)}) if balanced else None
    serial = 0
    for day in range(days):
        now = START + timedelta(days=day)
        today = study_day(now)
        if True:
            for _ in range(new_per_day):
                state = sched.new_state(now)
                cards.append((state, now))
                due_on[today] += 1
        still = []
        for state, due in cards:
            if study_day(due) > today:
                still.append((state, due))
                continue
            due_on[study_day(due)] -= 1
            at = now
            while True:  # a card is studied until it leaves for another day
                recalled = state.stability is not None and rng.random() < sched.retrievability(state, at)
                serial += 1
                state, due = sched.review(state, Rating.Good if recalled else Rating.Again, at,
                                          fuzz_seed=str(serial), due_load=load)
                reviews[today] += 1
                if study_day(due) > today:
                    break
                at = max(due, at + timedelta(minutes=1))
            due_on[study_day(due)] += 1
            still.append((state, due))
        cards = still
    return reviews


def spread(reviews: Counter, days: int, first: int = 30) -> tuple[float, float, float]:
    start = study_day(START)
    every = [reviews[start + timedelta(days=d)] for d in range(days)]
    load = every[first:days - 7]
    mean = statistics.mean(load)
    around = [every[d] - statistics.mean(every[d - 7:d + 7]) for d in range(first, days - 7)]
    return max(load) / mean, statistics.pstdev(around), mean


SCHEDULERS = ("no balancing", "load balancing", "balancing + easy Sat/Sun")


def compare(days: int = 365, per_day: int = 20, seed: int = 1) -> list[tuple[str, float, float, float, int, int]]:
    """Per scheduler: ``(name, max/mean, std around the two-week mean, mean/day, reviews,
    weekend reviews)``, the load counted from day 30 on."""
    rows = []
    for name, sched, balanced in ((SCHEDULERS[0], Scheduler(load_balance=False), False),
                                  (SCHEDULERS[1], Scheduler(load_balance=True), True),
                                  (SCHEDULERS[2], Scheduler(load_balance=True, easy_days=[5, 6]), True)):
        reviews = simulate(sched, days, per_day, seed, balanced)
        start = study_day(START)
        weekend = sum(reviews[start + timedelta(days=d)] for d in range(30, days)
                      if (start + timedelta(days=d)).weekday() >= 5)
        rows.append((name, *spread(reviews, days), sum(reviews.values()), weekend))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards-per-day", type=int, default=20)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="a 120-day run with 10 new cards a day")
    args = parser.parse_args()
    days, per_day = (120, 10) if args.quick else (args.days, args.cards_per_day)
    rows = compare(days, per_day, args.seed)
    print(f"{days} days, {per_day} new cards a day; load from day 30 on")
    print(f"{'scheduler':<26}{'max/mean':>9}{'std':>8}{'mean/day':>10}{'reviews':>9}{'weekend':>9}")
    for name, ratio, std, mean, total, weekend in rows:
        print(f"{name:<26}{ratio:>9.2f}{std:>8.2f}{mean:>10.1f}{total:>9}{weekend:>9}")
    base = rows[0]
    print(f"balancing / none: max/mean {rows[1][1] / base[1]:.2f}x, std {rows[1][2] / base[2]:.2f}x")


if __name__ == "__main__":
    main()
