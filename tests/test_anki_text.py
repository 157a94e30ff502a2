"""Anki's "Notes in Plain Text" headers: our CSV export carries them (checked with Anki's own
importer where the ``anki`` package is installed) and our import honours them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck
from studying import grade_every_item


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
    assert ("line 7: images and sounds: x.png (not found beside the file), b.mp3 (not found beside the file): "
            "named in the card") in result.output
    assert [c.data["prompt"] for c in load_deck(out).cards] == [
        "Hund", "What is shown? [image x.png: not found beside the file]"]


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


ROUNDTRIP = Path(__file__).parent / "fixtures" / "anki" / "roundtrip.txt"  # make_text_roundtrip.py, with Anki
FIXTURE_DECKS = Path(__file__).parent / "fixtures" / "decks"
ROUNDTRIP_TYPES = {"ai-class": "basic", "osteoclast-def": "reverse", "rankl-mcsf": "cloze", "atac-hip": "basic",
                   "atac-spine": "typed", "apoptosis": "basic"}


def _check_came_back(result, out: Path) -> None:
    assert result.exit_code == 0, result.output
    original = {c.id: c for c in load_deck(FIXTURE_DECKS / "all_types.yaml").cards}
    back = {c.id: c for c in load_deck(out).cards}
    # our own ids, not anki-<hash>: the GUID column carries deck/id and the import maps it back
    assert {i: c.type for i, c in back.items()} == ROUNDTRIP_TYPES
    assert back["rankl-mcsf"].data["text"] == original["rankl-mcsf"].data["text"]
    assert back["rankl-mcsf"].data["explanation"] == original["rankl-mcsf"].data["explanation"]
    for card_id in ("ai-class", "osteoclast-def", "atac-spine"):
        assert (back[card_id].data["prompt"], back[card_id].data["answer"]) == (
            original[card_id].data["prompt"], original[card_id].data["answer"])
    assert back["ai-class"].data["tags"] == ["mechanism"]


def test_our_csv_through_anki_plain_text_comes_back_with_our_ids_and_types(tmp_path):
    out = tmp_path / "sample.yaml"
    result = _import(ROUNDTRIP, out, "--id", "sample")
    _check_came_back(result, out)
    hint = _import(ROUNDTRIP, tmp_path / "other.yaml")
    assert "these cards come from deck 'sample'; import with --id sample" in hint.output


def test_round_trip_through_anki_keeps_study_progress(tmp_path):
    """Study here, export CSV, Anki imports it and exports Notes in Plain Text, import that here:
    every studied item keeps its progress (checked with Anki itself where it is installed)."""
    anki = pytest.importorskip("anki.collection")
    import shutil

    from anastro_quiz.collection import Collection

    decks = tmp_path / "decks"
    shutil.copytree(FIXTURE_DECKS, decks)
    db = tmp_path / "progress.db"
    graded = grade_every_item(db, decks)
    csv_path, text = tmp_path / "cards.csv", tmp_path / "from-anki.txt"
    assert _run("--db", db, "--decks", decks, "export", "--format", "csv", "-o", csv_path).exit_code == 0
    col = anki.Collection(str(tmp_path / "c.anki2"))
    try:
        col.import_csv(anki.ImportCsvRequest(path=str(csv_path), metadata=col.get_csv_metadata(str(csv_path), None)))
        kinds = sorted(col.get_note(n).note_type()["name"] for n in col.find_notes(""))
        col.export_note_csv(out_path=str(text), limit=None, with_html=True, with_tags=True, with_deck=True,
                            with_notetype=True, with_guid=True)
    finally:
        col.close()
    assert kinds == ["Basic", "Basic", "Basic", "Basic (and reversed card)", "Basic (type in the answer)", "Cloze"]
    assert text.read_text(encoding="utf-8") == ROUNDTRIP.read_text(encoding="utf-8")  # the committed fixture is current
    new_dir = tmp_path / "edited"
    new_dir.mkdir()
    result = _run("--db", db, "--decks", decks, "import", text, "-o", new_dir / "sample.yaml", "--id", "sample")
    _check_came_back(result, new_dir / "sample.yaml")
    coll = Collection.open(db, [new_dir])
    try:
        reps = {r.card_id: r.reps for r in coll.store.deck_rows("sample")}
    finally:
        coll.close()
    assert graded and all(reps.get(item, 0) >= 1 for item in graded)


def test_comment_lines_anywhere_are_left_out_as_anki_does(tmp_path):
    """Anki's reader takes a line starting with # as a comment wherever a row would start (checked
    with Anki where installed); one in the leading block without a key is a comment too, and the
    header block goes on after it. A # inside a quoted field, or a quoted "#...", is data."""
    text = ('#separator:Comma\n# exported for the bone course\n#html:false\n#columns:Front,Back\n'
            'RANKL,a ligand\n#,not a card\n# a note in the middle\n"#1 cause?",bone loss\n'
            'OPG,"a decoy\n# receptor"\n')
    src = tmp_path / "c.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "c.yaml"
    result = _import(src, out)
    assert result.exit_code == 0, result.output
    assert [(c.data["prompt"], c.data["answer"]) for c in load_deck(out).cards] == [
        ("RANKL", "a ligand"), ("#1 cause?", "bone loss"), ("OPG", "a decoy\n# receptor")]
    assert "line 6: a comment line (it starts with #): left out, as Anki does" in result.output
    assert "line 7: a comment line" in result.output
    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "c.anki2"))
    try:
        col.import_csv(anki.ImportCsvRequest(path=str(src), metadata=col.get_csv_metadata(str(src), None)))
        got = sorted(tuple(col.get_note(n).fields) for n in col.find_notes(""))
    finally:
        col.close()
    # (plain text: Anki shows a line break as <br>)
    assert got == sorted([("RANKL", "a ligand"), ("#1 cause?", "bone loss"), ("OPG", "a decoy<br># receptor")])


def test_our_package_through_anki_plain_text_comes_back_with_our_ids(tmp_path):
    """Our .apkg imported into Anki, exported as Notes in Plain Text: its notes' GUIDs are our
    package's, which the decks in use map back to their card ids; our note types keep their types."""
    anki = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    apkg, text = tmp_path / "out.apkg", tmp_path / "notes.txt"
    assert _run("--decks", FIXTURE_DECKS, "export", "--format", "apkg", "-o", apkg).exit_code == 0
    col = anki.Collection(str(tmp_path / "c.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions()))
        col.export_note_csv(out_path=str(text), limit=None, with_html=True, with_tags=True, with_deck=True,
                            with_notetype=True, with_guid=True)
    finally:
        col.close()
    out = tmp_path / "sample.yaml"
    result = _run("--decks", FIXTURE_DECKS, "import", text, "-o", out, "--id", "sample")
    assert result.exit_code == 0, result.output
    back = {c.id: c.type for c in load_deck(out).cards}
    assert back == {"ai-class": "basic", "osteoclast-def": "reverse", "rankl-mcsf": "cloze", "atac-hip": "basic",
                    "atac-spine": "typed", "apoptosis": "basic"}
    assert "note type" not in result.output  # anastro-quiz's own note types are known
    assert "field 4 of the note left out" in result.output  # the Source field Anki's text export carries


def test_images_of_a_row_that_gives_no_card_are_not_copied(tmp_path):
    (tmp_path / "x.png").write_bytes(b"png")
    src = tmp_path / "n.txt"
    src.write_text('#separator:tab\n#html:true\n#guid column:1\ng1\tKatze\tcat\ng1\tHund <img src="x.png">\tdog\n',
                   encoding="utf-8")
    (tmp_path / "deck").mkdir()
    result = _import(src, tmp_path / "deck" / "n.yaml")
    assert result.exit_code == 0, result.output
    assert "line 5: same GUID as line 4" in result.output and "x.png" not in result.output
    assert not (tmp_path / "deck" / "media").exists()
