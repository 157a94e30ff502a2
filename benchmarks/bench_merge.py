"""History benchmark: merging another copy's review log, and importing a review-log CSV, at scale.

For a small and a large synthetic collection (``bench_scale.build``: 20 YAML decks and a
real FSRS review history, by default 1,000 cards / 10,000 reviews and 100,000 cards /
1,000,000 reviews), times what a learner waits for when bringing a whole history over:

  merge     ``Store.merge(other)`` (``anastro-quiz progress merge``) of the built database into
            a fresh one that has the same decks and no review: every review is new, every
            studied card is rebuilt by replaying its history
  import    ``read_review_log`` + ``map_review_log`` + ``Store.import_history``
            (``anastro-quiz progress import``) of the built database's review log, written
            as CSV by ``progress export``, into another fresh database

The fresh databases are made before the clock starts (one first import of the decks each).
Issue 14's target: 1M reviews "in well under 10 s". Both sizes run in one process, so
read the ratio: the large history is 100x the small one.

Run: ``python benchmarks/bench_merge.py [--quick] [--collection DIR]`` (``DIR`` as left by
``bench_scale.py --keep DIR``: its ``1000-cards`` and ``100000-cards`` folders are read,
never written).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import NOW, Clock, build  # noqa: E402

from anastro_quiz.collection import Collection  # noqa: E402
from anastro_quiz.store import Store, is_current_on_disk  # noqa: E402


def fresh(db: Path, decks: Path) -> None:
    """A database with ``decks``' cards and no history."""
    Collection.open(db, [decks], clock=Clock(NOW)).close()


def cpu_seconds() -> float:
    """CPU time of this process and of the worker processes it waited for (an import's replay)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def time_merge(built: Path, work: Path) -> tuple[float, int, int, float]:
    into = work / "merged.db"
    fresh(into, built / "decks")
    with Store.open(into) as store:
        started, cpu = time.perf_counter(), cpu_seconds()
        report = store.merge(built / "progress.db")
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return seconds, report.added, report.cards_rebuilt, cpu


def time_import(built: Path, work: Path) -> tuple[float, int, int]:
    from anastro_quiz.decks import load_decks
    from anastro_quiz.interop.progress import export_review_log, map_review_log, read_review_log

    csv = work / "log.csv"
    with Store.open(built / "progress.db") as store:
        export_review_log(store, csv)
    into = work / "imported.db"
    fresh(into, built / "decks")
    decks = load_decks([built / "decks"])  # as `progress import` maps rows to the decks in use
    with Store.open(into) as store:
        started, cpu = time.perf_counter(), cpu_seconds()
        mapped, _unmapped = map_review_log(read_review_log(csv), [(d.id, item.id) for d in decks for item in d.items()])
        report = store.import_history(mapped)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return seconds, report.added, report.cards_rebuilt, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--collection", metavar="DIR", help="a bench_scale.py --keep DIR (read, never written)")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--small-cards", type=int, default=1_000)
    parser.add_argument("--small-reviews", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 / 2,000 and 1,000 / 10,000")
    args = parser.parse_args(argv)
    if args.quick:
        args.small_cards, args.small_reviews, args.cards, args.reviews = 200, 2_000, 1_000, 10_000
    root = Path(tempfile.mkdtemp(prefix="anastro-bench-merge-"))
    os.environ["ANASTRO_QUIZ_CACHE"] = str(root / "deck-cache")
    rows = []
    try:
        for cards, reviews in ((args.small_cards, args.small_reviews), (args.cards, args.reviews)):
            built = Path(args.collection) / f"{cards}-cards" if args.collection else root / f"{cards}-cards"
            if not args.collection:
                print(f"building {cards:,} cards / {reviews:,} reviews ...", file=sys.stderr, flush=True)
                build(built, cards, reviews, args.seed)
            if not is_current_on_disk(built / "progress.db"):  # its export opens it: it would be migrated
                sys.exit(f"{built / 'progress.db'} is not at this version's schema; it is never written here:"
                         " run on a copy opened once with this version (that migrates it)")
            work = root / f"work-{cards}"
            work.mkdir()
            print(f"merging and importing {cards:,} cards ...", file=sys.stderr, flush=True)
            merge = time_merge(built, work)
            imported = time_import(built, work)
            rows.append((cards, reviews, merge, imported))
            shutil.rmtree(work)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("History benchmark: a whole review log brought into a database with the same decks and no review")
    print(f"{'collection':<28}{'merge':>10}{'reviews added':>15}{'cards rebuilt':>15}{'import':>10}{'reviews added':>15}")
    for cards, reviews, (m_s, m_added, m_cards, m_cpu), (i_s, i_added, _i_cards, i_cpu) in rows:
        print(f"{f'{cards:,} cards / {reviews:,} rev':<28}{m_s:>9.1f}s{m_added:>15,}{m_cards:>15,}{i_s:>9.1f}s{i_added:>15,}")
        print(f"{'  CPU':<28}{m_cpu:>9.1f}s{'':>30}{i_cpu:>9.1f}s")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    (_c, small_reviews, small_merge, small_import), (_c2, large_reviews, large_merge, large_import) = rows
    print(f"ratio large / small ({large_reviews / max(1, small_reviews):.0f}x the reviews): merge "
          f"{large_merge[0] / small_merge[0]:.0f}x, import {large_import[0] / small_import[0]:.0f}x; "
          f"goal: {large_reviews:,} reviews well under 10 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
