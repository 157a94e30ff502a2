"""The ``anastro-quiz`` command. With no subcommand it opens the TUI.

Heavy imports (textual, the generator) are deferred to the commands that need them,
so ``validate`` or ``stats`` start fast.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import __version__
from .paths import bundled_decks_dir, default_db_path


@dataclass
class Context:
    db: Path | None = None
    deck_paths: list[Path] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        return self.db or default_db_path()

    @property
    def decks(self) -> list[Path]:
        return self.deck_paths or [bundled_decks_dir()]

    def open_collection(self):
        """Open the collection, turning user mistakes into a clean error (exit 2)."""
        from .collection import Collection
        from .decks import DeckError
        from .store import StoreError

        try:
            return Collection.open(self.db_path, self.decks)
        except DeckError as exc:
            raise UserError("the decks have problems:\n" + "\n".join(str(p) for p in exc.problems)) from None
        except StoreError as exc:
            raise UserError(str(exc)) from None


class UserError(click.ClickException):
    exit_code = 2


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(path_type=Path), envvar="ANASTRO_QUIZ_DB",
              help="Progress database (default: $ANASTRO_QUIZ_DB, else the user data dir).")
@click.option("--decks", "deck_paths", multiple=True, type=click.Path(path_type=Path),
              envvar="ANASTRO_QUIZ_DECKS",
              help="Deck file or folder; repeatable (default: $ANASTRO_QUIZ_DECKS, "
                   "a list separated by ':', else the bundled decks).")
@click.version_option(__version__, prog_name="anastro-quiz")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, deck_paths: tuple[Path, ...]) -> None:
    """Study grounded flashcards with FSRS spaced repetition. No command: open the app."""
    ctx.obj = Context(db=db, deck_paths=list(deck_paths))
    if ctx.invoked_subcommand is None:
        from .tui.app import make_app

        # Home draws at once; the app opens the collection in a worker behind it.
        app = make_app(opener=ctx.obj.open_collection)
        try:
            app.run()
        finally:
            if app.collection is not None:
                app.collection.close()
        if app.open_error is not None:
            raise app.open_error  # a UserError prints as a clean message (exit 2), as before
        if app.return_code:
            sys.exit(app.return_code)


@cli.command("decks")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def decks_command(obj: Context, as_json: bool) -> None:
    """List decks with their new / learning / due counts."""
    collection = obj.open_collection()
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


@cli.command("where")
@click.pass_obj
def where_command(obj: Context) -> None:
    """Show where the database, the decks in use, the bundled decks and the cache are."""
    from .deck_cache import cache_dir

    click.echo(f"database:      {obj.db_path}")
    click.echo("decks in use:  " + os.pathsep.join(str(p) for p in obj.decks))
    click.echo(f"bundled decks: {bundled_decks_dir()}")
    click.echo(f"deck cache:    {cache_dir() or 'off'}")


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate_command(obj: Context, paths: tuple[Path, ...]) -> None:
    """Check decks (default: the decks in use); report every problem; exit 2 if any."""
    from .decks import deck_files, validate_paths

    targets = list(paths) or obj.decks
    problems = validate_paths(targets)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) found", err=True)
        sys.exit(2)
    click.echo(f"ok: {len(deck_files(targets))} deck file(s) valid")


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "apkg", "csv"]), default="jsonl", show_default=True,
              help="jsonl (cards as studied), apkg (Anki package; needs -o) or csv (spreadsheet).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout).")
@click.option("--deck", "deck_ids", multiple=True, help="Only these deck ids (repeatable).")
@click.pass_obj
def export_command(obj: Context, fmt: str, output: Path | None, deck_ids: tuple[str, ...]) -> None:
    """Export cards: JSON lines (cloze deletions expanded), an Anki package, or CSV."""
    from .decks import DeckError, load_decks

    try:
        decks = load_decks(obj.decks)
    except DeckError as exc:
        raise UserError("the decks have problems:\n" + "\n".join(str(p) for p in exc.problems)) from None
    unknown = set(deck_ids) - {d.id for d in decks}
    if unknown:
        raise UserError(f"unknown deck id(s): {', '.join(sorted(unknown))}")
    if fmt != "jsonl":
        from .interop.commands import export_decks

        export_decks(fmt, [d for d in decks if not deck_ids or d.id in deck_ids], output)
        return
    lines = [json.dumps(item.to_dict(), ensure_ascii=False)
             for deck in decks if not deck_ids or deck.id in deck_ids for item in deck.items()]
    text = "\n".join(lines) + ("\n" if lines else "")
    if output is None:
        click.echo(text, nl=False)
        return
    from .interop import InteropError, write_text_output

    try:
        write_text_output(output, text, what="JSON lines")
    except InteropError as exc:
        raise UserError(f"cannot write {output}: {exc}") from None
    click.echo(f"wrote {len(lines)} card(s) to {output}", err=True)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys documented in the README).")
@click.pass_obj
def stats_command(obj: Context, as_json: bool) -> None:
    """Cards by state, reviews, true retention, due forecast, streak."""
    from .stats import collection_stats

    collection = obj.open_collection()
    try:
        stats = collection_stats(collection)
    finally:
        collection.close()
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    cards, reviews = stats["cards"], stats["reviews"]
    click.echo("cards: " + ", ".join(f"{k} {v}" for k, v in cards.items()))
    click.echo(f"reviews: {reviews['total']} in total, {reviews['today']} today")
    for window in ("7d", "30d"):
        r = stats["retention"][window]
        rate = f"{r['rate']:.1%}" if r["rate"] is not None else "n/a"
        click.echo(f"true retention ({window}): {rate} of {r['reviews']} review(s)")
    click.echo(f"streak: {stats['streak']['current']} day(s) (longest {stats['streak']['longest']})")
    click.echo("mastery (mean predicted recall now): " + ", ".join(
        f"{deck} {value:.0%}" for deck, value in stats["mastery"]["decks"].items()))
    if stats["leeches"]:
        click.echo(f"leeches ({len(stats['leeches'])}): " + "; ".join(
            f"{leech['deck']}/{leech['id']}" for leech in stats["leeches"]))
    click.echo("due in the next 30 days:")
    peak = max([d["due"] for d in stats["forecast"]] + [1])
    for day in stats["forecast"]:
        bar = "#" * round(30 * day["due"] / peak)
        click.echo(f"  {day['date']} {day['due']:>5} {bar}")


def _register_commands() -> None:
    # These modules import their heavy dependencies inside the command bodies.
    from .generate.command import generate_command
    from .interop import commands as interop

    cli.add_command(generate_command)
    for command in interop.COMMANDS:
        cli.add_command(command)


_register_commands()


def main() -> None:
    cli(prog_name="anastro-quiz")
