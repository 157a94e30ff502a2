"""Each rule has one home: SQL lives in ``anastro_quiz/store/`` and nowhere else.

Read from the source text, so a new module is covered without editing this test. Tests
follow the same rule: the few that look at a database file as another program would go
through ``tests/rawdb.py``, the one documented exception.
"""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "anastro_quiz"
TESTS = Path(__file__).resolve().parent
BENCHMARKS = TESTS.parent / "benchmarks"

# A connection: the store's, its sqlite-utils wrapper, or one of sqlite3's own.
CONNECTION = r"\.conn\b|\bsqlite3\b|\.execute(?:many)?\(|\bstore\.db\b"
# ... or SQL text (tests may hand SQL text to rawdb, which runs it on a connection of its own).
SQL = re.compile(CONNECTION + r"|\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|PRAGMA|CREATE TABLE|CREATE INDEX)\s")
ALLOWED = {
    # genanki writes Anki's own database inside the .apkg: Anki's file format, not our store.
    SRC / "interop" / "anki.py",
    TESTS / "rawdb.py",
    TESTS / "test_layers.py",
    # Builds a synthetic 100,000-card database at full speed; timed separately from the API.
    BENCHMARKS / "bench_scale.py",
}


def _offenders(root: Path, pattern: re.Pattern = SQL) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path in ALLOWED or (SRC / "store") in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    return found


def test_only_the_store_speaks_sql():
    assert _offenders(SRC) == []


def test_tests_and_benchmarks_use_the_store_api_or_rawdb():
    connection = re.compile(CONNECTION)
    assert _offenders(TESTS, connection) + _offenders(BENCHMARKS, connection) == []


def test_the_check_sees_sql():
    sample = ['rows = store.conn.execute("SELECT 1")', "UPDATE schedule SET x=1", "import sqlite3"]
    assert all(SQL.search(line) for line in sample)
    assert not SQL.search("selected = table.cursor_row  # select the row")
