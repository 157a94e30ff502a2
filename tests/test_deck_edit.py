"""Editing a card in its deck file: only the changed fields' lines change, history is kept,
an invalid edit or a read-only deck writes nothing."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from anastro_quiz.collection import Collection
from anastro_quiz.card_form import form_values
from anastro_quiz.deck_edit import EditError, ReadOnlyDeck, edit_card, edited_text, removed_text
from anastro_quiz.decks import load_deck, parse_deck
from anastro_quiz.scheduler import Rating

REPO = Path(__file__).resolve().parent.parent

COMMENTED = """\
# My own deck: comments and layout must survive an edit.
id: mine
title: Mine
cards:
  # the basics first
  - id: one
    type: basic
    prompt: "What class of drug is anastrozole?"   # quoted on purpose
    answer: An aromatase inhibitor  # keep this note
    tags: [mechanism]

  - id: two
    type: typed
    prompt: Lumbar-spine BMD fell by about what percentage?
    answer: 6.1%
    accept:
      - 6.1 percent
    tags: [atac]
# trailing comment
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def test_edit_rewrites_only_the_changed_field_and_keeps_comments():
    after = edited_text(COMMENTED, "one", {"answer": "A non-steroidal aromatase inhibitor"})
    assert changed_lines(COMMENTED, after) == [
        "-     answer: An aromatase inhibitor  # keep this note",
        "+     answer: A non-steroidal aromatase inhibitor  # keep this note",
    ]


def test_edit_keeps_quotes_flow_lists_and_key_order():
    after = edited_text(COMMENTED, "one", {"prompt": "Which class is anastrozole?", "tags": "mechanism, class"})
    old_line = next(line for line in COMMENTED.splitlines() if "prompt: \"What" in line)
    new_line = next(line for line in after.splitlines() if "prompt:" in line)
    assert new_line.startswith('    prompt: "Which class is anastrozole?" ')  # still double-quoted
    assert new_line.index("# quoted on purpose") == old_line.index("# quoted on purpose")
    assert "    tags: [mechanism, class]" in after.splitlines()
    deck, problems = parse_deck(after)
    assert not problems
    assert list(deck.cards[0].data) == ["id", "type", "prompt", "answer", "tags"]


def test_added_and_removed_fields_go_where_a_person_would_write_them():
    after = edited_text(COMMENTED, "two", {"tolerance": "0.05", "explanation": "ATAC, five years.", "accept": ""})
    deck, _ = parse_deck(after)
    card = deck.cards[1]
    assert list(card.data) == ["id", "type", "prompt", "answer", "tolerance", "tags", "explanation"]
    assert card.data["tolerance"] == 0.05 and "accept" not in card.data
    assert after.endswith("# trailing comment\n")  # the comment after the last card stays


def test_generated_deck_round_trip_touches_one_card_only(tmp_path):
    path = tmp_path / "mechanism.yaml"
    shutil.copy(REPO / "decks" / "mechanism.yaml", path)
    before = path.read_text(encoding="utf-8")
    deck = load_deck(path)
    card = next(c for c in deck.cards if c.type == "cloze")
    assert edit_card(path, card.id, {"explanation": "Aromatase converts androgens into estrogens."})
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["+   explanation: Aromatase converts androgens into estrogens."]


def test_unchanged_form_writes_nothing(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    card = load_deck(path).cards[0]
    assert edit_card(path, "one", form_values(card.type, card.data)) is None
    assert path.stat().st_mtime_ns == stamp


def test_invalid_edit_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "decks" / "all_types.yaml"
    shutil.copytree(REPO / "tests" / "fixtures" / "decks", path.parent)
    before = path.read_bytes()
    with pytest.raises(EditError) as err:
        edit_card(path, "atac-hip", {"answer": "9.9%"})
    assert err.value.problems == ["the answer is not among its choices"]
    with pytest.raises(EditError, match="cannot be empty"):
        edit_card(path, "ai-class", {"prompt": "  "})
    with pytest.raises(EditError, match="not a number"):
        edit_card(path, "atac-spine", {"tolerance": "five"})
    with pytest.raises(EditError, match="no deletion"):
        edit_card(path, "rankl-mcsf", {"text": "No blanks left."})
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def make_read_only(folder: Path, monkeypatch) -> None:
    """Deny writing to ``folder`` (chmod, and os.access too: the tests may run as root)."""
    real_access = os.access

    def access(path, mode, **kwargs):
        if mode & os.W_OK and folder in (Path(path), Path(path).parent):
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)


def test_read_only_deck_gives_a_clear_message(tmp_path, monkeypatch, clock):
    from anastro_quiz.curation import reject

    folder = tmp_path / "site-packages" / "bundled_decks"
    folder.mkdir(parents=True)
    path = folder / "mine.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    make_read_only(folder, monkeypatch)
    try:
        with pytest.raises(ReadOnlyDeck, match="read-only.*--decks"):
            edit_card(path, "one", {"answer": "Changed"})
        coll = Collection.open(tmp_path / "p.db", [folder], clock=clock)
        try:
            with pytest.raises(ReadOnlyDeck):
                reject(coll, "mine", "one")  # curation's x
        finally:
            coll.close()
        assert path.read_text(encoding="utf-8") == COMMENTED
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_edit_keeps_the_card_id_and_its_history(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        session = coll.start_session(["sample"])
        first = session.current
        assert first.id == "ai-class"
        session.grade(Rating.Good)
        items = coll.edit_card("sample", "ai-class", {"answer": "A third-generation aromatase inhibitor"})
        assert items[("sample", "ai-class")].answer == "A third-generation aromatase inhibitor"
        assert coll.items[("sample", "ai-class")].answer == "A third-generation aromatase inhibitor"
        row = coll.store.schedule_row("sample", "ai-class")
        assert row.reps == 1 and row.fsrs_state != 0  # the review still counts
    finally:
        coll.close()
    # A fresh start reads the edited file (the deck cache notices the change) and keeps the history.
    again = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        assert again.items[("sample", "ai-class")].answer == "A third-generation aromatase inhibitor"
        assert again.store.schedule_row("sample", "ai-class").reps == 1
        assert again.sync_report == {"added": 0, "changed": 0, "orphaned": 0}
    finally:
        again.close()


def test_removing_a_card_keeps_the_rest_byte_for_byte(tmp_path):
    path = tmp_path / "mine.yaml"
    after = removed_text(COMMENTED, "two")
    path.write_text(after, encoding="utf-8")
    assert [c.id for c in load_deck(path).cards] == ["one"]
    assert after.startswith(COMMENTED[:COMMENTED.index("  - id: two")])
    assert after.endswith("# trailing comment\n")
    assert removed_text(after, "one") is None  # the last card: curation deletes the deck file


def test_a_list_answer_can_be_edited(tmp_path):
    path = tmp_path / "osteoclast-regulation.yaml"
    shutil.copy(REPO / "decks" / "osteoclast-regulation.yaml", path)
    card = next(c for c in load_deck(path).cards if c.data.get("items"))
    form = form_values(card.type, card.data)
    assert form["items"] == "\n".join(card.data["items"])
    extra = form["items"] + "\nA third item"
    assert edit_card(path, card.id, {"items": extra, "need": "2"})
    edited = next(c for c in load_deck(path).cards if c.id == card.id)
    assert edited.data["items"] == [*card.data["items"], "A third item"] and edited.data["need"] == 2
    with pytest.raises(EditError, match="'need' must be a whole number"):
        edit_card(path, card.id, {"need": "9"})


def test_installed_bundled_decks_count_as_read_only(tmp_path, monkeypatch):
    """Even in a writable site-packages: an edit there would vanish at the next upgrade."""
    from anastro_quiz import deck_edit

    folder = tmp_path / "site-packages" / "anastro_quiz" / "bundled_decks"
    folder.mkdir(parents=True)
    path = folder / "mine.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    monkeypatch.setattr(deck_edit, "INSTALLED_DECKS", folder.resolve())
    with pytest.raises(ReadOnlyDeck, match="installed with the package"):
        edit_card(path, "one", {"answer": "Changed"})
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_unusual_layouts_still_edit_correctly():
    flow = "id: f\ntitle: F\ncards:\n  - {id: a, type: basic, prompt: Q?, answer: A}\n  - id: b\n    type: basic\n" \
           "    prompt: Other?\n    answer: B\n"
    after = edited_text(flow, "a", {"answer": "Changed"})
    deck, problems = parse_deck(after)
    assert not problems and deck.cards[0].data["answer"] == "Changed" and deck.cards[1].data["answer"] == "B"
    dash_alone = "id: d\ntitle: D\ncards:\n-\n  id: a\n  type: basic\n  prompt: Q?\n  answer: A\n"
    after = edited_text(dash_alone, "a", {"answer": "Changed"})
    assert changed_lines(dash_alone, after) == ["-   answer: A", "+   answer: Changed"]


def test_every_shipped_card_edits_in_place(monkeypatch):
    """Each card of the shipped decks: the edit lands, every other card is as it was, and
    only that card's lines change (no whole-file fallback)."""
    from anastro_quiz import deck_edit
    from anastro_quiz.decks import deck_files

    monkeypatch.setattr(deck_edit, "_whole_file", lambda *a: pytest.fail("whole-file fallback used"))
    edited = 0
    for path in deck_files([REPO / "decks"]):
        text = path.read_text(encoding="utf-8")
        deck, _ = parse_deck(text)
        for card in deck.cards:
            change = ({"explanation": "Changed."} if card.type == "cloze"
                      else {"prompt" if "prompt" in card.data else "statement": "A changed question?"})
            after = edited_text(text, card.id, change)
            new_deck, problems = parse_deck(after)
            assert not problems
            new = {c.id: c.data for c in new_deck.cards}
            assert all(new[c.id] == c.data for c in deck.cards if c.id != card.id)
            assert all(new[card.id].get(k) == v for k, v in change.items())
            assert len(changed_lines(text, after)) <= 8, card.id
            edited += 1
    assert edited == sum(len(parse_deck(p.read_text(encoding="utf-8"))[0].cards) for p in deck_files([REPO / "decks"])) >= 35
