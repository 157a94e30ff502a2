"""Benchmark the deck generator: each article, both together, and a synthetic ~1 MB document.

Run with ``python benchmarks/bench_generate.py``. The last column (ms per KB) should stay
roughly flat as input grows: generation is linear in the size of the input.

The synthetic documents repeat the articles, so de-duplication keeps their cards at a few
dozen and hides the cost of truly new sentences. ``--novel 1000,5000`` times instead
documents of that many KB made of *perturbed, non-repeating* copies of the articles and of
the development corpus (``../shared/corpus/wiki``, if present): every copy changes words
and figures at random (seeded), so each sentence and many key terms are new, and prints
each time against the first size's, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from anastro_quiz.generate import generate_decks  # noqa: E402

SOURCES = sorted((ROOT / "decks" / "sources").glob("*.txt"))


def synthetic(target_bytes: int, folder: Path) -> Path:
    """Repeat the articles' bodies, numbering each copy's headings, until ``target_bytes``."""
    parts, size, n = [], 0, 0
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    while size < target_bytes:
        text = texts[n % len(texts)].replace("\n\nAcademic\n", f"\n\nAcademic\n\nPart {n}\n")
        parts.append(text)
        size += len(text.encode())
        n += 1
    path = folder / "synthetic.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "wiki", Path("/work/shared/corpus/wiki")) if p.is_dir()),
              ROOT.parent / "shared" / "corpus" / "wiki")
_WORD = re.compile(r"[A-Za-z]{6,}|\d+")
_VOWELS = "aeiou"


def _perturb(text: str, rng: random.Random) -> str:
    """``text`` with about a third of its long words changed by a letter and half its figures
    redrawn (same number of digits), so no sentence repeats one of another copy."""
    def change(m: re.Match) -> str:
        word = m.group(0)
        if word.isdigit():
            return str(rng.randrange(10 ** (len(word) - 1), 10 ** len(word))) if rng.random() < 0.5 else word
        if rng.random() >= 0.35:
            return word
        i = rng.randrange(1, len(word) - 1)
        letter = rng.choice(_VOWELS if word[i] in _VOWELS else "bcdfghklmnprstvz")
        return word[:i] + letter + word[i + 1:]
    return _WORD.sub(change, text)


def novel(target_bytes: int, folder: Path, seed: int = 1) -> Path:
    """A Markdown document of at most ``target_bytes``: perturbed copies of the articles, each
    under its own numbered heading, as many as fit."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md")) if p.name != "README.md"]
    parts, size, n = [], 0, 0
    while True:  # up to ``target_bytes`` (the generator reads files up to 5 MB)
        text = f"# Part {n}\n\n" + _perturb(texts[n % len(texts)], rng)
        if size + len(text.encode()) + 2 > target_bytes:
            break
        parts.append(text)
        size += len(text.encode()) + 2
        n += 1
    path = folder / f"novel-{target_bytes // 1000}.md"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def main_novel(sizes_kb: list[int]) -> None:
    """Time non-repeating documents of ``sizes_kb``; each size's time against the first's. Beside
    the wall time, the CPU seconds of this process and its helpers (``generate.parallel``) and the
    load average: on a shared machine the wall time says more about the other jobs."""
    generate_decks(SOURCES)  # warm up
    print(f"{'non-repeating input':<24}{'size KB':>10}{'seconds':>10}{'CPU s':>8}{'cards':>8}{'ms/KB':>8}"
          f"{'time ratio':>12}{'CPU ratio':>11}{'load':>7}")
    first = first_cpu = None
    with tempfile.TemporaryDirectory() as tmp:
        for kb in sizes_kb:
            path = novel(kb * 1000, Path(tmp))
            size = path.stat().st_size / 1000
            cpu = _cpu_seconds()
            seconds, cards = timed([path], 1)
            cpu = _cpu_seconds() - cpu
            first, first_cpu = first or seconds, first_cpu or cpu
            print(f"{path.name:<24}{size:>10.1f}{seconds:>10.2f}{cpu:>8.1f}{cards:>8}{seconds * 1000 / size:>8.2f}"
                  f"{seconds / first:>11.2f}x{cpu / first_cpu:>10.2f}x{os.getloadavg()[0]:>7.1f}", flush=True)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the helper processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(paths: list[Path], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs, and the number of cards produced."""
    best, cards = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        decks = generate_decks(paths)
        best = min(best, time.perf_counter() - start)
        cards = sum(len(d.cards) for d in decks)
    return best, cards


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--novel", metavar="KB,KB", help="time non-repeating documents of these sizes instead")
    args = parser.parse_args()
    if args.novel:
        main_novel([int(kb) for kb in args.novel.split(",")])
        return
    generate_decks(SOURCES)  # warm up: segmenter and word-frequency tables load once
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(p.name, [p], 5) for p in SOURCES]
        cases.append(("both articles", SOURCES, 5))
        for kb in (250, 500, 1000):
            folder = Path(tmp) / str(kb)
            folder.mkdir()
            cases.append((f"synthetic {kb} KB", [synthetic(kb * 1000, folder)], 1))
        print(f"{'input':<28}{'size KB':>10}{'seconds':>10}{'cards':>8}{'ms/KB':>8}")
        for name, paths, repeat in cases:
            size = sum(p.stat().st_size for p in paths) / 1000
            seconds, cards = timed(paths, repeat)
            print(f"{name:<28}{size:>10.1f}{seconds:>10.3f}{cards:>8}{seconds * 1000 / size:>8.2f}")


if __name__ == "__main__":
    main()
