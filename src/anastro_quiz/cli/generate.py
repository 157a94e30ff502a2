"""The ``anastro-quiz generate`` command: articles in, decks out (the generator is ``generate/``).

A user mistake (unusable input, files that already exist, an output folder that cannot be
written) exits with status 2, like every other command; a generator bug exits with 1.
The generator pipeline is imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UserError
from .context import fail
from .progress_bar import terminal_progress
from ..numbers import plural


@click.command("generate", short_help="Make decks from articles (text, Markdown, HTML, PDF).")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the decks (created if missing); sources are copied to its sources/.")
@click.option("--force", is_flag=True, help="Overwrite deck and source files that already exist.")
@click.option("--deck-prefix", "prefix", default="",
              help="Prefix for deck ids and titles (e.g. 'letrozole'), so these decks can be studied "
                   "beside the bundled ones.")
@click.option("--topics", "topics", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A topic file (YAML keyword rules): sort the cards of all documents into one deck "
                   "per topic instead of one deck per document tagged by its sections.")
@click.option("--max-cards", "max_cards", type=click.IntRange(min=1), default=None,
              help="At most this many cards per document (the best ones); default: a budget per "
                   "section from its length.")
@click.option("--title", "titles", multiple=True, metavar="DOCUMENT=TITLE",
              help="Name a document whose text has no title of its own (a page saved without its "
                   "heading): the decks' sources carry TITLE, which the app shows instead of the "
                   "file name. DOCUMENT is its file name; repeat for several documents.")
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every card and every skipped candidate, with its score and why, to this file.")
def generate_command(documents: tuple[Path, ...], output: Path, force: bool, prefix: str,
                     topics: Path | None, max_cards: int | None, titles: tuple[str, ...],
                     report: Path | None) -> None:
    """Generate decks from articles (DOCUMENTS: text, Markdown, HTML or PDF) into OUTPUT."""
    from ..curation import REJECTED_FILE
    from ..decks import ID_RE
    from ..generate.output import InvalidOutput, OutputExists, generate_into, summary

    if prefix and not ID_RE.match(prefix):
        fail(f"--deck-prefix {prefix!r} must be letters, digits, - _ . : (starting with a letter or digit)")
    try:
        with terminal_progress("Generating", delay=0) as step:
            written = generate_into(list(documents), output, force=force, prefix=prefix, topics=topics,
                                    max_cards=max_cards, report=report, progress=step,
                                    titles=_titles(titles, [doc.name for doc in documents]))
    except OutputExists as exc:
        fail("these files already exist (use --force to overwrite): " + ", ".join(exc.paths))
    except UserError as exc:  # the generator's InputError, a broken list of rejected cards, an unwritable folder
        fail(str(exc))
    except InvalidOutput as exc:  # a generator bug, not a user mistake: say so plainly (exit 1)
        raise click.ClickException(str(exc)) from None
    click.echo(summary(written.result, output))
    if written.left_out:
        click.echo(f"left out {plural(written.left_out, 'card')} rejected earlier (listed in {output / REJECTED_FILE})")


def _titles(given: tuple[str, ...], names: list[str]) -> dict[str, str]:
    """``--title DOCUMENT=TITLE`` values by document file name. The document is matched by
    name first, so a title may itself hold an '='."""
    titles: dict[str, str] = {}
    for value in given:
        name = next((n for n in sorted(names, key=len, reverse=True) if value.startswith(f"{n}=")), None)
        if name is None:
            document = value.partition("=")[0]
            fail(f"--title {value!r}: expected DOCUMENT=TITLE with DOCUMENT one of the files given"
                 + (f" ({document!r} is not)" if "=" in value else ""))
        title = value[len(name) + 1:].strip()
        if not title:
            fail(f"--title {value!r}: the title is empty")
        titles[name] = title
    return titles


COMMANDS = [generate_command]
