"""Cards in and out: ``export`` (JSON lines, an Anki package, CSV) and ``import`` (a CSV/TSV file).

The formats are ``interop``'s (no click there); these commands pick the decks, print
what was done, and turn a bad input into its message and exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .context import Context, fail, user_errors
from ..numbers import noun, plural


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "apkg", "csv"]), default="jsonl", show_default=True,
              help="jsonl (cards as studied), apkg (Anki package; needs -o) or csv (spreadsheet).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout).")
@click.option("--deck", "deck_ids", multiple=True, help="Only these deck ids (repeatable).")
@click.pass_obj
def export_command(obj: Context, fmt: str, output: Path | None, deck_ids: tuple[str, ...]) -> None:
    """Export cards: JSON lines (cloze deletions expanded), an Anki package, or CSV."""
    decks = obj.load_decks()
    unknown = set(deck_ids) - {d.id for d in decks}
    if unknown:
        fail(f"unknown deck {noun(len(unknown), 'id')}: {', '.join(sorted(unknown))}")
    chosen = [d for d in decks if not deck_ids or d.id in deck_ids]
    if fmt == "apkg":
        from ..interop.anki import export_apkg

        if output is None:
            fail("--format apkg needs an output file: -o FILE.apkg")
        with user_errors():
            report = export_apkg(chosen, output)
        click.echo(f"wrote {plural(report.notes, 'note')} ({plural(report.cards, 'Anki card')}) in {plural(report.decks, 'deck')} "
                   f"to {report.path}", err=True)
        return
    if fmt == "csv":
        from ..interop.tabular import export_csv

        with user_errors():
            count, text = export_csv(chosen, output)
        if text is not None:
            click.echo(text, nl=False)
        else:
            click.echo(f"wrote {plural(count, 'card')} to {output}", err=True)
        return
    lines = [json.dumps(item.to_dict(), ensure_ascii=False) for deck in chosen for item in deck.items()]
    text = "\n".join(lines) + ("\n" if lines else "")
    if output is None:
        click.echo(text, nl=False)
        return
    from ..interop import write_text_output

    with user_errors():  # the message names the file already
        write_text_output(output, text, what="JSON lines")
    click.echo(f"wrote {plural(len(lines), 'card')} to {output}", err=True)


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
    from ..interop.tabular import import_table

    with user_errors():
        result, deck = import_table(file, output, deck_id=deck_id, title=title, fmt=fmt, overwrite=force)
    kinds: dict[str, int] = {}
    for card in deck.cards:
        kinds[card.type] = kinds.get(card.type, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    click.echo(f"read {plural(result.rows, 'row')} as {result.format}; wrote {plural(len(deck.cards), 'card')} ({detail}) "
               f"to {output} as deck {deck.id!r}")
    if result.skipped:
        click.echo(f"skipped {plural(len(result.skipped), 'row')}:", err=True)
        for skipped in result.skipped:
            click.echo(f"  {skipped}", err=True)
    if result.converted:
        click.echo(f"converted {plural(len(result.converted), 'row')}:", err=True)
        for converted in result.converted:
            click.echo(f"  {converted}", err=True)
    if len(result.decks) == 1 and result.decks[0] != deck.id:
        click.echo(f"note: these cards come from deck {result.decks[0]!r}; import with --id {result.decks[0]} "
                   "to keep their study progress", err=True)
    elif len(result.decks) > 1:
        click.echo(f"note: these cards come from {len(result.decks)} decks ({', '.join(result.decks)}), now one "
                   f"deck {deck.id!r}; progress carries over only for cards of a deck with the same id", err=True)


COMMANDS = [export_command, import_command]
