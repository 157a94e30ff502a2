"""The store refuses what it must not touch and keeps history across deck edits."""

from __future__ import annotations

import pytest

from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import SCHEMA_VERSION, Store, StoreBusy, StoreError
from anastro_quiz.store.identity import APPLICATION_ID

import rawdb


def test_new_database_is_wal_and_versioned(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert rawdb.journal_mode(store.path) == "wal"


def test_database_in_a_new_folder_is_created(tmp_path):
    with Store.open(tmp_path / "a" / "b" / "p.db") as store:
        assert store.integrity_check() == "ok"


def test_not_a_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my precious notes\n")
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(path)
    assert path.read_text() == "my precious notes\n"


def test_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.db"
    rawdb.write(path, "CREATE TABLE cards (x)", f"PRAGMA user_version={SCHEMA_VERSION + 1}",
                f"PRAGMA application_id={APPLICATION_ID}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer anastro-quiz"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "future.db-wal").exists()


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    rawdb.write(path, "CREATE TABLE invoices (id)")
    with pytest.raises(StoreError, match="not an anastro-quiz"):
        Store.open(path)


def test_folder_as_database_is_refused(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        Store.open(tmp_path)


def test_second_writer_gets_a_clear_busy_error(tmp_path):
    path = tmp_path / "p.db"
    holder = Store.open(path)
    other = Store.open(path, busy_timeout=0.2)
    with holder.transaction():  # holds the write lock until the block ends
        with pytest.raises(StoreBusy, match="busy"):
            other.set_setting("x", 1)
    other.set_setting("x", 1)  # works once the lock is released
    assert holder.get_setting("x") == 1


def test_edited_card_keeps_history_and_removed_card_is_orphaned(tmp_path, deck_dir, clock):
    db = tmp_path / "p.db"
    coll = Collection.open(db, [deck_dir], clock=clock)
    session = coll.start_session()
    first = session.current
    session.grade(Rating.Good)
    coll.close()

    path = deck_dir / "all_types.yaml"
    original = path.read_text()
    path.write_text(original.replace("What class of drug is anastrozole?", "Which drug class is anastrozole in?"))
    coll = Collection.open(db, [deck_dir], clock=clock)
    assert coll.sync_report["changed"] == 1
    row = coll.store.schedule_row(first.deck_id, first.id)
    assert row.reps == 1 and row.state is not None
    coll.close()

    # Remove the card: its history stays, it disappears from counts, and comes back restored.
    lines = path.read_text().split("\n")
    start = lines.index("  - id: ai-class")
    end = lines.index("  - id: osteoclast-def")
    path.write_text("\n".join(lines[:start] + lines[end:]))
    coll = Collection.open(db, [deck_dir], clock=clock)
    assert coll.sync_report["orphaned"] == 1
    assert coll.store.orphaned_cards() == [("sample", "ai-class")]
    assert coll.deck_summaries()[0].total == 7
    assert coll.store.review_count() == 1
    coll.close()

    path.write_text(original)
    coll = Collection.open(db, [deck_dir], clock=clock)
    assert coll.store.orphaned_cards() == []
    assert coll.store.schedule_row("sample", "ai-class").reps == 1
    coll.close()


def test_settings_round_trip(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.set_setting("limits", {"new_per_day": 5}, scope="deck:x")
        assert store.get_setting("limits", scope="deck:x") == {"new_per_day": 5}
        assert store.get_setting("limits") is None
