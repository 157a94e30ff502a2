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
