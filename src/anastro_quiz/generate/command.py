"""The ``anastro-quiz generate`` command (registered by the main CLI).

A user mistake (unusable input, files that already exist, an output folder that cannot be
written) exits with status 2, like every other command; a generator bug exits with 1.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, NoReturn

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
                   "beside the bundled ones.")
@click.option("--topics", "topics", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A topic file (YAML keyword rules): sort the cards of all documents into one deck "
                   "per topic instead of one deck per document tagged by its sections.")
@click.option("--max-cards", "max_cards", type=click.IntRange(min=1), default=None,
              help="At most this many cards per document (the best ones); default: a budget per "
                   "section from its length.")
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every card and every skipped candidate, with its score and why, to this file.")
def generate_command(documents: tuple[Path, ...], output: Path, force: bool, prefix: str,
                     topics: Path | None, max_cards: int | None, report: Path | None) -> None:
    """Generate decks from articles (DOCUMENTS: text, Markdown, HTML or PDF) into OUTPUT."""
    from ..curation import REJECTED_FILE, drop_rejected
    from .clean import InputError
    from .pipeline import generate

    if prefix and not ID_RE.match(prefix):
        _fail(f"--deck-prefix {prefix!r} must be letters, digits, - _ . : (starting with a letter or digit)")
    try:
        with _progress(len(documents)) as step:
            result = generate(list(documents), topics, max_cards, progress=step)
        left_out = drop_rejected(result.decks, output)  # cards rejected in the app stay out (curation.py)
    except InputError as exc:
        _fail(str(exc))
    decks = result.decks
    if prefix:
        for deck in decks:
            deck.id, deck.title = f"{prefix}-{deck.id}", f"{prefix}: {deck.title}"
    files = {output / f"{deck.id}.yaml": dump_deck(deck) for deck in decks}
    copies = {output / "sources" / doc.name: doc for doc in documents
              if (output / "sources" / doc.name).resolve() != doc.resolve()}
    existing = sorted(str(p) for p in [*files, *copies] if p.exists())
    if existing and not force:
        _fail("these files already exist (use --force to overwrite): " + ", ".join(existing))
    if report is not None:
        files[report] = report_text(result)
    try:
        write_all(files, copies)
    except OSError as exc:
        _fail(f"cannot write to {output}: {exc.strerror or exc}")
    problems = validate_paths([f for f in files if f != report])
    if problems:  # a generator bug, not a user mistake: say so plainly (exit 1)
        raise click.ClickException("generated decks failed validation:\n" + "\n".join(map(str, problems)))
    click.echo(summary(result, output))
    if left_out:
        click.echo(f"left out {left_out} card(s) rejected earlier (listed in {output / REJECTED_FILE})")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on a terminal (stderr), nothing when piped."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda name: None
        return
    with click.progressbar(length=total, label="Reading", file=sys.stderr,
                           item_show_func=lambda name: name) as bar:
        def step(name: str) -> None:
            bar.update(1, name)
        yield step


def summary(result, output: Path) -> str:
    """Per deck: cards, cards per topic and per kind; then what was skipped and why."""
    lines = []
    for deck in result.decks:
        topics = Counter(c.tags[0] for c in deck.cards if c.tags)
        kinds = Counter(c.tags[1] for c in deck.cards if len(c.tags) > 1)
        lines.append(f"{output / (deck.id + '.yaml')}: {len(deck.cards)} cards")
        lines.append("  topics: " + ", ".join(f"{t} {n}" for t, n in topics.most_common()))
        lines.append("  kinds:  " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    total = sum(len(d.cards) for d in result.decks)
    reasons = Counter(s.reason for s in result.skipped)
    lines.append(f"{len(result.decks)} decks, {total} cards from {len(result.documents)} document(s)")
    if reasons:
        lines.append(f"skipped {len(result.skipped)} candidates: "
                     + ", ".join(f"{r} {n}" for r, n in reasons.most_common()) + " (--report FILE lists them)")
    return "\n".join(lines)


def report_text(result) -> str:
    """Every card kept and every candidate skipped, best first, with score and reason."""
    from .select import answer_of, prompt_of

    out = ["# anastro-quiz generate report", ""]
    for deck in result.decks:
        out.append(f"## {deck.id}: {len(deck.cards)} cards")
        for c in sorted(deck.cards, key=lambda c: -float(c.data.get("score") or 0)):
            q = c.data.get("prompt") or c.data.get("statement") or c.data.get("text")
            out.append(f"- KEPT {c.data.get('score', '')} [{', '.join(c.tags)}] {q}")
        out.append("")
    out.append(f"## skipped: {len(result.skipped)}")
    for s in sorted(result.skipped, key=lambda s: -s.draft.score):
        d = s.draft
        why = f"{s.reason}: {s.detail}" if s.detail else s.reason
        out.append(f"- SKIPPED {d.score:.2f} {d.kind} ({why}) {prompt_of(d)} -> {answer_of(d)}"
                   f"  [{d.document}]")
    return "\n".join(out) + "\n"


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
