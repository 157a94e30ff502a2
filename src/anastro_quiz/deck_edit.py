"""Editing one card of a deck file in place: the rest of the file stays byte for byte.

The deck is read with ruamel.yaml's round-trip loader, which knows where every card and
field starts and how each value was written (quotes, block style, flow lists, end-of-line
comments). Only the lines of the fields that changed are re-emitted (by ruamel, in the
value's old style); every other line, comment and blank line is copied unchanged. A
whole-file ruamel dump would re-wrap every long line of a generated deck, so it is the
last resort, for decks whose cards are written in flow style.

The new text is validated with the same checks as ``anastro-quiz validate`` before
anything is written; the file is replaced atomically (temporary file + ``os.replace``).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      SingleQuotedScalarString)

from .card_form import FIELDS, form_values, parse_field
from .decks import Deck, DeckError, cache_deck, load_deck, parse_deck
from .files import write_text_atomically
from .paths import DECKS_ENV

WIDTH = 100  # the generator writes decks 100 columns wide (decks.dump_deck)


# Where a field that was absent goes, so that added fields sit where a person would write them.
ORDER = ("id", "type", "prompt", "statement", "text", "answer", "items", "need", "choices", "accept", "tolerance",
         "tags", "explanation", "source", "score")


class EditError(Exception):
    """The edit cannot be saved; ``problems`` says why (one line each). Nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class ReadOnlyDeck(EditError):
    """The deck file (or its folder) cannot be written."""


# --- editing a deck's text -----------------------------------------------------


def edited_text(text: str, card_id: str, form: dict[str, str], name: str = "<deck>") -> str:
    """The deck ``text`` with card ``card_id``'s fields set from ``form`` (field name -> text).

    Fields missing from ``form`` are left alone; a field whose text is unchanged is not
    rewritten. Raises :class:`EditError` if the form or the resulting deck is invalid.
    """
    return _edited(text, card_id, form, name)[0]


def _edited(text: str, card_id: str, form: dict[str, str], name: str,
            deck: Deck | None = None) -> tuple[str, Deck | None]:
    """:func:`edited_text`, and the edited deck as parsed to validate it (None: no change).
    ``deck``: ``text`` already parsed (e.g. from the deck cache)."""
    if deck is None:
        deck, problems = parse_deck(text, name)
        if deck is None or problems:
            raise EditError([f"the deck has problems already; fix them first: {problems[0] if problems else ''}"])
    card = next((c for c in deck.cards if c.id == card_id), None)
    if card is None:
        raise EditError([f"card {card_id!r} is no longer in {name} (was the file changed?)"])
    before = form_values(card.type, card.data)
    changes: dict[str, Any] = {}
    errors = []
    for f in FIELDS[card.type]:
        if f.name in form and form[f.name].strip() != before[f.name].strip():
            try:
                changes[f.name] = parse_field(f, form[f.name])
            except ValueError as exc:
                errors.append(str(exc))
    unknown = sorted(set(form) - {f.name for f in FIELDS[card.type]})
    if unknown:
        errors.append(f"not an editable field of a {card.type} card: {', '.join(unknown)}")
    if errors:
        raise EditError(errors)
    if not changes:
        return text, None
    new_text = _spliced(text, card.line, changes)
    new_deck, problems = _checked(new_text, name, card_id)
    edited = next((c for c in new_deck.cards if c.id == card_id), None) if new_deck else None
    if edited is None or any(edited.data.get(k) != v for k, v in changes.items()):
        new_text = _whole_file(text, card_id, changes)  # an unusual layout: ruamel writes it all
        new_deck, problems = _checked(new_text, name, card_id)
    if problems or new_deck is None:
        raise EditError(problems)
    return new_text, new_deck


def removed_text(text: str, card_id: str, name: str = "<deck>") -> str | None:
    """The deck ``text`` without card ``card_id`` (``None`` if it was the deck's only card)."""
    deck, problems = parse_deck(text, name)
    if deck is None or problems:
        raise EditError([f"the deck has problems already; fix them first: {problems[0] if problems else ''}"])
    if card_id not in {c.id for c in deck.cards}:
        raise EditError([f"card {card_id!r} is no longer in {name} (was the file changed?)"])
    if len(deck.cards) == 1:
        return None
    line = next(c.line for c in deck.cards if c.id == card_id)
    layout = _Layout(text, line)
    new_text = text
    if layout.card is not None:
        new_text = "".join(layout.lines[:layout.start] + layout.lines[layout.trim(layout.start, layout.end,
                                                                                    layout.dash_col):])
    check, problems = parse_deck(new_text, name)
    if problems or check is None or [c.id for c in check.cards] != [c.id for c in deck.cards if c.id != card_id]:
        new_text = _whole_file(text, card_id, None)  # an unusual layout: ruamel writes it all
    return new_text


def edit_card(path: str | Path, card_id: str, form: dict[str, str]) -> Deck | None:
    """Save an edit of card ``card_id`` to the deck file at ``path``; returns the deck as
    saved, or None if nothing changed.

    Raises :class:`EditError` (nothing written) if the edit is invalid, and
    :class:`ReadOnlyDeck` if the file cannot be written.
    """
    path = Path(path)
    text = _read(path)
    try:
        before = load_deck(path)  # from the deck cache when the file is unchanged
    except DeckError as exc:
        raise EditError([f"the deck has problems already; fix them first: {exc.problems[0]}"]) from None
    new_text, deck = _edited(text, card_id, form, str(path), before)
    if deck is None:
        return None
    write_atomic(path, new_text)
    deck.path = path
    cache_deck(deck)  # the next edit (or launch) need not parse it again
    return deck


# The decks inside an installed package: a change there is lost at the next upgrade, so
# they count as read-only even where the package folder happens to be writable.
INSTALLED_DECKS = Path(__file__).resolve().parent / "bundled_decks"


def check_writable(path: Path) -> None:
    """Raise :class:`ReadOnlyDeck` unless ``path`` can be replaced (file and folder writable,
    and not one of the installed package's decks)."""
    installed = path.resolve().is_relative_to(INSTALLED_DECKS)
    if installed or (path.exists() and not os.access(path, os.W_OK)) or not os.access(path.parent, os.W_OK):
        raise ReadOnlyDeck([
            f"{path} is read-only (decks installed with the package cannot be changed): copy its folder "
            f"(`anastro-quiz where` shows it) somewhere of your own and study it with --decks or ${DECKS_ENV}"])


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` all at once: a crash leaves the old file or the new one."""
    check_writable(path)
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise ReadOnlyDeck([f"cannot write to {path.parent}: {exc.strerror}"]) from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EditError([f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}"]) from None


# --- splicing ------------------------------------------------------------------


class _Layout:
    """A deck file's lines, and the lines of one card as ruamel reads them.

    Only the card's own lines go through ruamel (it is slow: about 5 ms a card), so an
    edit costs the same in a deck of ten cards or ten thousand. ``card`` is None when the
    card is not a block-sequence item (e.g. ``cards: [{...}]``).
    """

    def __init__(self, text: str, card_line: int):
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += "\n"
        self.seq_indent, self.seq_offset = _guess_sequence_indent(self.lines)
        self.card: CommentedMap | None = None
        start = card_line - 1  # where the card's mapping starts (parse_deck's line, 1-based)
        if not self.lines[start].lstrip().startswith("-"):
            start -= 1  # a dash alone on the line above ("-" then the fields)
            if start < 0 or self.lines[start].strip() != "-":
                return
        self.start = start
        self.dash_col = len(self.lines[start]) - len(self.lines[start].lstrip())
        end = start + 1
        while end < len(self.lines) and not self._ends_card(self.lines[end]):
            end += 1
        self.end = end
        reader = YAML()
        reader.preserve_quotes = True
        try:
            item = reader.load("".join(self.lines[start:end]))
        except YAMLError:  # e.g. an alias to an anchor outside the card: the whole file is needed
            return
        if isinstance(item, CommentedSeq) and len(item) == 1 and isinstance(item[0], CommentedMap):
            self.card = item[0]

    def _ends_card(self, line: str) -> bool:
        """The next card, or the next top-level key: content indented no deeper than the dash."""
        stripped = line.strip()
        return bool(stripped) and not stripped.startswith("#") and len(line) - len(line.lstrip()) <= self.dash_col

    def key_line(self, key: str) -> int:
        assert self.card is not None
        return self.start + self.card.lc.key(key)[0]

    def trim(self, start: int, end: int, col: int) -> int:
        """Move ``end`` back over trailing blank lines and comments indented no deeper than ``col``
        (they introduce what follows, so they stay when a field or card is rewritten or removed)."""
        while end - 1 > start:
            line = self.lines[end - 1]
            stripped = line.strip()
            if stripped and not (stripped.startswith("#") and len(line) - len(line.lstrip()) <= col):
                break
            end -= 1
        return end

    def emit(self, key: str, value: Any, old: Any, comment: tuple[int, str] | None, col: int) -> list[str]:
        """``key: value`` as YAML lines indented by ``col``, in ``old``'s style; a one-line field
        keeps its end-of-line ``comment`` (column, text) where it was."""
        mapping = CommentedMap()
        mapping[key] = _styled(value, old)
        out = io.StringIO()
        _writer(max(40, WIDTH - col), self.seq_indent, self.seq_offset).dump(mapping, out)
        lines = [(" " * col + line).rstrip() if line.strip() else "" for line in out.getvalue().splitlines()]
        if comment is not None and len(lines) == 1:
            column, note = comment
            lines[0] = lines[0].ljust(column - 2) + "  " + note
        return [line + "\n" for line in lines]


def _writer(width: int, sequence: int, offset: int) -> YAML:
    writer = YAML()
    writer.width = width
    writer.allow_unicode = True
    writer.indent(mapping=2, sequence=sequence, offset=offset)
    return writer


def _spliced(text: str, card_line: int, changes: dict[str, Any]) -> str:
    """``text`` with only the changed fields' lines of the card at ``card_line`` rewritten
    (``text`` unchanged if the card is not laid out one field a line: the caller checks)."""
    layout = _Layout(text, card_line)
    card = layout.card
    if card is None or card.fa.flow_style():
        return text
    keys = list(card)
    starts = [layout.key_line(k) for k in keys]
    if not all(a < b for a, b in zip(starts, starts[1:])):
        return text
    col = card.lc.key(keys[0])[1]
    spans = {k: (s, layout.trim(s, starts[i + 1] if i + 1 < len(keys) else layout.end, col))
             for i, (k, s) in enumerate(zip(keys, starts))}
    edits: list[tuple[int, int, list[str]]] = []
    inserts: dict[int, list[str]] = {}
    for key in sorted(changes, key=ORDER.index):
        value = changes[key]
        if key in spans:
            lo, hi = spans[key]
            new = [] if value is None else layout.emit(key, value, card[key], _eol_comment(card, key), col)
            edits.append((lo, hi, new))
        elif value is not None:
            later = [k for k in keys if k in ORDER and ORDER.index(k) > ORDER.index(key)]
            at = spans[later[0]][0] if later else spans[keys[-1]][1]
            inserts.setdefault(at, []).extend(layout.emit(key, value, None, None, col))
    edits += [(at, at, new) for at, new in inserts.items()]
    lines = list(layout.lines)
    for lo, hi, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[lo:hi] = new
    return "".join(lines)


def _whole_file(text: str, card_id: str, changes: dict[str, Any] | None) -> str:
    """The last resort: ruamel reads and writes the whole file (comments kept, long lines
    re-wrapped). ``changes`` None removes the card."""
    reader = YAML()
    reader.preserve_quotes = True
    doc = reader.load(text)
    cards = doc["cards"]
    index = next(i for i, c in enumerate(cards) if str(c.get("id")) == card_id)
    if changes is None:
        del cards[index]
    else:
        for key, value in changes.items():
            if value is None:
                cards[index].pop(key, None)
            else:
                cards[index][key] = _styled(value, cards[index].get(key))
    out = io.StringIO()
    _writer(WIDTH, *_guess_sequence_indent(text.splitlines(keepends=True))).dump(doc, out)
    return out.getvalue()


def _checked(text: str, name: str, card_id: str):
    """Parse ``text``; problems of the edited card read without the file and line."""
    deck, problems = parse_deck(text, name)
    return deck, [p.message if p.card_id == card_id else str(p) for p in problems]


def _eol_comment(card: CommentedMap, key: str) -> tuple[int, str] | None:
    """The ``# comment`` at the end of a one-line field (its column and text), or None."""
    tokens = card.ca.items.get(key)
    token = tokens[2] if tokens and len(tokens) > 2 else None
    if token is None or not token.value.lstrip().startswith("#") or token.value.count("\n") > 1:
        return None
    return token.column, token.value.strip()


def _styled(value: Any, old: Any) -> Any:
    """``value`` written the way ``old`` was (quotes, block scalar, flow list)."""
    if isinstance(value, str):
        if "\n" in value:  # several lines read best as a block
            return LiteralScalarString(value)
        for style in (SingleQuotedScalarString, DoubleQuotedScalarString, FoldedScalarString):
            if isinstance(old, style):
                return style(value)
        return value
    if isinstance(value, list):
        seq = CommentedSeq(_styled(v, None) for v in value)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    return value


_ITEM_RE = re.compile(r"^( *)- +\S")


def _guess_sequence_indent(lines: list[str]) -> tuple[int, int]:
    """ruamel's (sequence, offset) indentation as this file writes block lists."""
    for i, line in enumerate(lines[:-1]):
        stripped = line.rstrip()
        if stripped.endswith(":") and not stripped.lstrip().startswith(("-", "#")):
            match = _ITEM_RE.match(lines[i + 1])
            if match:
                key_col = len(line) - len(line.lstrip())
                offset = len(match.group(1)) - key_col
                return max(2, offset + 2), max(0, offset)
    return 2, 0
