"""CSV export cells never run as spreadsheet formulas, and come back exactly on import;
our own header is recognised in any column order."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck
from anastro_quiz.interop.csv_export import FORMULA_STARTS, neutralise, restore
from anastro_quiz.interop.tabular import parse_table

HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-5 mg daily", "@SUM(A1:A9)", "'=already quoted",
           "''=two quotes", "'plain quote", "normal prompt"]


def _deck(folder: Path) -> Path:
    folder.mkdir()
    cards = "".join(
        f"  - id: c{n}\n    type: basic\n    prompt: {json.dumps(prompt)}\n    answer: {json.dumps(prompt)}\n"
        for n, prompt in enumerate(HOSTILE))
    (folder / "hostile.yaml").write_text(f"id: hostile\ntitle: Hostile\ncards:\n{cards}")
    return folder


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_exported_cells_never_start_a_formula_and_import_back_exactly(tmp_path):
    decks = _deck(tmp_path / "decks")
    out = tmp_path / "cards.csv"
    assert _run("--decks", decks, "export", "--format", "csv", "-o", out).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))[6:]  # after Anki's headers
    assert rows[0][0] == "#columns:Front"
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    prompts = [row[0] for row in rows[1:]]
    assert prompts[:4] == ["'=HYPERLINK(\"http://evil\",\"x\")", "'+1+1", "'-5 mg daily", "'@SUM(A1:A9)"]
    assert prompts[-1] == "normal prompt" and prompts[-2] == "'plain quote"

    back = tmp_path / "back" / "hostile.yaml"
    back.parent.mkdir()
    assert _run("--decks", decks, "import", out, "-o", back, "--id", "hostile").exit_code == 0
    deck = load_deck(back)
    assert [(c.id, c.data["prompt"], c.data["answer"]) for c in deck.cards] == [
        (f"c{n}", p, p) for n, p in enumerate(HOSTILE)]


@given(st.text(max_size=12))
def test_neutralise_is_undone_exactly_and_never_leaves_a_formula_start(cell):
    assert restore(neutralise(cell)) == cell
    assert not neutralise(cell).startswith(FORMULA_STARTS)


def test_our_header_in_another_column_order_is_read_as_ours():
    result = parse_table("prompt,id,type,answer\nWhat is RANKL?,rankl,basic,A ligand\n")
    assert result.format == "csv"
    assert [(c.id, c.data["prompt"], c.data["answer"]) for c in result.cards] == [
        ("rankl", "What is RANKL?", "A ligand")]
    shuffled = parse_table("type,deck,answer,id,prompt\nbasic,d,A ligand,rankl,What is RANKL?\n")
    assert shuffled.format == "csv" and [c.id for c in shuffled.cards] == ["rankl"] and shuffled.decks == ["d"]


def test_our_header_without_answers_is_ours_and_its_rows_are_reported():
    result = parse_table("prompt,id,type\nWhat is RANKL?,rankl,basic\n")
    assert result.format == "csv"
    assert result.cards == []  # the header row is never a card
    assert [str(s) for s in result.skipped] == ["line 2: empty definition / back for 'What is RANKL?'"]


def test_quizlet_headers_are_still_quizlet():
    for header in ("prompt,answer", "term,definition", "prompt,answer,tags"):
        result = parse_table(f"{header}\nRANKL,A ligand\n")
        assert result.format == "quizlet", header
        assert [(c.data["prompt"], c.data["answer"]) for c in result.cards] == [("RANKL", "A ligand")]


_cell = st.one_of(st.sampled_from(["prompt", "answer", "id", "type", "tags", "source", "quote", "deck", "term",
                                   "definition", "basic", "reverse", "cloze", "true_false", "True", "{{c1::x}}",
                                   "../x.txt", "#separator:tab", "'=1", "", " "]), st.text(max_size=8))
_table = st.lists(st.lists(_cell, min_size=1, max_size=9), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_table, delimiter=st.sampled_from([",", "\t", ";"]), fmt=st.sampled_from(["auto", "quizlet", "anki", "csv"]))
def test_any_table_imports_or_is_refused_with_exit_2_never_a_traceback(tmp_path, rows, delimiter, fmt):
    src = tmp_path / "in.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    src.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = _run("import", src, "-o", out, "--format", fmt, "--force")
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 0:
        assert load_deck(out).cards  # what was written is a deck that loads


def test_a_cell_of_control_characters_is_an_empty_cell(tmp_path):
    """Found by the fuzz test above: a back of only an escape byte was cleaned at load to nothing,
    and the import failed with 'internal error: the imported deck does not validate'."""
    src = tmp_path / "cards.csv"
    src.write_text("prompt,\x1b\nWhat is it?,An answer\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    assert "empty definition / back" in result.output and "internal error" not in result.output
