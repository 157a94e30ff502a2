"""A generation run's output: the deck files and copied sources written all at once, the
summary the ``generate`` command prints, and its ``--report`` of every card and skip."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from ..files import move_into_place, output_target, remove_temp, temp_beside
from ..numbers import plural


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
