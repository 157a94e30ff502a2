"""A damaged database (a bad sector, bad JSON, a bad time, bytes that are not UTF-8) is one
clear message, exit 2, from every command, and a dialog in the app: never a traceback."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import StoreBusy, StoreDamaged, StoreFull, StoreReadOnly
from anastro_quiz.store.errors import translate

import rawdb

COMMANDS = [["stats"], ["decks"], ["progress", "export"], ["progress", "merge", "GOOD"]]


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def good(tmp_path, deck_dir) -> Path:
    db = tmp_path / "good.db"
    coll = Collection.open(db, [deck_dir])
    session = coll.start_session()
    for _ in range(4):
        session.grade(Rating.Good)
    session.finish()
    coll.close()
    Collection.open(db, [deck_dir]).close()  # checkpointed into the main file on close
    return db


def _copy(good: Path, name: str) -> Path:
    target = good.parent / name
    shutil.copy(good, target)
    return target


DAMAGE = {
    "bad sector in schedule": lambda db: rawdb.damage_table(db, "schedule"),
    "bad sector in cards": lambda db: rawdb.damage_table(db, "cards"),
    "bad sector in reviews": lambda db: rawdb.damage_table(db, "reviews"),
    "bad settings JSON": lambda db: rawdb.write(db, "INSERT OR REPLACE INTO settings VALUES ('global', 'limits', '{no')"),
    "bad time": lambda db: rawdb.write(db, "UPDATE reviews SET reviewed_at='yesterday-ish'"),
    "not UTF-8": lambda db: rawdb.write(db, "UPDATE reviews SET card_id=CAST(x'ff00fe' AS TEXT)"),
}
# The command that reads what each damage hits (every command is also run on every damage;
# `stats` reads the schedule and the cards, `decks` today's reviews, only through indexes and kept counts).
HITS = {"bad sector in schedule": ["decks"], "bad sector in cards": ["decks"], "bad sector in reviews": ["progress", "export"],
        "bad settings JSON": ["decks"], "bad time": ["progress", "export"], "not UTF-8": ["progress", "export"]}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_database_is_one_clear_message_from_every_command(good, deck_dir, damage):
    for command in COMMANDS:
        db = _copy(good, "damaged.db")
        DAMAGE[damage](db)
        other = _copy(good, "other.db")
        args = [other if a == "GOOD" else a for a in command]
        result = _run("--db", db, "--decks", deck_dir, *args)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 2), (command, result.output)
        if result.exit_code == 2 or command == HITS[damage]:
            assert result.exit_code == 2, (command, result.output)
            assert "damaged" in result.output and "anastro-quiz backup" in result.output, result.output
            assert "anastro-quiz check" in result.output


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sql, why", [
    ("UPDATE reviews SET rating=7", "rating 7"),
    ("UPDATE reviews SET reviewed_at='soon'", "Invalid isoformat string"),
    ("INSERT OR REPLACE INTO settings VALUES ('global', 'limits', '{no')", "Expecting property name"),
    ("UPDATE reviews SET state_after='{oops'", "Expecting property name"),
    ("UPDATE reviews SET after_due_us='soon'", "a state that cannot be read"),
])
@pytest.mark.parametrize("into", ["a copy", "an empty log"])
def test_merging_a_damaged_other_database_says_so_and_changes_nothing(good, deck_dir, sql, why, into):
    """Checked while the rows go in (into an empty log, the cards kept as logged are found in
    the same read): still one message, and the target's file as it was."""
    other = _copy(good, "other.db")
    rawdb.write(other, "UPDATE reviews SET id = id || '-x'", sql)  # their reviews are new here
    target = _copy(good, "target.db")
    if into == "an empty log":
        target = good.parent / "empty.db"
        Collection.open(target, [deck_dir]).close()
    before = _sha(target)
    result = _run("--db", target, "--decks", deck_dir, "progress", "merge", other)
    assert result.exit_code == 2, result.output
    assert f"cannot read {other}: it is damaged" in result.output and why in result.output
    assert "nothing was merged" in result.output and "Traceback" not in result.output
    assert _sha(target) == before


@pytest.mark.parametrize("message, kind, expected", [
    ("database disk image is malformed", "DatabaseError", StoreDamaged),
    ("file is not a database", "DatabaseError", StoreDamaged),
    ("database or disk is full", "OperationalError", StoreFull),
    ("attempt to write a readonly database", "OperationalError", StoreReadOnly),
    ("database is locked", "OperationalError", StoreBusy),
])
def test_each_sqlite_failure_has_its_own_message(message, kind, expected):
    error = translate(rawdb.sqlite_error(message, kind), Path("p.db"))
    assert type(error) is expected
    text = str(error)
    assert "p.db" in text and (message in text or expected is StoreBusy)
    hint = {StoreDamaged: "anastro-quiz backup", StoreFull: "free some space", StoreReadOnly: "permissions",
            StoreBusy: "try again"}[expected]
    assert hint in text
