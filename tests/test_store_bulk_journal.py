"""A merge or an import of a whole log writes its pages once (issue 14): the file is in
rollback-journal mode while it runs (in WAL every page was written twice, into the WAL and by
the checkpoint), then in WAL again. The same database as in WAL; another connection open keeps
it in WAL; a crash midway leaves a journal the next open rolls back, never touching a file
that is not ours."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from anastro_quiz.interop.backup import backup_database
from anastro_quiz.store import Store, StoreError
from anastro_quiz.store import merge as merge_module

import rawdb
from test_bulk_history import _dump
from test_interop_progress import _make_pair


def _modes_while_inserting(monkeypatch) -> list[str]:
    """The journal mode of the file each bulk insert of reviews ran in, from now on."""
    seen, real = [], merge_module.indexes_set_aside

    @contextmanager
    def spied(conn, table, when=True):
        seen.append(rawdb.journal_mode(path[0]))
        with real(conn, table, when):
            yield

    path: list[Path] = []
    monkeypatch.setattr(merge_module, "indexes_set_aside", spied)
    return seen, path


def _import(store: Store, other: Path) -> None:
    with Store.open(other) as source:
        reviews = list(source.review_log())
    store.import_history([r.__class__(r.card_id, r.rating, r.time, r.duration_ms, r.deck, "x" + r.review_id)
                          for r in reviews])


@pytest.mark.parametrize("action", ["merge", "import"])
def test_a_bulk_write_runs_in_a_rollback_journal_and_ends_as_in_wal(tmp_path, deck_dir, monkeypatch, action):
    a, b = _make_pair(tmp_path, deck_dir)
    once, twice = shutil.copy(a, tmp_path / "once.db"), shutil.copy(a, tmp_path / "twice.db")
    seen, path = _modes_while_inserting(monkeypatch)
    for target, threshold in ((twice, 10**9), (once, 1)):
        path[:] = [target]
        monkeypatch.setattr(merge_module, "BULK_ROWS", threshold)
        with Store.open(target) as store:
            store.merge(b) if action == "merge" else _import(store, b)
    assert seen == ["wal", "delete"]
    assert _dump(once) == _dump(twice)
    assert rawdb.journal_mode(once) == "wal" and not Path(f"{once}-journal").exists()


def test_with_another_connection_open_it_stays_in_wal(tmp_path, deck_dir, monkeypatch):
    a, b = _make_pair(tmp_path, deck_dir)
    seen, path = _modes_while_inserting(monkeypatch)
    path[:] = [a]
    monkeypatch.setattr(merge_module, "BULK_ROWS", 1)
    with rawdb.held_open(a), Store.open(a) as store:  # the app open in another window
        assert store.merge(b).added > 0
    assert seen == ["wal"] and rawdb.journal_mode(a) == "wal"


_CRASH = """
    import os, sys
    from contextlib import contextmanager
    from anastro_quiz.store import Store
    from anastro_quiz.store import merge as merge_module
    from anastro_quiz.store.bulk import page_cache

    real = merge_module.indexes_set_aside

    @contextmanager
    def dies(conn, table, when=True):
        with real(conn, table, when), page_cache(conn, 20):  # pages spill into the file before the commit
            yield
            os._exit(3)  # the rows are in, the transaction open: the power goes

    merge_module.indexes_set_aside = dies
    merge_module.BULK_ROWS = 1
    Store.open(sys.argv[1]).merge(sys.argv[2])
"""


def test_a_crash_midway_is_rolled_back_by_the_next_open(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    before = _dump(a)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASH), str(a), str(b)])
    assert done.returncode == 3 and Path(f"{a}-journal").stat().st_size > 0
    with Store.open(a) as store:  # the interrupted merge undone: the file as it was
        assert _dump(a) == before
        assert store.merge(b).added > 0 and store.integrity_check() == "ok"


def test_after_a_crash_midway_a_backup_reads_the_file_as_it_was(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    before = _dump(a)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASH), str(a), str(b)])
    assert done.returncode == 3 and Path(f"{a}-journal").stat().st_size > 0
    backup_database(a, tmp_path / "copy.db")  # read-only look first: it said "read-only" before
    assert _dump(tmp_path / "copy.db") == before == _dump(a)


def test_a_journal_beside_a_file_that_is_not_ours_is_left_alone(tmp_path):
    path = tmp_path / "theirs.db"
    journal = rawdb.killed_mid_write(path, application_id=1234)
    sha = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, journal)}
    with pytest.raises(StoreError):
        Store.open(path)
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, journal)} == sha
