"""Hostile deck files (issue 13): YAML bombs, deep nesting; refused fast with file:line, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from anastro_quiz.decks import parse_deck

# Nine levels of nine aliases each: 9**9 (387 million) strings once expanded.
BILLION_LAUGHS = """\
id: lol
title: lol
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
cards: [{id: x, type: basic, prompt: *i, answer: a}]
"""

CARD = "cards:\n  - id: a\n    type: basic\n    prompt: q\n    answer: a\n"


def _cli(*args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the real command in a child process capped at 1 GB, so a regression fails instead of
    taking the machine's memory."""

    def cap() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "anastro_quiz", *args], capture_output=True, text=True,
                            timeout=timeout, preexec_fn=cap, env=os.environ.copy())
    return result, time.monotonic() - start


def test_billion_laughs_is_refused_fast_by_validate(tmp_path):
    deck = tmp_path / "lol.yaml"
    deck.write_text(BILLION_LAUGHS)
    assert deck.stat().st_size < 500
    result, seconds = _cli("validate", str(deck))
    assert result.returncode == 2
    assert seconds < 5  # generous for a loaded machine; it takes about 0.15 s
    assert result.stderr.splitlines()[0] == (
        f"{deck}:7: invalid YAML: aliases expand to more than 10,000 extra values "
        "(a 'billion laughs' file?); an alias may only repeat a small part")
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


@pytest.mark.parametrize("command", ["decks", "stats"])
def test_billion_laughs_in_the_decks_in_use_stops_other_commands_cleanly(tmp_path, command):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "lol.yaml").write_text(BILLION_LAUGHS)
    result, seconds = _cli("--db", str(tmp_path / "p.db"), "--decks", str(decks), command)
    assert result.returncode == 2 and seconds < 5
    assert f"{decks / 'lol.yaml'}:7: invalid YAML: aliases expand" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p.db").exists() or command == "stats"


@pytest.mark.parametrize("levels", [101, 600, 990])
def test_deep_flow_nesting_is_a_problem_not_a_recursion_error(levels):
    text = "id: deep\ntitle: Deep\n" + CARD + "    tags: " + "[" * levels + "x" + "]" * levels + "\n"
    deck, problems = parse_deck(text, "deep.yaml")
    assert deck is None
    assert [str(p) for p in problems] == ["deep.yaml:8: invalid YAML: nested more than 100 levels deep"]


def test_deep_block_nesting_names_the_line_where_it_gets_too_deep(tmp_path):
    text = "id: deep\ntitle: Deep\n" + CARD + "    extra:\n"
    text += "".join("      " + "  " * i + "-\n" for i in range(990))
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    result, seconds = _cli("validate", str(path))
    assert result.returncode == 2 and seconds < 5
    # cards (1) > card (2) > extra's list (3) ... the 100th list is opened on line 8 + 98
    assert result.stderr.splitlines()[0] == f"{path}:106: invalid YAML: nested more than 100 levels deep"
    assert "Traceback" not in result.stderr


def test_an_alias_cannot_contain_itself():
    text = "id: c\ntitle: C\ncards: &c\n  - id: a\n    type: basic\n    prompt: q\n    answer: a\n    more: *c\n"
    _deck, problems = parse_deck(text, "c.yaml")
    assert [str(p) for p in problems] == [
        "c.yaml:3: invalid YAML: an alias refers to the list or mapping that contains it"]


def test_nesting_through_an_alias_counts_as_deep():
    inner = "[" * 60 + "x" + "]" * 60
    text = (f"id: d\ntitle: D\nshared: &s {inner}\ncards:\n  - id: a\n    type: basic\n    prompt: q\n"
            "    answer: a\n    extra: " + "[" * 50 + "*s" + "]" * 50 + "\n")
    _deck, problems = parse_deck(text, "d.yaml")
    assert [p.message for p in problems] == ["invalid YAML: nested more than 100 levels deep (through an alias)"]


def test_ordinary_aliases_still_work():
    cards = "".join(f"  - id: c{i}\n    type: basic\n    prompt: q{i}\n    answer: a\n    tags: *t\n"
                    "    source: *src\n" for i in range(500))
    text = ("id: ok\ntitle: OK\ncommon:\n  tags: &t [bone, dose]\n"
            "  source: &src {document: paper.txt, quote: a quote}\ncards:\n" + cards)
    deck, problems = parse_deck(text, "ok.yaml")
    assert problems == []
    assert len(deck.cards) == 500 and deck.cards[-1].tags == ("bone", "dose")
    assert deck.cards[0].source.document == "paper.txt"


def test_bundled_decks_still_load(tmp_path):
    from anastro_quiz.decks import validate_paths
    from anastro_quiz.paths import bundled_decks_dir

    assert validate_paths([Path(bundled_decks_dir())]) == []


# --- source documents stay inside the deck's folder --------------------------------------

SECRET = "The secret paragraph says hunter2 is the password."


def _deck_citing(folder: Path, document: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cite.yaml"
    path.write_text("id: cite\ntitle: Cite\ncards:\n  - id: leak\n    type: basic\n    prompt: q\n"
                    f"    answer: a\n    source: {{document: {json.dumps(document)}, quote: hunter2 is the password}}\n")
    return path


@pytest.mark.parametrize("document, why", [
    ("../../../../etc/shadow", "climbs out with '..'"),
    ("sources/../../secret.txt", "climbs out with '..'"),
    ("..\\secret.txt", "climbs out with '..'"),
    ("/etc/shadow", "is an absolute path"),
    ("C:\\secret.txt", "is an absolute path"),
])
def test_validate_flags_a_source_outside_the_deck_folder(tmp_path, document, why):
    deck = _deck_citing(tmp_path / "decks", document)
    result, _ = _cli("validate", str(deck))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{deck}:4: leak: 'source' document {document!r} {why}: it must be a file in the deck's "
        "folder or its sources/ folder")


def test_a_deck_level_sources_entry_outside_the_folder_is_flagged():
    text = "id: s\ntitle: S\nsources:\n  - document: /etc/passwd\n" + CARD
    _deck, problems = parse_deck(text, "s.yaml")
    assert [str(p) for p in problems] == [
        "s.yaml:1: 'sources' document '/etc/passwd' is an absolute path: it must be a file in the "
        "deck's folder or its sources/ folder"]


def test_source_context_never_opens_a_document_outside_the_deck_folder(tmp_path):
    from anastro_quiz.decks import Deck, Source
    from anastro_quiz.source_context import source_context

    (tmp_path / "secret.txt").write_text(SECRET)
    folder = tmp_path / "decks"
    (folder / "sources").mkdir(parents=True)
    deck = Deck("cite", "Cite", path=folder / "cite.yaml")
    quote = "hunter2 is the password"
    for document in ("../secret.txt", "../../secret.txt", str(tmp_path / "secret.txt")):
        assert deck.source_path(document) is None
        assert source_context(deck, Source(document, quote)) is None
    # nor through a symbolic link inside sources/
    (folder / "sources" / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert source_context(deck, Source("link.txt", quote)) is None
    # a document really inside sources/ is still found
    (folder / "sources" / "paper.txt").write_text(SECRET)
    found = source_context(deck, Source("paper.txt", quote))
    assert found is not None and found.quoted == quote


# --- control characters never reach the terminal ----------------------------------------

EVIL = ('id: evil\ntitle: "Evil \\e]0;evil\\a deck"\ndescription: "bell\\a here"\ncards:\n'
        '  - id: a\n    type: basic\n    prompt: "Red \\e[31mflag\\x9b2J\\tand\\nnext line"\n'
        '    answer: "fine\\x00\\x7f"\n    tags: ["t\\e[0m"]\n')


def test_decks_output_never_contains_escape_codes_from_a_title(tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "evil.yaml").write_text(EVIL)
    result, _ = _cli("--db", str(tmp_path / "p.db"), "--decks", str(decks), "decks")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    row = result.stdout.splitlines()[1]
    assert row.startswith("evil ") and row.endswith("Evil ]0;evil deck")


def test_control_characters_are_stripped_when_a_deck_is_loaded_tab_and_newline_kept():
    deck, problems = parse_deck(EVIL, "evil.yaml")
    assert problems == []
    assert deck.title == "Evil ]0;evil deck" and deck.description == "bell here"
    item = deck.items()[0]
    assert item.prompt == "Red [31mflag2J\tand\nnext line"
    assert item.answer == "fine" and item.tags == ("t[0m",)


def test_a_title_of_only_control_characters_is_missing():
    _deck, problems = parse_deck('id: x\ntitle: "\\e\\a"\n' + CARD, "x.yaml")
    assert [p.message for p in problems] == ["deck 'title' is missing"]


def test_csv_import_leaves_out_a_source_outside_the_deck_folder_and_says_so(tmp_path):
    table = tmp_path / "cards.csv"
    table.write_text("prompt,answer,tags,source,quote,deck,id,type\n"
                     "q1,a1,,../../../../etc/shadow,a quote,d,c1,basic\n"
                     "q2,a2,,paper.txt,a quote,d,c2,basic\n")
    out = tmp_path / "d.yaml"
    result, _ = _cli("import", str(table), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert ("line 2: source left out: document '../../../../etc/shadow' climbs out with '..' "
            "(a deck cites only files in its own folder)") in result.stderr
    deck, problems = parse_deck(out.read_text(), out)
    assert problems == []
    assert [c.source.document if c.source else None for c in deck.cards] == [None, "paper.txt"]


def test_the_source_view_text_has_no_control_characters(tmp_path):
    from anastro_quiz.decks import Deck, Source
    from anastro_quiz.source_context import source_context

    folder = tmp_path / "decks"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "paper.txt").write_text("Before \x1b]0;evil\x07 the fact is here.\n\nNext.\n")
    found = source_context(Deck("d", "D", path=folder / "d.yaml"), Source("paper.txt", "the fact is here"))
    assert found is not None and found.paragraph == "Before ]0;evil the fact is here."


# --- any text at all: problems, never an exception ----------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_YAML_BITS = st.sampled_from(["id: x\n", "title: T\n", "cards:\n", "  - ", "id: a\n", "    type: basic\n",
                              "    prompt: ", "answer: ", "&a ", "*a", "[", "]", "{", "}", ", ", ": ",
                              "- ", "\n", "  ", "source: {document: ", "../x", "'", '"', "\\e", "\x1b",
                              "<<: *a\n", "!!python/object:os.system ", "? ", "|\n", "1", "true"])


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_YAML_BITS, max_size=60).map("".join)))
def test_any_deck_text_gives_a_deck_or_problems_never_an_exception(text):
    deck, problems = parse_deck(text, "fuzz.yaml")
    assert deck is not None or problems
    for p in problems:
        assert str(p).startswith("fuzz.yaml:") and p.line >= 1
    if deck is not None and not problems:
        assert all("\x1b" not in i.prompt + i.answer for i in deck.items())


def test_the_quick_construction_builds_what_pyyaml_builds(tmp_path):
    """Every deck (the bundled ones, and YAML with anchors, merge keys, dates and tags) loads
    to the same values, line markers included, as through PyYAML's own constructor."""
    import yaml

    from anastro_quiz.deck_yaml import LineLoader
    from anastro_quiz.paths import bundled_decks_dir

    class PyYAMLs(LineLoader):
        def construct_document(self, node):
            return yaml.constructor.BaseConstructor.construct_document(self, node)

    texts = [p.read_text(encoding="utf-8") for p in sorted(bundled_decks_dir().glob("*.yaml"))]
    texts += [
        "a: &x {b: [1, 2.5, true, null, '3', ~]}\nc: *x\nd: [*x, *x]\n",
        "base: &b {x: 1}\nmerged: {<<: *b, y: 2}\n",
        "when: 2024-01-01\nn: 0x1F\ninf: .inf\nyes: yes\n",
        "tagged: !!str 5\nset: !!set {a, b}\n",
    ]
    assert len(texts) > 4
    for text in texts:
        assert yaml.load(text, Loader=LineLoader) == yaml.load(text, Loader=PyYAMLs), text[:60]  # noqa: S506
    shared = yaml.load("a: &x [1]\nb: *x\n", Loader=LineLoader)  # noqa: S506
    assert shared["a"] is shared["b"]  # an alias is the same value, as PyYAML makes it
    with pytest.raises(yaml.YAMLError):  # PyYAML's own message for an unhashable key
        yaml.load("? [a, b]\n: 1\n", Loader=LineLoader)  # noqa: S506
