"""Leaving for Anki with the history, and coming back: checked by Anki's own importer.

``export --format apkg --with-history`` is imported into a fresh collection with the
official ``anki`` library (the test extra): its cards keep their type, due day, interval,
FSRS memory state and review log. Exported again from Anki and imported here into a
fresh database, the same cards come back with the same reviews and the same state.
Skipped where ``anki`` is not installed.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.clock import study_day
from anastro_quiz.collection import Collection
from anastro_quiz.decks import load_deck
from anastro_quiz.interop.anki import note_guid
from anastro_quiz.store import Store
from conftest import FakeClock

anki_collection = pytest.importorskip("anki.collection")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _studied(tmp_path: Path, deck_dir: Path, day_start_hour: int | None = None, leech: bool = False) -> Path:
    """A month of study ending five days ago, one card suspended (and, if given, the study
    day starting at ``day_start_hour``; with ``leech``, the first card seen forgotten each
    time it comes back after being relearnt, so it lapses often enough to be a leech)."""
    db = tmp_path / "progress.db"
    clock = FakeClock(datetime.now(timezone.utc) - timedelta(days=35))
    coll = Collection.open(db, [deck_dir], clock=clock)
    try:
        if day_start_hour is not None:
            coll.save_day_start_hour(day_start_hour)
        pattern, n, target = [3, 3, 1, 3, 4, 2, 3], 0, None
        for _ in range(30):
            session = coll.start_session()
            while session.current is not None:
                current = session.current
                target = target or current.id
                rating = pattern[n % len(pattern)]
                if leech and current.id == target:  # forgotten whenever it is in review, else Good
                    row = coll.store.schedule_row(current.deck_id, current.id)
                    rating = 1 if row is not None and row.fsrs_state == 2 else 3
                session.grade(rating, duration_ms=2000 + 10 * n)
                n += 1
                clock.advance(minutes=3)
            session.finish()
            clock.advance(days=1)
        items = [i for d in coll.decks.values() for i in d.items()]
        coll.set_suspended(items[1], True)
    finally:
        coll.close()
    return db


def _anki_import(path: Path, target: Path):
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = anki_collection.Collection(str(target))
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)))
    return col


def _item_of(deck_dir: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(note GUID, Anki ordinal) -> (deck id, study item id) for the fixture decks."""
    from anastro_quiz.interop.anki import _ord

    out = {}
    for path in sorted(deck_dir.glob("*.yaml")):
        deck = load_deck(path)
        for card in deck.cards:
            for item in card.items(deck.id):
                out[(note_guid(deck.id, card.id), _ord(card, item.id))] = (deck.id, item.id)
    return out


def _hour_after_now() -> int:
    """A study-day start later today than now, so now falls before the day's start (the
    night hours between midnight and the rollover, where an export once put due days one
    day early)."""
    hour = datetime.now().astimezone().hour
    if hour == 23:
        pytest.skip("no later hour today to start the study day at")
    return hour + 1


@pytest.mark.parametrize("day_start", ["default", "after now"])
def test_export_with_history_imports_into_anki_with_its_schedule_and_log(deck_dir, tmp_path, day_start):
    db = _studied(tmp_path, deck_dir, None if day_start == "default" else _hour_after_now())
    apkg = tmp_path / "out.apkg"
    result = run("--db", str(db), "--decks", str(deck_dir), "export", "--format", "apkg", "--with-history",
                 "-o", str(apkg))
    assert result.exit_code == 0, result.output
    assert "with history:" in result.output
    with Store.open(db) as store:
        rows = {(r.deck, r.card_id): r for r in store.schedule_rows()}
        counts: dict[tuple[str, str], int] = {}
        for review in store.review_log(mode="review"):
            counts[review.card_key] = counts.get(review.card_key, 0) + 1
    (tmp_path / "anki").mkdir()
    col = _anki_import(apkg, tmp_path / "anki" / "collection.anki2")
    try:
        items = _item_of(deck_dir)
        today = study_day(datetime.now(timezone.utc))
        checked = set()
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            key = items[(card.note().guid, card.ord)]
            row = rows[key]
            assert card.type == row.fsrs_state, key
            assert card.reps == row.reps and card.lapses == row.lapses, key
            assert len(col.db.list("SELECT id FROM revlog WHERE cid=?", cid)) == counts.get(key, 0), key
            if row.suspended:
                assert card.queue == -1, key
            elif row.fsrs_state in (1, 3) and card.queue == 1:  # a learning step due today: a time
                assert card.due == int(datetime.fromisoformat(row.due).timestamp()), key
                assert card.left >= 1
            if row.fsrs_state == 2:
                due = today + timedelta(days=card.due - col.sched.today)
                assert due == study_day(datetime.fromisoformat(row.due)), key
                import json

                state = json.loads(row.state)
                assert card.memory_state is not None
                assert card.memory_state.stability == pytest.approx(state["stability"], rel=1e-3), key
                assert card.memory_state.difficulty == pytest.approx(state["difficulty"], rel=1e-3), key
                assert card.ivl >= 1
            checked.add(key)
        assert checked == set(items.values())
        assert any(rows[k].fsrs_state == 2 for k in checked) and any(rows[k].suspended for k in checked)
        back = tmp_path / "back.apkg"
        from anki.collection import ExportAnkiPackageOptions

        col.export_anki_package(out_path=str(back), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False))
    finally:
        col.close()

    # ... and back from Anki into a fresh database: the same cards, reviews and state
    fresh = tmp_path / "fresh.db"
    result = run("--db", str(fresh), "--decks", str(deck_dir), "import", str(back), "-o", str(tmp_path / "back"))
    assert result.exit_code == 0, result.output
    with Store.open(fresh) as store:
        again = {(r.deck, r.card_id): r for r in store.schedule_rows()}
        counts_back: dict[tuple[str, str], int] = {}
        for review in store.review_log(mode="review"):
            counts_back[review.card_key] = counts_back.get(review.card_key, 0) + 1
    assert counts_back == counts
    import json

    for key, row in rows.items():
        if key not in counts:
            continue
        mine, theirs = json.loads(row.state), json.loads(again[key].state)
        assert (again[key].reps, again[key].lapses, again[key].fsrs_state, again[key].suspended) == (
            row.reps, row.lapses, row.fsrs_state, row.suspended), key
        assert theirs["stability"] == pytest.approx(mine["stability"], rel=1e-6), key
        assert theirs["difficulty"] == pytest.approx(mine["difficulty"], rel=1e-6), key

    # ... and into the database it came from: nothing new
    result = run("--db", str(db), "--decks", str(deck_dir), "import", str(back), "-o", str(tmp_path / "back"),
                 "--force")
    assert result.exit_code == 0, result.output
    assert f"history: 0 reviews added, {sum(counts.values())} already here" in result.output


def test_with_history_needs_a_database_and_the_apkg_format(deck_dir, tmp_path):
    result = run("--db", str(tmp_path / "none.db"), "--decks", str(deck_dir), "export", "--format", "apkg",
                 "--with-history", "-o", str(tmp_path / "x.apkg"))
    assert result.exit_code == 2 and "no history to export" in result.output
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "x.apkg").exists()
    result = run("--decks", str(deck_dir), "export", "--format", "csv", "--with-history")
    assert result.exit_code == 2 and "--with-history applies to --format apkg only" in result.output


def test_the_fixture_script_still_builds_the_same_packages_with_anki(tmp_path):
    """tests/fixtures/anki/make_fixtures.py, run with today's anki, gives packages that import as the committed ones."""
    import subprocess
    import sys

    script = Path(__file__).parent / "fixtures" / "anki" / "make_fixtures.py"
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    committed = Path(__file__).parent / "fixtures" / "anki"
    for name in ("notes.apkg", "notes-legacy.apkg", "notes-anki2.apkg", "notes.colpkg"):
        outputs = []
        for label, folder in (("committed", committed), ("rebuilt", tmp_path)):
            out = tmp_path / "decks" / label / name
            out.parent.mkdir(parents=True, exist_ok=True)
            result = run("--db", str(out.parent / f"{name}.db"), "import", str(folder / name), "-o", str(out))
            assert result.exit_code == 0, result.output
            report = [line for line in result.output.splitlines()
                      if not line.startswith(("wrote", "read", "history:", "note:", "copied"))]  # paths and ids differ
            cards = [sorted((c.type, c.data.get("prompt") or c.data.get("text")) for c in load_deck(f).cards)
                     for f in sorted(out.glob("*.yaml"))]
            media = sorted((p.name, p.read_bytes()) for p in (out / "media").iterdir())
            outputs.append((report, cards, media))
        assert outputs[0] == outputs[1], name


def test_images_and_sounds_go_back_to_anki_and_come_back(tmp_path):
    """Anki package -> decks here (media/ beside them) -> our .apkg -> Anki: the note shows the
    image and plays the sound again, with the same bytes; Anki's export of it imports here as before."""
    from anki.collection import ExportAnkiPackageOptions

    fixture = Path(__file__).parent / "fixtures" / "anki" / "notes.apkg"
    decks = tmp_path / "decks"
    assert run("--db", str(tmp_path / "a.db"), "import", str(fixture), "-o", str(decks)).exit_code == 0
    apkg = tmp_path / "out.apkg"
    result = run("--db", str(tmp_path / "a.db"), "--decks", str(decks), "export", "--format", "apkg", "-o", str(apkg))
    assert result.exit_code == 0 and "with 2 images and sounds" in result.output, result.output
    (tmp_path / "anki").mkdir()
    col = _anki_import(apkg, tmp_path / "anki" / "collection.anki2")
    try:
        note = col.get_note(col.find_notes("mitochondrion")[0])
        assert '<img src="cell.png">' in note["Front"] and "[sound:mitosis.mp3]" in note["Back"]
        media = Path(col.media.dir())
        assert (media / "cell.png").read_bytes() == (decks / "media" / "cell.png").read_bytes()
        assert (media / "mitosis.mp3").read_bytes() == b"ID3 not really audio"
        back = tmp_path / "back.apkg"
        col.export_anki_package(out_path=str(back), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=True, legacy=False))
    finally:
        col.close()
    again = tmp_path / "again"
    result = run("--db", str(tmp_path / "b.db"), "--decks", str(decks), "import", str(back), "-o", str(again),
                 "--no-history")
    assert result.exit_code == 0, result.output
    prompts = {c.data["prompt"] for c in load_deck(again / "biology.cells.yaml").cards}
    assert "What does the mitochondrion make?\n[image: media/cell.png]" in prompts
    assert (again / "media" / "cell.png").read_bytes() == (decks / "media" / "cell.png").read_bytes()


def test_marks_and_leeches_go_to_anki_as_its_tags_and_marks_come_back(deck_dir, tmp_path):
    """Anki keeps a mark (the * key) and a leech as note tags ``marked`` and ``leech``: they go
    out as those tags, and a marked note comes back as marked cards (not as a deck tag)."""
    from anki.collection import ExportAnkiPackageOptions

    db = _studied(tmp_path, deck_dir, leech=True)
    with Store.open(db) as store:
        rows = store.schedule_rows()
    marked_key = next((r.deck, r.card_id) for r in rows if not r.suspended and r.reps)
    coll = Collection.open(db, [deck_dir])
    try:
        item = next(i for d in coll.decks.values() for i in d.items() if (i.deck_id, i.id) == marked_key)
        coll.set_marked(item, True)
    finally:
        coll.close()
    with Store.open(db) as store:
        leeches = {(r.deck, r.card_id) for r in store.schedule_rows() if r.leech}
    assert leeches, "the month of study makes a leech"
    apkg = tmp_path / "out.apkg"
    assert run("--db", str(db), "--decks", str(deck_dir), "export", "--format", "apkg", "--with-history",
               "-o", str(apkg)).exit_code == 0
    (tmp_path / "anki").mkdir()
    col = _anki_import(apkg, tmp_path / "anki" / "collection.anki2")
    try:
        items = _item_of(deck_dir)
        tagged = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            tagged.setdefault(items[(card.note().guid, card.ord)], set(card.note().tags))
        assert "marked" in tagged[marked_key]
        assert [k for k, tags in tagged.items() if "marked" in tags] == [
            k for k in tagged if k[0] == marked_key[0] and k[1].split(".")[0] == marked_key[1].split(".")[0]]
        assert {k for k, tags in tagged.items() if "leech" in tags} >= leeches
        back = tmp_path / "back.apkg"
        col.export_anki_package(out_path=str(back), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False))
    finally:
        col.close()
    fresh = tmp_path / "fresh.db"
    result = run("--db", str(fresh), "--decks", str(deck_dir), "import", str(back), "-o", str(tmp_path / "back"))
    assert result.exit_code == 0, result.output
    assert "marked" in result.output.split("history:")[1]
    with Store.open(fresh) as store:
        back_marked = [r.card_id for r in store.schedule_rows() if r.marked]
    assert marked_key[1] in back_marked
    decks_back = [load_deck(p) for p in (tmp_path / "back").glob("*.yaml")]
    assert not any("marked" in c.data.get("tags", []) for d in decks_back for c in d.cards)
    # without a history to hold it, the mark stays the tag Anki has
    plain = tmp_path / "plain"
    result = run("--db", str(tmp_path / "plain.db"), "--decks", str(deck_dir), "import", str(back), "-o", str(plain),
                 "--no-history")
    assert result.exit_code == 0, result.output
    tagged_back = [c.id for p in plain.glob("*.yaml") for c in load_deck(p).cards if "marked" in c.data.get("tags", [])]
    assert tagged_back == [marked_key[1].split(".")[0]]
