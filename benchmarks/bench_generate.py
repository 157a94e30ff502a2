"""Benchmark the deck generator: each article, both together, and a synthetic ~1 MB document.

Run with ``python benchmarks/bench_generate.py``. The last column (ms per KB) should stay
roughly flat as input grows: generation is linear in the size of the input.
"""

from __future__ import annotations

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
