"""TUI benchmark: launch time, peak memory and grade-to-next-card latency, at scale.

  launch       wall time from spawning a Python process to (a) the first frame of Home
               drawn and (b) Home drawn with its deck counts, mastery and every key of its
               key bar (the frame a user sees: a frame before the keys is not it), for our app
               (built with ``make_app(opener=...)`` as the CLI does: Home draws at once and
               the collection opens in a worker behind it), on the bundled decks (a fresh
               database) and on the large collection, and to the first frame of a bare
               Textual app (one ``Static``) started the same way (headless, ``App.run``)
               in the same run, and of an app made of Home's Textual widgets and none of
               our code (what those widgets alone cost: the floor under ours; timed to the
               frame that shows its Footer's keys, which come a frame or two after the rest). Our modules are
               compiled to bytecode first, as ``pip install .`` leaves an installed copy (an editable
               install under ``PYTHONDONTWRITEBYTECODE=1`` would compile them at every launch). Each child prints the wall-clock times it reached those
               points and its peak RSS; times are reported as ratios to the bare app
               (issue 14: Home with data within 1.3x), memory as a ratio to the bundled
               decks' launch (within 2x). Median of ``--runs`` alternating launches. The
               children import only what they need (the bare one none of our code).
  grade->next  driven by Pilot at 80x24 in an app that opened its collection with its own
               opener (as a launch does): from the grade key's action on a revealed card
               until the next card is painted (after the core has committed the grade in a
               worker thread). p50 / p95 over ``--grades`` cards, on a 100-card collection
               and on the large one (issue 14: p95 within 1.5x of the 100-card one).

The collections are built with ``bench_scale.build`` (20 YAML decks, a real FSRS review
history), or ``--collection DIR`` times one already built (``bench_scale.py --keep DIR``
leaves ``DIR/100000-cards``: its database is copied for the grading run, never written).
Run: ``python benchmarks/bench_tui.py [--quick] [--cards N] [--collection DIR] [--runs R] [--grades G]``.
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


def child_ours(db: str, decks: str, now: str | None) -> None:
    """The real launch: ``anastro-quiz --db DB --decks DECKS`` through the CLI's entry point
    (click, the instance lock, the app factory, the opener in its worker), headless at 80x24,
    on the clock ``now`` (the large collection's history ends then) or the real one."""
    from textual.app import App

    from anastro_quiz.cli import main
    from anastro_quiz.cli.context import Context
    from anastro_quiz.tui.app import StudyApp
    from anastro_quiz.tui.screens.home import HomeScreen

    if now is not None:
        from datetime import datetime

        at = datetime.fromisoformat(now)
        Context.clock = lambda self: (lambda: at)  # type: ignore[method-assign]
    run = App.run
    StudyApp.run = lambda self, **kw: run(self, headless=True, size=(80, 24))  # type: ignore[method-assign]

    marks: dict[str, float] = {}
    mount, show = HomeScreen.on_mount, HomeScreen.show

    # Both marks, like the bare app's, are taken by call_after_refresh: once the screen has
    # been refreshed after the frame (or the counts) were put on it.
    def on_mount(screen: HomeScreen) -> None:  # note when Home's first frame has been painted
        mount(screen)
        screen.call_after_refresh(lambda: marks.setdefault("first_frame", time.time()))

    def drawn(screen: HomeScreen) -> None:
        # Home with data is the counts, the deck table and the key bar's keys on the screen: a
        # frame without the keys is not yet the Home a user sees, so wait for the one with them.
        from anastro_quiz.tui.widgets.key_bar import KeyBar

        regions = [region for _key, region in screen.query_one(KeyBar).key_regions()]
        if not regions or not all(region.width for region in regions):
            screen.call_after_refresh(drawn, screen)
            return
        marks.setdefault("home_data", time.time())
        screen.app.exit()

    def on_show(screen: HomeScreen, data) -> None:  # and when its counts and mastery have been
        show(screen, data)
        screen.call_after_refresh(drawn, screen)

    HomeScreen.on_mount = on_mount  # type: ignore[method-assign]
    HomeScreen.show = on_show  # type: ignore[method-assign]
    sys.argv = ["anastro-quiz", "--db", db, "--decks", decks, "--create"]  # the first (warming) launch starts it
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
    print(json.dumps(marks | _peak()))


def child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    marks: dict[str, float] = {}

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:  # note when the first frame has been painted
            self.screen.call_after_refresh(lambda: marks.setdefault("first_frame", time.time()))

    app = Bare()

    async def drawn(pilot) -> None:
        await pilot.pause()
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=drawn)
    print(json.dumps(marks | _peak()))


def child_widgets() -> None:
    """A Textual app made of Home's Textual widgets (a Header, a five-row DataTable of Home's
    columns, two Statics, a Footer of eight keys) and none of our code: what any Home built
    from these widgets costs a launch, the floor under ours."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import DataTable, Footer, Header, Static

    marks: dict[str, float] = {}

    class Widgets(App):
        BINDINGS = [Binding(key, "bell", f"key {key}") for key in "abcdefgh"]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Today: 0 due")
            table: DataTable = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Deck", "New", "Learn", "Due", "Mastery")
            for n in range(5):
                table.add_row(f"deck {n}", "20", "0", "0", "0%")
            yield table
            yield Static("Enter study · a all due")
            yield Footer()

        def on_mount(self) -> None:  # note when the first frame with the Footer's keys has been painted
            self.screen.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            # The Footer composes its keys once the screen has told it its bindings, a frame or
            # two after the rest: timed to the frame that shows them, as Home is.
            from textual.widgets._footer import FooterKey

            keys = self.screen.query(FooterKey)
            if keys and all(key.region.width for key in keys):
                marks.setdefault("first_frame", time.time())
            else:
                self.screen.call_after_refresh(self.drawn)

    app = Widgets()

    async def drawn(pilot) -> None:
        while "first_frame" not in marks:
            await pilot.pause()
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=drawn)
    print(json.dumps(marks | _peak()))


def _peak() -> dict[str, float]:
    """This process's peak resident memory so far, in MiB (reported beside the times)."""
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of a parent that
    # built a 100k collection would report the parent's peak.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        import resource

        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"peak_mib": kib / 1024}


def compile_our_bytecode() -> str:
    """Compile this project's modules to bytecode, as ``pip install .`` does for an installed
    copy, so that a launch reads them as a user's launch does (Textual's, installed by pip, are
    compiled already). An editable install under ``PYTHONDONTWRITEBYTECODE=1`` (set on the
    machines these numbers come from) never writes them: every launch then compiled all of our
    modules from source, which no installed copy does. Returns what was done, for the table."""
    import compileall

    import anastro_quiz

    package = Path(anastro_quiz.__file__).parent
    compileall.compile_dir(str(package), quiet=1)
    return f"our modules' bytecode compiled before timing ({package})"


def time_launch(args: list[str]) -> dict[str, float]:
    """Seconds from spawning the child to each point it reached (and to its exit, ``exit``)."""
    started = time.time()
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    ended = time.time()
    marks = json.loads(out.strip().splitlines()[-1])
    peak = marks.pop("peak_mib")
    return {name: at - started for name, at in marks.items()} | {"exit": ended - started, "peak_mib": peak}


# --- grade -> next card -------------------------------------------------------------------------


async def grade_latencies(db: Path, decks: Path, grades: int) -> list[float]:
    from textual.widgets import Input

    from bench_scale import NOW, Clock

    from anastro_quiz.collection import Collection, DailyLimits
    from anastro_quiz.tui.app import make_app
    from anastro_quiz.tui.screens.review import ReviewScreen

    setup = Collection.open(db, [decks], clock=Clock(NOW))
    setup.save_limits(DailyLimits(new_per_day=grades, reviews_per_day=grades * 2))  # a card for every grade
    setup.close()
    app = make_app(opener=lambda progress, upgrading: Collection.open(db, [decks], clock=Clock(NOW), progress=progress, upgrading=upgrading))
    out: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        while app.collection is None:  # opened by the app's own opener (gc.freeze() and all)
            await pilot.pause(0.01)
        # Every deck's due cards, then new ones: the app's "study all due" starts no new cards,
        # and the small collection has only new ones.
        app.open_session(lambda: app.collection.start_session(None, new_cards=True))
        waited = time.perf_counter()
        while not isinstance(app.screen, ReviewScreen) or app.screen.shown is None:
            if time.perf_counter() - waited > 30:
                raise RuntimeError(f"no review screen 30 s after starting a session (on {app.screen!r})")
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
        async def back_to_review() -> None:
            # The app's own refit (autofit, in a worker) may adopt new parameters and ask over
            # the review whether to reschedule: Escape keeps the due dates, as a learner may.
            while app.screen is not screen and not isinstance(app.screen, ReviewScreen):
                await pilot.press("escape")
                await pilot.pause()

        while len(out) < grades and screen.shown.item is not None:
            await back_to_review()
            if app.screen is not screen:
                break
            item = screen.shown.item
            if item.type == "typed":
                screen.query_one(Input).value = item.answer
                await pilot.press("enter")
            else:
                await pilot.press("space")
            await pilot.pause()
            marks.clear()
            await pilot.press("3")
            while "end" not in marks and "start" in marks and app.screen is screen:
                await asyncio.sleep(0.0005)
            if "end" in marks and "start" in marks:  # a dialog over the review: this grade not timed
                out.append(marks["end"] - marks["start"])
    app.collection.close()
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--collection", metavar="DIR",
                        help="time this built collection (progress.db and decks/) instead of building one")
    parser.add_argument("--runs", type=int, default=7, help="launches of each app (median; default 7)")
    parser.add_argument("--grades", type=int, default=200, help="grades timed on each collection (default 200)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 cards, 2 launches, 20 grades")
    parser.add_argument("--child", choices=["ours", "bare", "widgets"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--decks", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "ours":
        child_ours(args.db, args.decks, args.now)
        return 0
    if args.child == "bare":
        child_bare()
        return 0
    if args.child == "widgets":
        child_widgets()
        return 0
    if args.quick:
        args.cards, args.reviews, args.runs, args.grades = 1_000, 10_000, 2, 20

    from anastro_quiz.paths import bundled_decks_dir

    root = Path(tempfile.mkdtemp(prefix="anastro-bench-tui-"))
    try:
        from bench_scale import NOW, build

        if args.collection:
            large = Path(args.collection)
            label = f"{large.name}"
        else:
            large = root / "large"
            print(f"building {args.cards:,} cards / {args.reviews:,} reviews ...", file=sys.stderr, flush=True)
            build(large, args.cards, args.reviews, args.seed)
            label = f"{args.cards:,} cards, {args.reviews:,} reviews"
        small = root / "small"
        build(small, 100, 1_000, args.seed)
        launches = {
            "bundled": ["--child", "ours", "--db", str(root / "bundled.db"), "--decks", str(bundled_decks_dir())],
            "large": ["--child", "ours", "--db", str(large / "progress.db"), "--decks", str(large / "decks"),
                      "--now", NOW.isoformat()],
            "bare": ["--child", "bare"],
            "widgets": ["--child", "widgets"],
        }
        print("launching ...", file=sys.stderr, flush=True)
        bytecode = compile_our_bytecode()
        for child in launches.values():  # warm the OS file cache and the deck cache
            time_launch(child)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in launches}
        for _ in range(args.runs):
            for name, child in launches.items():
                runs[name].append(time_launch(child))
        print("grading ...", file=sys.stderr, flush=True)
        small_latencies = asyncio.run(grade_latencies(small / "progress.db", small / "decks", args.grades))
        copy = root / "graded.db"
        shutil.copyfile(large / "progress.db", copy)
        large_latencies = asyncio.run(grade_latencies(copy, large / "decks", args.grades))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def median(name: str, mark: str, scale: float = 1000) -> float:
        return statistics.median(r[mark] for r in runs[name]) * scale

    bare_ms = median("bare", "first_frame")
    rows = [("launch: bare Textual app (one Static)", f"{bare_ms:8.0f} ms", "first frame", "")]
    widgets_ms = median("widgets", "first_frame")
    rows.append(("launch: Home's Textual widgets, no code of ours", f"{widgets_ms:8.0f} ms",
                 f"{widgets_ms / bare_ms:.2f}x", "first frame"))
    for name, what in (("bundled", "bundled decks"), ("large", label)):
        first, data = median(name, "first_frame"), median(name, "home_data")
        rows.append((f"launch, {what}: Home first frame", f"{first:8.0f} ms", f"{first / bare_ms:.2f}x", ""))
        rows.append((f"launch, {what}: Home with data", f"{data:8.0f} ms", f"{data / bare_ms:.2f}x (goal <= 1.3x)",
                     f"exit {median(name, 'exit'):.0f} ms"))
    peak = {name: median(name, "peak_mib", 1) for name in runs if name != "widgets"}
    rows.append(("peak RSS: bare / bundled / large", f"{peak['bare']:.0f} / {peak['bundled']:.0f} / "
                 f"{peak['large']:.0f} MiB", f"large / bundled {peak['large'] / peak['bundled']:.2f}x (goal <= 2x)", ""))
    for what, latencies in (("100 cards", small_latencies), (label, large_latencies)):
        rows.append((f"grade -> next card, {what}", f"p50 {pct(latencies, 0.5) * 1000:.1f} ms",
                     f"p95 {pct(latencies, 0.95) * 1000:.1f} ms", f"{len(latencies)} grades"))
    ratio = pct(large_latencies, 0.95) / pct(small_latencies, 0.95)
    rows.append(("grade -> next p95, large / 100 cards", f"{ratio:.2f}x", "goal <= 1.5x", ""))
    print(f"TUI benchmark: {label}; launch median of {args.runs} (times from process spawn); {bytecode}")
    width = max(len(r[0]) for r in rows)
    for name, value, note, extra in rows:
        print(f"{name:<{width}}  {value:>22}  {note}  {extra}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
