"""Quiz benchmark: building a 20-question quiz from decks of growing size.

Every converted question looks for distractors among the other answers of its deck and
runs them through the shared rules of ``anastro_quiz.distractors`` (same kind, really
wrong), so the time grows with the deck. This prints, per deck size, the time to build 20
questions (``quiz.build_questions``) and to find the distractors of one item, with the share
of questions that became multiple choice. Synthetic answers: terms with real endings
(cells, drugs, conditions, enzymes), figures with units and table-cell phrases.

Run: ``python benchmarks/bench_quiz.py [--quick] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from anastro_quiz.deck_model import StudyItem  # noqa: E402
from anastro_quiz.quiz import build_questions, distractors  # noqa: E402

_STEMS = ["osteo", "chondro", "hepato", "myelo", "lympho", "erythro", "neuro", "cardio", "nephro", "dermato"]
_ENDINGS = ["cyte", "blast", "clast", "penia", "plasia", "itis", "ase", "mab", "nib", "zole", "ifene"]
_PHRASES = ["Significant decrease over five years", "Moderate reduction to an optimal range",
            "Lipid panels and serum estradiol", "Increased incidence of ischemic events",
            "Supported by testosterone but insufficient", "Baseline and periodic DEXA scans"]
_UNITS = ["mg", "%", "days", "hours", "years"]
_WORDS = ["which", "dose", "level", "cells", "bone", "women", "men", "trial", "effect", "receptor", "binding",
          "marker", "therapy", "risk", "change", "after", "during", "plasma", "enzyme", "result", "week"]


def items(n: int, rng: random.Random) -> list[StudyItem]:
    out = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            answer = rng.choice(_STEMS) + rng.choice(_ENDINGS) + ("s" if rng.random() < 0.3 else "")
            tags = ("term",)
        elif kind == 1:
            answer = f"{rng.choice([0.5, 1, 2.5, 5, 10, 20, 40, 150])} {rng.choice(_UNITS)}".replace(" %", "%")
            tags = ("number",)
        else:
            answer = f"{rng.choice(_PHRASES)} in group {i % 17}"
            tags = ("table",)
        prompt = " ".join(rng.choice(_WORDS) for _ in range(8)).capitalize() + "?"  # distinct questions
        out.append(StudyItem("bench", f"c{i}", f"c{i}", "basic", prompt, answer, tags=tags))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small decks only (smoke test)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [100, 300] if args.quick else [100, 1000, 5000]
    print(f"{'deck size':>10} {'20 questions':>14} {'one item':>10} {'choice share':>13}")
    for n in sizes:
        rng = random.Random(args.seed)
        pool = items(n, rng)
        t = time.perf_counter()
        questions = build_questions(pool, 20, random.Random(args.seed))
        build_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        distractors(pool[0], pool, random.Random(args.seed))
        one_ms = (time.perf_counter() - t) * 1000
        share = sum(q.kind == "choice" for q in questions) / len(questions)
        print(f"{n:>10} {build_ms:>11.0f} ms {one_ms:>7.1f} ms {share:>12.0%}")


if __name__ == "__main__":
    main()
