"""The benchmark scripts run end to end (``--quick``) and print their tables. No timing checks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH = REPO_ROOT / "benchmarks"


def _run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(BENCH / script), "--quick", *args],
                            capture_output=True, text=True, timeout=300, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_scheduling_benchmark_prints_its_table():
    out = _run("bench_scheduling.py", "--seed", "3")
    header = next(line for line in out.splitlines() if line.startswith("scheduler"))
    for column in ("reviews", "recall@review", "known avg", "known/review"):
        assert column in header
    for name in ("Leitner", "SM-2", "FSRS r=0.90 (default)"):
        assert any(line.startswith(name) for line in out.splitlines()), name
    # the comparisons in one table, each with its baseline from the same run
    comparisons = out.split("Comparisons (")[1].splitlines()
    assert "baseline" in comparisons[1] and "ratio" in comparisons[1]
    for name in ("FSRS default vs Leitner", "FSRS default vs SM-2", "exam plan vs plain FSRS (its own reviews)",
                 "exam plan vs plain FSRS + as many reviews", "exam plan vs cramming", "load balancing vs none",
                 "easy Sat/Sun vs load balancing"):
        line = next(line for line in comparisons if line.startswith(name))
        value, baseline, ratio = line.split()[-3:]
        assert ratio.endswith("x") and float(ratio[:-1]) == pytest.approx(
            float(value.replace(",", "")) / float(baseline.replace(",", "")), abs=0.01), line


def test_scheduling_benchmark_is_deterministic():
    def table(out: str) -> list[str]:  # drop the wall-clock column
        return [line.rsplit(None, 1)[0] for line in out.splitlines() if line.startswith(("Leitner", "SM-2", "FSRS"))]

    assert table(_run("bench_scheduling.py", "--seed", "5", "--no-comparisons")) == table(
        _run("bench_scheduling.py", "--seed", "5", "--no-comparisons"))


def test_scale_benchmark_prints_its_table():
    out = _run("bench_scale.py")
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("operation"))
    assert "ratio" in header
    for operation in ("open (no deck cache)", "open (deck cache warm)", "list decks", "build queue", "grade + next (median)",
                      "grade + next (p95)", "stats"):
        row = next(line for line in lines if line.startswith(operation))
        assert row.count(" ms") == 2, row


def test_tui_benchmark_prints_its_table():
    out = _run("bench_tui.py")
    for row in ("launch: bare Textual app", "launch: Home's Textual widgets", "launch, bundled decks: Home with data", "launch, 1,000 cards, 10,000 "
                "reviews: Home with data", "peak RSS: bare / bundled / large", "grade -> next card, 100 cards",
                "grade -> next p95, large / 100 cards"):
        assert any(line.startswith(row) for line in out.splitlines()), row


def test_cards_benchmark_prints_its_table_and_writes_json_and_dumps(tmp_path):
    import json

    out = _run("bench_cards.py", "--json", str(tmp_path / "cards.json"), "--dump", str(tmp_path / "dump"))
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("article"))
    for column in ("cards", "top%", "leftover", "torn", "in-prompt", "T/F?", "pronoun", "teacher%", "gen ms", "ratio"):
        assert column in header
    rows = json.loads((tmp_path / "cards.json").read_text(encoding="utf-8"))
    names = [r["article"] for r in rows]
    assert "000_d7f352855e4ae8a5.txt" in names and "bundled decks (topics.yaml)" in names
    for row in rows:
        assert any(line.startswith(row["article"]) for line in lines), row["article"]
        assert row["cards"] > 0 and row["gen_ms"] > 0 and sum(row["kinds"].values()) == row["cards"]
    dumped = (tmp_path / "dump" / "000_d7f352855e4ae8a5.cards.txt").read_text(encoding="utf-8")
    assert dumped.count("\nQ: ") >= rows[names.index("000_d7f352855e4ae8a5.txt")]["cards"]
    assert "\nQuote: " in dumped


def test_edit_benchmark_prints_its_table():
    out = _run("bench_edit.py", "--runs", "1")
    header = next(line for line in out.splitlines() if line.lstrip().startswith("cards"))
    assert "cache off" in header and "cache warm" in header
    assert [line.split()[0] for line in out.splitlines()[1:] if line.strip()] == ["10", "100"]


def test_quiz_benchmark_prints_its_table():
    out = _run("bench_quiz.py")
    header = next(line for line in out.splitlines() if line.strip().startswith("deck size"))
    assert "20 questions" in header and "choice share" in header
    rows = [line for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert len(rows) == 2 and all(row.count(" ms") == 2 for row in rows)


def test_cards_benchmark_compares_with_an_earlier_run(tmp_path):
    import json

    earlier = tmp_path / "earlier.json"
    _run("bench_cards.py", "--json", str(earlier))
    rows = json.loads(earlier.read_text(encoding="utf-8"))
    rows[0]["cards"] += 5
    earlier.write_text(json.dumps(rows), encoding="utf-8")
    out = _run("bench_cards.py", "--compare", str(earlier))
    changes = out.split("changes since", 1)[1].splitlines()[1:]
    assert any(line.startswith(rows[0]["article"]) and "cards" in line and "->" in line for line in changes)
    assert any(line.rstrip().endswith("no change") for line in changes)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = subprocess.run([sys.executable, str(BENCH / "bench_cards.py"), "--quick", "--compare", str(broken)],
                            capture_output=True, text=True, timeout=300, cwd=REPO_ROOT)
    assert result.returncode == 2 and "--compare" in result.stderr and "Traceback" not in result.stderr


def test_exam_plan_benchmark_prints_its_table():
    out = _run("bench_exam_plan.py")
    assert "strategy" in out and "share >= R" in out
    for name in ("exam plan", "plain FSRS", "plain FSRS + rest", "cramming"):
        assert any(line.startswith(name) for line in out.splitlines()), name


def test_load_balance_benchmark_prints_the_spread_with_and_without():
    out = _run("bench_load_balance.py")
    for name in ("no balancing", "load balancing", "balancing + easy Sat/Sun"):
        assert any(line.startswith(name) for line in out.splitlines()), name
    assert "balancing / none: max/mean" in out
