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
from ..paths import DECKS_ENV


@click.command("export", short_help="Export cards: JSON lines, an Anki package or CSV.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "apkg", "csv"]), default="jsonl", show_default=True,
              help="jsonl (cards as studied), apkg (Anki package; needs -o) or csv (spreadsheet).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout).")
@click.option("--deck", "deck_ids", multiple=True, help="Only these deck ids (repeatable).")
@click.option("--with-history", is_flag=True, help="apkg: carry each card's schedule (due, interval, FSRS memory "
                                                    "state, suspended/buried) and its review log.")
@click.pass_obj
def export_command(obj: Context, fmt: str, output: Path | None, deck_ids: tuple[str, ...], with_history: bool) -> None:
    """Export cards: JSON lines (cloze deletions expanded), an Anki package, or CSV."""
    decks = obj.load_decks()
    unknown = set(deck_ids) - {d.id for d in decks}
    if unknown:
        fail(f"unknown deck {noun(len(unknown), 'id')}: {', '.join(sorted(unknown))}")
    chosen = [d for d in decks if not deck_ids or d.id in deck_ids]
    if with_history and fmt != "apkg":
        fail("--with-history applies to --format apkg only")
    if fmt == "apkg":
        from ..interop.anki import export_apkg

        if output is None:
            fail("--format apkg needs an output file: -o FILE.apkg")
        history = _history(obj, chosen) if with_history else None
        with user_errors():
            report = export_apkg(chosen, output, history=history)
        click.echo(f"wrote {plural(report.notes, 'note')} ({plural(report.cards, 'Anki card')}) in {plural(report.decks, 'deck')} "
                   f"to {report.path}" + (f", with {plural(report.media, 'image or sound', 'images and sounds')}"
                                          if report.media else ""), err=True)
        if history is not None:
            click.echo(f"with history: {plural(report.scheduled, 'card')} scheduled, {plural(report.reviews, 'review')} "
                       "(in Anki: Import, with \"Import any scheduling\" ticked)", err=True)
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


def _history(obj: Context, decks: list):
    """The schedules and review log of ``decks`` from the database, for ``--with-history``."""
    from ..interop.anki import History
    from ..scheduler import SchedulerSettings

    if not obj.db_path.exists():
        fail(f"there is no database at {obj.db_path} yet (no history to export); export without --with-history")
    store = obj.open_store()
    try:
        wanted = {d.id for d in decks}
        with user_errors():
            settings = {d: SchedulerSettings.from_dict(store.deck_setting("scheduler", d)) for d in wanted}
            return History(
                schedules={(r.deck, r.card_id): r for r in store.schedule_rows() if r.deck in wanted},
                reviews=[r for r in store.review_records() if r["deck"] in wanted],
                desired_retention={d: s.desired_retention for d, s in settings.items()},
                steps={d: (len(s.learning_steps_minutes), len(s.relearning_steps_minutes)) for d, s in settings.items()})
    finally:
        store.close()


@click.command("import", short_help="Make decks from Quizlet, Anki, CSV or Markdown cards.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Deck file to write (DECK.yaml); for an Anki package, a folder (one deck file per Anki deck) "
                   "or a .yaml file (a one-deck package).")
@click.option("--format", "fmt", type=click.Choice(["auto", "quizlet", "anki", "csv", "markdown"]), default="auto",
              show_default=True, help="Input shape: Quizlet term/definition, Anki plain-text notes, this tool's "
                                      "CSV export, or Markdown flashcards (hashcards, Obsidian spaced repetition; "
                                      "auto for .md files); auto detects; .apkg/.colpkg are always packages.")
@click.option("--id", "deck_id", help="Deck id (default: from the output file name, or the Anki deck name).")
@click.option("--title", help="Deck title (default: from the output file name, or the Anki deck name).")
@click.option("--force", is_flag=True, help="Replace output files that exist.")
@click.option("--separator", "term_sep", metavar="TEXT",
              help="Quizlet export: what is between term and definition (default: tab if any, else comma; "
                   "\\t for a tab).")
@click.option("--row-separator", "row_sep", metavar="TEXT",
              help="Quizlet export: what is between rows (default: new line, or ; when the rows are so "
                   "separated; \\n\\n for a blank line).")
@click.option("--cloze-marks", default="highlight", show_default=True, metavar="MARKS",
              help="Obsidian spaced-repetition files: which marks are cloze deletions, comma-separated from "
                   "highlight (==x==), bold (**x**) and curly ({{x}}), as the plugin's settings have them.")
@click.option("--with-history/--no-history", "with_history", default=None,
              help="Anki packages: bring the review log, suspensions and buries into the database "
                   "(default: when the package has any).")
@click.pass_obj
def import_command(obj: Context, file: Path, output: Path, fmt: str, deck_id: str | None, title: str | None,
                   force: bool, term_sep: str | None, row_sep: str | None, cloze_marks: str,
                   with_history: bool | None) -> None:
    """Make a deck from a CSV/TSV file (Quizlet or Anki export) or decks from an Anki package (.apkg, .colpkg),
    with its review history; report what was skipped or converted and why."""
    from ..interop.package_import import is_package
    from ..interop.tabular import import_table

    if is_package(file):
        _import_package(obj, file, output, deck_id, title, force, with_history)
        return
    if with_history is not None:
        fail("--with-history / --no-history apply to Anki packages (.apkg, .colpkg) only")
    from ..interop.quizlet import unescape

    term_sep, row_sep = (unescape(v) if v is not None else None for v in (term_sep, row_sep))
    if term_sep == "" or row_sep == "":
        fail("--separator and --row-separator cannot be empty")

    with user_errors():
        result, deck = import_table(file, output, deck_id=deck_id, title=title, fmt=fmt, overwrite=force,
                                    term_sep=term_sep, row_sep=row_sep, known=_known_guids(obj),
                                    cloze_marks=tuple(m.strip().lower() for m in cloze_marks.split(",") if m.strip()))
    kinds: dict[str, int] = {}
    for card in deck.cards:
        kinds[card.type] = kinds.get(card.type, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    click.echo(f"read {plural(result.rows, 'row')} as {result.format}; wrote {plural(len(deck.cards), 'card')} ({detail}) "
               f"to {output} as deck {deck.id!r}")
    if result.media_files:
        click.echo(f"copied {plural(len(result.media_files), 'image or sound', 'images and sounds')} to "
                   f"{output.parent / 'media'}: {', '.join(sorted(result.media_files))}")
    if result.skipped:
        click.echo(f"skipped {plural(len(result.skipped), 'row')}:", err=True)
        for skipped in result.skipped:
            click.echo(f"  {skipped}", err=True)
    if result.converted:
        click.echo(f"converted {plural(len(result.converted), 'row')}:", err=True)
        for converted in result.converted:
            click.echo(f"  {converted}", err=True)
    if result.anki_decks:
        click.echo(f"note: from Anki deck{'s' if len(result.anki_decks) > 1 else ''} "
                   f"{', '.join(result.anki_decks)}, now deck {deck.id!r}", err=True)
    if len(result.decks) == 1 and result.decks[0] != deck.id:
        click.echo(f"note: these cards come from deck {result.decks[0]!r}; import with --id {result.decks[0]} "
                   "to keep their study progress", err=True)
    elif len(result.decks) > 1:
        click.echo(f"note: these cards come from {len(result.decks)} decks ({', '.join(result.decks)}), now one "
                   f"deck {deck.id!r}; progress carries over only for cards of a deck with the same id", err=True)


def _decks_in_use(obj: Context) -> list:
    from ..decks import DeckError, load_decks

    try:
        return load_decks(obj.decks)
    except DeckError:
        return []  # only used to give this tool's own exported notes their ids back


def _known_guids(obj: Context) -> dict[str, tuple[str, str]]:
    """Note GUIDs of this tool's package export for the decks in use -> (deck id, card id)."""
    from ..interop.anki import note_guid

    return {note_guid(d.id, c.id): (d.id, c.id) for d in _decks_in_use(obj) for c in d.cards}


def _import_package(obj: Context, file: Path, output: Path, deck_id: str | None, title: str | None,
                    force: bool, with_history: bool | None) -> None:
    from ..interop.package_import import plan_package_import, write_package_import

    in_use = _decks_in_use(obj)
    with user_errors():
        plan = plan_package_import(file, output, deck_id=deck_id, title=title, overwrite=force,
                                   with_history=with_history, known_decks=in_use)
    package = plan.package
    store = obj.open_store() if plan.with_history else None
    try:
        with user_errors():
            history = write_package_import(plan, store)
        refit = None
        if history is not None and history.added:
            from .progress import refit_if_due

            refit = refit_if_due(store, obj.clock())
    finally:
        if store is not None:
            store.close()
    click.echo(f"read {plural(package.notes, 'note')} from {file}")
    for deck, target in plan.files:
        kinds: dict[str, int] = {}
        for card in deck.cards:
            kinds[card.type] = kinds.get(card.type, 0) + 1
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        click.echo(f"wrote {plural(len(deck.cards), 'card')} ({detail}) to {target} as deck {deck.id!r}")
    if plan.media:
        folder = plan.media[0][0].parent
        click.echo(f"copied {plural(len(plan.media), 'image or sound', 'images and sounds')} to {folder}: "
                   + ", ".join(target.name for target, _ in plan.media))
    for title_, lines in (("converted", package.converted), ("skipped", package.skipped),
                          ("images and sounds", package.media), ("review history", package.history)):
        if lines:
            click.echo(f"{title_}:", err=True)
            for line in lines:
                click.echo(f"  {line}", err=True)
    if history is not None:
        click.echo(f"history: {plural(history.added, 'review')} added, {history.already_present} already here; "
                   f"{plural(history.cards_rebuilt, 'card')} rebuilt by replaying "
                   f"(database {obj.db_path})" + (f"; {history.suspended} suspended" if history.suspended else "")
                   + (f"; {history.buried} buried until tomorrow" if history.buried else "")
                   + (f"; {history.marked} marked" if history.marked else "")
                   + (f"; {plural(history.kept, 'card')} scheduled as in Anki (no review log)" if history.kept else ""))
        if not (history.added or history.suspended or history.buried or history.marked or history.kept):
            click.echo("history: nothing changed (already imported)")
    elif package.reviews and not plan.with_history:
        click.echo(f"history: {plural(len(package.reviews), 'review')} in the package not imported (--no-history)")
    in_use_paths = [Path(p).resolve() for p in obj.decks]
    if not any(t.resolve() == p or t.resolve().is_relative_to(p) for _, t in plan.files for p in in_use_paths):
        click.echo(f"note: study these decks with --decks {output} (or add it to {DECKS_ENV})", err=True)
    if refit:
        click.echo(refit, err=True)


COMMANDS = [export_command, import_command]
