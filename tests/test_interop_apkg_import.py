"""``import FILE.apkg|.colpkg``: packages made by Anki itself (tests/fixtures/anki/make_fixtures.py).

The fixtures hold, in decks Biology::Cells and Pharmacology: a Basic note (HTML, an image,
a sound) with nine reviews and two lapses, a Basic (and reversed card) note with both
cards studied, a type-in note reviewed, then crammed in a filtered deck that did not
reschedule, a Cloze note (two deletions, a hint) whose first card was studied then
rescheduled by hand and whose second is suspended, and a buried "Basic (optional
reversed card)" note.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import rawdb
from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck, validate_paths
from anastro_quiz.store import Store

ANKI = Path(__file__).parent / "fixtures" / "anki"
PACKAGES = ["notes.apkg", "notes-legacy.apkg", "notes-anki2.apkg", "notes.colpkg"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def imported(tmp_path: Path, name: str = "notes.apkg", *extra: str):
    out, db = tmp_path / "decks", tmp_path / "progress.db"
    result = run("--db", str(db), "import", str(ANKI / name), "-o", str(out), *extra)
    return result, out, db


def by_type(deck) -> dict[str, dict]:
    return {card.type: card.data for card in deck.cards}


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_generation_gives_the_same_decks(tmp_path, name):
    result, out, _ = imported(tmp_path, name)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["biology.cells.yaml", "media", "pharmacology.yaml"]
    assert validate_paths([out]) == []
    # the images and sounds the cards use are copied beside the decks, as Anki made them
    assert (out / "media" / "cell.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "media" / "mitosis.mp3").read_bytes() == b"ID3 not really audio"
    cells, pharma = load_deck(out / "biology.cells.yaml"), load_deck(out / "pharmacology.yaml")
    assert (cells.id, cells.title, pharma.id, pharma.title) == (
        "biology::cells", "Biology::Cells", "pharmacology", "Pharmacology")
    basic = by_type(cells)["basic"]
    # <b>, &nbsp; gone, <br> a new line, <img> and [sound:] named where they were
    assert basic["prompt"] == "What does the mitochondrion make?\n[image: media/cell.png]"
    assert basic["answer"] == "ATP\n(by oxidative phosphorylation)\n[audio: media/mitosis.mp3]"
    assert basic["tags"] == ["cells", "energy"]
    reverse = by_type(cells)["reverse"]
    assert (reverse["prompt"], reverse["answer"], reverse["tags"]) == ("Osteoclast", "Cell that resorbs bone", ["bone"])
    kinds = by_type(pharma)
    assert kinds["typed"]["answer"] == "aromatase"
    assert kinds["cloze"]["text"] == "{{c1::Anastrozole::drug}} lowers {{c2::estradiol}} & estrone."
    assert kinds["cloze"]["explanation"] == "Both are estrogens."
    assert kinds["basic"]["prompt"] == "Letrozole class"  # the optional-reversed note
    assert [i.id.rsplit(".", 1)[-1] for i in pharma.items() if i.type == "cloze"] == ["c1", "c2"]


def test_what_changed_on_the_way_in_is_reported(tmp_path):
    result, _, _ = imported(tmp_path)
    text = result.output
    assert "wrote 2 cards (1 basic, 1 reverse)" in text and "wrote 3 cards (1 basic, 1 cloze, 1 typed)" in text
    assert "note type 'Basic (optional reversed card)' (1 note): not a Basic" in text
    assert "'What does the mitochondrion make?': cell.png, mitosis.mp3: copied to media/ and named in the card" in text
    assert "copied 2 images and sounds to " in text
    assert "1 entry of manual reschedules" in text
    assert "1 answer in filtered decks that did not reschedule (cram): kept as drill answers" in text


def test_history_replayed_suspended_and_buried_cards_stay_so(tmp_path):
    result, out, db = imported(tmp_path)
    assert result.exit_code == 0, result.output
    assert "history: 19 reviews added, 0 already here; 5 cards rebuilt" in result.output
    cells, pharma = load_deck(out / "biology.cells.yaml"), load_deck(out / "pharmacology.yaml")
    basic_id = next(c.id for c in cells.cards if c.type == "basic")
    reverse_id = next(c.id for c in cells.cards if c.type == "reverse")
    cloze_id = next(c.id for c in pharma.cards if c.type == "cloze")
    optional_id = next(c.id for c in pharma.cards if c.type == "basic")
    typed_id = next(c.id for c in pharma.cards if c.type == "typed")
    with Store.open(db) as store:
        log = list(store.review_log())
        row = store.schedule_rows()
        rows = {(r.deck, r.card_id): r for r in row}
    reviews = [r for r in log if r.mode == "review"]
    assert [r.rating for r in reviews if r.card_id == basic_id] == [3, 3, 3, 1, 3, 3, 1, 3, 3]
    assert len([r for r in reviews if r.card_id == reverse_id]) == 3
    assert len([r for r in reviews if r.card_id == f"{reverse_id}.reverse"]) == 2
    assert [r.rating for r in log if r.mode == "drill"] == [1]  # the cram answer, kept but not scheduling
    basic = rows[("biology::cells", basic_id)]
    assert (basic.reps, basic.lapses, basic.fsrs_state) == (9, 2, 2)  # two lapses, in review again
    assert rows[("pharmacology", typed_id)].reps == 2  # the cram answer did not move it
    assert rows[("pharmacology", f"{cloze_id}.c1")].reps == 2  # the manual reschedule is not a review
    assert rows[("pharmacology", f"{cloze_id}.c2")].suspended
    assert rows[("pharmacology", optional_id)].buried_until is not None
    assert all(r.duration_ms == 6000 for r in reviews)


def test_the_imported_decks_study_with_their_history(tmp_path):
    import json

    _, out, db = imported(tmp_path)
    result = run("--db", str(db), "--decks", str(out), "stats", "--json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["reviews"]["total"] == 18  # the cram answer is a drill answer, not counted
    assert stats["cards"]["suspended"] == 1 and stats["cards"]["total"] == 7
    assert stats["cards"]["new"] == 1  # the optional-reversed note's card, buried, never studied


def test_importing_twice_changes_nothing(tmp_path):
    first, out, db = imported(tmp_path)
    with Store.open(db) as store:
        before = (store.review_records(), store.schedule_rows())
    again = run("--db", str(db), "import", str(ANKI / "notes.apkg"), "-o", str(out), "--force")
    assert again.exit_code == 0, again.output
    assert "history: 0 reviews added, 19 already here" in again.output
    assert "nothing changed (already imported)" in again.output
    with Store.open(db) as store:
        assert (store.review_records(), store.schedule_rows()) == before


def test_an_updated_package_updates_the_same_cards_and_keeps_their_progress(tmp_path):
    _, out, db = imported(tmp_path)
    old = {c.type: c.id for c in load_deck(out / "biology.cells.yaml").cards}
    result = run("--db", str(db), "import", str(ANKI / "notes-edited.apkg"), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert "history: 1 review added, 19 already here" in result.output
    cells = load_deck(out / "biology.cells.yaml")
    assert {c.type: c.id for c in cells.cards} == old
    assert by_type(cells)["basic"]["prompt"] == "What do mitochondria make?"
    with Store.open(db) as store:
        basic = next(r for r in store.schedule_rows() if r.card_id == old["basic"])
        assert basic.reps == 10
        assert len([r for r in store.review_log() if r.card_id == old["basic"]]) == 10


def test_colpkg_and_one_deck_output_file(tmp_path):
    result = run("--db", str(tmp_path / "p.db"), "import", str(ANKI / "notes.colpkg"), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert "holds 2 decks (Biology::Cells, Pharmacology): give a folder" in result.output
    assert not (tmp_path / "x.yaml").exists() and not (tmp_path / "p.db").exists()


def test_no_history_writes_no_database(tmp_path):
    result, out, db = imported(tmp_path, "notes.apkg", "--no-history")
    assert result.exit_code == 0, result.output
    assert "history: 19 reviews in the package not imported (--no-history)" in result.output
    assert not db.exists() and (out / "pharmacology.yaml").exists()


def test_existing_deck_files_are_not_replaced_without_force(tmp_path):
    imported(tmp_path)
    again = run("--db", str(tmp_path / "progress.db"), "import", str(ANKI / "notes.apkg"), "-o",
                str(tmp_path / "decks"))
    assert again.exit_code == 2 and "already exist (use --force to replace)" in again.output


# --- this tool's own export comes back with its ids -----------------------------------


def test_own_export_imports_back_with_its_deck_and_card_ids(deck_dir, tmp_path):
    apkg = tmp_path / "out.apkg"
    assert run("--decks", str(deck_dir), "export", "--format", "apkg", "-o", str(apkg)).exit_code == 0
    result = run("--decks", str(deck_dir), "--db", str(tmp_path / "p.db"), "import", str(apkg),
                 "-o", str(tmp_path / "back.yaml"))
    assert result.exit_code == 0, result.output
    original, back = load_deck(deck_dir / "all_types.yaml"), load_deck(tmp_path / "back.yaml")
    assert back.id == original.id
    assert {c.id for c in back.cards} == {c.id for c in original.cards}
    kinds = {c.id: c.type for c in back.cards}
    for card in original.cards:
        expected = card.type if card.type in ("basic", "reverse", "typed", "cloze") else "basic"
        assert kinds[card.id] == expected
        if card.source is not None:
            assert next(c for c in back.cards if c.id == card.id).source == card.source


# --- bad input: clear message, exit 2, nothing written -------------------------------


def _repacked(tmp_path: Path, name: str, edit=None, meta: bytes | None = None) -> Path:
    """notes-anki2.apkg with its collection changed by ``edit(path)`` and/or a new ``meta``."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    with zipfile.ZipFile(ANKI / "notes-anki2.apkg") as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    db = work / "collection.anki2"
    db.write_bytes(members["collection.anki2"])
    if edit:
        edit(db)
    members["collection.anki2"] = db.read_bytes()
    if meta is not None:
        members["meta"] = meta
    out = tmp_path / name
    with zipfile.ZipFile(out, "w") as zout:
        for member, data in members.items():
            zout.writestr(member, data)
    return out


def _refused(tmp_path: Path, package: Path, *phrases: str) -> None:
    out, db = tmp_path / "decks", tmp_path / "refused.db"
    result = run("--db", str(db), "import", str(package), "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.output
    assert not out.exists() and not db.exists()


def test_empty_file(tmp_path):
    (tmp_path / "empty.apkg").write_bytes(b"")
    _refused(tmp_path, tmp_path / "empty.apkg", "is empty (not an Anki package)")


def test_not_a_zip(tmp_path):
    (tmp_path / "text.apkg").write_text("front\tback\n")
    _refused(tmp_path, tmp_path / "text.apkg", "is not a usable Anki package (not a zip file)")


def test_truncated_zip(tmp_path):
    data = (ANKI / "notes.apkg").read_bytes()
    (tmp_path / "cut.apkg").write_bytes(data[: len(data) // 2])
    _refused(tmp_path, tmp_path / "cut.apkg", "is not a usable Anki package")


def test_zip_without_a_collection(tmp_path):
    with zipfile.ZipFile(tmp_path / "other.apkg", "w") as zf:
        zf.writestr("media", "{}")
        zf.writestr("readme.txt", "hello")
    _refused(tmp_path, tmp_path / "other.apkg", "is a zip file but not an Anki package: it has no collection")


def test_damaged_collection(tmp_path):
    with zipfile.ZipFile(tmp_path / "bad.apkg", "w") as zf:
        zf.writestr("collection.anki21b", b"not zstd at all")
    _refused(tmp_path, tmp_path / "bad.apkg", "its collection.anki21b is damaged")
    with zipfile.ZipFile(tmp_path / "bad2.apkg", "w") as zf:
        zf.writestr("collection.anki2", b"SQLite format 3\0" + b"\x00" * 50)
    _refused(tmp_path, tmp_path / "bad2.apkg", "is not a usable Anki collection")


def test_newer_anki_schema(tmp_path):
    package = _repacked(tmp_path, "newer.apkg", lambda db: rawdb.write(db, "UPDATE col SET ver=19"))
    _refused(tmp_path, package, "was written by a newer Anki (collection schema 19", "Support older Anki versions")


def test_newer_package_format(tmp_path):
    package = _repacked(tmp_path, "newer-meta.apkg", meta=b"\x08\x04")
    _refused(tmp_path, package, "was written by a newer Anki (package format 4")


def _orphan_review(db: Path) -> None:
    rawdb.write(db, "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                    " VALUES (1700000000000, 424242, -1, 3, 1, 0, 2500, 5000, 1)")


def test_review_of_a_missing_card_in_an_apkg_is_refused(tmp_path):
    package = _repacked(tmp_path, "orphan.apkg", _orphan_review)
    _refused(tmp_path, package, "review log has 1 review of 1 card the package does not hold (card id 424242)")


def test_review_of_a_deleted_card_in_a_colpkg_is_left_out_and_counted(tmp_path):
    package = _repacked(tmp_path, "orphan.colpkg", _orphan_review)
    result = run("--db", str(tmp_path / "p.db"), "import", str(package), "-o", str(tmp_path / "decks"))
    assert result.exit_code == 0, result.output
    assert "1 entry of reviews of cards deleted in Anki (the collection keeps them): left out" in result.output


def test_a_folder_is_not_a_package(tmp_path):
    (tmp_path / "dir.apkg").mkdir()
    _refused(tmp_path, tmp_path / "dir.apkg", "is a folder")


def test_history_options_only_for_packages(tmp_path):
    src = tmp_path / "q.txt"
    src.write_text("a\tb\n")
    result = run("import", str(src), "-o", str(tmp_path / "q.yaml"), "--no-history")
    assert result.exit_code == 2 and "apply to Anki packages" in result.output


def test_fixture_script_is_committed_with_the_fixtures():
    assert (ANKI / "make_fixtures.py").exists()
    assert all((ANKI / name).stat().st_size < 40_000 for name in PACKAGES + ["notes-edited.apkg"])


def test_one_deck_package_renamed_with_id_keeps_its_history_under_the_new_id(deck_dir, tmp_path):
    from anastro_quiz.collection import Collection
    from conftest import FakeClock

    db = tmp_path / "p.db"
    coll = Collection.open(db, [deck_dir], clock=FakeClock())
    session = coll.start_session()
    graded = session.current
    session.grade(3)
    coll.close()
    apkg = tmp_path / "mine.apkg"
    assert run("--db", str(db), "--decks", str(deck_dir), "export", "--format", "apkg", "--with-history",
               "-o", str(apkg)).exit_code == 0
    fresh = tmp_path / "fresh.db"
    result = run("--db", str(fresh), "--decks", str(deck_dir), "import", str(apkg), "-o", str(tmp_path / "renamed.yaml"),
                 "--id", "mine",
                 "--title", "Mine")
    assert result.exit_code == 0, result.output
    deck = load_deck(tmp_path / "renamed.yaml")
    assert (deck.id, deck.title) == ("mine", "Mine")
    with Store.open(fresh) as store:
        log = list(store.review_log())
    assert [(r.deck, r.card_id, r.rating) for r in log] == [("mine", graded.id, 3)]


def test_anki_image_occlusion_note_is_left_out_and_reported(tmp_path):
    """Anki's own Image Occlusion note type (make_image_occlusion.py): a cloze note type whose
    deletions are masks on an image, which a terminal cannot show."""
    out = tmp_path / "anatomy.yaml"
    result = run("--db", str(tmp_path / "p.db"), "import", str(ANKI / "image-occlusion.apkg"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "1 image occlusion note: left out (its cards are an image with masks" in result.output
    assert [(c.type, c.data["prompt"]) for c in load_deck(out).cards] == [("basic", "Longest bone?")]
    assert "image-occlusion:rect" not in out.read_text(encoding="utf-8")


def test_media_never_replaces_another_file_without_force(tmp_path):
    out = tmp_path / "decks"
    (out / "media").mkdir(parents=True)
    (out / "media" / "cell.png").write_bytes(b"my own picture")
    result = run("--db", str(tmp_path / "p.db"), "import", str(ANKI / "notes.apkg"), "-o", str(out))
    assert result.exit_code == 2 and "cell.png already exists with other content (use --force" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["media"] and not (tmp_path / "p.db").exists()
    assert (out / "media" / "cell.png").read_bytes() == b"my own picture"
    forced = run("--db", str(tmp_path / "p.db"), "import", str(ANKI / "notes.apkg"), "-o", str(out), "--force")
    assert forced.exit_code == 0 and (out / "media" / "cell.png").read_bytes().startswith(b"\x89PNG")
