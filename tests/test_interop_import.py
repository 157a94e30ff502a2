"""Import CSV/TSV (Quizlet, Anki plain-text notes) into a deck YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck
from anastro_quiz.interop import InteropError
from anastro_quiz.interop.tabular import clean_html, parse_table


def _import(src: Path, out: Path, *extra: str):
    return CliRunner().invoke(cli, ["import", str(src), "-o", str(out), *extra], catch_exceptions=False)


def test_quizlet_tsv_with_skipped_rows_reported(tmp_path):
    src = tmp_path / "quizlet.txt"
    src.write_text(
        "Anastrozole\tAn aromatase inhibitor\n"
        "Osteoclast\tCell that resorbs bone\n"
        "\n"
        "Letrozole\t\n"
        "\tOrphan definition\n"
        "Anastrozole\tAn aromatase inhibitor\n"
        "Osteoclast\tSomething else\n"
        "\n"
        "Only one column\n"
        "RANKL\tReceptor activator of NF-kB ligand\n",
        encoding="utf-8",
    )
    out = tmp_path / "pharma.yaml"
    result = _import(src, out)
    assert result.exit_code == 0, result.output
    assert "wrote 3 cards (3 basic)" in result.output
    assert "skipped 5 rows" in result.output
    assert "line 4: empty definition / back for 'Letrozole'" in result.output
    assert "line 5: empty term / front" in result.output
    assert "line 6: duplicate of line 1" in result.output
    assert "line 7: same term as line 2 with a different answer" in result.output
    assert "line 9: no tab between term and definition" in result.output
    deck = load_deck(out)
    assert deck.id == "pharma" and deck.title == "Pharma"
    assert [c.data["prompt"] for c in deck.cards] == ["Anastrozole", "Osteoclast", "RANKL"]
    assert [c.id for c in deck.cards] == ["anastrozole", "osteoclast", "rankl"]


def test_quizlet_csv_with_quotes_and_header(tmp_path):
    src = tmp_path / "q.csv"
    src.write_text('term,definition\n"Bone, cortical","Dense outer layer\nof bone"\nBMD,Bone mineral density\n',
                   encoding="utf-8")
    out = tmp_path / "q.yaml"
    result = _import(src, out, "--id", "bones", "--title", "Bones")
    assert result.exit_code == 0, result.output
    deck = load_deck(out)
    assert (deck.id, deck.title) == ("bones", "Bones")
    assert deck.cards[0].data == {"id": "bone-cortical", "type": "basic", "prompt": "Bone, cortical",
                                  "answer": "Dense outer layer\nof bone"}
    assert deck.cards[1].data["prompt"] == "BMD"


def test_anki_plain_text_notes(tmp_path):
    src = tmp_path / "anki.txt"
    src.write_text(
        "#separator:tab\n"
        "#html:true\n"
        "#guid column:1\n"
        "#notetype column:2\n"
        "#deck column:3\n"
        "#tags column:6\n"
        "a1b2\tBasic\tPharma\tWhat is <b>anastrozole</b>?\tAn aromatase inhibitor<br>(non-steroidal)\tpharma ai\n"
        "c3d4\tCloze\tPharma\t{{c1::RANKL}} drives {{c2::osteoclast}} formation\tExtra &amp; more\tbone\n"
        "e5f6\tBasic\tPharma\tFront only\t\t\n",
        encoding="utf-8",
    )
    out = tmp_path / "anki.yaml"
    result = _import(src, out)
    assert result.exit_code == 0, result.output
    assert "as anki" in result.output and "(1 basic, 1 cloze)" in result.output
    assert "line 9: empty definition / back" in result.output
    deck = load_deck(out)
    basic, cloze = deck.cards
    assert basic.data["prompt"] == "What is anastrozole?"
    assert basic.data["answer"] == "An aromatase inhibitor\n(non-steroidal)"
    assert basic.data["tags"] == ["pharma", "ai"]
    assert cloze.type == "cloze" and cloze.data["text"] == "{{c1::RANKL}} drives {{c2::osteoclast}} formation"
    assert cloze.data["explanation"] == "Extra & more" and cloze.data["tags"] == ["bone"]
    assert len(deck.items()) == 3  # c1, c2 and the basic card


def test_anki_without_directives_can_be_forced(tmp_path):
    src = tmp_path / "plain.txt"
    src.write_text("Front &lt;1&gt;\tBack<br>two\n", encoding="utf-8")
    out = tmp_path / "plain.yaml"
    assert _import(src, out, "--format", "anki").exit_code == 0
    assert load_deck(out).cards[0].data == {"id": "front-1", "type": "basic", "prompt": "Front <1>",
                                            "answer": "Back\ntwo"}


def test_duplicate_slugs_get_distinct_ids_from_the_front_not_the_position():
    result = parse_table("What?\tA\nwhat\tB\nWHAT!\tC\n")
    ids = [c.id for c in result.cards]
    assert len(set(ids)) == 3 and all(i.startswith("what-") for i in ids)
    reordered = parse_table("What?\tA\nWHAT!\tC\nwhat\tB\n")
    assert {c.data["prompt"]: c.id for c in reordered.cards} == {c.data["prompt"]: c.id for c in result.cards}


def test_clean_html():
    assert clean_html("<div>a&nbsp;b</div><div>c</div>") == "a b\nc"


@pytest.mark.parametrize("setup, message", [
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.write_bytes(b"\xff\xfe\x00bad\x00"), "not UTF-8"),
    (lambda p: p.write_text("  \n"), "is empty"),
    (lambda p: p.write_text("a\t\n\tb\n"), "no usable rows"),
    (lambda p: None, "cannot read"),
])
def test_bad_input_files(tmp_path, setup, message):
    src = tmp_path / "in.csv"
    setup(src)
    out = tmp_path / "deck.yaml"
    result = _import(src, out)
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_output_rules(tmp_path):
    src = tmp_path / "in.tsv"
    src.write_text("a\tb\n", encoding="utf-8")
    existing = tmp_path / "deck.yaml"
    existing.write_text("keep me")
    result = _import(src, existing)
    assert result.exit_code == 2 and "already exists" in result.output
    assert existing.read_text() == "keep me"
    assert _import(src, existing, "--force").exit_code == 0
    assert load_deck(existing).cards[0].data["prompt"] == "a"

    assert "end in .yaml" in _import(src, tmp_path / "deck.txt").output
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert "is a folder" in _import(src, folder).output
    assert "not a simple identifier" in _import(src, tmp_path / "x.yaml", "--id", "bad id").output


def test_parse_errors_raise_interop_error():
    with pytest.raises(InteropError, match="separator"):
        parse_table("#separator:weird\na\tb\n")
