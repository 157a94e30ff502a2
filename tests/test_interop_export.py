"""Export to Anki (.apkg) and CSV."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_decks

import rawdb
from studying import grade_every_item


def _run(deck_dir: Path, *args: str):
    return CliRunner().invoke(cli, ["--decks", str(deck_dir), *args], catch_exceptions=False)


def _anki_notes(apkg: Path, tmp_path: Path) -> list[tuple]:
    with zipfile.ZipFile(apkg) as zf:
        zf.extract("collection.anki2", tmp_path)
    return rawdb.rows(tmp_path / "collection.anki2", "SELECT guid, mid, flds, tags FROM notes ORDER BY id")


def test_apkg_export_one_note_per_card_with_stable_guids(deck_dir, tmp_path):
    out = tmp_path / "out.apkg"
    result = _run(deck_dir, "export", "--format", "apkg", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "6 notes" in result.output
    notes = _anki_notes(out, tmp_path / "a")
    assert len(notes) == 6
    deck = load_decks([deck_dir])[0]
    from anastro_quiz.interop.anki import CLOZE_MODEL_ID, note_guid

    guids = [n[0] for n in notes]
    assert guids == [note_guid("sample", card.id) for card in deck.cards]
    cloze = [n for n in notes if n[1] == CLOZE_MODEL_ID]
    assert len(cloze) == 1 and "{{c1::RANKL}}" in cloze[0][2] and "{{c2::M-CSF}}" in cloze[0][2]
    assert all(n[3].strip() for n in notes)  # tags kept

    # Exporting again gives the same GUIDs, so Anki updates instead of duplicating.
    out2 = tmp_path / "again.apkg"
    assert _run(deck_dir, "export", "--format", "apkg", "-o", str(out2)).exit_code == 0
    assert [n[0] for n in _anki_notes(out2, tmp_path / "b")] == guids


def test_apkg_card_counts_and_decks(deck_dir, tmp_path):
    from anastro_quiz.interop.anki import anki_deck_id, export_apkg

    decks = load_decks([deck_dir])
    report = export_apkg(decks, tmp_path / "x.apkg", timestamp=1_700_000_000)
    # reverse -> 2 Anki cards, cloze with c1 and c2 -> 2 cards, four others -> 1 each
    assert (report.decks, report.notes, report.cards) == (1, 6, 8)
    with zipfile.ZipFile(tmp_path / "x.apkg") as zf:
        zf.extract("collection.anki2", tmp_path)
    decks_json = rawdb.rows(tmp_path / "collection.anki2", "SELECT decks FROM col")[0][0]
    assert str(anki_deck_id("sample")) in decks_json
    assert anki_deck_id("sample") == anki_deck_id("sample") and 1 << 30 <= anki_deck_id("sample") < 1 << 31


def test_apkg_escapes_html_and_tags_without_spaces(tmp_path):
    from anastro_quiz.decks import Card
    from anastro_quiz.interop.anki import note_for

    card = Card("x", "basic", {"prompt": "Is 1 < 2 & 3 > 2?", "answer": "yes", "tags": ["two words"]})
    note = note_for(card, "d")
    assert note.fields[0] == "Is 1 &lt; 2 &amp; 3 &gt; 2?"
    assert note.tags == ["two_words"]


def test_apkg_path_that_is_a_directory_is_refused(deck_dir, tmp_path):
    target = tmp_path / "folder.apkg"
    target.mkdir()
    result = _run(deck_dir, "export", "--format", "apkg", "-o", str(target))
    assert result.exit_code == 2
    assert "is a folder" in result.output
    assert list(target.iterdir()) == []
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_apkg_needs_output_and_existing_folder(deck_dir, tmp_path):
    result = _run(deck_dir, "export", "--format", "apkg")
    assert result.exit_code == 2 and "-o" in result.output
    result = _run(deck_dir, "export", "--format", "apkg", "-o", str(tmp_path / "missing" / "x.apkg"))
    assert result.exit_code == 2 and f"the folder {tmp_path / 'missing'} does not exist (check the path" in result.output
    assert not (tmp_path / "missing").exists()


def test_csv_export_to_stdout_and_file(deck_dir, tmp_path):
    result = _run(deck_dir, "export", "--format", "csv")
    assert result.exit_code == 0
    headers = result.output.splitlines()[:7]
    assert headers == ["#separator:Comma", "#html:false", "#tags column:3", "#deck column:6", "#guid column:9",
                       "#notetype column:10", "#columns:Front,Back,tags,source,quote,deck,id,type,guid,notetype"]
    body = "".join(result.output.splitlines(keepends=True)[7:])
    rows = list(csv.DictReader(io.StringIO(body), fieldnames=headers[-1].split(":")[1].split(",")))
    assert list(rows[0])[:4] == ["Front", "Back", "tags", "source"]
    deck = load_decks([deck_dir])[0]
    assert len(rows) == len(deck.cards)  # one row per card: one Anki note each
    by_id = {r["id"]: r for r in rows}
    assert {i: (r["type"], r["notetype"]) for i, r in by_id.items()} == {
        "ai-class": ("basic", "Basic"), "osteoclast-def": ("reverse", "Basic (and reversed card)"),
        "rankl-mcsf": ("cloze", "Cloze"), "atac-hip": ("choice", "Basic"),
        "atac-spine": ("typed", "Basic (type in the answer)"), "apoptosis": ("true_false", "Basic")}
    cloze = by_id["rankl-mcsf"]  # the cloze text itself, and the explanation as Anki's Back Extra
    assert cloze["Front"] == "Estradiol interferes with {{c1::RANKL}} and {{c2::M-CSF}} signalling."
    assert cloze["Back"].startswith("Both cytokines are essential")
    assert cloze["guid"] == "sample/rankl-mcsf"
    assert cloze["source"] == "003_f596ba227722da9a.txt" and cloze["quote"]

    out = tmp_path / "cards.csv"
    result = _run(deck_dir, "export", "--format", "csv", "-o", str(out), "--deck", "sample")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[6].startswith("#columns:Front,Back,tags,source")


def test_csv_export_roundtrips_through_import(deck_dir, tmp_path):
    out = tmp_path / "cards.csv"
    assert _run(deck_dir, "export", "--format", "csv", "-o", str(out)).exit_code == 0
    deck_file = tmp_path / "back.yaml"
    result = _run(deck_dir, "import", str(out), "-o", str(deck_file), "--id", "sample")
    assert result.exit_code == 0, result.output
    assert "as csv" in result.output
    original = load_decks([deck_dir])[0]
    deck = load_decks([deck_file])[0]
    by_id = {c.id: c for c in deck.cards}
    # every card keeps its id and its type; a choice card (its choices are not in the CSV) becomes basic
    assert {c.id: c.type for c in deck.cards} == {
        "ai-class": "basic", "osteoclast-def": "reverse", "rankl-mcsf": "cloze",
        "atac-hip": "basic", "atac-spine": "typed", "apoptosis": "true_false"}
    assert by_id["apoptosis"].data["answer"] is True
    assert by_id["rankl-mcsf"].data["text"] == original.cards[2].data["text"]
    assert by_id["rankl-mcsf"].data["explanation"] == original.cards[2].data["explanation"]
    # Grounding kept: every card carries its source document and quote.
    for card in original.cards:
        assert by_id[card.id].source == card.source, card.id
        assert list(by_id[card.id].tags) == list(card.tags)
    # What could not be rebuilt is reported, line by line.
    assert "converted 1 row" in result.output
    assert "choice card: imported as basic (the CSV does not carry its choices)" in result.output
    assert "skipped" not in result.output and "note:" not in result.output
    # The study items the learner sees are the same, under the same keys.
    seen = {(i.id, i.prompt, i.answer) for i in original.items()}
    assert {(i.id, i.prompt, i.answer) for i in deck.items()} == seen


def test_csv_reimport_keeps_study_progress(deck_dir, tmp_path):
    from anastro_quiz.collection import Collection

    db = tmp_path / "progress.db"
    graded = grade_every_item(db, deck_dir)
    assert graded

    out = tmp_path / "cards.csv"
    assert _run(deck_dir, "export", "--format", "csv", "-o", str(out)).exit_code == 0
    new_dir = tmp_path / "edited"
    new_dir.mkdir()
    hint = _run(deck_dir, "import", str(out), "-o", str(new_dir / "other.yaml"))
    assert "note: these cards come from deck 'sample'; import with --id sample" in hint.output
    assert _run(deck_dir, "import", str(out), "-o", str(new_dir / "sample.yaml"), "--id", "sample").exit_code == 0
    (new_dir / "other.yaml").unlink()

    coll = Collection.open(db, [new_dir])
    try:
        rows = {r.card_id: r.reps for r in coll.store.deck_rows("sample")}
    finally:
        coll.close()
    assert graded <= set(rows)
    assert all(rows[item_id] >= 1 for item_id in graded)


def test_csv_import_of_own_export_edge_cases():
    from anastro_quiz.interop.tabular import parse_table

    text = (
        "prompt,answer,tags,source,quote,deck,id,type\n"
        "Q1,A1,t,doc.txt,,d,q1,basic\n"               # source without quote: left out
        "Q2,A2,,,,d,bad id,basic\n"                    # invalid id: a new one
        "Q1,A1,t,doc.txt,,d,q1,basic\n"               # same id, same content: duplicate
        "Q3,A3,,,,d,q1,basic\n"                       # same id, different content: new id
        "B,A,,,,d,r.reverse,reverse\n"                # reverse side without forward: basic
        "S,Maybe,,,,e,s,true_false\n"                 # not True/False: basic
        "P,X,,,,e,w,weird\n"                          # unknown type: basic
        ",A,,,,e,z,basic\n"                           # empty prompt: skipped
    )
    result = parse_table(text)
    assert result.format == "csv" and result.rows == 8
    ids = {c.id: c for c in result.cards}
    assert set(ids) == {"q1", "q2", "q3", "r.reverse", "s", "w"}
    assert "source" not in ids["q1"].data and ids["q1"].data["tags"] == ["t"]
    assert [(c.id, c.type) for c in result.cards if c.id in ("r.reverse", "s", "w")] == [
        ("r.reverse", "basic"), ("s", "basic"), ("w", "basic")]
    assert result.decks == ["d", "e"]
    skipped = [str(s) for s in result.skipped]
    assert skipped == ["line 4: duplicate of line 2", "line 9: empty term / front"]
    converted = " | ".join(str(c) for c in result.converted)
    for text in ("line 2: source left out", "line 3: id 'bad id' is not a valid card id",
                 "line 5: id 'q1' is already used on line 2", "line 6: the reverse side of a reverse card without",
                 "line 8: type 'weird' cannot be rebuilt"):
        assert text in converted, text
