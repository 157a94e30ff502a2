"""Card quality benchmark: the generator on real articles, measured by automatic checks.

Runs the generator on each article of the shared corpus (``shared/corpus/wiki/*.md``, beside
the repository or in /work/shared; skipped with a note when absent) and on each bundled
article (``decks/sources/*.txt``), plus the bundled decks as shipped (both articles with
``decks/sources/topics.yaml``), and prints per article what
:mod:`anastro_quiz.generate.quality` finds:

  cards      cards generated              /kw      cards per 1,000 words of input (coverage)
  top%       share of the most frequent answer
  >5%        answers over 5% of the deck  >40w     prompts over 40 words
  long ans   answers over 12 words (per part of a comparison), too long to recall
  leftover   HTML, citations, pipes, markdown, "∞" in what a card shows
  torn       a range, sign or unit torn by the blank ("2–_____", "−_____", "_____/day")
  in-prompt  the answer visible in its own prompt
  leaks      the prompt shows another card's answer (a sibling of one quote, or a figure)
  T/F?       true/false keys the text does not back (as far as word overlap can tell)
  pronoun    a prompt leaning on "it", "this trial", "[...] is taken as…"
  subject    the answer is the article's own subject word (the drug's name)
  options    choice cards with duplicate, singular/plural, True/False or mixed-kind options
  overlap    a card whose answer holds another card's answer from the same quote (the
             comparison card beside the men card of one table row)
  quiz bad   quiz mode's choice questions (every item asked as one, seeded) with such options
  repeats    near-duplicates: the same question, or the same answer from the same quote
  trivia     a bare year as the answer, or an institution's acronym to expand ("FDA")
  half       the blank is half of a fixed term ("aromatase [...]", "Phase [...]", "[...] CI")
  differ     "Sources differ" where the two doses are one regimen per week
  no quote   the card's quote is missing or not in its source
  teacher%   why/how, chain, comparison, enumeration and clinical-action cards
  gen ms     generation time (best of the repeats)
  base ms    reading the file and splitting it into sentences with pysbd, in the same run:
             ``ratio`` = gen / base says how much the generator costs beyond segmenting

Then the card kinds per article, which of issue 8's targets each article meets, and the
reasons behind the flags. No thresholds: the figures are for people to watch move.

Run: ``python benchmarks/bench_cards.py [--quick] [--json FILE] [--compare FILE] [--dump DIR]
[--markdown]``. ``--json`` writes the per-article figures (with the reasons behind leftovers
and torn cards); ``--compare`` shows what moved since such a file;
``--markdown`` also prints the table for the README; ``--dump`` writes each article's cards
as a readable text file (prompt, answer, choices, quote and the checks it trips) for judging
by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from anastro_quiz.generate import generate_decks  # noqa: E402
from anastro_quiz.generate.quality import CHECKS, OPTION_CHECKS, Assessment, assess, quiz_options  # noqa: E402

SOURCES = sorted((ROOT / "decks" / "sources").glob("*.txt"))
TOPIC_FILE = ROOT / "decks" / "sources" / "topics.yaml"
CORPUS_PLACES = (ROOT.parent / "shared" / "corpus" / "wiki", Path("/work/shared/corpus/wiki"))
BUNDLED = "bundled decks (topics.yaml)"


def corpus_folder() -> Path | None:
    """The shared corpus of Wikipedia articles, if this machine has it."""
    return next((p for p in CORPUS_PLACES if p.is_dir()), None)


def corpus_articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")


def baseline_ms(paths: list[Path], repeat: int) -> float:
    """Best time to read the files and split their paragraphs into sentences (pysbd)."""
    import pysbd  # the generator's own segmenter, used directly so the baseline stays fixed

    seg = pysbd.Segmenter(language="en", clean=False)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for p in paths:
            for para in p.read_text(encoding="utf-8").split("\n\n"):
                if para.strip():
                    seg.segment(para)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def generated(paths: list[Path], topics: Path | None, repeat: int) -> tuple[list, float]:
    """The decks for ``paths`` and the best generation time in ms."""
    best, decks = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        decks = generate_decks(paths, topics)
        best = min(best, time.perf_counter() - start)
    return decks, best * 1000


def measure(name: str, paths: list[Path], topics: Path | None, repeat: int) -> tuple[dict, Assessment]:
    decks, gen = generated(paths, topics, repeat)
    base = baseline_ms(paths, repeat)
    result = assess(decks, {p.name: p.read_text(encoding="utf-8") for p in paths})
    figures = result.figures()
    asked, bad = quiz_options(decks)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    figures.update(article=name, gen_ms=round(gen, 1), base_ms=round(base, 1),
                   ratio=round(gen / base, 1) if base else None, words=words,
                   cards_per_kw=round(figures["cards"] * 1000 / words, 1) if words else 0.0,
                   options=sum(figures[c] for c in OPTION_CHECKS), quiz_choices=asked, quiz_bad=len(bad),
                   quiz_bad_options=[list(b) for b in bad])
    return figures, result


COLUMNS = [("cards", "cards", "{}"), ("/kw", "cards_per_kw", "{:.1f}"), ("top%", "top_answer_share", "{:.1%}"), (">5%", "overused", "{}"),
           (">40w", "long_prompt", "{}"), ("long ans", "long_answer", "{}"), ("leftover", "leftovers", "{}"),
           ("torn", "torn", "{}"), ("in-prompt", "answer_in_prompt", "{}"), ("leaks", "leaks", "{}"),
           ("T/F?", "unsupported_true_false", "{}"), ("pronoun", "dangling_pronoun", "{}"),
           ("subject", "subject_answer", "{}"), ("options", "options", "{}"), ("quiz bad", "quiz_bad", "{}"),
           ("repeats", "repeats", "{}"), ("overlap", "overlaps", "{}"),
           ("trivia", "trivia", "{}"), ("half", "fixed_term_half", "{}"),
           ("differ", "false_disagreement", "{}"), ("no quote", "ungrounded", "{}"),
           ("teacher%", "teacher_share", "{:.0%}"), ("gen ms", "gen_ms", "{:.0f}"), ("base ms", "base_ms", "{:.0f}"),
           ("ratio", "ratio", "{}")]


# The targets of issue 8 ("How to know it is good") that a check can see, as (label, test).
TARGETS = [
    ("no answer over 5% of a deck", lambda r: not r["overused_answers"]),
    ("0 leftovers", lambda r: r["leftovers"] == 0),
    ("0 torn", lambda r: r["torn"] == 0),
    ("0 answer in prompt", lambda r: r["answer_in_prompt"] == 0),
    ("0 unsupported T/F", lambda r: r["unsupported_true_false"] == 0),
    ("0 dangling pronouns", lambda r: r["dangling_pronoun"] == 0),
    ("0 subject-word answers", lambda r: r["subject_answer"] == 0),
    ("0 bad options", lambda r: r["options"] == 0),
    ("0 bad quiz options", lambda r: r["quiz_bad"] == 0),
    ("0 prompts over 40 words", lambda r: r["long_prompt"] == 0),
    (">= 25% teacher kinds", lambda r: r["teacher_share"] >= 0.25),
]


def targets_table(rows: list[dict]) -> str:
    """Per target, how many articles meet it and which do not."""
    lines = []
    for label, met in TARGETS:
        missed = [r["article"] for r in rows if not met(r)]
        note = f"   missed: {', '.join(missed)}" if missed else ""
        lines.append(f"{label:<28}{len(rows) - len(missed):>3}/{len(rows)}{note}")
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    width = max([len(r["article"]) for r in rows] + [8]) + 2
    lines = [f"{'article':<{width}}" + "".join(f" {h:>{max(len(h), 5)}}" for h, _, _ in COLUMNS)]
    for r in rows:
        r = dict(r, overused=len(r["overused_answers"]))
        cells = "".join(f" {fmt.format(r[key]):>{max(len(h), 5)}}" for h, key, fmt in COLUMNS)
        lines.append(f"{r['article']:<{width}}{cells}")
    return "\n".join(lines)


def markdown_table(rows: list[dict]) -> str:
    """The main table as Markdown, for the README."""
    lines = ["| article | " + " | ".join(h for h, _, _ in COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    for r in rows:
        r = dict(r, overused=len(r["overused_answers"]))
        lines.append(f"| {r['article']} | " + " | ".join(fmt.format(r[key]) for _, key, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def _value(row: dict, key: str):
    return len(row["overused_answers"]) if key == "overused" else row.get(key)


def changes_table(rows: list[dict], before: list[dict]) -> str:
    """What moved since an earlier ``--json`` file, per article (timings left out)."""
    old = {r["article"]: r for r in before}
    width = max(len(r["article"]) for r in rows) + 2
    lines = []
    for r in rows:
        o = old.get(r["article"])
        if o is None:
            lines.append(f"{r['article']:<{width}}(not in the earlier run)")
            continue
        moved = [f"{h} {fmt.format(_value(o, key))} -> {fmt.format(_value(r, key))}" for h, key, fmt in COLUMNS
                 if key not in ("gen_ms", "base_ms", "ratio") and _value(o, key) is not None
                 and _value(o, key) != _value(r, key)]
        lines.append(f"{r['article']:<{width}}" + (", ".join(moved) if moved else "no change"))
    return "\n".join(lines)


def read_earlier(path: Path) -> list[dict]:
    """The rows of an earlier ``--json`` run; a clear message and exit 2 if it is not one."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list) or not all(isinstance(r, dict) and "article" in r for r in rows):
            raise ValueError("not a list of per-article figures")
    except (OSError, ValueError) as e:
        print(f"bench_cards: --compare {path}: {e}", file=sys.stderr)
        sys.exit(2)
    return rows


def kinds_table(rows: list[dict]) -> str:
    width = max(len(r["article"]) for r in rows) + 2
    return "\n".join(f"{r['article']:<{width}}" + ", ".join(f"{k} {n}" for k, n in r["kinds"].items()) for r in rows)


def reasons_table(rows: list[dict]) -> str:
    """Per article, what the flagged cards were flagged for ("torn: range torn 5, unit torn 2")."""
    width = max(len(r["article"]) for r in rows) + 2
    lines = []
    for r in rows:
        parts = [f"{check}: " + ", ".join(f"{why} {n}" for why, n in whys.items())
                 for check, whys in r["reasons"].items()]
        if parts:
            lines.append(f"{r['article']:<{width}}" + "; ".join(parts))
    return "\n".join(lines) or "(no card tripped a check)"


def dump(result: Assessment, figures: dict, path: Path) -> None:
    """Write an article's cards as plain text a person can judge card by card."""
    out = [f"# {figures['article']}: {figures['cards']} cards", ""]
    for n, card in enumerate(result.cards, 1):
        first = card.views[0]
        out.append(f"## {n}. {first.card_id} ({first.kind}, {first.type}) deck {card.deck}")
        for v in card.views:
            out.append(f"Q: {v.prompt}")
            out.append(f"A: {v.answer}")
            if v.choices:
                out.append("Choices: " + " / ".join(v.choices))
        out.append(f"Quote: {first.quote}")
        if first.explanation:
            out.append(f"Explanation: {first.explanation}")
        for check, reason in card.flags.items():
            out.append(f"FLAG {check}: {reason}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each, two corpus articles (smoke test)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the per-article figures as JSON")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="write each article's cards as a text file")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for the README)")
    parser.add_argument("--compare", type=Path, metavar="FILE", help="show what moved since an earlier --json file")
    args = parser.parse_args(argv)
    before = read_earlier(args.compare) if args.compare else None
    repeat = 1 if args.quick else 3

    cases: list[tuple[str, list[Path], Path | None]] = []
    folder = corpus_folder()
    if folder is None:
        print("corpus: shared/corpus/wiki not found beside the repository or in /work/shared; "
              "measuring the bundled articles only")
    else:
        articles = corpus_articles(folder)
        cases += [(p.name, [p], None) for p in (articles[:2] if args.quick else articles)]
    cases += [(p.name, [p], None) for p in SOURCES]
    cases.append((BUNDLED, SOURCES, TOPIC_FILE))

    generate_decks(SOURCES[:1])  # warm up: segmenter and word-frequency tables load once
    rows, results = [], []
    for name, paths, topics in cases:
        figures, result = measure(name, paths, topics, repeat)
        rows.append(figures)
        results.append(result)
    print(table(rows))
    print()
    print("card kinds")
    print(kinds_table(rows))
    print()
    print("targets (issue 8) met by")
    print(targets_table(rows))
    print()
    print("flag reasons")
    print(reasons_table(rows))
    print()
    print("checks: " + ", ".join(CHECKS))
    if before is not None:
        print()
        print(f"changes since {args.compare}")
        print(changes_table(rows, before))
    if args.markdown:
        print()
        print(markdown_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for figures, result in zip(rows, results):
            name = figures["article"] if figures["article"] != BUNDLED else "bundled-decks"
            dump(result, figures, args.dump / f"{Path(name).stem}.cards.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
