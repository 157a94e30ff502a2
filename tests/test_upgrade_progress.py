"""The one-time upgrade of an older database (schema 12 -> 13 rewrites the review log: a
minute at a million reviews) shows how far it is, as other long work does (issue 14): the
store reports it, the CLI draws a bar on a terminal and none when piped, and stopping it
from its progress leaves the file at schema 12 with every review."""

from __future__ import annotations

import re
import sys

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli, progress_bar
from anastro_quiz.store import SCHEMA_VERSION, Store, compact_log

import rawdb
from test_compact_log import _random_history
from test_import_progress import _Tty


@pytest.fixture
def old_db(tmp_path, deck_dir):
    """A database with a few weeks of study, as schema 12 wrote it."""
    current = tmp_path / "current.db"
    _random_history(current, deck_dir, 1)
    return rawdb.as_schema_12(current, tmp_path / "v12.db")


def _reviews(path) -> int:
    return rawdb.rows(path, "SELECT COUNT(*) FROM reviews")[0][0]


def test_the_upgrade_reports_every_review_it_rewrites(old_db, monkeypatch):
    monkeypatch.setattr(compact_log, "UPGRADE_REPORT_EVERY", 10)
    total, seen = _reviews(old_db), []
    assert total > 30
    with Store.open(old_db, upgrading=lambda done, total, stage: seen.append((done, total, stage))) as store:
        assert store.schema_version == SCHEMA_VERSION
    counts = [done for done, of, _stage in seen]
    assert seen[0][:2] == (0, total) and seen[-1][:2] == (total, total) and counts == sorted(counts)
    assert len(seen) >= total // 10
    assert "Upgrading your review history (schema 12 -> 13): 10 of" in seen[1][2]
    assert seen[-1][2].endswith("rebuilding the log's indexes")


def test_a_long_log_reports_giving_its_space_back(old_db, monkeypatch):
    from anastro_quiz.store import bulk

    monkeypatch.setattr(bulk, "BULK_ROWS", 1)  # as for a long log: VACUUM after the upgrade
    seen = []
    Store.open(old_db, upgrading=lambda *step: seen.append(step)).close()
    assert [step[2] for step in seen[-2:]] == ["Upgrade done: freeing the old log's disk space"] * 2
    assert [step[:2] for step in seen[-2:]] == [(0, 1), (1, 1)]


def test_a_current_database_reports_nothing(old_db):
    Store.open(old_db).close()
    seen = []
    Store.open(old_db, upgrading=lambda *step: seen.append(step)).close()
    assert seen == []


def test_stopped_midway_the_database_stays_at_schema_12_and_upgrades_next_time(old_db, monkeypatch):
    """What a Ctrl+C on the CLI or a quit in the app does: raised from the progress, rolled back."""
    monkeypatch.setattr(compact_log, "UPGRADE_REPORT_EVERY", 10)
    before = (rawdb.reviews_table(old_db), rawdb.schema_of(old_db))

    def interrupt(done, total, stage):
        if done >= 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Store.open(old_db, upgrading=interrupt)
    assert rawdb.rows(old_db, "PRAGMA user_version") == [(12,)]
    assert (rawdb.reviews_table(old_db), rawdb.schema_of(old_db)) == before
    Store.open(old_db).close()
    assert rawdb.rows(old_db, "PRAGMA user_version") == [(SCHEMA_VERSION,)] and _reviews(old_db) == len(before[0])


def test_a_command_draws_the_upgrade_bar_on_a_terminal(old_db, deck_dir, monkeypatch):
    monkeypatch.setattr(compact_log, "UPGRADE_REPORT_EVERY", 10)
    monkeypatch.setattr(progress_bar, "DELAY", 0.0)
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    with progress_bar.upgrade_progress() as step:
        Store.open(old_db, upgrading=step).close()
    drawn = tty.getvalue()
    assert "one-time upgrade of your review history" in drawn and "Safe to interrupt (Ctrl+C)" in drawn
    assert "Upgrading history" in drawn and "100%" in drawn and "of 41 reviews" in drawn, drawn
    # 80 columns: the bar's widest line (stage and all) fits
    lines = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn).replace("\r", "\n").splitlines()
    assert max(len(line.rstrip()) for line in lines if "Upgrading history" in line) <= 80


@pytest.mark.parametrize("command", [["decks"], ["stats"], ["check"]])
def test_commands_that_open_an_old_database_report_the_upgrade_and_say_nothing_when_piped(
        old_db, deck_dir, monkeypatch, command):
    args = ["--db", str(old_db), "--decks", str(deck_dir), *command]
    piped = CliRunner().invoke(cli, args)
    assert piped.exit_code == 0, piped.output
    assert "Upgrading" not in piped.output and "upgrade" not in piped.output
    assert rawdb.rows(old_db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_a_command_on_a_terminal_gets_the_upgrade_bar(old_db, deck_dir, monkeypatch):
    """`decks` over a schema-12 database: its upgrade reported to the bar, from 0 to every review."""
    from contextlib import contextmanager

    seen = []

    @contextmanager
    def recording():
        yield lambda done, total, stage: seen.append((done, total))

    monkeypatch.setattr(progress_bar, "upgrade_progress", recording)
    total = _reviews(old_db)
    result = CliRunner().invoke(cli, ["--db", str(old_db), "--decks", str(deck_dir), "decks"])
    assert result.exit_code == 0, result.output
    assert seen[0] == (0, total) and (total, total) in seen


def _free_pages(path) -> int:
    return rawdb.rows(path, "PRAGMA freelist_count")[0][0]


def _file_mostly_free(path) -> None:
    """An up-to-date database whose file is mostly free pages, as an upgrade stopped before its
    compaction (a quit, Ctrl+C) leaves it."""
    with Store.open(path):
        pass
    rawdb.write(path, "CREATE TABLE leftover (blob BLOB)",
                *[("INSERT INTO leftover VALUES (?)", (b"x" * 4000,)) for _ in range(1000)])
    rawdb.write(path, "DROP TABLE leftover", "PRAGMA wal_checkpoint(TRUNCATE)")


def test_an_open_gives_back_the_free_pages_a_stopped_upgrade_left(tmp_path, monkeypatch):
    from anastro_quiz.store import db
    monkeypatch.setattr(db, "OWED_COMPACTION_BYTES", 1024 * 1024)
    path = tmp_path / "stopped.db"
    _file_mostly_free(path)
    assert _free_pages(path) > 500
    stages = []
    with Store.open(path, upgrading=lambda done, total, stage: stages.append(stage)):
        pass
    assert _free_pages(path) == 0
    assert stages == [db.COMPACTING, db.COMPACTING]  # shown as the upgrade's last stage


def test_a_few_free_pages_are_left_for_the_file_to_reuse(tmp_path):
    path = tmp_path / "small.db"
    _file_mostly_free(path)  # 4 MB free: under the size worth a compaction at open
    free = _free_pages(path)
    with Store.open(path, upgrading=lambda *report: pytest.fail(f"no compaction expected: {report}")):
        pass
    assert _free_pages(path) == free
