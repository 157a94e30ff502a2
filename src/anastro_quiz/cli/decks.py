"""Looking at decks and the collection: ``decks``, ``where``, ``validate``, ``stats``."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from .context import Context
from ..numbers import plural


@click.command("decks")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def decks_command(obj: Context, as_json: bool) -> None:
    """List decks with their new / learning / due counts."""
    collection = obj.open_collection(create=False)
    try:
        summaries = collection.deck_summaries()
    finally:
        collection.close()
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in summaries], indent=2))
        return
    width = max([len(s.id) for s in summaries] + [4])
    click.echo(f"{'deck':<{width}}  {'new':>5} {'learn':>5} {'due':>5} {'total':>6}  mastery  title")
    for s in summaries:
        click.echo(f"{s.id:<{width}}  {s.new:>5} {s.learning:>5} {s.due:>5} {s.total:>6}  "
                   f"{s.mastery:>6.0%}   {s.title}")


@click.command("where", short_help="Show where the database, the decks and the cache are.")
@click.pass_obj
def where_command(obj: Context) -> None:
    """Show where the database, the decks in use, the bundled decks and the cache are."""
    from ..deck_cache import cache_dir
    from ..paths import bundled_decks_dir, user_decks_dir

    click.echo(f"database:      {obj.db_path}")
    click.echo("decks in use:  " + os.pathsep.join(str(p) for p in obj.decks))
    click.echo(f"bundled decks: {bundled_decks_dir()}")
    click.echo(f"your decks:    {user_decks_dir()} (decks generated in the app without a deck folder of "
               "your own; in use by default once it exists)")
    click.echo(f"deck cache:    {cache_dir() or 'off'}")


@click.command("validate", short_help="Check deck files and list every problem.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate_command(obj: Context, paths: tuple[Path, ...]) -> None:
    """Check decks (default: the decks in use); report every problem; exit 2 if any."""
    from ..decks import deck_files, validate_paths

    targets = list(paths) or obj.decks
    problems = validate_paths(targets)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{plural(len(problems), 'problem')} found", err=True)
        sys.exit(2)
    click.echo(f"ok: {plural(len(deck_files(targets)), 'deck file')} valid")


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys documented in the README).")
@click.pass_obj
def stats_command(obj: Context, as_json: bool) -> None:
    """Cards by state, reviews, true retention, due forecast, streak."""
    from ..autofit import last_fit, progress_line
    from ..stats import collection_stats

    collection = obj.open_collection(create=False)
    try:
        stats = collection_stats(collection)
        fit, fit_line = last_fit(collection), progress_line(collection)
    finally:
        collection.close()
    if as_json:
        click.echo(json.dumps(dict(stats.to_dict(), autofit=dict(fit.to_dict() if fit else {}, line=fit_line)),
                              indent=2))
        return
    click.echo("cards: " + ", ".join(f"{k} {v}" for k, v in asdict(stats.cards).items()))
    click.echo(f"reviews: {stats.reviews.total} in total, {stats.reviews.today} today")
    for window, r in (("7d", stats.retention_7d), ("30d", stats.retention_30d)):
        rate = f"{r.rate:.1%}" if r.rate is not None else "n/a"
        click.echo(f"true retention ({window}): {rate} of {plural(r.reviews, 'review')}")
    click.echo(f"streak: {plural(stats.streak.current, 'day')} (longest {stats.streak.longest})")
    click.echo("mastery (cards FSRS predicts at 90% recall a week from now): " + ", ".join(
        f"{deck} {value:.0%}" for deck, value in stats.mastery.decks.items()))
    if stats.leeches:
        click.echo(f"leeches ({len(stats.leeches)}): " + "; ".join(
            f"{leech.deck}/{leech.id}" for leech in stats.leeches))
    click.echo(fit_line)
    click.echo("due in the next 30 days:")
    peak = max([d.due for d in stats.forecast] + [1])
    for day in stats.forecast:
        bar = "#" * round(30 * day.due / peak)
        click.echo(f"  {day.date} {day.due:>5} {bar}".rstrip())


COMMANDS = [decks_command, where_command, validate_command, stats_command]
