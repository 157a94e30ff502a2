"""The first import's shortcuts (issue 14) change nothing a user sees: every deck parses to the
values, problems and messages of PyYAML's own resolver and constructor with the shape checked
first, and syncs the rows its study items give."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from anastro_quiz import deck_yaml, decks
from anastro_quiz.deck_yaml import LineLoader, check_shape
from anastro_quiz.decks import parse_deck
from anastro_quiz.paths import bundled_decks_dir

CARD = "cards:\n  - id: a\n    type: basic\n    prompt: q\n    answer: a\n"


class StockLoader(LineLoader):
    """PyYAML's own resolver and constructor; the shape checked on every document before it."""

    descend_resolver = yaml.resolver.BaseResolver.descend_resolver
    ascend_resolver = yaml.resolver.BaseResolver.ascend_resolver
    resolve = yaml.resolver.BaseResolver.resolve

    def get_single_node(self):
        node = deck_yaml._BaseLoader.get_single_node(self)
        if node is not None:
            check_shape(node)
        return node

    def construct_document(self, node):
        return yaml.constructor.BaseConstructor.construct_document(self, node)


def _deep(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


TEXTS = [
    "a: &x {b: [1, 2.5, true, null, '3', ~, '', \"\", -1, +2, .5, 0o7, 1_000]}\nc: *x\nd: [*x, *x]\n",
    "base: &b {x: 1}\nmerged: {<<: *b, y: 2}\n",
    "when: 2024-01-01\nn: 0x1F\ninf: .inf\nyes: yes\nOff: NO\nempty:\nnan: .NaN\n",
    "tagged: !!str 5\nset: !!set {a, b}\nlocal: ! 5\nq: '5'\nb: !!binary aGk=\n",
    "block: |\n  line one\n  line two\nfolded: >-\n  a\n  b\nkey with spaces: 'it''s'\n",
    "id: x\ntitle: \"Esc \\e[31m red\"\n" + CARD,
    "id: x\ntitle: T\n" + CARD + "    tags: " + _deep(101) + "\n",  # too deep, no alias
    "id: x\ntitle: T\n" + CARD + "    extra: !!set {a}\n    more: " + _deep(120) + "\n",  # a tag, then too deep
    "id: x\ntitle: T\n" + CARD + "    odd: {? [a, b] : 1}\n    more: " + _deep(120) + "\n",  # unhashable, then deep
    "id: x\ntitle: T\nb: &b {x: 1}\n" + CARD + "    m: {<<: *b}\n    more: " + _deep(120) + "\n",  # merge, deep
    "id: x\ntitle: T\n" + CARD + "    note: 5 * 3 is fifteen\n    more: " + _deep(101) + "\n",  # '*', no alias
    "id: x\ntitle: T\n" + CARD + "    extra:\n" + "".join("      " + "  " * i + "-\n" for i in range(150)),
    "id: c\ntitle: C\ncards: &c\n  - id: a\n    type: basic\n    prompt: q\n    answer: a\n    more: *c\n",
    "? [a, b]\n: 1\n",
    "id: x\ntitle: T\ncards: [{id: a, type: basic, prompt: *nowhere, answer: a}]\n",
    "id: x\ntitle: T\ncards:\n  - id: a\n  type: basic\n",
    "id: x\ntitle: T\n" + CARD + "    extra: [{a: 1}, {b: [{c: 2}, [d, {e: f}]]}]\n    source: {document: s.txt, quote: q}\n",
    "id: x\ntitle: T\ns: &s {document: s.txt, quote: q}\n" + CARD + "    source: *s\n  - {id: b, type: basic,"
    " prompt: p, answer: a, source: *s}\n",
]


def _stock_parse(monkeypatch, text):
    with monkeypatch.context() as patched:
        patched.setattr(deck_yaml, "LineLoader", StockLoader)
        patched.setattr(decks, "_drop_lines", decks._strip_lines)
        patched.setattr(decks, "_drop_lines_in_place", decks._strip_lines)
        return parse_deck(text, "x.yaml")


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in sorted(bundled_decks_dir().glob("*.yaml"))])
def test_a_deck_parses_as_with_pyyamls_own_resolver_and_constructor(monkeypatch, text):
    try:
        expected = yaml.load(text, Loader=StockLoader)  # noqa: S506 - a SafeLoader
    except Exception as exc:  # noqa: BLE001 - the same error, whatever it is
        with pytest.raises(type(exc)) as raised:
            yaml.load(text, Loader=LineLoader)  # noqa: S506
        assert str(raised.value) == str(exc)
    else:
        assert yaml.load(text, Loader=LineLoader) == expected  # noqa: S506
    deck, problems = parse_deck(text, "x.yaml")
    stock_deck, stock_problems = _stock_parse(monkeypatch, text)
    assert [str(p) for p in problems] == [str(p) for p in stock_problems]
    assert (deck and (deck.id, deck.title, deck.sources, deck.cards)) == (
        stock_deck and (stock_deck.id, stock_deck.title, stock_deck.sources, stock_deck.cards))


def test_too_deep_is_refused_on_the_line_it_gets_too_deep_whatever_comes_before():
    problems = [str(p) for text in TEXTS[6:12] for p in parse_deck(text, "x.yaml")[1]]
    assert problems == [f"x.yaml:{line}: invalid YAML: nested more than 100 levels deep"
                        for line in (8, 9, 9, 10, 9, 106)]


def test_a_deck_syncs_the_rows_and_tags_of_its_study_items(deck_dir):
    deck = decks.load_deck(deck_dir / "all_types.yaml")
    items = deck.items()
    assert {i.type for i in items} >= {"basic", "reverse", "cloze", "choice", "typed", "true_false"}
    assert deck.sync_data() == ([(deck.id, i.id, i.content_hash, n) for n, i in enumerate(items)],
                                [(deck.id, i.id, tag) for i in items for tag in i.tags])
    assert [i.id for card in deck.cards for i in card.items(deck.id)] == [
        item_id for card in deck.cards for item_id in card.item_ids()]


def test_text_with_an_escape_is_still_cleaned(tmp_path: Path):
    deck, problems = parse_deck('id: x\ntitle: T\ncards:\n  - {id: a, type: basic, prompt: "Red \\e[31m", answer: a}\n',
                                "x.yaml")
    assert problems == [] and deck.cards[0].data["prompt"] == "Red [31m"


def test_content_hashes_are_those_stored_before(deck_dir):
    """An edited card is noticed by its content hash: the hashes of unchanged cards must stay
    what databases and deck caches already hold (json.dumps of the fields, sorted, sha256)."""
    import hashlib
    import json

    deck = decks.load_deck(deck_dir / "all_types.yaml")
    deck.cards[0].data["when"] = __import__("datetime").date(2024, 1, 2)  # a value JSON has no type for
    deck.cards[1].data["prompt"] = "Ostéoclastes — « cellules »"
    for card in deck.cards:
        card.known_hash = None
        payload = json.dumps(card.data, sort_keys=True, ensure_ascii=False, default=str)
        assert card.content_hash() == hashlib.sha256(payload.encode()).hexdigest()[:16]
