"""Markdown flashcard files: hashcards and Obsidian's spaced-repetition plugin.

**hashcards** (a file with ``Q:`` / ``A:`` / ``C:`` lines): ``Q:`` starts a question and
``A:`` its answer, each may span lines (blank lines included) up to the next ``Q:`` or
``C:``; ``C:`` starts a cloze card whose ``[square brackets]`` are the deletions (each its
own study item, as in hashcards; Markdown links and images are not deletions). TOML front
matter between ``---`` lines may give the deck's ``name`` (read with :mod:`tomllib`).

**Obsidian spaced repetition** (otherwise): ``question::answer`` on one line (``:::`` a
reversed card, studied both ways), and multi-line cards: question lines, a line ``?`` (``??``
reversed), answer lines, ended by a blank line. A line with no other card syntax is a cloze
card when it has the plugin's cloze marks: ``==highlights==`` (its default pattern
``==[123;;]answer[;;hint]==``: ``==1;;answer;;hint==`` numbers a deletion, so deletions of one
number are one card, and gives a hint), and, where the plugin's settings turn them on
(``cloze_marks``), ``**bold**`` and ``{{curly brackets}}``; Anki's own ``{{c1::...}}`` is a
deletion too. The plugin's ``<!--SR:...-->`` scheduling comments, ``#flashcards`` tag lines
and fenced code blocks are left out.

Ids come from the front (:func:`.import_cards.card_id_for_front`), never from the position.
"""

from __future__ import annotations

import re
import tomllib

from ..decks import CLOZE_RE
from . import InteropError
from .import_cards import ImportResult, Skipped, add_card, add_cloze

_TAG_RE = re.compile(r"^(Q|A|C):(.*)$")
_LINK_OR_DELETION = re.compile(r"!?\[([^\[\]\n]*)\](\([^)]*\))?")
_SR_COMMENT = re.compile(r"\s*<!--SR:.*?-->", re.DOTALL)
CLOZE_MARKS = ("highlight", "bold", "curly")
_MARKS = {"highlight": re.compile(r"==([^=\n]+)=="), "bold": re.compile(r"\*\*([^*\n]+)\*\*"),
          "curly": re.compile(r"(?<!\{)\{\{(?!c\d+::)([^{}\n]+)\}\}(?!\})")}
_FENCE = re.compile(r"^\s*(```|~~~)")


def is_hashcards(text: str) -> bool:
    return any(_TAG_RE.match(line) for line in text.splitlines())


def parse_markdown(text: str, cloze_marks: tuple[str, ...] = ("highlight",)) -> ImportResult:
    """``cloze_marks``: which of :data:`CLOZE_MARKS` are cloze deletions in an Obsidian file
    (the plugin's settings; highlights alone by default, as the plugin has it)."""
    lines, start, title = _front_matter(text)
    result = _hashcards(lines, start) if is_hashcards(text) else _obsidian(lines, start, cloze_marks)
    result.title = title
    return result


def _front_matter(text: str) -> tuple[list[str], int, str | None]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return lines, 0, None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise InteropError("line 1: front matter '---' is never closed")
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise InteropError(f"front matter (lines 1-{end + 1}) is not TOML: {exc}") from None
    name = meta.get("name")
    return lines, end + 1, name if isinstance(name, str) and name.strip() else None


def hashcards_cloze(text: str) -> str:
    """``[Paris] is the capital of [France]`` → ``{{c1::Paris}} is the capital of {{c2::France}}``."""
    count = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal count
        if m.group(0).startswith("!") or m.group(2):
            return m.group(0)  # an image or a link
        count += 1
        return f"{{{{c{count}::{m.group(1)}}}}}"

    return _LINK_OR_DELETION.sub(replace, text)


def _hashcards(lines: list[str], start: int) -> ImportResult:
    result = ImportResult(format="hashcards", markdown_media=True)
    blocks: list[tuple[int, str, list[str]]] = []  # (line, tag, text lines)
    in_fence = False
    for number, line in enumerate(lines[start:], start=start + 1):
        if _FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _TAG_RE.match(line)
        if m:
            blocks.append((number, m.group(1), [m.group(2).strip()]))
        elif blocks:
            blocks[-1][2].append(line)
        elif line.strip():
            result.skipped.append(Skipped(number, "text before the first Q: or C: is not a card"))
    i = 0
    while i < len(blocks):
        number, tag, body = blocks[i]
        text = "\n".join(body).strip()
        if tag == "C":
            result.rows += 1
            cloze = hashcards_cloze(text)
            if "{{c" not in cloze:
                result.skipped.append(Skipped(number, "C: card without a [deletion]"))
            else:
                add_cloze(result, number, cloze, "", [])
        elif tag == "Q":
            result.rows += 1
            if i + 1 < len(blocks) and blocks[i + 1][1] == "A":
                add_card(result, number, text, "\n".join(blocks[i + 1][2]).strip(), [])
                i += 1
            else:
                result.skipped.append(Skipped(number, "Q: without an A: after it"))
        else:
            result.rows += 1
            result.skipped.append(Skipped(number, "A: without a Q: before it"))
        i += 1
    return result


def _obsidian(lines: list[str], start: int, cloze_marks: tuple[str, ...]) -> ImportResult:
    result = ImportResult(format="obsidian", markdown_media=True)
    block: list[tuple[int, str]] = []
    in_fence = False
    for number, line in enumerate([*lines[start:], ""], start=start + 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            block = []
            continue
        if in_fence:
            continue
        line = _SR_COMMENT.sub("", line).rstrip()
        if line.strip().startswith("#flashcards") or line.lstrip().startswith("#"):
            continue  # tag lines and headings
        if line.strip():
            block.append((number, line))
            continue
        if block:
            _obsidian_block(result, block, cloze_marks)
        block = []
    return result


def obsidian_cloze(line: str, cloze_marks: tuple[str, ...]) -> str | None:
    """The line as cloze text (``{{cN::answer::hint}}``), or ``None`` if it has no cloze mark.

    A highlight's ``N;;`` prefix numbers its deletion and ``;;hint`` gives a hint (the plugin's
    default pattern); deletions without a number are numbered in order after the highest given."""
    patterns = [_MARKS[m] for m in CLOZE_MARKS if m in cloze_marks]
    found = sorted((m for p in patterns for m in p.finditer(line)), key=lambda m: m.start())
    spans, last = [], -1
    for m in found:  # overlapping marks: the first wins
        if m.start() >= last:
            spans.append(m)
            last = m.end()
    if not spans and not CLOZE_RE.search(line):
        return None
    parts = []
    for m in spans:
        inner = m.group(1).split(";;") if m.re is _MARKS["highlight"] else [m.group(1)]
        number = int(inner.pop(0)) if len(inner) > 1 and inner[0].strip().isdigit() else None
        parts.append((m, number, inner[0], inner[1] if len(inner) > 1 else None))
    taken = {int(n) for n in re.findall(r"\{\{c(\d+)::", line)} | {n for _, n, _, _ in parts if n is not None}
    counter = iter(range(max(taken, default=0) + 1, 10_000))
    out, position = [], 0
    for m, number, answer, hint in parts:
        n = number if number is not None else next(counter)
        out.append(line[position:m.start()] + f"{{{{c{n}::{answer}" + (f"::{hint}" if hint else "") + "}}")
        position = m.end()
    return ("".join(out) + line[position:]).strip()


def _obsidian_block(result: ImportResult, block: list[tuple[int, str]], cloze_marks: tuple[str, ...]) -> None:
    marks = [i for i, (_, line) in enumerate(block) if line.strip() in ("?", "??")]
    if marks:
        i = marks[0]
        question = "\n".join(line for _, line in block[:i]).strip()
        answer = "\n".join(line for _, line in block[i + 1:]).strip()
        result.rows += 1
        add_card(result, block[0][0], question, answer, [], "reverse" if block[i][1].strip() == "??" else "basic")
        return
    for number, line in block:
        bare = CLOZE_RE.sub("", line)  # an Anki deletion's "::" is not the card separator
        if ":::" in bare or "::" in bare:
            sep = ":::" if ":::" in bare else "::"
            cut = len(CLOZE_RE.sub(lambda m: "\0" * len(m.group(0)), line).split(sep, 1)[0])
            question, answer = line[:cut], line[cut + len(sep):]
            result.rows += 1
            add_card(result, number, question, answer, [], "reverse" if sep == ":::" else "basic")
        elif (cloze := obsidian_cloze(line.strip(), cloze_marks)) is not None:
            result.rows += 1
            add_cloze(result, number, cloze, "", [])
