"""Exam plan narrowed to topics (tags): `plan --topic T` plans, moves and predicts only the
cards tagged T; the deck's other cards keep their plain schedule."""

from __future__ import annotations

import json
from datetime import timedelta

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.decks import load_decks
from anastro_quiz.exam_planner import forecast_plan
from anastro_quiz.scheduler import Rating
from anastro_quiz.settings import DailyLimits
from anastro_quiz.store import Store
from conftest import FakeClock
from test_exam_plan import START, Learner


def write_tagged_deck(folder, n: int = 40):
    folder.mkdir(exist_ok=True)
    lines = ["id: mixed", "title: Mixed deck", "cards:"]
    for i in range(n):
        lines += [f"  - id: c{i}", "    type: basic", f"    prompt: question {i}", f"    answer: answer {i}",
                  f"    tags: [{'renal' if i % 2 else 'cardio'}]"]
    (folder / "mixed.yaml").write_text("\n".join(lines) + "\n")
    return folder


def _studied(tmp_path, monkeypatch):
    clock = FakeClock(START)
    decks = write_tagged_deck(tmp_path / "decks")
    collection = Collection(Store.open(tmp_path / "p.db"), load_decks([decks]), clock=clock)
    collection.save_limits(DailyLimits(new_per_day=40, reviews_per_day=200))
    learner = Learner(collection, clock)
    learner.sit(lambda row: Rating.Easy)
    learner.next_sitting += timedelta(days=6)
    learner.sit(lambda row: Rating.Good)
    clock.now = learner.next_sitting - timedelta(hours=1)
    opener, fake = Collection.open.__func__, clock  # the CLI passes its own clock: ours wins
    monkeypatch.setattr(Collection, "open", classmethod(lambda cls, db, d, clock=None, **options: opener(cls, db, d, fake, **options)))
    return collection, clock, learner, ["--db", str(tmp_path / "p.db"), "--decks", str(decks)]


def _renal(card_id: str) -> bool:
    return int(card_id[1:]) % 2 == 1


def test_a_plan_for_one_topic_moves_and_counts_only_its_cards(tmp_path, monkeypatch):
    collection, clock, learner, args = _studied(tmp_path, monkeypatch)
    before = {r.card_id: r.due for r in collection.store.schedule_rows()}
    result = CliRunner().invoke(cli, [*args, "plan", "--exam", "2026-03-25", "--recall", "0.95",
                                      "--topic", "renal", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert (out["cards"], out["topics"], out["applied"]) == (20, ["renal"], True)
    assert out["moved"] > 0 and out["predicted_share"] == 1.0
    after = {r.card_id: r.due for r in collection.store.schedule_rows()}
    changed = {c for c in after if after[c] != before[c]}
    assert changed and all(_renal(c) for c in changed)
    # cardio cards next due after the exam stay there; the renal ones all come before it
    assert any(before[c] >= "2026-03-25" for c in after if not _renal(c))
    assert all(after[c] < "2026-03-25" for c in after if _renal(c))
    plan = collection.exam_plan()
    assert plan.topics == ("renal",) and forecast_plan(collection, plan).cards == 20

    # Keeping to it: grades follow the plan for renal cards only.
    learner.per_day = {}
    learner.until(plan.exam, lambda row: Rating.Good)
    recall = collection.predicted_recall(plan.moment)
    renal = [k for k in collection.items if _renal(k[1])]
    assert sum(recall[k] >= 0.95 for k in renal) / len(renal) >= out["predicted_share"]
    cardio = [k for k in collection.items if not _renal(k[1])]
    assert sum(recall[k] >= 0.95 for k in cardio) < len(cardio)  # unplanned: FSRS's own intervals
    collection.close()


def test_an_unknown_topic_is_a_message_and_nothing_changes(tmp_path, monkeypatch):
    collection, _clock, _learner, args = _studied(tmp_path, monkeypatch)
    before = collection.store.schedule_rows()
    result = CliRunner().invoke(cli, [*args, "plan", "--exam", "2026-03-25", "--recall", "0.9", "--topic", "lungs"])
    assert result.exit_code == 2
    assert "no card of mixed has the topic 'lungs' (topics: cardio, renal)" in result.output
    assert "Traceback" not in result.output
    assert collection.store.schedule_rows() == before and collection.exam_plan() is None
    collection.close()
