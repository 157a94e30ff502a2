"""Editing one card in a deck file: time against the deck's size (cards), deck cache off and warm.

An edit parses the deck to validate it (PyYAML's C loader, the same checks as
``validate``), while ruamel.yaml reads only the edited card; with the deck cache on, the
deck before the edit comes from the cache (the app's launch, or the previous edit, put it
there). So the cost should grow with the deck at the
speed of one C-loader parse, not of a ruamel round trip of the whole file.

    .venv/bin/python benchmarks/bench_edit.py [--quick] [--runs 3]
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from anastro_quiz.deck_edit import edit_card  # noqa: E402
from anastro_quiz.decks import Card, Deck, dump_deck, load_deck, parse_deck  # noqa: E402


def synthetic_deck(path: Path, cards: int) -> str:
    """A deck of ``cards`` cards copied (deep, so no YAML aliases) from the shipped decks."""
    model = [c for f in sorted((REPO / "decks").glob("*.yaml")) for c in load_deck(f).cards]
    out = []
    for i in range(cards):
        data = copy.deepcopy(model[i % len(model)].data)
        data["id"] = f"card-{i}"
        out.append(Card(data["id"], data["type"], data))
    path.write_text(dump_deck(Deck("bench", "Bench", cards=out)), encoding="utf-8")
    return f"card-{cards // 2}"


def timed(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small decks only (a smoke run)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = (10, 100) if args.quick else (100, 1_000, 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANASTRO_QUIZ_CACHE"] = str(Path(tmp) / "cache")
        print(f"{'cards':>7} {'KB':>6} {'one parse':>10} {'edit, cache off':>16} {'edit, cache warm':>17}")
        for size in sizes:
            path = Path(tmp) / f"deck-{size}.yaml"
            target = synthetic_deck(path, size)
            text = path.read_text(encoding="utf-8")
            parse = timed(lambda: parse_deck(text), args.runs)
            answers = iter(range(10**9))

            def edit() -> None:
                edit_card(path, target, {"explanation": f"Edited {next(answers)}."})

            os.environ["ANASTRO_QUIZ_CACHE"] = ""
            cold = timed(edit, args.runs)
            os.environ["ANASTRO_QUIZ_CACHE"] = str(Path(tmp) / "cache")

            load_deck(path)  # the app parsed the deck when it opened it; each edit caches what it wrote
            warm = timed(edit, args.runs)
            print(f"{size:>7,} {path.stat().st_size // 1024:>6,} {parse * 1000:>8.0f} ms"
                  f" {cold * 1000:>13.0f} ms {warm * 1000:>14.0f} ms")


if __name__ == "__main__":
    main()
