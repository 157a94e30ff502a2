"""Progress on this machine and between machines: ``progress export|merge``, ``backup``, ``check``, ``optimize``.

The work is done by the store and the UI-free modules of ``interop``, imported inside each
command so ``anastro-quiz --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .context import Context, fail, user_errors
from ..numbers import plural


# --- progress ------------------------------------------------------------------


def refit_if_due(store, clock) -> str | None:
    """The scheduler fitting itself, as the app does after a session: once reviews were added
    here (an import, a merge), refit the parameters if due (``autofit``: 500 reviews, then
    every further 500 or a week); the line saying what came of it (Progress's), for the
    command to print last. ``None`` without the optimizer extra or when no refit is due."""
    from ..autofit import run_autofit

    with user_errors("the scheduler could not refit itself: "):
        record = run_autofit(store, clock())
    if record is None:
        return None
    if record.adopted:
        return record.line() + "; the due dates given before stay: 'anastro-quiz reschedule' recomputes them"
    return record.line()


@click.group("progress", short_help="Move progress between machines: export, import, merge.")
def progress_group() -> None:
    """Move study progress between machines: export or import the review log, merge another copy."""


@progress_group.command("export", short_help="Write the review log as CSV.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="CSV file (default: stdout).")
@click.option("--deck", "deck_ids", multiple=True, help="Only these deck ids (repeatable).")
@click.pass_obj
def progress_export_command(obj: Context, output: Path | None, deck_ids: tuple[str, ...]) -> None:
    """Write the review log as CSV: card_id,review_rating,review_time,review_duration (the py-fsrs
    format) plus deck, review_id (UUID) and mode. Undone reviews are left out."""
    from ..interop.progress import export_review_log

    if not obj.db_path.exists():
        fail(f"there is no database at {obj.db_path} yet (nothing to export)")
    store = obj.open_store()
    try:
        with user_errors():
            count, text = export_review_log(store, output, list(deck_ids) or None)
    finally:
        store.close()
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {plural(count, 'review')} to {output}", err=True)


@progress_group.command("import", short_help="Add a review-log CSV to this database.")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
def progress_import_command(obj: Context, file: Path) -> None:
    """Add a review-log CSV (card_id,review_rating,review_time,review_duration: py-fsrs, or this tool's
    progress export) to this database, mapped to the cards of the decks in use; each card's state is
    rebuilt by replaying its reviews. Rows that map to no card are listed; importing twice adds nothing."""
    from ..interop.progress import map_review_log, read_review_log
    from .progress_bar import terminal_progress

    obj.refuse_in_preview("import reviews")
    with user_errors():
        reviews = read_review_log(file)
    decks = obj.load_decks()
    mapped, unmapped = map_review_log(reviews, [(d.id, item.id) for d in decks for item in d.items()])
    if not mapped:
        fail(f"{file}: no row maps to a card of the decks in use ({plural(len(reviews), 'review')} read); nothing "
             "was imported" + "".join(f"\n  {line}" for line in unmapped[:20]))
    coll = obj.open_collection()  # records the decks' cards, so the reviews land on known cards
    try:
        with user_errors(), terminal_progress("Rebuilding cards") as step:
            report = coll.store.import_history(mapped, progress=step)
        refit = refit_if_due(coll.store, obj.clock()) if report.added else None
    finally:
        coll.close()
    click.echo(f"imported {file}: {plural(report.added, 'review')} added, {report.already_present} already here; "
               f"{plural(report.cards_rebuilt, 'card')} rebuilt by replaying")
    if not report.added:
        click.echo("nothing changed (already imported)")
    if unmapped:
        rows = len(reviews) - len(mapped)
        click.echo(f"not imported: {plural(rows, 'row')} of cards not in the decks in use:", err=True)
        for line in unmapped:
            click.echo(f"  {line}", err=True)
    if refit:
        click.echo(refit, err=True)


@progress_group.command("merge", short_help="Merge another copy's progress into this one.")
@click.argument("other", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the merge report as JSON.")
@click.pass_obj
def progress_merge_command(obj: Context, other: Path, as_json: bool) -> None:
    """Merge OTHER.db's review log into this database by review UUID and rebuild affected cards.

    Idempotent and order-independent; no review is ever lost. Settings that differ are
    reported and left as they are here.
    """
    from ..store import check_mergeable
    from .progress_bar import terminal_progress

    with user_errors():
        check_mergeable(other)  # check before creating or touching anything here
    store = obj.open_store()
    try:
        with user_errors(), terminal_progress("Rebuilding cards") as step:
            report = store.merge(other, progress=step)
        refit = refit_if_due(store, obj.clock()) if report.added else None
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        _print_merge(report)
    if refit:
        click.echo(refit, err=True)


def _print_merge(report) -> None:
    click.echo(report.summary())
    if not report.changed:
        click.echo("nothing changed (already merged)")
    for line in report.warnings():
        click.echo(line, err=True)


# --- backup --------------------------------------------------------------------


@click.command("backup", short_help="Copy the database safely, even with the app open.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Backup file or folder (default: backups/ beside the database).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def backup_command(obj: Context, output: Path | None, force: bool) -> None:
    """Copy the progress database consistently (SQLite online backup; safe while the app is open)."""
    from ..interop.backup import backup_database

    with user_errors():
        report = backup_database(obj.db_path, output, overwrite=force)
    click.echo(f"backed up {obj.db_path} ({plural(report.reviews, 'review')}, {plural(report.size, 'byte')}) to {report.path}")


# --- check ---------------------------------------------------------------------


@click.command("check", short_help="Check the database; rebuild schedules from the log.")
@click.option("--dry-run", is_flag=True, help="Report only; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def check_command(obj: Context, dry_run: bool, as_json: bool) -> None:
    """Check the database: SQLite's integrity check, then every schedule against a replay of its
    review log; rebuild the schedules that disagree and close sessions a killed app left open."""
    from ..instance import InstanceLock

    if not obj.db_path.exists():
        fail(f"there is no database at {obj.db_path} yet (nothing to check)")
    store = obj.open_store()  # refuses a file that is not ours before anything is made beside it
    lock = InstanceLock(obj.db_path)
    app_open = not lock.acquire()
    try:
        report = store.check(repair=not (dry_run or app_open))
    finally:
        store.close()
        lock.release()
    if as_json:
        click.echo(json.dumps(dict(report.to_dict(), app_open=app_open), indent=2))
    else:
        _print_check(report, obj.db_path, dry_run, app_open)
    if not report.clean:
        sys.exit(2)


def _print_check(report, db_path: Path, dry_run: bool, app_open: bool) -> None:
    if not report.sound:
        click.echo(f"{db_path} is damaged: SQLite's integrity check found:", err=True)
        for line in report.integrity:
            click.echo(f"  {line}", err=True)
        click.echo("nothing was changed: restore a copy made with 'anastro-quiz backup' (in backups/ beside "
                   "the database)", err=True)
        return
    done = "rebuilt" if report.repaired else "to rebuild"
    click.echo(f"integrity: ok; {plural(report.reviews, 'review')} read")
    if report.rebuilt:
        click.echo(f"{plural(len(report.rebuilt), 'card')} whose schedule disagreed with its review log, "
                   f"{done} from the log: {', '.join(report.rebuilt[:10])}")
    if report.open_sessions:
        click.echo(f"{plural(report.open_sessions, 'session')} left open by an app that stopped, "
                   f"{'closed' if report.repaired else 'to close'} at the last review")
    for line in report.damaged_reviews[:20]:
        click.echo(f"damaged: {line} (left as it is, with its card)", err=True)
    if report.without_log:
        click.echo(f"{plural(len(report.without_log), 'card')} studied per the schedule with no review in the log "
                   f"(left as they are): {', '.join(report.without_log[:10])}", err=True)
    if app_open:
        click.echo("an anastro-quiz app has this collection open: nothing was repaired (close it and run "
                   "check again)", err=True)
    elif dry_run and (report.rebuilt or report.open_sessions):
        click.echo("--dry-run: nothing was changed", err=True)
    if report.clean:
        click.echo("ok" if not (report.rebuilt or report.open_sessions) else "ok: repaired")


# --- optimize ------------------------------------------------------------------


@click.command("optimize", short_help="Fit the FSRS parameters to your review history.")
@click.option("--from-csv", "csv_path", type=click.Path(path_type=Path),
              help="Fit to a review-log CSV (card_id,review_rating,review_time,review_duration) "
                   "instead of this database's history.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--apply", is_flag=True, help="Save the fitted parameters as the scheduler's (only if they "
                                            "predict the held-out reviews better; with --from-csv, after "
                                            "confirming).")
@click.option("--yes", "-y", is_flag=True, help="With --from-csv --apply: apply without asking.")
@click.option("--held-out", "held_out", type=click.FloatRange(0.05, 0.5), default=0.2, show_default=True,
              help="Fraction of the history, the chronologically last part, held out to score the fit.")
@click.pass_obj
def optimize_command(obj: Context, csv_path: Path | None, as_json: bool, apply: bool, yes: bool,
                     held_out: float) -> None:
    """Fit the 21 FSRS parameters to your review history; compare default vs fitted on held-out reviews.

    With --from-csv FILE --apply, parameters fitted to another review log replace this database's
    after a confirmation showing both (--yes skips it; without a terminal, --yes is required).

    Needs the optional optimizer: pip install "anastro-quiz[optimizer]".
    """
    from ..interop.optimize import backend, fit
    from ..settings import StudySettings

    if yes and not (apply and csv_path is not None):
        fail("--yes only applies to --from-csv FILE --apply")
    with user_errors():
        backend()
    store = None
    current = None
    try:
        with user_errors():
            if csv_path is not None:
                from ..interop.progress import read_review_log

                reviews = read_review_log(csv_path)
                source = str(csv_path)
                if apply:
                    store = obj.open_store()
                    current = StudySettings(store).scheduler().parameters
            else:
                if not obj.db_path.exists():
                    fail(f"there is no review history yet ({obj.db_path} does not exist); study for a while, "
                         "or fit to a review log with --from-csv FILE")
                from ..interop.optimize import history_from_store

                store = obj.open_store()
                reviews = history_from_store(store)
                source = str(obj.db_path)
                current = StudySettings(store).scheduler().parameters
            # the current parameters are scored against the database's own history only
            from .progress_bar import terminal_progress

            with terminal_progress("Fitting", delay=0) as step:
                result = fit(reviews, held_out_fraction=held_out, current=None if csv_path else current,
                             progress=step)
        applied = False
        if apply and store is not None and result.improves:
            if csv_path is not None and not yes:
                _confirm_replace(current, result.parameters, obj.db_path)
            with user_errors("could not save the parameters: "):
                StudySettings(store).save_parameters(result.parameters)
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


def _can_ask() -> bool:
    import sys

    return sys.stdin.isatty()


def _confirm_replace(current, new, db_path: Path) -> None:
    """Show what --from-csv --apply replaces and ask; refuse (exit 2) without a terminal."""
    def fmt(values) -> str:
        return ", ".join(f"{p:g}" for p in values)

    click.echo(f"this replaces the scheduler parameters of {db_path}:", err=True)
    if current is None:
        from ..scheduler import Scheduler

        click.echo(f"  current (FSRS defaults): {fmt(Scheduler().parameters)}", err=True)
    else:
        click.echo(f"  current: {fmt(current)}", err=True)
    click.echo(f"  new:     {fmt(new)}", err=True)
    if not _can_ask():
        fail("not applied: confirm with --yes (no terminal to ask on)")
    if not click.confirm("apply the new parameters?", default=False, err=True):
        fail("not applied")


def _print_result(result) -> None:
    for line in result.score_lines():
        click.echo(line)
    click.echo("parameters: " + ", ".join(f"{p:g}" for p in result.parameters))


COMMANDS = [progress_group, backup_command, check_command, optimize_command]
