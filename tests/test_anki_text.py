"""Anki's "Notes in Plain Text" headers: our CSV export carries them (checked with Anki's own
importer where the ``anki`` package is installed) and our import honours them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _deck(folder: Path, prompts: list[str]) -> Path:
    folder.mkdir()
    cards = "".join(f"  - id: c{n}\n    type: basic\n    prompt: {json.dumps(p)}\n    answer: {json.dumps('A' + str(n))}\n"
                    "    tags: [t1, t2]\n" for n, p in enumerate(prompts))
    (folder / "d.yaml").write_text(f"id: d\ntitle: D\ncards:\n{cards}")
    return folder


PROMPTS = ["#1 cause of bone loss?", "A, B and C: which?", "Line one\nline two?", "Plain?"]


def test_csv_export_is_imported_by_anki_without_questions(tmp_path):
    anki = pytest.importorskip("anki.collection")
    decks = _deck(tmp_path / "decks", PROMPTS)
    out = tmp_path / "cards.csv"
    assert _run("--decks", decks, "export", "--format", "csv", "-o", out).exit_code == 0
    col = anki.Collection(str(tmp_path / "c.anki2"))
    try:
        metadata = col.get_csv_metadata(str(out), None)
        col.import_csv(anki.ImportCsvRequest(path=str(out), metadata=metadata))
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        got = sorted((n.guid, n["Front"], n["Back"], tuple(n.tags), col.decks.name(n.cards()[0].did)) for n in notes)
        again = col.import_csv(anki.ImportCsvRequest(path=str(out), metadata=metadata))
    finally:
        col.close()
    # (plain text: Anki shows a line break as <br>)
    assert got == sorted((f"d/c{n}", p.replace("\n", "<br>"), f"A{n}", ("t1", "t2"), "d") for n, p in enumerate(PROMPTS))
    assert not again.log.new  # the GUID column: importing again adds nothing


def test_csv_export_with_headers_imports_back_exactly(tmp_path):
    decks = _deck(tmp_path / "decks", PROMPTS)
    out = tmp_path / "cards.csv"
    assert _run("--decks", decks, "export", "--format", "csv", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#separator:Comma\n#html:false\n")
    back = tmp_path / "back" / "d.yaml"
    back.parent.mkdir()
    result = _run("--decks", decks, "import", out, "-o", back, "--id", "d")
    assert result.exit_code == 0 and "as csv" in result.output, result.output
    assert [(c.id, c.data["prompt"], c.data["answer"], c.data["tags"]) for c in load_deck(back).cards] == [
        (f"c{n}", p, f"A{n}", ["t1", "t2"]) for n, p in enumerate(PROMPTS)]


FIXTURE = Path(__file__).parent / "fixtures" / "anki" / "notes.txt"  # made by make_text_export.py with Anki


def _import(src: Path, out: Path, *extra):
    return _run("import", src, "-o", out, *extra)


def test_anki_text_export_note_types_guids_and_decks(tmp_path):
    out = tmp_path / "notes.yaml"
    result = _import(FIXTURE, out)
    assert result.exit_code == 0, result.output
    assert "read 5 rows as anki" in result.output
    assert "note: from Anki decks Biology::Cells, Pharmacology" in result.output
    cards = {c.data.get("prompt") or c.data["text"]: c for c in load_deck(out).cards}
    assert {k: c.type for k, c in cards.items()} == {
        "What is an osteoclast?": "basic", "RANKL": "reverse", "Anastrozole daily dose?": "typed",
        "{{c1::Anastrozole::drug}} inhibits {{c2::aromatase}}": "cloze", "AI": "basic"}
    assert cards["What is an osteoclast?"].data["answer"] == "A bone-resorbing cell\n(multinucleated)"
    assert cards["What is an osteoclast?"].data["tags"] == ["bone", "cells"]
    assert cards["RANKL"].data["answer"] == "Receptor activator of NF-κB ligand"
    cloze = cards["{{c1::Anastrozole::drug}} inhibits {{c2::aromatase}}"]
    assert cloze.data["explanation"] == 'AI, "non-steroidal"' and cloze.data["tags"] == ["pharma"]
    assert all(c.id.startswith("anki-") for c in cards.values())  # from the GUIDs, as a package import


def test_anki_guid_keeps_the_id_when_the_front_is_edited(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text(text.replace("RANKL\t", "RANKL (edited)\t").replace("\tBasic\t", "\tBasic\t", 1),
                      encoding="utf-8")
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert _import(FIXTURE, first).exit_code == 0 and _import(edited, second).exit_code == 0
    ids = lambda path: {c.id: c.data.get("prompt") for c in load_deck(path).cards}  # noqa: E731
    before, after = ids(first), ids(second)
    assert set(before) == set(after)
    changed = [i for i in before if before[i] != after[i]]
    assert [(before[i], after[i]) for i in changed] == [("RANKL", "RANKL (edited)")]


def test_anki_headers_columns_global_tags_deck_notetype_and_comma(tmp_path):
    src = tmp_path / "cards.csv"
    src.write_text(
        "#separator:Comma\n#html:false\n#tags:imported bio\n#deck:Bio::Bone\n"
        "#notetype:Basic (and reversed card)\n#columns:Back,Front\n"
        '"makes proteins, in the cytoplasm",Ribosome\n'
        '"a <b> tag, kept as text","What does ""html:false"" keep?"\n', encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = _import(src, out)
    assert result.exit_code == 0, result.output
    assert "note: from Anki deck Bio::Bone" in result.output
    cards = load_deck(out).cards
    assert [(c.type, c.data["prompt"], c.data["answer"], c.data["tags"]) for c in cards] == [
        ("reverse", "Ribosome", "makes proteins, in the cytoplasm", ["imported", "bio"]),
        ("reverse", 'What does "html:false" keep?', "a <b> tag, kept as text", ["imported", "bio"])]


def test_other_note_types_duplicate_guids_and_media_are_reported(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n"
                   "g1\tVocab\tHund\tdog\n"
                   "g1\tBasic\tKatze\tcat\n"
                   'g2\tBasic\tWhat is shown? <img src="x.png">\tA bone [sound:b.mp3]\n', encoding="utf-8")
    out = tmp_path / "n.yaml"
    result = _import(src, out)
    assert result.exit_code == 0, result.output
    assert "line 5: note type 'Vocab': imported as basic from its first two fields" in result.output
    assert "line 6: same GUID as line 5" in result.output
    assert "line 7: images and sounds not shown: x.png, b.mp3" in result.output
    assert [c.data["prompt"] for c in load_deck(out).cards] == ["Hund", "What is shown?"]


@pytest.mark.parametrize("header, message", [
    ("#separator:weird\n", "unknown #separator:weird"),
    ("#html:maybe\n", "#html:maybe in the Anki header is neither true nor false"),
    ("#guid column:x\n", "#guid column:x in the Anki header is not a column number"),
    ("#tags column:0\n", "#tags column:0 in the Anki header is not a column number"),
])
def test_bad_anki_headers_exit_2_and_write_nothing(tmp_path, header, message):
    src = tmp_path / "bad.txt"
    src.write_text(header + "a\tb\n", encoding="utf-8")
    out = tmp_path / "bad.yaml"
    result = _import(src, out)
    assert result.exit_code == 2 and message in result.output and not out.exists()
    assert "Traceback" not in result.output
