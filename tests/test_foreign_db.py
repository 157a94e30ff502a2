"""Another application's SQLite file is never written: every command leaves it byte-identical.

Ours are marked with ``PRAGMA application_id``; older ones of ours, made before the mark,
are recognised by their version and tables and stamped on their first open.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import SCHEMA_VERSION, Store
from anastro_quiz.store.identity import APPLICATION_ID

import rawdb

FOSSIL_ID = 0x0F055112


def _with_user_version(path: Path) -> None:
    rawdb.write(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1, 'x')",
                "PRAGMA user_version=1")


def _version_two_no_tables(path: Path) -> None:
    rawdb.write(path, "PRAGMA user_version=2")


def _a_cards_table(path: Path) -> None:
    rawdb.write(path, "CREATE TABLE cards (front TEXT, back TEXT)", "INSERT INTO cards VALUES ('q', 'a')")


def _a_settings_table(path: Path) -> None:
    rawdb.write(path, "CREATE TABLE settings (k TEXT, v TEXT)", "INSERT INTO settings VALUES ('a', 'b')",
                "PRAGMA user_version=1")


def _our_tables_but_other_id(path: Path) -> None:
    rawdb.old_database(path, SCHEMA_VERSION)
    rawdb.write(path, f"PRAGMA application_id={FOSSIL_ID}")


def _our_table_names_other_columns(path: Path) -> None:
    rawdb.write(path, *(f"CREATE TABLE {name} (x)" for name in ("cards", "schedule", "reviews", "settings")),
                "PRAGMA user_version=1")


FOREIGN = [_with_user_version, _version_two_no_tables, _a_cards_table, _a_settings_table,
           _our_tables_but_other_id, _our_table_names_other_columns]


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _foreign(tmp_path: Path, make) -> tuple[Path, bytes]:
    path = tmp_path / "theirs.db"
    make(path)
    return path, path.read_bytes()


def _untouched(path: Path, before: bytes) -> None:
    after = path.read_bytes()
    assert after[:100] == before[:100]  # header: journal mode (bytes 18-19), change counter (24-27)
    assert after == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]


@pytest.mark.parametrize("make", FOREIGN)
@pytest.mark.parametrize("command", [["decks"], ["stats"], ["progress", "export"], ["backup"],
                                     ["progress", "merge", "OTHER"], ["check", "--dry-run"]])
def test_a_foreign_database_is_refused_and_byte_identical(tmp_path, deck_dir, make, command):
    path, before = _foreign(tmp_path, make)
    other = tmp_path / "ours.db"
    Store.open(other).close()
    args = [other if a == "OTHER" else a for a in command]
    result = _run("--db", path, "--decks", deck_dir, *args)
    assert result.exit_code == 2, result.output
    assert "not an anastro-quiz" in result.output
    assert "Traceback" not in result.output
    _untouched(path, before)
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize("make", FOREIGN)
def test_merging_a_foreign_database_in_is_refused_and_it_stays_byte_identical(tmp_path, deck_dir, make):
    path, before = _foreign(tmp_path, make)
    ours = tmp_path / "ours.db"
    Store.open(ours).close()
    result = _run("--db", ours, "--decks", deck_dir, "progress", "merge", path)
    assert result.exit_code == 2, result.output
    assert "not an anastro-quiz" in result.output and "nothing was merged" in result.output
    _untouched(path, before)


def test_another_applications_id_is_named(tmp_path):
    path, before = _foreign(tmp_path, _our_tables_but_other_id)
    result = _run("--db", path, "stats")
    assert "another application's SQLite database (application_id 0x0f055112)" in result.output
    _untouched(path, before)


def test_a_new_database_is_marked_as_ours(tmp_path):
    Store.open(tmp_path / "p.db").close()
    assert rawdb.rows(tmp_path / "p.db", "PRAGMA application_id") == [(APPLICATION_ID,)]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_an_older_database_of_ours_without_the_mark_opens_and_is_stamped(tmp_path, deck_dir, version):
    path = rawdb.old_database(tmp_path / "old.db", version)
    assert rawdb.rows(path, "PRAGMA application_id") == [(0,)]
    coll = Collection.open(path, [deck_dir])
    coll.start_session().grade(Rating.Good)
    coll.close()
    assert rawdb.rows(path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert rawdb.rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _run("--db", path, "--decks", deck_dir, "stats").exit_code == 0


def test_analyze_tables_are_not_foreign_merge_and_backup_still_work(tmp_path, deck_dir):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path in (a, b):
        coll = Collection.open(path, [deck_dir])
        coll.start_session().grade(Rating.Good)
        coll.close()
    rawdb.write(b, "ANALYZE")
    assert rawdb.rows(b, "SELECT name FROM sqlite_master WHERE name='sqlite_stat1'") == [("sqlite_stat1",)]
    result = _run("--db", a, "--decks", deck_dir, "progress", "merge", b)
    assert result.exit_code == 0, result.output
    assert "1 new review" in result.output
    assert _run("--db", b, "--decks", deck_dir, "stats").exit_code == 0
    assert _run("--db", b, "backup", "-o", tmp_path / "copy.db").exit_code == 0
    shutil.copy(tmp_path / "copy.db", tmp_path / "copy2.db")
    assert _run("--db", a, "--decks", deck_dir, "progress", "merge", tmp_path / "copy2.db").exit_code == 0


def test_a_device_or_dangling_link_as_database_is_a_clear_message(tmp_path):
    result = _run("--db", "/dev/zero", "stats")
    assert result.exit_code == 2 and "not a regular file" in result.output
    link = tmp_path / "p.db"
    link.symlink_to(tmp_path / "gone" / "p.db")
    result = _run("--db", link, "stats")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_the_app_on_a_foreign_database_refuses_and_leaves_nothing_beside_it(tmp_path, deck_dir, monkeypatch):
    import asyncio

    from anastro_quiz.tui.app import StudyApp

    monkeypatch.setattr(StudyApp, "run", lambda self: asyncio.run(self.run_async(headless=True, size=(80, 24))))
    path, before = _foreign(tmp_path, _with_user_version)
    result = _run("--db", path, "--decks", deck_dir)
    assert result.exit_code == 2 and "not an anastro-quiz" in result.output, result.output
    _untouched(path, before)
