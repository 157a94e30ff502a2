"""Where ``-o`` points: a link is written through, a pipe or device is refused, and no
temporary file outlives a failed write."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.files import STALE_AFTER_S, write_atomically
from anastro_quiz.generate.output import write_all
from anastro_quiz.scheduler import Rating

import rawdb


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", "-journal")))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "apkg"])
def test_export_to_a_symlink_writes_its_target_and_keeps_the_link(tmp_path, deck_dir, fmt):
    target = tmp_path / "real" / f"cards.{fmt}"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target)
    result = _run("--decks", deck_dir, "export", "--format", fmt, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() != b"old" and target.stat().st_size > 100
    assert _leftovers(tmp_path) == [] and _leftovers(target.parent) == []


def test_backup_force_onto_a_symlink_replaces_the_target_not_the_link(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    coll = Collection.open(db, [deck_dir])
    coll.start_session().grade(Rating.Good)
    coll.close()
    target = tmp_path / "kept" / "copy.db"
    target.parent.mkdir()
    target.write_text("an older backup")
    link = tmp_path / "latest.db"
    link.symlink_to(target)
    assert _run("--db", db, "backup", "-o", link).exit_code == 2  # exists: needs --force
    result = _run("--db", db, "backup", "-o", link, "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert rawdb.rows(target, "SELECT COUNT(*) FROM reviews") == [(1,)]
    assert _leftovers(target.parent) == []


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _device(tmp_path: Path) -> Path:
    path = tmp_path / "null"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


@pytest.mark.parametrize("make, kind", [(_fifo, "named pipe"), (_device, "a device")])
@pytest.mark.parametrize("command", [["export"], ["export", "--format", "csv"], ["export", "--format", "apkg"],
                                     ["progress", "export"], ["backup", "--force"]])
def test_a_pipe_or_device_as_output_is_refused_and_left_as_it_is(tmp_path, deck_dir, make, kind, command):
    db = tmp_path / "p.db"
    Collection.open(db, [deck_dir]).close()
    path = make(tmp_path)
    mode = path.lstat().st_mode
    result = _run("--db", db, "--decks", deck_dir, *command, "-o", path)
    assert result.exit_code == 2, result.output
    assert kind in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert path.lstat().st_mode == mode  # still the pipe or device, not a file
    assert _leftovers(tmp_path) == []


def test_a_folder_as_output_is_refused(tmp_path, deck_dir):
    result = _run("--decks", deck_dir, "export", "-o", tmp_path)
    assert result.exit_code == 2 and "is a folder" in result.output


def test_an_export_that_cannot_be_written_says_so_once(tmp_path, deck_dir):
    out = tmp_path / ("x" * 245 + ".jsonl")  # fine as a name; its temporary file's name is too long
    result = _run("--decks", deck_dir, "export", "-o", out)
    assert result.exit_code == 2
    assert result.output.count("cannot write") == 1 and "name too long" in result.output
    assert _leftovers(tmp_path) == []


def test_a_failed_database_copy_leaves_no_temp_file_nor_journal(tmp_path):
    target = tmp_path / "copy.db"
    cut_off = []

    def fills_the_disk(tmp: Path) -> None:
        cut_off.append(rawdb.leave_mid_write(tmp))
        assert Path(f"{tmp}-journal").exists()
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, fills_the_disk)
    assert sorted(os.listdir(tmp_path)) == []
    cut_off[0].close()


def test_a_failed_generate_write_leaves_no_temp_file_and_no_deck(tmp_path):
    out = tmp_path / "decks"
    files = {out / "a.yaml": "id: a\n", out / "b.yaml": "id: b\n"}
    copies = {out / "sources" / "gone.md": tmp_path / "gone.md"}  # the source vanished: the copy fails
    with pytest.raises(OSError):
        write_all(files, copies)
    assert [p for p in out.rglob("*") if p.is_file()] == []


def test_generated_files_get_normal_permissions(tmp_path):
    out = tmp_path / "decks"
    write_all({out / "a.yaml": "id: a\n"}, {})
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((out / "a.yaml").stat().st_mode) == 0o666 & ~mask


def test_temp_files_left_by_a_killed_run_are_swept(tmp_path, deck_dir):
    out = tmp_path / "cards.jsonl"
    stale = tmp_path / ".cards.jsonl.k1ll3d.tmp"
    fresh = tmp_path / ".cards.jsonl.wr1t1ng.tmp"  # another run writing right now
    other = tmp_path / ".notes.txt.0ld.tmp"  # not ours to judge
    for path in (stale, fresh, other):
        path.write_text("half")
    old = time.time() - STALE_AFTER_S - 60
    for path in (stale, other):
        os.utime(path, (old, old))
    assert _run("--decks", deck_dir, "export", "-o", out).exit_code == 0
    assert not stale.exists() and fresh.exists() and other.exists()
