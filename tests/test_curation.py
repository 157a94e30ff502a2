"""Curation core: candidates best first, keep, reject (remembered in .rejected.yaml and honoured
by generate), and holding uncurated cards back from study when a deck asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.curation import REJECTED_FILE, candidates, drop_rejected, keep, load_rejected, reject
from anastro_quiz.deck_model import Card, Deck
from anastro_quiz.decks import deck_files, load_deck
from anastro_quiz.paths import bundled_decks_dir
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import SCHEMA_VERSION, Store

import rawdb

REPO = Path(__file__).resolve().parent.parent

GENERATED = """\
id: gen
title: Generated
cards:
- id: low
  type: basic
  prompt: Low-scored question?
  answer: low
  source: {document: a.txt, quote: Low.}
  score: 0.4
- id: best
  type: basic
  prompt: Best question?
  answer: best
  source: {document: a.txt, quote: Best., page: 4}
  score: 0.9
- id: unscored
  type: cloze
  text: A {{c1::blank}} and {{c2::another}}.
- id: middle
  type: basic
  prompt: Middle question?
  answer: middle
  score: 0.7
"""


@pytest.fixture
def gen_dir(deck_dir) -> Path:
    (deck_dir / "gen.yaml").write_text(GENERATED, encoding="utf-8")
    return deck_dir


@pytest.fixture
def coll(tmp_path, gen_dir, clock):
    c = Collection.open(tmp_path / "curate.db", [gen_dir], clock=clock)
    yield c
    c.close()


def ids(cands) -> list[str]:
    return [c.card.id for c in cands]


def test_candidates_best_first_then_deck_order(coll):
    found = ids(candidates(coll))
    assert found[:3] == ["best", "middle", "low"]
    sample = [c.id for c in coll.decks["sample"].cards]
    rest = found[3:]
    assert rest == [i for i in [*sample, "unscored"] if i in rest]  # unscored cards keep deck order
    assert set(rest) == set(sample) | {"unscored"}
    best = candidates(coll)[0]
    assert best.page == 4 and best.score == 0.9


def test_kept_studied_and_suspended_cards_are_not_candidates(coll):
    keep(coll, "gen", "best")
    session = coll.start_session(["sample"])
    first = session.current
    session.grade(Rating.Good)
    coll.set_suspended(coll.items[("gen", "low")], True)
    found = ids(candidates(coll))
    assert "best" not in found and "low" not in found and first.card_id not in found
    keep(coll, "gen", "unscored")  # a cloze card: both blanks are kept
    assert coll.store.kept_keys(["gen"]) >= {("gen", "unscored.c1"), ("gen", "unscored.c2")}


def test_reject_removes_the_card_and_remembers_it(coll, gen_dir):
    before = (gen_dir / "gen.yaml").read_text(encoding="utf-8")
    assert reject(coll, "gen", "middle") is False
    after = (gen_dir / "gen.yaml").read_text(encoding="utf-8")
    assert after == before.replace(before[before.index("- id: middle"):], "")
    assert [c.id for c in load_deck(gen_dir / "gen.yaml").cards] == ["low", "best", "unscored"]
    assert ("gen", "middle") not in coll.items
    assert load_rejected(gen_dir) == [{"deck": "gen", "id": "middle", "question": "Middle question?",
                                        "rejected": load_rejected(gen_dir)[0]["rejected"]}]
    assert "middle" not in ids(candidates(coll))
    # The sidecar is not a deck: the folder still loads.
    Collection.open(gen_dir.parent / "other.db", [gen_dir]).close()


def test_rejecting_a_decks_last_card_deletes_the_file(tmp_path, clock):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "solo.yaml").write_text("id: solo\ntitle: Solo\ncards:\n- id: only\n  type: basic\n"
                                      "  prompt: Q?\n  answer: A\n", encoding="utf-8")
    coll = Collection.open(tmp_path / "p.db", [folder], clock=clock)
    try:
        assert reject(coll, "solo", "only") is True
        assert not (folder / "solo.yaml").exists() and "solo" not in coll.decks
        assert [e["id"] for e in load_rejected(folder)] == ["only"]
    finally:
        coll.close()


def _deck(cards: list[tuple[str, str]]) -> Deck:
    return Deck("d", "D", cards=[Card(i, "basic", {"id": i, "type": "basic", "prompt": q, "answer": "a"})
                                 for i, q in cards])


def test_drop_rejected_by_id_or_same_question(tmp_path):
    (tmp_path / REJECTED_FILE).write_text(yaml.safe_dump({"rejected": [
        {"deck": "d", "id": "gone", "question": "Old wording?"},
        {"deck": "x", "id": "renamed-long-ago", "question": "What is  the ANSWER?"}]}), encoding="utf-8")
    decks = [_deck([("gone", "Anything"), ("new-id", "What is the answer?"), ("stays", "Another?")]),
             _deck([("gone", "Only card")])]
    assert drop_rejected(decks, tmp_path) == 3
    assert [[c.id for c in d.cards] for d in decks] == [["stays"]]  # the emptied deck is dropped
    assert drop_rejected(decks, tmp_path / "no-such-folder") == 0


def test_generate_force_leaves_rejected_cards_out(tmp_path):
    sources = sorted((REPO / "decks" / "sources").glob("*.txt"))
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(cli, ["generate", *map(str, sources), "-o", str(out)])
    assert first.exit_code == 0, first.output
    deck_file = deck_files([out])[0]
    deck = load_deck(deck_file)
    victim = deck.cards[0]
    coll = Collection.open(tmp_path / "p.db", [out])
    try:
        reject(coll, deck.id, victim.id)
    finally:
        coll.close()
    again = runner.invoke(cli, ["generate", *map(str, sources), "-o", str(out), "--force"])
    assert again.exit_code == 0, again.output
    assert "left out 1 card rejected earlier" in again.output
    assert victim.id not in {c.id for f in deck_files([out]) for c in load_deck(f).cards}
    assert len(load_deck(deck_file).cards) == len(deck.cards) - 1


def test_generate_refuses_a_broken_rejected_list(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / REJECTED_FILE).write_text("rejected: [unclosed\n", encoding="utf-8")
    source = sorted((REPO / "decks" / "sources").glob("*.txt"))[0]
    result = CliRunner().invoke(cli, ["generate", str(source), "-o", str(out)])
    assert result.exit_code == 2 and REJECTED_FILE in result.output and "Traceback" not in result.output
    assert deck_files([out]) == []


def test_held_decks_introduce_only_kept_cards(coll):
    coll.save_holds_uncurated(True, "gen")
    summary = {d.id: d for d in coll.deck_summaries()}
    assert (summary["gen"].new, summary["gen"].waiting) == (0, 5)
    # not held: studyable as is (6 of 8 today: the reverse side and the second cloze wait, as siblings)
    assert summary["sample"].new == 6 and summary["sample"].waiting == 0
    assert coll.start_session(["gen"]).current is None
    keep(coll, "gen", "middle")
    summary = {d.id: d for d in coll.deck_summaries()}
    assert (summary["gen"].new, summary["gen"].waiting) == (1, 4)
    session = coll.start_session(["gen"])
    assert session.current.id == "middle"
    session.grade(Rating.Easy)
    assert session.current is None


def test_bundled_decks_are_studyable_out_of_the_box(tmp_path):
    coll = Collection.open(tmp_path / "fresh.db", [bundled_decks_dir()])
    try:
        assert not coll.holds_uncurated()
        assert coll.start_session().current is not None
        assert all(d.waiting == 0 and d.new > 0 for d in coll.deck_summaries())
    finally:
        coll.close()


def test_a_version_2_database_gains_the_kept_table(tmp_path):
    path = rawdb.old_database(tmp_path / "v2.db", 2)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.kept_keys(["any"]) == set()


def test_editing_a_kept_card_keeps_it_kept(coll):
    keep(coll, "gen", "unscored")
    coll.edit_card("gen", "unscored", {"text": "A {{c1::blank}}, {{c2::another}} and {{c3::a third}}."})
    assert {("gen", f"unscored.c{n}") for n in (1, 2, 3)} <= coll.store.kept_keys(["gen"])

