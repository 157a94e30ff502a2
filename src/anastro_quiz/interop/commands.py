"""Click commands for interop: ``import``, ``progress export|merge``, ``backup``, ``optimize``,
plus the ``apkg`` / ``csv`` formats of ``export``.

Only ``click`` is imported at module level so ``anastro-quiz --help`` stays fast; the work
is done by the UI-free modules of this package, imported inside each command.
Errors the user can fix exit with status 2 and a one-paragraph message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import click


def _fail(message: str) -> NoReturn:
    from ..cli import UserError

    raise UserError(message)


def export_decks(fmt: str, decks: list, output: Path | None) -> None:
    """The ``apkg`` and ``csv`` formats of ``anastro-quiz export`` (decks already filtered)."""
    from . import InteropError

    try:
        if fmt == "apkg":
            from .anki import export_apkg

            if output is None:
                _fail("--format apkg needs an output file: -o FILE.apkg")
            report = export_apkg(decks, output)
            click.echo(f"wrote {report.notes} note(s) ({report.cards} Anki card(s)) in {report.decks} deck(s) "
                       f"to {report.path}", err=True)
            return
        if fmt == "csv":
            from .tabular import export_csv

            count, text = export_csv(decks, output)
            if text is not None:
                click.echo(text, nl=False)
            else:
                click.echo(f"wrote {count} card(s) to {output}", err=True)
            return
    except InteropError as exc:
        _fail(str(exc))
    _fail(f"unknown export format {fmt!r}")


# --- import --------------------------------------------------------------------


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Deck file to write (DECK.yaml).")
@click.option("--format", "fmt", type=click.Choice(["auto", "quizlet", "anki", "csv"]), default="auto",
              show_default=True, help="Input shape: Quizlet term/definition, Anki plain-text notes, "
                                      "or this tool's CSV export (auto detects).")
@click.option("--id", "deck_id", help="Deck id (default: from the output file name).")
@click.option("--title", help="Deck title (default: from the output file name).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_command(file: Path, output: Path, fmt: str, deck_id: str | None, title: str | None, force: bool) -> None:
    """Make a deck from a CSV/TSV file (Quizlet or Anki export); report rows skipped and why."""
    from . import InteropError
    from .tabular import import_table

    try:
        result, deck = import_table(file, output, deck_id=deck_id, title=title, fmt=fmt, overwrite=force)
    except InteropError as exc:
        _fail(str(exc))
    kinds: dict[str, int] = {}
    for card in deck.cards:
        kinds[card.type] = kinds.get(card.type, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    click.echo(f"read {result.rows} row(s) as {result.format}; wrote {len(deck.cards)} card(s) ({detail}) "
               f"to {output} as deck {deck.id!r}")
    if result.skipped:
        click.echo(f"skipped {len(result.skipped)} row(s):", err=True)
        for skipped in result.skipped:
            click.echo(f"  {skipped}", err=True)


COMMANDS = [import_command]
