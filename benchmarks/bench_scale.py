"""Scale benchmark: the study core on a large synthetic collection.

Builds two collections in a temporary folder, a small one (1,000 cards, 10,000 reviews)
and a large one (100,000 cards, 1,000,000 reviews), each split into 20 YAML decks, and
times the operations a learner waits for, through the public API only:

  open              ``Collection.open``: load every deck file and sync it with the database,
                    with the deck cache off (YAML parsed) and warm (a later launch)
  list decks        ``Collection.deck_summaries()`` (counts and mastery per deck)
  build queue       ``Collection.start_session()`` (today's learning, due and new cards)
  grade + next      what the review screen waits for after a key: ``session.grade(...)``,
                    then ``current``, ``preview()`` and ``remaining`` (median and p95)
  stats             ``stats.collection_stats(...)`` (everything ``anastro-quiz stats`` shows)

Setup writes the review log and the schedule straight into SQLite (``executemany``) for
speed, but every stored state is a real FSRS state: each studied card's history is played
through ``anastro_quiz.scheduler.Scheduler`` and then moved in time so that it ends
recently, leaving a realistic mix of overdue, due-today and future cards.

Run: ``python benchmarks/bench_scale.py [--quick] [--cards N --reviews M] [--seed S]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from anastro_quiz.clock import iso, study_day
from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating, Scheduler, State, load_state
from anastro_quiz.stats import collection_stats
from anastro_quiz.store.compact_log import REVIEW_COLUMNS_V13
from anastro_quiz.store.states import encode

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
DECKS = 20
STUDIED_SHARE = 0.8  # the rest of the cards are still new
TOPICS = [f"topic-{i:03d}" for i in range(200)]
RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
RATING_WEIGHTS = (0.10, 0.05, 0.78, 0.07)


class Clock:
    """A settable clock, so grading is deterministic and does not depend on today's date."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# --- building a collection ------------------------------------------------------------


def write_decks(folder: Path, cards: int, rng: random.Random) -> list[tuple[str, str]]:
    """Write ``cards`` one-item cards into ``DECKS`` YAML files; return every (deck, item id)."""
    folder.mkdir(parents=True, exist_ok=True)
    keys: list[tuple[str, str]] = []
    per_deck = [cards // DECKS + (1 if i < cards % DECKS else 0) for i in range(DECKS)]
    for d, count in enumerate(per_deck):
        deck_id = f"bench-{d:02d}"
        lines = [f"id: {deck_id}", f"title: Benchmark deck {d + 1}", "cards:"]
        for i in range(count):
            card_id = f"c{i:06d}"
            keys.append((deck_id, card_id))
            tags = ", ".join(rng.sample(TOPICS, rng.choice((1, 2))))
            if i % 5 == 4:
                lines += [
                    f"  - id: {card_id}", "    type: choice",
                    f"    prompt: Which value belongs to fact {i} of deck {d}?",
                    f"    answer: '{i}'", f"    choices: ['{i}', '{i + 1}', '{i + 2}']",
                    f"    tags: [{tags}]",
                ]
            else:
                lines += [
                    f"  - id: {card_id}", "    type: basic",
                    f"    prompt: What is fact number {i} in benchmark deck {d}?",
                    f"    answer: It is the answer to fact {i}, stated in a sentence of typical length.",
                    f"    tags: [{tags}]",
                    "    source:", "      document: source.txt",
                    f"      quote: Fact {i} is stated here in the source document.",
                ]
        (folder / f"{deck_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return keys


def _state_json(card, shift: timedelta) -> str:
    """``dump_state`` of ``card`` moved ``shift`` later in time (same format, same fields)."""
    return json.dumps({
        "card_id": card.card_id, "state": card.state.value, "step": card.step,
        "stability": card.stability, "difficulty": card.difficulty,
        "due": (card.due + shift).isoformat(),
        "last_review": (card.last_review + shift).isoformat() if card.last_review else None,
    }, separators=(",", ":"))


def review_counts(studied: int, reviews: int, rng: random.Random) -> list[int]:
    """Split ``reviews`` over ``studied`` cards, unevenly (some cards are much harder)."""
    weights = [rng.expovariate(1.0) + 0.2 for _ in range(studied)]
    scale = reviews / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    diff = reviews - sum(counts)
    while diff:
        i = rng.randrange(studied)
        if diff > 0:
            counts[i] += 1
            diff -= 1
        elif counts[i] > 1:
            counts[i] -= 1
            diff += 1
    return counts


def fill_history(db_path: Path, keys: list[tuple[str, str]], reviews: int, rng: random.Random) -> None:
    """Play a review history through the scheduler for most cards; store it directly."""
    scheduler = Scheduler(maximum_interval=1000)  # a real, if cautious, setting
    epoch = NOW - timedelta(days=3650)
    studied = keys[: max(1, int(len(keys) * STUDIED_SHARE))] if reviews else []
    rng.shuffle(studied)
    counts = review_counts(len(studied), reviews, rng) if studied else []
    schedule_updates: list[tuple] = []
    serial = 0

    def review_rows():
        nonlocal serial
        for (deck, card_id), count in zip(studied, counts):
            history = []
            state = scheduler.new_state(epoch)
            moment = epoch
            # Cards reviewed many times are the hard ones: they are forgotten more often.
            again = min(0.5, 0.04 + count / 150)
            weights = (again, 0.05, 0.88 - again, 0.07)
            for _ in range(count):
                rating = rng.choices(RATINGS, weights)[0]
                after, due = scheduler.review(state, rating, moment)
                history.append((moment, rating, state, after))
                state = after
                moment = due + timedelta(minutes=rng.uniform(0, 600))
                if rng.random() < 0.15:  # the learner took a break: the card waits for them
                    moment += timedelta(days=rng.uniform(1, 60))
            # Move the history so that the last review happened a random share of its
            # interval ago: some cards are now overdue, most are due in the future.
            last = history[-1][0]
            interval = state.due - last
            shift = NOW - interval * rng.uniform(0.0, 1.15) - last
            lapses = 0
            before_json = None
            for moment, rating, before, after in history:
                after_json = _state_json(after, shift)
                when = moment + shift
                lapses += int(rating == Rating.Again and before.state == State.Review)
                serial += 1
                yield (f"bench-{serial:012d}", deck, card_id, int(rating), iso(when), study_day(when).isoformat(),
                       rng.randint(1500, 12000), "review", None, 0,
                       0 if before_json is None else int(before.state), int(after.state), iso(after.due + shift),
                       *encode(before_json), *encode(after_json))
                before_json = after_json
            schedule_updates.append((before_json, int(state.state), iso(state.due + shift), count, lapses,
                                     int(lapses >= 8), deck, card_id))

    conn = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO reviews ({', '.join(REVIEW_COLUMNS_V13)}) VALUES ({', '.join('?' * len(REVIEW_COLUMNS_V13))})",
            review_rows(),
        )
        conn.executemany(
            "UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=?, lapses=?, leech=? WHERE deck=? AND card_id=?",
            schedule_updates,
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    assert serial == reviews, (serial, reviews)
    if schedule_updates:  # every stored state must load back as an FSRS card
        load_state(schedule_updates[0][0])


def build(folder: Path, cards: int, reviews: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    random.seed(seed)  # fsrs draws interval fuzz from the global generator
    started = time.perf_counter()
    keys = write_decks(folder / "decks", cards, rng)
    (folder / "decks" / "sources").mkdir(exist_ok=True)
    (folder / "decks" / "sources" / "source.txt").write_text("Facts are stated here in the source document.\n")
    t_decks = time.perf_counter()
    clock = Clock(NOW)
    Collection.open(folder / "progress.db", [folder / "decks"], clock=clock).close()  # first import
    t_import = time.perf_counter()
    fill_history(folder / "progress.db", keys, reviews, rng)
    t_history = time.perf_counter()
    return {"write decks": t_decks - started, "first import": t_import - t_decks,
            "history": t_history - t_import,
            "db MB": (folder / "progress.db").stat().st_size / 1e6}


# --- timing through the public API ----------------------------------------------------


def _timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def measure(folder: Path, grades: int, repeat: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    clock = Clock(NOW)
    db, decks = folder / "progress.db", [folder / "decks"]
    out: dict[str, float] = {}

    def reopen():
        Collection.open(db, decks, clock=clock).close()

    # The deck cache (on by default) skips YAML parsing for unchanged files: time both.
    cache = os.environ.get("ANASTRO_QUIZ_CACHE")
    os.environ["ANASTRO_QUIZ_CACHE"] = ""
    try:
        out["open (no deck cache)"], _ = _timed(reopen, repeat)
    finally:
        os.environ["ANASTRO_QUIZ_CACHE"] = cache if cache is not None else ""
    reopen()  # fill the cache
    out["open (deck cache warm)"], _ = _timed(reopen, repeat)
    collection = Collection.open(db, decks, clock=clock)
    try:
        out["list decks"], summaries = _timed(collection.deck_summaries, repeat)
        assert len(summaries) == DECKS
        out["build queue"], session = _timed(collection.start_session, repeat)
        samples = []
        for _ in range(grades):
            if session.current is None:
                break
            rating = rng.choices(RATINGS, RATING_WEIGHTS)[0]
            started = time.perf_counter()
            session.grade(rating, duration_ms=4000)
            if session.current is not None:  # what review.py's shown_for() reads
                session.preview()
            session.remaining
            samples.append(time.perf_counter() - started)
            clock.now += timedelta(seconds=8)
        samples.sort()
        out["grade + next (median)"] = statistics.median(samples)
        out["grade + next (p95)"] = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        out["grades timed"] = len(samples)
        out["stats"], stats = _timed(lambda: collection_stats(collection), repeat)
        out["reviews in log"] = stats.reviews.total
    finally:
        collection.close()
    return out


# --- report ---------------------------------------------------------------------------

TIMED = ["open (no deck cache)", "open (deck cache warm)", "list decks", "build queue", "grade + next (median)", "grade + next (p95)", "stats"]
SETUP = ["write decks", "first import", "history"]


def format_table(small: dict, large: dict, labels: tuple[str, str]) -> str:
    headers = ["operation", labels[0], labels[1], "ratio"]
    rows = []
    for key in TIMED:
        a, b = small[key] * 1000, large[key] * 1000
        rows.append([key, f"{a:,.1f} ms", f"{b:,.1f} ms", f"{b / a:,.1f}x" if a > 0 else "-"])
    rows.append(["", "", "", ""])
    for key in SETUP:
        rows.append([f"setup: {key}", f"{small[key]:.1f} s", f"{large[key]:.1f} s", ""])
    rows.append(["database size", f"{small['db MB']:.1f} MB", f"{large['db MB']:.1f} MB", ""])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(headers), "  ".join("-" * w for w in widths), *(fmt(r) for r in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000, help="cards in the large collection (default 100000)")
    parser.add_argument("--reviews", type=int, default=1_000_000, help="reviews in the large one (default 1000000)")
    parser.add_argument("--small-cards", type=int, default=1_000, help="cards in the small collection (default 1000)")
    parser.add_argument("--small-reviews", type=int, default=10_000, help="reviews in the small one (default 10000)")
    parser.add_argument("--grades", type=int, default=50, help="grade + next repetitions (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the other operations (median; default 3)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: time the collections already built in DIR instead of rebuilding them")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 and 2,000 cards, 10 grades")
    args = parser.parse_args(argv)
    if args.quick:
        args.small_cards, args.small_reviews, args.cards, args.reviews = 200, 2_000, 2_000, 20_000
        args.grades, args.repeat = 10, 1
    if min(args.cards, args.small_cards) < DECKS or min(args.grades, args.repeat) < 1 \
            or min(args.reviews, args.small_reviews) < 0:
        parser.error(f"need at least {DECKS} cards, one grade and one repeat; reviews cannot be negative")

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="anastro-bench-"))
    # Keep the synthetic decks out of the user's real deck cache.
    os.environ["ANASTRO_QUIZ_CACHE"] = str(root / "deck-cache")
    sizes = [(args.small_cards, args.small_reviews), (args.cards, args.reviews)]
    print(f"Scale benchmark: {DECKS} decks; {args.grades} grades timed; other operations median of {args.repeat}")
    results = []
    try:
        for cards, reviews in sizes:
            folder = root / f"{cards}-cards"
            setup_file = folder / "setup.json"
            if args.reuse and args.keep and setup_file.is_file():
                setup = json.loads(setup_file.read_text())
            else:
                if folder.exists():
                    shutil.rmtree(folder)
                print(f"building {cards:,} cards / {reviews:,} reviews ...", file=sys.stderr, flush=True)
                setup = build(folder, cards, reviews, args.seed)
                setup_file.write_text(json.dumps(setup))
            print(f"timing {cards:,} cards ...", file=sys.stderr, flush=True)
            timings = measure(folder, args.grades, args.repeat, args.seed)
            results.append({**setup, **timings})
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    labels = tuple(f"{c:,} cards / {r:,} rev" for c, r in sizes)
    print()
    print(format_table(results[0], results[1], labels))
    print()
    print(f"ratio: large / small. grade + next must stay well under 50 ms at the large size "
          f"({results[1]['grade + next (p95)'] * 1000:.1f} ms p95 over {int(results[1]['grades timed'])} grades).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
