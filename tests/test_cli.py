"""The command line: decks, validate, export, stats; mistakes are messages, not tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_decks_json_counts(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "decks", "--json")
    assert result.exit_code == 0
    [deck] = json.loads(result.stdout)
    # 6 of the 8 items today: the reverse side and the second cloze wait (siblings apart)
    assert (deck["id"], deck["new"], deck["learning"], deck["due"], deck["total"]) == ("sample", 6, 0, 0, 8)


def test_decks_table(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "decks")
    assert result.exit_code == 0 and "sample" in result.output and "Sample deck" in result.output


def test_db_location_from_environment(tmp_path, deck_dir, monkeypatch):
    monkeypatch.setenv("ANASTRO_QUIZ_DB", str(tmp_path / "env.db"))
    assert run("--decks", deck_dir, "plan", "--exam", "2099-01-01", "--recall", "0.9").exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_validate_clean_and_broken(tmp_path, deck_dir):
    assert run("validate", deck_dir).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\ncards:\n  - {id: x, type: choice, prompt: p, answer: a, choices: [b, c]}\n"
                   "  - {id: x, type: basic, prompt: p, answer: a}\n")
    result = run("validate", bad)
    assert result.exit_code == 2
    assert f"{bad}:4: x: the answer is not among its choices" in result.output
    assert f"{bad}:5: x: duplicate id" in result.output


def test_validate_defaults_to_decks_in_use(deck_dir):
    result = run("--decks", deck_dir, "validate")
    assert result.exit_code == 0 and "ok: 1 deck file valid" in result.output


def test_bundled_decks_validate():
    assert run("validate").exit_code == 0


def test_export_jsonl_expands_cloze(tmp_path, deck_dir):
    out = tmp_path / "cards.jsonl"
    assert run("--decks", deck_dir, "export", "--format", "jsonl", "-o", out).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == 8
    assert by_id["rankl-mcsf.c2"]["prompt"] == "Estradiol interferes with RANKL and [...] signalling."
    assert by_id["rankl-mcsf.c2"]["answer"] == "M-CSF"
    assert by_id["atac-hip"]["choices"] == ["6.1%", "7.2%", "2.5%", "10.4%"]
    assert by_id["atac-hip"]["source"] == {
        "document": "003_f596ba227722da9a.txt",
        "quote": "The reduction was approximately 6.1% in the lumbar spine and 7.2% in the total hip."}
    for row in rows:
        assert {"deck", "id", "type", "prompt", "answer", "choices", "tags", "source"} <= set(row)


def test_export_unknown_deck_is_an_error(deck_dir):
    result = run("--decks", deck_dir, "export", "--deck", "nope")
    assert result.exit_code == 2 and "unknown deck id" in result.output


def test_stats_json_after_reviews(tmp_path, deck_dir, clock):
    db = tmp_path / "p.db"
    coll = Collection.open(db, [deck_dir])
    session = coll.start_session()
    session.grade(Rating.Good)
    session.grade(Rating.Again)
    coll.close()
    result = run("--db", db, "--decks", deck_dir, "stats", "--json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["reviews"]["total"] == 2 and stats["reviews"]["today"] == 2
    assert stats["cards"]["learning"] == 2 and stats["cards"]["new"] == 6
    assert stats["streak"]["current"] == 1
    assert len(stats["forecast"]) == 30 and stats["forecast"][0]["due"] == 2
    assert set(stats["retention"]) == {"7d", "30d"}


def test_stats_text(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "stats")
    assert result.exit_code == 0 and "true retention (7d): n/a" in result.output
    assert all(line == line.rstrip() for line in result.stdout.splitlines())  # a day with nothing due ends at its 0


def test_user_mistakes_are_messages_not_tracebacks(tmp_path, deck_dir):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    result = run("--db", notes, "--decks", deck_dir, "decks")
    assert result.exit_code == 2 and "not a SQLite database" in result.output
    assert notes.read_text() == "not a database"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "d.yaml").write_text("id: [")
    result = run("--db", tmp_path / "p.db", "--decks", bad, "stats")
    assert result.exit_code == 2 and "d.yaml:2: invalid YAML" in result.output


def test_export_into_a_missing_folder_is_a_message(tmp_path, deck_dir):
    result = run("--decks", deck_dir, "export", "-o", tmp_path / "nope" / "x.jsonl")
    assert result.exit_code == 2 and "nope does not exist" in result.output


def test_stats_text_shows_mastery(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "stats")
    assert "mastery (cards FSRS predicts at 90% recall a week from now): sample 0%" in result.output


def test_deck_folders_from_environment(tmp_path, deck_dir, monkeypatch):
    other = tmp_path / "more"
    other.mkdir()
    (other / "extra.yaml").write_text("id: extra\ntitle: Extra\ncards:\n  - {id: a, type: basic, prompt: p, answer: q}\n")
    monkeypatch.setenv("ANASTRO_QUIZ_DECKS", f"{deck_dir}{os.pathsep}{other}")
    result = run("--db", tmp_path / "p.db", "decks", "--json")
    assert [d["id"] for d in json.loads(result.stdout)] == ["sample", "extra"]


def test_where_names_every_location(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "where")
    lines = dict(line.split(":", 1) for line in result.output.splitlines())
    assert lines["database"].strip() == str(tmp_path / "p.db")
    assert lines["decks in use"].strip() == str(deck_dir)
    assert (Path(lines["bundled decks"].strip()) / "mechanism.yaml").is_file()
    assert not (tmp_path / "p.db").exists()  # looking does not create anything


def test_help_starts_without_the_heavy_parts():
    """``--help`` (and every command's start) loads neither the TUI, the generator pipeline,
    the deck parser nor the database layer: each command imports what it needs when it runs."""
    import subprocess
    import sys

    code = ("import sys\nfrom anastro_quiz.cli import cli\n"
            "try:\n    cli(['--help'], prog_name='anastro-quiz')\nexcept SystemExit:\n    pass\n"
            "heavy = ('textual', 'yaml', 'sqlite_utils', 'fsrs', 'pysbd', 'wordfreq', 'anastro_quiz.generate',"
            " 'anastro_quiz.store', 'anastro_quiz.decks')\n"
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Commands:" in result.stdout and "generate" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_store_error_inside_any_command_is_a_message_not_a_traceback(tmp_path, deck_dir, monkeypatch):
    from anastro_quiz.store import StoreBusy

    def busy(*args, **kwargs):
        raise StoreBusy("the database is busy (test)")

    monkeypatch.setattr(Collection, "deck_summaries", busy)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "decks"])
    assert result.exit_code == 2 and "busy (test)" in result.output and result.exception.__class__ is SystemExit


def _every_command(group, path=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield path + (name,)
        if isinstance(command, click.Group):
            yield from _every_command(command, path + (name,))


def test_every_command_of_every_family_is_reachable_by_its_name():
    """The group imports a command's module only when the command is asked for, by a table of
    names: a command added to a module without a line in that table could not be run."""
    import importlib
    import pkgutil

    import anastro_quiz.cli as package
    from anastro_quiz.cli.main import COMMAND_MODULES

    found = {}
    for module in pkgutil.iter_modules(package.__path__):
        commands = getattr(importlib.import_module(f"anastro_quiz.cli.{module.name}"), "COMMANDS", [])
        found |= {command.name: module.name for command in commands}
    assert found == COMMAND_MODULES
    ctx = click.Context(cli)
    assert all(cli.get_command(ctx, name).name == name for name in found)


def test_opening_the_app_imports_no_command_module():
    """``anastro-quiz`` with no command (the app) loads none of the commands' modules."""
    import subprocess
    import sys

    code = ("import sys\nimport anastro_quiz.cli.main\n"
            "print(sorted(m for m in sys.modules if m.startswith('anastro_quiz.cli.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[0] == str(sorted(["anastro_quiz.cli.main", "anastro_quiz.cli.context"]))


def test_every_command_lists_the_global_options_in_its_help():
    for path in [(), *_every_command(cli)]:
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        assert "--db" in result.output and "--decks" in result.output and "--version" in result.output, path
        assert "``" not in result.output, path  # a docstring's markup is not for the terminal
    assert "options below also work after any command" in run("--help").output  # click lists them below


def test_db_works_before_and_after_the_command(tmp_path, deck_dir):
    before = run("--db", tmp_path / "a.db", "--decks", deck_dir, "where")
    after = run("where", "--db", tmp_path / "a.db", "--decks", deck_dir)
    assert before.output == after.output and f"database:      {tmp_path / 'a.db'}" in after.output
    Collection.open(tmp_path / "b.db", [deck_dir]).close()
    result = run("stats", "--db", tmp_path / "b.db", "--decks", deck_dir)
    assert result.exit_code == 0 and "cards:" in result.output and "no database" not in result.output
    result = run("--decks", deck_dir, "progress", "export", "--db", tmp_path / "b.db")
    assert result.exit_code == 0 and result.output.startswith("card_id,")
    result = run("progress", "export", "--db", tmp_path / "missing.db")
    assert result.exit_code == 2 and f"no database at {tmp_path / 'missing.db'}" in result.output


def test_db_after_the_command_beats_the_environment(tmp_path, deck_dir, monkeypatch):
    monkeypatch.setenv("ANASTRO_QUIZ_DB", str(tmp_path / "env.db"))
    result = run("decks", "--db", tmp_path / "flag.db", "--decks", deck_dir)
    assert result.exit_code == 0 and f"no database at {tmp_path / 'flag.db'}" in result.stderr
    assert not (tmp_path / "env.db").exists()


def test_decks_works_before_and_after_the_command(tmp_path, deck_dir, monkeypatch):
    other = tmp_path / "more"
    other.mkdir()
    (other / "extra.yaml").write_text("id: extra\ntitle: Extra\ncards:\n  - {id: a, type: basic, prompt: p, answer: q}\n")
    ids = lambda *args: [d["id"] for d in json.loads(run("--db", tmp_path / "p.db", *args).stdout)]
    assert ids("--decks", other, "decks", "--json") == ["extra"]
    assert ids("decks", "--json", "--decks", other) == ["extra"]
    assert ids("decks", "--decks", deck_dir, "--json", "--decks", other) == ["sample", "extra"]
    assert ids("--decks", deck_dir, "decks", "--json", "--decks", other) == ["sample", "extra"]
    # After the command, as before it, --decks replaces the folders from the environment.
    monkeypatch.setenv("ANASTRO_QUIZ_DECKS", str(deck_dir))
    assert ids("decks", "--json", "--decks", other) == ["extra"]
    assert ids("--decks", other, "decks", "--json") == ["extra"]
    result = run("validate", "--decks", other)
    assert result.exit_code == 0 and "1 deck file" in result.output


def test_version_works_before_and_after_the_command():
    before, after = run("--version"), run("stats", "--version")
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output and "anastro-quiz" in after.output


def test_validate_a_missing_file_says_no_such_file_without_a_line(tmp_path):
    result = run("validate", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and result.exception.__class__ is SystemExit
    assert f"{tmp_path / 'missing.yaml'}: no such file or folder\n" in result.output
    assert "missing.yaml:1" not in result.output and "Traceback" not in result.output
    result = run("--db", tmp_path / "p.db", "--decks", tmp_path / "missing.yaml", "decks")
    assert result.exit_code == 2 and f"{tmp_path / 'missing.yaml'}: no such file" in result.output
