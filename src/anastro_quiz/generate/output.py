"""A generation run's output: the deck files and copied sources written all at once
(:func:`generate_into`, what the ``generate`` command and the app's "generate a deck" both
run), the summary the command prints, and its ``--report`` of every card and skip."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..errors import UserError
from ..files import move_into_place, output_target, remove_temp, temp_beside
from ..numbers import plural


class OutputExists(UserError):
    """Deck or source files that generating would overwrite (nothing was written)."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__("these files already exist: " + ", ".join(paths))
        self.paths = paths


class InvalidOutput(Exception):
    """Generated decks that fail validation: a generator bug, not a user mistake."""


@dataclass
class Written:
    """What :func:`generate_into` wrote."""

    result: object  # pipeline.Generation: the decks, the skipped candidates, the documents
    output: Path
    deck_files: list[Path]
    left_out: int  # cards left out as rejected earlier (the folder's .rejected.yaml)


def generate_into(documents: Sequence[Path], output: Path, *, force: bool = False, prefix: str = "",
                  topics: Path | None = None, max_cards: int | None = None,
                  titles: Mapping[str, str] | None = None, report: Path | None = None,
                  taken: Mapping[str, Path | None] | None = None,
                  progress: Callable[[int, int, str], None] | None = None) -> Written:
    """Generate decks from ``documents`` into the folder ``output``: the cards rejected there
    before left out, deck ids and titles prefixed with ``prefix``, the documents copied to its
    ``sources/``, every file written at once. ``taken``: deck ids in use, with their files; a
    generated deck with one of those ids from another file is refused (two files of one deck
    id cannot be loaded together). Raises :class:`OutputExists` unless ``force``, ``UserError``
    for unusable input or an output that cannot be written (nothing written either way)."""
    from ..curation import drop_rejected
    from ..decks import dump_deck, validate_paths
    from .pipeline import generate

    result = generate(list(documents), topics, max_cards, progress=progress, titles=titles)
    left_out = drop_rejected(result.decks, output)  # cards rejected in the app stay out (curation.py)
    for deck in result.decks:
        if prefix:
            deck.id, deck.title = f"{prefix}-{deck.id}", f"{prefix}: {deck.title}"
    files = {output / f"{deck.id}.yaml": dump_deck(deck) for deck in result.decks}
    for deck in result.decks:
        there = (taken or {}).get(deck.id, output / f"{deck.id}.yaml")
        if there is None or Path(there).resolve() != (output / f"{deck.id}.yaml").resolve():
            raise UserError(f"a deck with the id {deck.id!r} is already in use (from {there}): rename "
                            "the document (the deck is named after it), or take that deck out of use")
    copies = {output / "sources" / doc.name: doc for doc in documents
              if (output / "sources" / doc.name).resolve() != Path(doc).resolve()}
    existing = sorted(str(p) for p in [*files, *copies] if p.exists())
    if existing and not force:
        raise OutputExists(existing)
    if report is not None:
        files[report] = report_text(result)
    try:
        write_all(files, copies)
    except OSError as exc:
        raise UserError(f"cannot write to {output}: {exc.strerror or exc}") from None
    deck_files = [f for f in files if f != report]
    problems = validate_paths(deck_files)
    if problems:
        raise InvalidOutput("generated decks failed validation:\n" + "\n".join(map(str, problems)))
    return Written(result, output, deck_files, left_out)


def summary(result, output: Path) -> str:
    """Per deck: cards, cards per topic and per kind; then what was skipped and why."""
    lines = []
    for deck in result.decks:
        topics = Counter(c.tags[0] for c in deck.cards if c.tags)
        kinds = Counter(c.tags[1] for c in deck.cards if len(c.tags) > 1)
        lines.append(f"{output / (deck.id + '.yaml')}: {plural(len(deck.cards), 'card')}")
        lines.append("  topics: " + ", ".join(f"{t} {n}" for t, n in topics.most_common()))
        lines.append("  kinds:  " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    total = sum(len(d.cards) for d in result.decks)
    reasons = Counter(s.reason for s in result.skipped)
    lines.append(f"{plural(len(result.decks), 'deck')}, {plural(total, 'card')} from {plural(len(result.documents), 'document')}")
    if reasons:
        lines.append(f"skipped {len(result.skipped)} candidates: "
                     + ", ".join(f"{r} {n}" for r, n in reasons.most_common()) + " (--report FILE lists them)")
    return "\n".join(lines)


def report_text(result) -> str:
    """Every card kept and every candidate skipped, best first, with score and reason."""
    from .select import answer_of, prompt_of

    out = ["# anastro-quiz generate report", ""]
    for deck in result.decks:
        out.append(f"## {deck.id}: {plural(len(deck.cards), 'card')}")
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
    failure half-way never leaves a partial deck behind, nor a temporary file (the
    atomic writer's rules: links written through, pipes and devices refused)."""
    staged: list[tuple[Path, Path]] = []

    def stage(path: Path, write) -> None:
        target = output_target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_beside(target)
        staged.append((tmp, target))  # before writing: a failed write is cleaned up too
        write(tmp)

    try:
        for target, text in files.items():
            stage(target, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
        for target, source in copies.items():
            stage(target, lambda tmp, source=source: shutil.copyfile(source, tmp))
        for tmp, target in staged:
            move_into_place(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            remove_temp(tmp)  # the ones already moved into place are gone from their temp name
        raise
