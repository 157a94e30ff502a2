"""TUI benchmark: launch time and grade-to-next-card latency on a 10,000-card collection.

  launch       wall time from spawning a Python process to (a) the first frame of Home
               drawn and (b) Home drawn with its deck counts and mastery, for our app
               (built with ``make_app(opener=...)`` as the CLI does: Home draws at once and
               the collection opens in a worker behind it), and to the first frame of a
               bare Textual app (Header, one Static, Footer) started the same way
               (headless, ``App.run``) in the same run. Each child prints the wall-clock
               times it reached those points; both are reported as ratios to the bare
               app (goal: under 1.5x). Median of ``--runs`` alternating launches. The
               children import only what they need (the bare one none of our code).
  grade->next  in-process, driven by Pilot at 80x24: from the grade key's action on a
               revealed card until the next card is painted (after the core has
               committed the grade in a worker thread). p50 / p95 over ``--grades`` cards (goal: p95 < 50 ms).

The collection is built with ``bench_scale.build`` (20 YAML decks, a real FSRS review
history). Run: ``python benchmarks/bench_tui.py [--quick] [--cards N] [--runs R] [--grades G]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# bench_scale (a sibling script) imports our core, so the children import it only where needed.


# --- the child processes that are launched and timed ----------------------------------------


def child_ours(db: str, decks: str) -> None:
    from anastro_quiz.tui.app import make_app
    from anastro_quiz.tui.screens.home import HomeScreen

    def opener(progress):
        from bench_scale import NOW, Clock

        from anastro_quiz.collection import Collection

        return Collection.open(db, [decks], clock=Clock(NOW))

    marks: dict[str, float] = {}
    mount = HomeScreen.on_mount

    def on_mount(screen: HomeScreen) -> None:  # note when Home's first frame has been painted
        mount(screen)
        screen.call_after_refresh(lambda: marks.setdefault("first_frame", time.time()))

    HomeScreen.on_mount = on_mount  # type: ignore[method-assign]
    app = make_app(opener=opener)

    async def until_home_drawn(pilot) -> None:
        while not isinstance(app.screen, HomeScreen):
            await asyncio.sleep(0.001)
        while app.screen.data is None:
            await asyncio.sleep(0.001)
        await pilot.pause()  # the deck table is painted
        marks["home_data"] = time.time()
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=until_home_drawn)
    if app.collection is not None:
        app.collection.close()
    print(json.dumps(marks))


def child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    marks: dict[str, float] = {}

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

        def on_mount(self) -> None:  # note when the first frame has been painted
            self.screen.call_after_refresh(lambda: marks.setdefault("first_frame", time.time()))

    app = Bare()

    async def drawn(pilot) -> None:
        await pilot.pause()
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=drawn)
    print(json.dumps(marks))


def time_launch(args: list[str]) -> dict[str, float]:
    """Seconds from spawning the child to each point it reached (and to its exit, ``exit``)."""
    started = time.time()
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    ended = time.time()
    marks = json.loads(out.strip().splitlines()[-1])
    return {name: at - started for name, at in marks.items()} | {"exit": ended - started}


# --- grade -> next card -------------------------------------------------------------------------


async def grade_latencies(db: Path, decks: Path, grades: int) -> list[float]:
    from textual.widgets import Input

    from bench_scale import NOW, Clock

    from anastro_quiz.collection import Collection, DailyLimits
    from anastro_quiz.tui.app import make_app
    from anastro_quiz.tui.screens.review import ReviewScreen

    collection = Collection.open(db, [decks], clock=Clock(NOW))
    collection.save_limits(DailyLimits(new_per_day=grades, reviews_per_day=grades * 2))
    app = make_app(collection)
    out: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_study(None)
        while not isinstance(app.screen, ReviewScreen) or app.screen.shown is None:
            await pilot.pause(0.01)
        screen = app.screen
        marks: dict[str, float] = {}
        # Time inside the app, from the grade key's action to the next card painted:
        # Pilot's own waiting around each key press would otherwise dominate.
        grade, show = screen.action_grade, screen.show_card

        def timed_grade(rating: int) -> None:
            marks["start"] = time.perf_counter()
            grade(rating)

        def timed_show(shown) -> None:
            show(shown)
            screen.call_after_refresh(lambda: marks.__setitem__("end", time.perf_counter()))

        screen.action_grade, screen.show_card = timed_grade, timed_show
        while len(out) < grades and isinstance(app.screen, ReviewScreen) and screen.shown.item is not None:
            item = screen.shown.item
            if item.type == "typed":
                screen.query_one(Input).value = item.answer
                await pilot.press("enter")
            else:
                await pilot.press("space")
            await pilot.pause()
            marks.clear()
            await pilot.press("3")
            while "end" not in marks:
                await asyncio.sleep(0.0005)
            out.append(marks["end"] - marks["start"])
    collection.close()
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7, help="launches of each app (median; default 7)")
    parser.add_argument("--grades", type=int, default=200, help="grades timed (default 200)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 cards, 2 launches, 20 grades")
    parser.add_argument("--child", choices=["ours", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--decks", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "ours":
        child_ours(args.db, args.decks)
        return 0
    if args.child == "bare":
        child_bare()
        return 0
    if args.quick:
        args.cards, args.reviews, args.runs, args.grades = 1_000, 10_000, 2, 20

    root = Path(tempfile.mkdtemp(prefix="anastro-bench-tui-"))
    try:
        from bench_scale import build

        print(f"building {args.cards:,} cards / {args.reviews:,} reviews ...", file=sys.stderr, flush=True)
        build(root, args.cards, args.reviews, args.seed)
        db, decks = root / "progress.db", root / "decks"
        ours_args = ["--child", "ours", "--db", str(db), "--decks", str(decks)]
        time_launch(ours_args)  # warm the OS file cache and the .pyc files for both
        time_launch(["--child", "bare"])
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(time_launch(ours_args))
            bare.append(time_launch(["--child", "bare"]))
        latencies = asyncio.run(grade_latencies(db, decks, args.grades))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def median_ms(runs: list[dict[str, float]], mark: str) -> float:
        return statistics.median(r[mark] for r in runs) * 1000

    bare_ms = median_ms(bare, "first_frame")
    first_ms, data_ms = median_ms(ours, "first_frame"), median_ms(ours, "home_data")
    p50, p95 = pct(latencies, 0.5) * 1000, pct(latencies, 0.95) * 1000
    rows = [
        ("launch: bare Textual app", f"{bare_ms:8.0f} ms", "first frame"),
        ("launch: Home first frame", f"{first_ms:8.0f} ms", f"{first_ms / bare_ms:.2f}x (goal < 1.5x)"),
        ("launch: Home with data", f"{data_ms:8.0f} ms", f"{data_ms / bare_ms:.2f}x (deck counts and mastery drawn)"),
        ("grade -> next card p50", f"{p50:8.1f} ms", ""),
        ("grade -> next card p95", f"{p95:8.1f} ms", f"goal < 50 ms ({'met' if p95 < 50 else 'MISSED'})"),
    ]
    print(f"TUI benchmark: {args.cards:,} cards, {args.reviews:,} reviews; launch median of {args.runs}, "
          f"{len(latencies)} grades timed")
    print(f"{'measure':<28}{'time':>11}  note")
    for name, value, note in rows:
        print(f"{name:<28}{value:>11}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
