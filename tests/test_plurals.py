"""Counts are written as a reader says them: "1 card", "2 cards", never "card(s)"."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.numbers import noun, plural

SRC = Path(__file__).resolve().parent.parent / "src" / "anastro_quiz"


def test_plural_helper():
    assert (plural(0, "card"), plural(1, "card"), plural(2, "card")) == ("0 cards", "1 card", "2 cards")
    assert plural(1, "entry", "entries") == "1 entry" and plural(3, "entry", "entries") == "3 entries"
    assert noun(1, "day") == "day" and noun(5, "day") == "days"


def _import(tmp_path, rows: int):
    src = tmp_path / f"in{rows}.txt"
    src.write_text("".join(f"Term {i}\tDefinition {i}\n" for i in range(rows)), encoding="utf-8")
    return CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / f"d{rows}.yaml")])


def test_cli_says_1_card_and_2_cards(tmp_path):
    one, two = _import(tmp_path, 1), _import(tmp_path, 2)
    assert one.exit_code == two.exit_code == 0, (one.output, two.output)
    assert "read 1 row as" in one.output and "wrote 1 card (" in one.output
    assert "read 2 rows as" in two.output and "wrote 2 cards (" in two.output
    assert "(s)" not in one.output + two.output


def test_validate_counts_files_and_problems(tmp_path, deck_dir):
    runner = CliRunner()
    one = runner.invoke(cli, ["validate", str(deck_dir)])
    assert one.exit_code == 0 and "ok: 1 deck file valid" in one.output
    two = runner.invoke(cli, ["validate", str(deck_dir), str(tmp_path / "d1.yaml")]) if _import(tmp_path, 1) else None
    assert two.exit_code == 0 and "ok: 2 deck files valid" in two.output
    bad = runner.invoke(cli, ["validate", str(tmp_path / "a.yaml")])
    assert bad.exit_code == 2 and "1 problem found" in bad.output
    bad = runner.invoke(cli, ["validate", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert bad.exit_code == 2 and "2 problems found" in bad.output


def _strings(path: Path):
    """Every string literal in ``path`` (f-strings included), docstrings left out."""
    with path.open("rb") as f:
        for tok in tokenize.tokenize(f.readline):
            if tok.type == tokenize.STRING and not tok.string.startswith(('"' * 3, "'" * 3)):
                yield tok.start[0], tok.string


def test_no_user_facing_string_writes_a_plural_as_s_in_brackets():
    found = [f"{p.relative_to(SRC)}:{n}: {text}" for p in sorted(SRC.rglob("*.py"))
             for n, text in _strings(p) if re.search(r"[a-z]\(s\)", text)]
    assert found == []
