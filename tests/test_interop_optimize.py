"""FSRS parameter fitting (``optimize``)."""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.clock import iso, study_day
from anastro_quiz.interop.optimize import available
from anastro_quiz.interop.progress import LoggedReview, write_review_log
from anastro_quiz.scheduler import Scheduler
from anastro_quiz.store import Store

import rawdb

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "review-log-sample.csv"
needs_optimizer = pytest.mark.skipif(
    not available(), reason='the optimizer extra (fsrs-rs-python) is not installed: pip install ".[optimizer]"')

# A learner who forgets much faster than the FSRS defaults assume (the fit beats the
# defaults on held-out reviews for every seed tried, not just the one used here).
TRUE_PARAMETERS = list(Scheduler().parameters)
TRUE_PARAMETERS[0:4] = [0.1, 0.3, 0.8, 2.0]
TRUE_PARAMETERS[8] = 1.0
TRUE_PARAMETERS[20] = 0.4


def synthetic_log(cards: int = 150, days: int = 150, seed: int = 11) -> list[LoggedReview]:
    """Reviews of a simulated learner whose memory follows ``TRUE_PARAMETERS``."""
    rng = random.Random(seed)
    truth = Scheduler(parameters=TRUE_PARAMETERS, enable_fuzzing=False, learning_steps=(), relearning_steps=())
    planner = Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())  # default schedule
    start = datetime(2025, 1, 1, 9, 0, tzinfo=timezone.utc)
    end = start + timedelta(days=days)
    out: list[LoggedReview] = []
    for n in range(cards):
        t = start + timedelta(days=n % 40, minutes=n)
        state = truth.new_state(t)
        plan = planner.new_state(t)
        first = True
        while t < end:
            if first:
                rating = rng.choice([1, 2, 3, 3, 3, 4])
            else:
                recalled = rng.random() < truth.retrievability(state, t)
                rating = rng.choice([2, 3, 3, 3, 3, 4]) if recalled else 1
            out.append(LoggedReview(f"c{n}", rating, t, 5000, "syn", f"r{n}-{len(out)}"))
            state, _ = truth.review(state, rating, t)
            plan, due = planner.review(plan, rating, t)
            t = max(due, t + timedelta(days=1)) + timedelta(hours=rng.randint(0, 30))
            first = False
    out.sort(key=lambda r: r.time)
    return out


def _write_csv(path: Path, reviews: list[LoggedReview]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_review_log(reviews, fh)
    return path


def _history_db(path: Path, reviews: list[LoggedReview]) -> Path:
    """A database whose log holds ``reviews`` (and nothing else: history another copy recorded)."""
    Store.open(path).close()
    rawdb.write(path, *[("INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, duration_ms, mode,"
                         " undone) VALUES (?,?,?,?,?,?,?,'review',0)",
                         (r.review_id, r.deck, r.card_id, r.rating, iso(r.time), study_day(r.time).isoformat(),
                          r.duration_ms)) for r in reviews])
    return path


@needs_optimizer
def test_fit_on_synthetic_log_beats_defaults():
    from anastro_quiz.interop.optimize import fit

    reviews = synthetic_log()
    result = fit(reviews)
    assert len(result.parameters) == 21
    assert result.reviews == len(reviews) and result.held_out >= 100 and result.train >= 400
    assert result.fitted.log_loss < result.default.log_loss
    assert result.fitted.rmse_bins < result.default.rmse_bins
    Scheduler(parameters=result.parameters)  # usable by the scheduler as is


@needs_optimizer
def test_a_fit_reports_its_stages_and_the_cli_draws_them_on_a_terminal(tmp_path, monkeypatch):
    from anastro_quiz.interop.optimize import fit

    seen = []
    fit(synthetic_log(), progress=lambda done, total, stage: seen.append((done, total, stage.split(" ")[0])))
    assert seen == [(0, 3, "building"), (1, 3, "fitting"), (2, 3, "scoring"), (3, 3, "")]
    src = _write_csv(tmp_path / "log.csv", synthetic_log())
    piped = CliRunner().invoke(cli, ["optimize", "--from-csv", str(src)])
    assert piped.exit_code == 0 and "Fitting" not in piped.output

    class Tty(list):  # a terminal's stderr, captured
        def write(self, text):
            self.append(text)

        def flush(self):
            pass

        def isatty(self):
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    from anastro_quiz.cli import progress_bar

    with progress_bar.terminal_progress("Fitting", delay=0) as step:
        fit(synthetic_log(), progress=step)
    drawn = "".join(tty)
    assert "Fitting" in drawn and "fitting to" in drawn and "100%" in drawn, drawn


@needs_optimizer
def test_optimize_from_csv_json(tmp_path):
    src = _write_csv(tmp_path / "log.csv", synthetic_log())
    result = CliRunner().invoke(cli, ["optimize", "--from-csv", str(src), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("default", "fitted"):
        assert set(data[key]) >= {"log_loss", "rmse_bins"}
    assert len(data["parameters"]) == 21
    assert data["reviews"] > data["held_out"] > 0
    assert data["fitted"]["log_loss"] < data["default"]["log_loss"]
    assert data["applied"] is False

    text = CliRunner().invoke(cli, ["optimize", "--from-csv", str(src)])
    assert text.exit_code == 0 and "default" in text.output and "fitted" in text.output


@needs_optimizer
def test_optimize_apply_saves_parameters(tmp_path):
    db = _history_db(tmp_path / "p.db", synthetic_log())
    result = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--apply", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.split("\napplied")[0])
    assert data["applied"] is True
    with Store.open(db) as store:
        saved = store.get_setting("scheduler")
    assert saved["parameters"] == data["parameters"]
    # A second run compares the learner's current (fitted) parameters too.
    again = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--json"])
    assert "current" in json.loads(again.output)


@needs_optimizer
def test_too_little_history_is_a_clear_error(tmp_path):
    src = _write_csv(tmp_path / "small.csv", synthetic_log(cards=10, days=30))
    result = CliRunner().invoke(cli, ["optimize", "--from-csv", str(src)])
    assert result.exit_code == 2
    assert "too little review history" in result.output
    db = _history_db(tmp_path / "p.db", synthetic_log(cards=5, days=20))
    result = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--apply"])
    assert result.exit_code == 2 and "too little review history" in result.output
    with Store.open(db) as store:
        assert store.get_setting("scheduler") is None
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "optimize"])
    assert result.exit_code == 2 and "no review history yet" in result.output
    assert not (tmp_path / "none.db").exists()


@needs_optimizer
def test_bad_csv_is_refused(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("card_id,review_rating,review_time,review_duration\nx,7,2024-01-01T00:00:00+00:00,1\n")
    result = CliRunner().invoke(cli, ["optimize", "--from-csv", str(src)])
    assert result.exit_code == 2 and "unknown rating" in result.output


@needs_optimizer
def test_apply_from_csv_confirms_showing_current_and_new(tmp_path, monkeypatch):
    """Parameters fitted to another review log replace this database's only after a confirmation
    that shows both; without a terminal --yes is required; --yes applies at once."""
    from anastro_quiz.cli import progress as progress_cli

    src = _write_csv(tmp_path / "log.csv", synthetic_log())
    db = tmp_path / "p.db"
    current = ", ".join(f"{p:g}" for p in Scheduler().parameters)

    def saved():
        with Store.open(db) as store:
            return (store.get_setting("scheduler") or {}).get("parameters")

    # no terminal, no --yes: shown, refused, nothing saved
    result = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--from-csv", str(src), "--apply"])
    assert result.exit_code == 2, result.output
    assert f"current (FSRS defaults): {current}" in result.output and "new:" in result.output and "--yes" in result.output
    assert saved() is None
    # a terminal that says no
    monkeypatch.setattr(progress_cli, "_can_ask", lambda: True)
    result = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--from-csv", str(src), "--apply"], input="n\n")
    assert result.exit_code == 2 and "not applied" in result.output
    assert saved() is None
    # a terminal that says yes
    result = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--from-csv", str(src), "--apply"], input="y\n")
    assert result.exit_code == 0, result.output
    fitted = saved()
    assert len(fitted) == 21 and "applied: the fitted parameters" in result.output
    new_line = [line for line in result.output.splitlines() if line.strip().startswith("new:")][0]
    assert new_line.split(":", 1)[1].strip() == ", ".join(f"{p:g}" for p in fitted)
    # --yes skips the question (and the current line now shows the applied ones)
    monkeypatch.setattr(progress_cli, "_can_ask", lambda: False)
    result = CliRunner().invoke(cli, ["--db", str(db), "optimize", "--from-csv", str(src), "--apply", "--yes",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.split("\napplied")[0])["applied"] is True
    assert "current:" not in result.output


def test_yes_without_csv_apply_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "optimize", "--yes"])
    assert result.exit_code == 2 and "--yes" in result.output


def test_without_the_optimizer_says_how_to_enable_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)  # import now raises ImportError
    result = CliRunner().invoke(cli, ["optimize", "--from-csv", "whatever.csv"])
    assert result.exit_code == 2
    assert 'pip install "anastro-quiz[optimizer]"' in result.output


@needs_optimizer
@pytest.mark.skipif(not SAMPLE.exists(), reason="shared/data/review-log-sample.csv is not present")
def test_sample_log_fit_improves_both_metrics():
    from anastro_quiz.interop.optimize import fit
    from anastro_quiz.interop.progress import read_review_log

    result = fit(read_review_log(SAMPLE))
    assert result.reviews == 12_580
    assert result.fitted.log_loss < result.default.log_loss
    assert result.fitted.rmse_bins < result.default.rmse_bins


@needs_optimizer
@pytest.mark.skipif(not SAMPLE.exists(), reason="shared/data/review-log-sample.csv is not present")
def test_optimize_benchmark_runs_and_fit_improves():
    import subprocess

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_optimize.py"
    result = subprocess.run([sys.executable, str(script), "--quick", "--csv", str(SAMPLE)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fit improves both metrics at the 20% split: yes" in result.stdout


def _bench_module():
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_optimize.py"
    spec = importlib.util.spec_from_file_location("bench_optimize_under_test", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_optimize_benchmark_without_the_sample_log_skips_cleanly(tmp_path, capsys):
    bench = _bench_module()
    assert bench.DEFAULT_CSV == Path(__file__).resolve().parents[2] / "shared" / "data" / "review-log-sample.csv"
    bench.DEFAULT_CSV = tmp_path / "shared" / "data" / "review-log-sample.csv"  # absent
    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("skipped: the sample review log is not at ") and "--csv FILE" in out
    # An explicit --csv that does not exist is a mistake: a message and exit 2, no traceback.
    assert bench.main(["--quick", "--csv", str(tmp_path / "nope.csv")]) == 2
    assert "no review log at" in capsys.readouterr().err
