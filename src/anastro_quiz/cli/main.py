"""The ``anastro-quiz`` command group. With no subcommand it opens the TUI.

Heavy imports (textual, the generator, sqlite-utils, fsrs) are deferred to the commands
that need them, so ``--help``, ``validate`` or ``where`` start fast: every module of this
package imports only click and the core's light modules at the top.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from .. import __version__
from ..paths import DB_ENV, DECKS_ENV, TODAY_ENV
from .context import Context, user_errors


# Which module of this package holds each command. A command's module is imported when the
# command is asked for, so opening the app (no command) imports none of them.
COMMAND_MODULES = {
    "decks": "decks", "where": "decks", "validate": "decks", "stats": "decks",
    "generate": "generate",
    "plan": "plan", "simulate": "plan", "reschedule": "plan",
    "progress": "progress", "backup": "progress", "check": "progress", "optimize": "progress",
    "export": "transfer", "import": "transfer",
}


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | {"help"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            family = importlib.import_module(f".{COMMAND_MODULES[cmd_name]}", __package__)
            for command in family.COMMANDS:
                _accept_global_options(command)
                self.add_command(command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context):
        # Any user-facing core error a command did not word itself: its message, exit 2;
        # a database failure (damaged, full, read-only...) worded by the store's one translation.
        with user_errors():
            try:
                result = super().invoke(ctx)
            except Exception as exc:
                error = _database_error(exc, ctx)
                if error is None:
                    raise
                raise error from None
        obj = ctx.find_object(Context)
        if obj is not None:  # after the command's output, where they are seen; not after a failure
            obj.print_notes()
        return result


def _database_error(exc: Exception, ctx: click.Context):
    if "anastro_quiz.store" not in sys.modules:  # no database was touched (and --help stays light)
        return None
    from ..store.errors import as_store_error

    obj = ctx.find_object(Context)
    return as_store_error(exc, obj.db_path if obj is not None else None)


_DB_HELP = f"Progress database (default: ${DB_ENV}, else the user data dir)."
_DECKS_HELP = (f"Deck file or folder; repeatable (default: ${DECKS_ENV}, "
               "a list separated by ':', else the bundled decks).")
_TODAY_HELP = (f"See the app as on a later day, YYYY-MM-DD (default: ${TODAY_ENV}); it works on a copy of "
               "your progress, so nothing dated that day is saved, unless --write-future.")
_WRITE_FUTURE_HELP = "With --today: save the reviews made on that day in the database (dated that day)."
_CREATE_HELP = ("Open the app on a --db (or $" + DB_ENV + ") that does not exist yet, starting a new collection "
                "there (without it, such a path is refused as a likely typo).")


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None or value == "":
        return None
    from ..clock import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


@click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(path_type=Path), envvar=DB_ENV, help=_DB_HELP)
@click.option("--decks", "deck_paths", multiple=True, type=click.Path(path_type=Path),
              envvar=DECKS_ENV, help=_DECKS_HELP)
@click.option("--today", envvar=TODAY_ENV, callback=_parse_today, metavar="YYYY-MM-DD", help=_TODAY_HELP)
@click.option("--write-future", is_flag=True, help=_WRITE_FUTURE_HELP)
@click.option("--create", is_flag=True, help=_CREATE_HELP)
@click.version_option(__version__, prog_name="anastro-quiz")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, deck_paths: tuple[Path, ...], today, write_future: bool,
        create: bool) -> None:
    """Study grounded flashcards with FSRS spaced repetition. No command: open the app.

    The options below also work after any command (but --create, for the app): anastro-quiz stats --db X."""
    explicit = ctx.get_parameter_source("deck_paths") is click.core.ParameterSource.COMMANDLINE
    db_from = {click.core.ParameterSource.COMMANDLINE: "--db",
               click.core.ParameterSource.ENVIRONMENT: f"${DB_ENV}"}.get(ctx.get_parameter_source("db"))
    ctx.obj = Context(db=db, db_from=db_from, deck_paths=list(deck_paths), explicit_decks=explicit, today=today,
                      write_future=write_future)
    if ctx.invoked_subcommand is None:
        study(ctx.obj, create=create)
    elif create:
        from .context import fail

        fail("--create is for opening the app (no command); a command that saves (import, plan --exam) "
             "starts its database itself")


@cli.command("help", short_help="Show this help, or a command's: help COMMAND.")
@click.argument("words", nargs=-1, metavar="[COMMAND]...")
@click.pass_context
def help_command(ctx: click.Context, words: tuple[str, ...]) -> None:
    """Show this help, or a command's: anastro-quiz help stats (as stats --help)."""
    from .context import fail

    command, where = ctx.parent.command, ctx.parent
    for word in words:
        sub = command.get_command(where, word) if isinstance(command, click.Group) else None
        if sub is None:
            known = ", ".join(command.list_commands(where)) if isinstance(command, click.Group) else ""
            fail(f"no command {' '.join(words)!r}" + (f" (commands: {known})" if known else ""))
        command, where = sub, click.Context(sub, info_name=word, parent=where)
    click.echo(command.get_help(where))


def study(obj: Context, create: bool = False) -> None:
    """Open the study app over the decks and database in use. A database named by ``--db`` or
    ``$ANASTRO_QUIZ_DB`` that does not exist is refused unless ``create`` (a typo would start an
    empty collection that the next reviews go into); the default one is made on the first launch."""
    # Said before the app takes the screen, and before anything is made.
    obj.require_decks_exist()
    if not create:
        obj.require_named_db_exists()
    from ..collection import Collection
    from ..instance import InstanceLock, launch_notice

    # A collection with nothing to parse or migrate opens (and Home's counts are read) before the
    # app starts, so Home's first frame shows them; any other opens in a worker behind Home's
    # first frame, with a progress bar if it is slow (a first import of big decks). A second
    # app on the same database is told so (its grades still compose with the first one's).
    collection = home = None
    if not obj.previewing and Collection.opens_at_once(obj.db_path, obj.decks):
        import gc

        from ..home_data import load_home

        collection = obj.open_collection()
        home = load_home(collection, forecast=False)  # Home reads it where the chart has room
        gc.freeze()  # as the app's opener does: the cyclic GC need not walk what was loaded
    from ..tui.app import make_app

    lock = InstanceLock(obj.db_path)
    app = make_app(collection, opener=None if collection else obj.open_collection, home=home,
                   find_other_window=lambda: launch_notice(lock), today=obj.today.isoformat() if obj.today else None,
                   today_notice=obj.today_notice(), preview=obj.previewing)
    try:
        app.run()
    finally:
        if app.collection is not None:
            app.collection.close()
        lock.release(remove=app.collection is None)
    if app.open_error is not None:
        raise app.open_error  # a CommandError prints as a clean message (exit 2), as before
    if app.return_code:
        sys.exit(app.return_code)


# The global options, accepted after a command too, with the same meaning: a value given
# after the command replaces one from the environment (as one given before it does); --decks
# given in both places adds up, like repeating it.
def _set_db(ctx: click.Context, _param, value: Path | None) -> None:
    if value is not None:
        obj = ctx.ensure_object(Context)
        obj.db, obj.db_from = value, "--db"


def _add_decks(ctx: click.Context, _param, value: tuple[Path, ...]) -> None:
    if value:
        obj = ctx.ensure_object(Context)
        obj.deck_paths = (obj.deck_paths if obj.explicit_decks else []) + list(value)
        obj.explicit_decks = True


def _set_today(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    day = _parse_today(ctx, param, value)
    if day is not None:
        ctx.ensure_object(Context).today = day


def _set_write_future(ctx: click.Context, _param, value: bool) -> None:
    if value:
        ctx.ensure_object(Context).write_future = True


def _global_options() -> list[click.Parameter]:
    return [
        click.Option(["--today"], expose_value=False, callback=_set_today, metavar="YYYY-MM-DD", help=_TODAY_HELP),
        click.Option(["--write-future"], is_flag=True, expose_value=False, callback=_set_write_future,
                     help=_WRITE_FUTURE_HELP),
        click.Option(["--db"], type=click.Path(path_type=Path), expose_value=False, callback=_set_db,
                     help=_DB_HELP),
        click.Option(["--decks"], multiple=True, type=click.Path(path_type=Path), expose_value=False,
                     callback=_add_decks, help=_DECKS_HELP),
    ]


def _accept_global_options(command: click.Command) -> None:
    command.params.extend(_global_options())
    click.version_option(__version__, prog_name="anastro-quiz")(command)
    for sub in getattr(command, "commands", {}).values():
        _accept_global_options(sub)
    if isinstance(command, click.Group):  # 'progress help merge', as 'help progress merge'
        command.add_command(help_command)


_accept_global_options(help_command)


def main() -> None:
    cli(prog_name="anastro-quiz")
