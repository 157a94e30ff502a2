"""What a user trips on first at the command line: a mistyped --db, asking for help, no plan yet."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)), prog_name="anastro-quiz")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# Commands that only look (or have nothing to change in a new database): on a database that
# does not exist they show a fresh start, say so on stderr, and create nothing.
LOOKING = [
    ("stats",), ("stats", "--json"), ("decks",), ("decks", "--json"), ("plan",), ("plan", "--json"),
    ("plan", "--exam", "2099-01-01", "--recall", "0.9", "--dry-run"), ("plan", "--clear"),
    ("simulate", "--days", "5"), ("reschedule",), ("reschedule", "--dry-run", "--json"),
]
# Commands with nothing to work on without a database: they refuse (exit 2) and create nothing.
REFUSING = [("progress", "export"), ("check",), ("backup",), ("optimize",),
            ("export", "--format", "apkg", "-o", "out.apkg", "--with-history")]


@pytest.mark.parametrize("command", LOOKING, ids=" ".join)
def test_a_looking_command_on_a_mistyped_db_says_so_and_creates_nothing(tmp_path, deck_dir, command):
    typo = tmp_path / "typo" / "progress.db"
    result = run("--db", typo, "--decks", deck_dir, *command)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        f"note: there is no database at {typo}: shown as a fresh start, nothing created "
        "(check the path; 'anastro-quiz where' shows the one in use)")
    assert not (tmp_path / "typo").exists()
    if "--json" in command:
        json.loads(result.stdout)  # the note stays out of the data


@pytest.mark.parametrize("command", [("stats",), ("decks", "--json"), ("reschedule", "--deck", "nosuchdeck"),
                                     ("plan", "--exam", "2099-01-01", "--recall", "0.9", "--dry-run",
                                      "--deck", "nosuchdeck")], ids=" ".join)
def test_a_looking_command_that_fails_on_a_mistyped_db_says_only_its_error(tmp_path, deck_dir, command):
    """No fresh start was shown, so no note says one was: the error is all there is to read."""
    typo = tmp_path / "typo" / "progress.db"
    decks = tmp_path / "no-decks" if command[0] in ("stats", "decks") else deck_dir
    result = run("--db", typo, "--decks", decks, *command)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and "note:" not in result.stderr, result.stderr
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("command", REFUSING, ids=" ".join)
def test_a_command_needing_a_database_refuses_a_mistyped_one_and_creates_nothing(tmp_path, deck_dir, command):
    typo = tmp_path / "typo" / "progress.db"
    result = CliRunner().invoke(cli, ["--db", str(typo), "--decks", str(deck_dir), *command],
                                catch_exceptions=False)
    assert result.exit_code == 2 and str(typo) in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "typo").exists() and not (tmp_path / "out.apkg").exists()


def test_a_database_that_exists_is_used_with_no_note(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    Collection.open(db, [deck_dir]).close()
    result = run("--db", db, "--decks", deck_dir, "stats")
    assert result.exit_code == 0 and result.stderr == ""


def test_saving_a_plan_starts_a_database_where_there_was_none(tmp_path, deck_dir):
    db = tmp_path / "new" / "p.db"
    result = run("--db", db, "--decks", deck_dir, "plan", "--exam", "2099-01-01", "--recall", "0.9")
    assert result.exit_code == 0 and "plan saved" in result.stdout and db.exists()


def test_plan_alone_with_no_plan_says_there_is_none(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    Collection.open(db, [deck_dir]).close()
    result = run("--db", db, "--decks", deck_dir, "plan")
    assert result.exit_code == 0
    assert result.stdout == ("no exam plan in force: make one with 'anastro-quiz plan --exam YYYY-MM-DD "
                             "--recall R' (add --dry-run to see it first)\n")
    assert run("--db", db, "--decks", deck_dir, "plan", "--json").stdout == "null\n"


@pytest.mark.parametrize("words", [(), ("stats",), ("progress",), ("progress", "merge")], ids=repr)
def test_help_shows_what_help_shows(words):
    asked = run("help", *words)
    assert asked.exit_code == 0 and asked.stdout == run(*words, "--help").stdout
    assert asked.stdout.startswith("Usage: anastro-quiz " + " ".join(words))


def test_help_inside_a_group_shows_that_group_s_help():
    assert run("progress", "help").stdout == run("progress", "--help").stdout
    assert run("progress", "help", "merge").stdout == run("progress", "merge", "--help").stdout


def test_help_is_listed_and_an_unknown_command_is_a_message():
    assert "  help " in run("--help").stdout
    result = run("help", "stast")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: no command 'stast' (commands: backup, check, decks,")


def _studied(tmp_path, deck_dir):
    from anastro_quiz.scheduler import Rating

    db = tmp_path / "p.db"
    collection = Collection.open(db, [deck_dir])
    session = collection.start_session()
    session.grade(Rating.Good)
    session.grade(Rating.Again)
    session.finish()
    collection.close()
    return db


@pytest.mark.parametrize("command", [
    ("decks", "--json"), ("stats", "--json"), ("plan", "--json"),
    ("plan", "--exam", "2099-01-01", "--recall", "0.9", "--dry-run", "--json"),
    ("reschedule", "--dry-run", "--json"), ("check", "--json"), ("check", "--dry-run", "--json"),
    ("simulate", "--days", "5", "--json"), ("progress", "merge", "COPY", "--json"),
], ids=" ".join)
def test_json_output_is_one_json_document_on_stdout(tmp_path, deck_dir, command):
    """Piped into jq, --json gives exactly the data: messages go to stderr."""
    import shutil

    db = _studied(tmp_path, deck_dir)
    shutil.copy(db, tmp_path / "copy.db")
    command = [str(tmp_path / "copy.db") if word == "COPY" else word for word in command]
    result = run("--db", db, "--decks", deck_dir, *command)
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


def test_exported_data_alone_on_stdout_and_the_status_line_on_stderr(tmp_path, deck_dir):
    db = _studied(tmp_path, deck_dir)
    base = ("--db", db, "--decks", deck_dir)
    for command, first in ((("export",), "{"), (("export", "--format", "csv"), "#separator:Comma"),
                           (("progress", "export"), "card_id,")):
        piped = run(*base, *command)
        assert piped.exit_code == 0 and piped.stdout.startswith(first) and piped.stderr == ""
        written = run(*base, *command, "-o", tmp_path / "out")
        assert written.stdout == "" and written.stderr.startswith("wrote ")


def test_a_day_the_calendar_lacks_is_said_so(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "--today", "2099-02-30", "decks")
    assert result.exit_code == 2 and "2099-02-30 is not a day of the calendar" in result.stderr
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "plan", "--exam", "2099-02-30", "--recall", "0.9")
    assert result.exit_code == 2 and "the exam date 2099-02-30 is not a day of the calendar" in result.stderr
    assert not (tmp_path / "p.db").exists()


@pytest.mark.parametrize("words", [(), ("progress",)], ids=repr)
def test_help_lists_each_command_with_a_whole_line(words):
    listed = run("help", *words).stdout.split("Commands:\n", 1)[1].splitlines()
    assert len(listed) >= 3 and all(not line.endswith("...") for line in listed), listed
