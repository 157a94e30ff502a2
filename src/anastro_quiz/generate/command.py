"""The ``anastro-quiz generate`` command (registered by the main CLI).

A user mistake (unusable input, files that already exist, an output folder that cannot be
written) exits with status 2, like every other command; a generator bug exits with 1.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from ..decks import ID_RE, dump_deck, validate_paths


def _fail(message: str) -> NoReturn:
    """A user mistake: a clean message and exit status 2 (``cli`` is imported late: it imports us)."""
    from ..cli import UserError

    raise UserError(message)


@click.command("generate")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the decks (created if missing); sources are copied to its sources/.")
@click.option("--force", is_flag=True, help="Overwrite deck and source files that already exist.")
@click.option("--deck-prefix", "prefix", default="",
              help="Prefix for deck ids and titles (e.g. 'letrozole'), so these decks can be studied "
                   "beside the bundled ones, whose ids are the bare topic names.")
def generate_command(documents: tuple[Path, ...], output: Path, force: bool, prefix: str) -> None:
    """Generate topic decks from plain-text articles (DOCUMENTS) into OUTPUT."""
    from .clean import InputError
    from .pipeline import generate_decks

    if prefix and not ID_RE.match(prefix):
        _fail(f"--deck-prefix {prefix!r} must be letters, digits, - _ . : (starting with a letter or digit)")
    try:
        decks = generate_decks(list(documents))
    except InputError as exc:
        _fail(str(exc))
    if prefix:
        for deck in decks:
            deck.id, deck.title = f"{prefix}-{deck.id}", f"{prefix}: {deck.title}"
    files = {output / f"{deck.id}.yaml": dump_deck(deck) for deck in decks}
    copies = {output / "sources" / doc.name: doc for doc in documents
              if (output / "sources" / doc.name).resolve() != doc.resolve()}
    existing = sorted(str(p) for p in [*files, *copies] if p.exists())
    if existing and not force:
        _fail("these files already exist (use --force to overwrite): " + ", ".join(existing))
    try:
        write_all(files, copies)
    except OSError as exc:
        _fail(f"cannot write to {output}: {exc.strerror or exc}")
    problems = validate_paths(list(files))
    if problems:  # a generator bug, not a user mistake: say so plainly (exit 1)
        raise click.ClickException("generated decks failed validation:\n" + "\n".join(map(str, problems)))
    total = sum(len(d.cards) for d in decks)
    for deck in decks:
        click.echo(f"{output / (deck.id + '.yaml')}: {len(deck.cards)} cards")
    click.echo(f"{len(decks)} decks, {total} cards from {len(documents)} document(s)")


def write_all(files: dict[Path, str], copies: dict[Path, Path]) -> None:
    """Write every deck to a temporary file first, then move them all into place, so a
    failure half-way never leaves a partial deck behind."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".generate-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            staged.append((Path(tmp), target))
        for target, source in copies.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".generate-", suffix=".tmp")
            os.close(fd)
            shutil.copyfile(source, tmp)
            staged.append((Path(tmp), target))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
