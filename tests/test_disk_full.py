"""A full disk or a read-only one (a small tmpfs, where this machine may mount one): every
command says so in words, keeps what was committed, and leaves no temporary file behind."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import StoreFull

import rawdb


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    """Take every free byte left on ``folder``'s disk."""
    with open(folder / "filler", "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_grading_on_a_full_disk_says_so_and_keeps_every_earlier_review(small_disk, deck_dir, clock):
    db = small_disk / "p.db"
    coll = Collection.open(db, [deck_dir], clock=clock)
    session = coll.start_session()
    session.grade(Rating.Good)
    _fill(small_disk)
    with pytest.raises(StoreFull, match="is full .*free some space"):
        for _ in range(200):  # the WAL may still have room for a few
            session.grade(Rating.Good)
    kept = session.done
    coll.close()
    (small_disk / "filler").unlink()
    assert rawdb.rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rawdb.rows(db, "SELECT COUNT(*) FROM reviews") == [(kept,)]


def test_commands_on_a_full_disk_are_clear_messages_and_leave_no_temp_file(small_disk, tmp_path, deck_dir):
    db = small_disk / "p.db"
    other = tmp_path / "other.db"
    for path in (db, other):
        coll = Collection.open(path, [deck_dir])
        coll.start_session().grade(Rating.Good)
        coll.close()
    keeper = Collection.open(db, [deck_dir])  # an app keeps the database (and its -shm) open
    _fill(small_disk)
    merge = _run("--db", db, "--decks", deck_dir, "progress", "merge", other)
    assert merge.exit_code == 2 and "full" in merge.output and "free some space" in merge.output, merge.output
    assert "Traceback" not in merge.output and "cannot rollback" not in merge.output
    keeper.close()
    backup = _run("--db", db, "backup", "-o", small_disk / "copy.db")
    assert backup.exit_code == 2 and "is full" in backup.output and "free some space" in backup.output, backup.output
    export = _run("--decks", deck_dir, "export", "-o", small_disk / "cards.jsonl")
    assert export.exit_code == 2 and "No space left" in export.output, export.output
    assert _temp_files(small_disk) == [] and not (small_disk / "copy.db").exists()
    (small_disk / "filler").unlink()
    assert rawdb.rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rawdb.rows(db, "SELECT COUNT(*) FROM reviews") == [(1,)]


def test_a_database_on_a_read_only_disk_is_a_clear_message(small_disk, tmp_path, deck_dir):
    db = small_disk / "p.db"
    coll = Collection.open(db, [deck_dir])
    coll.start_session().grade(Rating.Good)
    coll.close()
    other = tmp_path / "other.db"
    Collection.open(other, [deck_dir]).close()
    before = db.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for command in (["decks"], ["stats"], ["progress", "export"], ["progress", "merge", other], ["check"]):
        result = _run("--db", db, "--decks", deck_dir, *command)
        assert result.exit_code == 2, (command, result.output)
        assert "read-only folder" in result.output and "Traceback" not in result.output, result.output
    backup = _run("--db", other, "backup", "-o", small_disk / "copy.db")
    assert backup.exit_code == 2 and "Read-only file system" in backup.output, backup.output
    assert db.read_bytes() == before
