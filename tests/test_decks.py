"""Deck format: loading, expansion into study items, and validation messages."""

from __future__ import annotations

import textwrap

import pytest

from anastro_quiz.decks import DeckError, cloze_deletions, dump_deck, load_deck, parse_deck, validate_paths


def _problems(text: str) -> list[str]:
    _deck, problems = parse_deck(textwrap.dedent(text), "deck.yaml")
    return [str(p) for p in problems]


def test_fixture_deck_expands_every_card_type(deck_dir):
    deck = load_deck(deck_dir / "all_types.yaml")
    items = {item.id: item for item in deck.items()}
    assert {c.type for c in deck.cards} == {"basic", "reverse", "cloze", "choice", "typed", "true_false"}
    # reverse yields a backward card; cloze one card per deletion with the others filled in
    assert items["osteoclast-def.reverse"].prompt == items["osteoclast-def"].answer
    assert items["rankl-mcsf.c1"].prompt == "Estradiol interferes with [...] and M-CSF signalling."
    assert items["rankl-mcsf.c1"].answer == "RANKL"
    assert items["rankl-mcsf.c2"].answer == "M-CSF"
    assert items["atac-hip"].answer in items["atac-hip"].choices
    assert items["apoptosis"].choices == ("True", "False")
    assert items["atac-spine"].accept == ("6.1 percent",)
    assert all(item.source and item.source.quote for item in items.values())


def test_cloze_hint_and_repeated_deletion_number():
    [(n, prompt, answer)] = cloze_deletions("{{c1::RANKL::cytokine}} and {{c1::M-CSF}} drive osteoclasts")
    assert n == 1 and prompt == "[cytokine] and [...] drive osteoclasts" and answer == "RANKL, M-CSF"


def test_validate_reports_every_problem_with_file_line_and_card():
    problems = _problems("""\
        id: d
        title: T
        cards:
          - id: a
            type: choice
            prompt: Which?
            answer: z
            choices: [x, y]
          - id: a
            type: basic
            prompt: p
            answer: q
          - id: b
            type: flashcard
          - id: c
            type: cloze
            text: "nothing hidden"
          - id: e
            type: cloze
            text: "{{c1::}} empty"
          - id: f
            type: typed
            prompt: How much?
    """)
    assert problems == [
        "deck.yaml:4: a: the answer is not among its choices",
        "deck.yaml:9: a: duplicate id (first used on line 4)",
        "deck.yaml:13: b: unknown type 'flashcard' (expected one of: basic, reverse, cloze, choice, typed, true_false)",
        "deck.yaml:15: c: cloze 'text' has no deletion like {{c1::answer}}",
        "deck.yaml:18: e: empty cloze deletion",
        "deck.yaml:21: f: missing field 'answer' for a typed card",
    ]


def test_bad_yaml_names_the_line():
    problems = _problems("id: d\ntitle: T\ncards:\n  - id: a\n    prompt: [unclosed\n")
    assert len(problems) == 1 and problems[0].startswith("deck.yaml:") and "invalid YAML" in problems[0]


@pytest.mark.parametrize("text, fragment", [
    ("- just a list", "a deck must be a mapping"),
    ("id: d\ntitle: T\ncards: []", "'cards' must be a non-empty list"),
    ("title: T\ncards: [{id: a, type: basic, prompt: p, answer: a}]", "deck 'id' is missing"),
])
def test_deck_level_problems(text, fragment):
    assert any(fragment in p for p in _problems(text))


def test_load_deck_raises_with_all_problems(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: d\ntitle: T\ncards:\n  - {id: a, type: nope}\n  - {id: b, type: basic}\n")
    with pytest.raises(DeckError) as info:
        load_deck(path)
    assert [p.card_id for p in info.value.problems] == ["a", "b", "b"]
    assert all(p.path == str(path) for p in info.value.problems)


def test_binary_file_is_a_clear_problem(tmp_path):
    path = tmp_path / "blob.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    assert [p.message for p in validate_paths([path])] == ["not a UTF-8 text file"]


def test_same_deck_id_in_two_files(tmp_path, deck_dir):
    (deck_dir / "copy.yaml").write_text((deck_dir / "all_types.yaml").read_text())
    problems = validate_paths([deck_dir])
    assert len(problems) == 1 and "also used by" in problems[0].message


def test_dump_then_load_round_trips(deck_dir, tmp_path):
    deck = load_deck(deck_dir / "all_types.yaml")
    out = tmp_path / "again.yaml"
    out.write_text(dump_deck(deck))
    again = load_deck(out)
    assert [i.to_dict() for i in again.items()] == [i.to_dict() for i in deck.items()]


def test_source_path_finds_the_cited_document(deck_dir):
    deck = load_deck(deck_dir / "all_types.yaml")
    path = deck.source_path("003_f596ba227722da9a.txt")
    assert path is not None and "aromatase inhibitor" in path.read_text()


def test_a_field_name_that_is_not_text_is_reported(tmp_path):
    from anastro_quiz.decks import parse_deck

    text = ("id: d\ntitle: D\ncards:\n  - id: c1\n    type: basic\n    prompt: Q\n    answer: A\n"
            "    &anchor: [x]\n")
    deck, problems = parse_deck(text, tmp_path / "d.yaml")
    assert [str(p) for p in problems] == [f"{tmp_path / 'd.yaml'}:4: c1: field names must be text, not None"]


def test_a_cloze_item_knows_its_completed_sentence():
    from anastro_quiz.deck_model import cloze_completed

    text = "{{c1::RANKL::cytokine}} and {{c2::M-CSF}} drive {{c1::osteoclasts}}."
    assert cloze_completed(text, 1) == ("", "RANKL", " and M-CSF drive ", "osteoclasts", ".")
    assert cloze_completed(text, 2) == ("RANKL and ", "M-CSF", " drive osteoclasts.")
