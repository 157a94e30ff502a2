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
    if result.converted:
        click.echo(f"converted {len(result.converted)} row(s):", err=True)
        for converted in result.converted:
            click.echo(f"  {converted}", err=True)
    if len(result.decks) == 1 and result.decks[0] != deck.id:
        click.echo(f"note: these cards come from deck {result.decks[0]!r}; import with --id {result.decks[0]} "
                   "to keep their study progress", err=True)
    elif len(result.decks) > 1:
        click.echo(f"note: these cards come from {len(result.decks)} decks ({', '.join(result.decks)}), now one "
                   f"deck {deck.id!r}; progress carries over only for cards of a deck with the same id", err=True)



# --- progress ------------------------------------------------------------------


@click.group("progress")
def progress_group() -> None:
    """Move study progress between machines: export the review log, merge another copy."""


@progress_group.command("export")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="CSV file (default: stdout).")
@click.option("--deck", "deck_ids", multiple=True, help="Only these deck ids (repeatable).")
@click.pass_obj
def progress_export_command(obj, output: Path | None, deck_ids: tuple[str, ...]) -> None:
    """Write the review log as CSV: card_id,review_rating,review_time,review_duration (the py-fsrs
    format) plus deck, review_id (UUID) and mode. Undone reviews are left out."""
    from ..store import StoreError
    from . import InteropError
    from .progress import export_review_log

    if not obj.db_path.exists():
        _fail(f"there is no database at {obj.db_path} yet (nothing to export)")
    store = _open_store(obj.db_path)
    try:
        count, text = export_review_log(store, output, list(deck_ids) or None)
    except (InteropError, StoreError) as exc:
        _fail(str(exc))
    finally:
        store.close()
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {count} review(s) to {output}", err=True)


@progress_group.command("merge")
@click.argument("other", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the merge report as JSON.")
@click.pass_obj
def progress_merge_command(obj, other: Path, as_json: bool) -> None:
    """Merge OTHER.db's review log into this database by review UUID and rebuild affected cards.

    Idempotent and order-independent; no review is ever lost. Settings that differ are
    reported and left as they are here.
    """
    from ..store import StoreError, check_mergeable

    try:
        check_mergeable(other)  # check before creating or touching anything here
    except StoreError as exc:
        _fail(str(exc))
    store = _open_store(obj.db_path)
    try:
        report = store.merge(other)
    except StoreError as exc:
        _fail(str(exc))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    click.echo(f"merged {other}: {report.added} new review(s), {report.undone} newly undone, "
               f"{report.already_present} already here; {report.cards_rebuilt} card(s) rebuilt"
               + (f", {report.cards_added} card(s) new here" if report.cards_added else ""))
    if not report.changed:
        click.echo("nothing changed (already merged)")
    if report.mismatched:
        click.echo(f"warning: {len(report.mismatched)} review id(s) differ in content between the two "
                   f"databases and were left as they are here: {', '.join(report.mismatched[:5])}", err=True)
    if report.conflicts:
        click.echo("settings differ (not merged; change them with the settings screen if needed):", err=True)
        for conflict in report.conflicts:
            click.echo(f"  {conflict}", err=True)


def _open_store(db_path: Path):
    from ..store import Store, StoreError

    try:
        return Store.open(db_path)
    except StoreError as exc:
        _fail(str(exc))


# --- backup --------------------------------------------------------------------


@click.command("backup")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Backup file or folder (default: backups/ beside the database).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def backup_command(obj, output: Path | None, force: bool) -> None:
    """Copy the progress database consistently (SQLite online backup; safe while the app is open)."""
    from . import InteropError
    from .backup import backup_database

    try:
        report = backup_database(obj.db_path, output, overwrite=force)
    except InteropError as exc:
        _fail(str(exc))
    click.echo(f"backed up {obj.db_path} ({report.reviews} review(s), {report.size} bytes) to {report.path}")


# --- optimize ------------------------------------------------------------------


@click.command("optimize")
@click.option("--from-csv", "csv_path", type=click.Path(path_type=Path),
              help="Fit to a review-log CSV (card_id,review_rating,review_time,review_duration) "
                   "instead of this database's history.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--apply", is_flag=True, help="Save the fitted parameters as the scheduler's (own history only; "
                                            "only if they predict the held-out reviews better).")
@click.option("--held-out", "held_out", type=click.FloatRange(0.05, 0.5), default=0.2, show_default=True,
              help="Fraction of the history, the chronologically last part, held out to score the fit.")
@click.pass_obj
def optimize_command(obj, csv_path: Path | None, as_json: bool, apply: bool, held_out: float) -> None:
    """Fit the 21 FSRS parameters to your review history; compare default vs fitted on held-out reviews.

    Needs the optional optimizer: pip install "anastro-quiz[optimizer]".
    """
    from . import InteropError
    from .optimize import backend, fit

    if apply and csv_path is not None:
        _fail("--apply saves parameters fitted to this database's own history; it cannot be combined "
              "with --from-csv")
    try:
        backend()
    except InteropError as exc:
        _fail(str(exc))
    store = None
    current = None
    try:
        if csv_path is not None:
            from .progress import read_review_log

            reviews = read_review_log(csv_path)
            source = str(csv_path)
        else:
            if not obj.db_path.exists():
                _fail(f"there is no review history yet ({obj.db_path} does not exist); study for a while, "
                      "or fit to a review log with --from-csv FILE")
            from .optimize import history_from_store

            store = _open_store(obj.db_path)
            reviews = history_from_store(store)
            source = str(obj.db_path)
            current = _current_parameters(store)
        result = fit(reviews, held_out_fraction=held_out, current=current)
    except InteropError as exc:
        if store is not None:
            store.close()
        _fail(str(exc))
    applied = False
    try:
        if apply and store is not None and result.improves:
            from ..store import StoreError

            try:
                _apply_parameters(store, result.parameters)
            except StoreError as exc:
                _fail(f"could not save the parameters: {exc}")
            applied = True
    finally:
        if store is not None:
            store.close()
    result.extra.update({"source": source, "applied": applied})
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _print_result(result)
    if apply and not applied:
        click.echo("not applied: the fitted parameters do not predict the held-out reviews better than the "
                   "defaults", err=True)
    elif applied:
        click.echo("applied: the fitted parameters are now the scheduler's (global settings)", err=True)


def _current_parameters(store) -> list[float] | None:
    from ..settings import StudySettings

    params = StudySettings(store).scheduler().parameters
    return list(params) if params else None


def _apply_parameters(store, parameters: list[float]) -> None:
    from ..settings import StudySettings

    StudySettings(store).save_parameters(parameters)


def _print_result(result) -> None:
    click.echo(f"history: {result.reviews} review(s), {result.items} usable item(s) "
               f"(reviews on a later day than the card's previous one)")
    click.echo(f"fitted on {result.train}; held out the last {result.held_out} "
               f"(from {result.held_out_from:%Y-%m-%d}) to score:")
    click.echo(f"  {'parameters':<12} {'log loss':>9} {'RMSE(bins)':>11}")
    rows = [("default", result.default)]
    if result.current is not None:
        rows.append(("current", result.current))
    rows.append(("fitted", result.fitted))
    for name, s in rows:
        click.echo(f"  {name:<12} {s.log_loss:>9.4f} {s.rmse_bins:>10.2%}")
    click.echo("parameters: " + ", ".join(f"{p:g}" for p in result.parameters))


COMMANDS = [import_command, progress_group, backup_command, optimize_command]
