"""The one atomic writer: all or nothing, and the permissions a reader expects."""

from __future__ import annotations

import os
import stat

import pytest

from anastro_quiz.files import write_atomically, write_text_atomically


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(tmp_path):
    target = tmp_path / "deck.yaml"
    target.write_text("old\n")

    def broken(tmp):
        tmp.write_text("half")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken)
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["deck.yaml"]


def test_new_files_get_normal_permissions_and_existing_ones_keep_theirs(tmp_path):
    fresh = tmp_path / "new.csv"
    write_text_atomically(fresh, "a,b\r\n")
    assert fresh.read_bytes() == b"a,b\r\n"  # written as given
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask
    kept = tmp_path / "kept.yaml"
    kept.write_text("x")
    kept.chmod(0o640)
    write_text_atomically(kept, "y")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() == "y"
