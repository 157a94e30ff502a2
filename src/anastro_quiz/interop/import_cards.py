"""Building cards from imported rows, shared by the table readers (:mod:`.tabular`,
:mod:`.anki_text`): what was read (:class:`ImportResult`), rows that were skipped or
converted and why (:class:`Skipped`), duplicate checks, and card ids (given, or from the
front when a row has none).
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..decks import CLOZE_RE, Card, clean_text
from . import InteropError
from .anki_media import media_references, safe_name, with_mentions

MEDIA_NOTE = "images and sounds: "
# where the file being read is: its images and sounds are looked for beside it (see :func:`media_beside`)
_FIND_MEDIA: contextvars.ContextVar[Callable[[str], Path | None] | None] = contextvars.ContextVar(
    "find_media", default=None)
MEDIA_PLACES = (".", "collection.media", "media")


@contextlib.contextmanager
def media_beside(source: Path):
    """While reading ``source``, a card's image or sound is found in its folder, or in
    ``collection.media/`` or ``media/`` there (Anki's media folder copied beside an export)."""
    def find(name: str) -> Path | None:
        for place in MEDIA_PLACES:
            candidate = source.parent / place / name
            if candidate.is_file():
                return candidate
        return None

    token = _FIND_MEDIA.set(find)
    try:
        yield
    finally:
        _FIND_MEDIA.reset(token)
NOT_FOUND = "not found beside the file"
CLASH = "not copied: another file of that name is already copied"


@dataclass
class Skipped:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportResult:
    format: str
    cards: list[Card] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    converted: list[Skipped] = field(default_factory=list)
    rows: int = 0
    decks: list[str] = field(default_factory=list)  # the ``deck`` column's values, in order (own CSV)
    anki_decks: list[str] = field(default_factory=list)  # Anki deck names (#deck, #deck column), in order
    title: str | None = None  # a deck title the file gives (hashcards front matter)
    _seen: dict[tuple[str, str], Card] = field(default_factory=dict, repr=False)
    _bare: dict[str, Card] = field(default_factory=dict, repr=False)  # cards whose id is their front's bare slug
    _clashed: set[str] = field(default_factory=set, repr=False)  # slugs of two different fronts
    # images and sounds: where a file a card names is (beside the imported file), and those found, to copy
    find_media: Callable[[str], Path | None] | None = field(default_factory=lambda: _FIND_MEDIA.get(), repr=False)
    media_files: dict[str, Path] = field(default_factory=dict)  # name in media/ -> the file found
    markdown_media: bool = False  # Markdown images (``![](path)``, ``![[path]]``) are media too


def _media_name(ref: str, markdown: bool) -> str | None:
    """The name ``ref`` gets in ``media/`` (None: not to be copied). A Markdown image may be
    written with its folder (``img/cell.png``, as Obsidian and editors write them): it is kept
    under its own file name; anything else must be a plain file name already."""
    if markdown and "/" in ref and ".." not in ref.split("/"):
        return ref.rsplit("/", 1)[1] if safe_name(ref.rsplit("/", 1)[1]) else None
    return ref if safe_name(ref) else None


def name_media(result: ImportResult, line_no: int, value: str) -> str:
    """``value`` with each ``<img>`` and ``[sound:...]`` named as text where it was (:mod:`.anki_media`):
    a file found beside the imported file is to be copied into ``media/``; the row's line says which."""
    names = media_references(value, markdown=result.markdown_media)
    if not names:
        return value
    found: set[str] = set()
    stored_as: dict[str, str] = {}
    clashes: set[str] = set()
    for ref in names:
        name = _media_name(ref, result.markdown_media)
        where = result.find_media(ref) if name is not None and result.find_media is not None else None
        if name is None or where is None:
            continue
        if result.media_files.setdefault(name, where).resolve() != where.resolve():
            clashes.add(ref)  # two files of one name in different folders: media/ holds one
            continue
        found.add(ref)
        stored_as[ref] = name
    reported = next((c for c in result.converted if c.line == line_no and c.reason.startswith(MEDIA_NOTE)), None)
    listed = [f"{n} ({'copied to media/' if n in found else CLASH if n in clashes else NOT_FOUND})" for n in names]
    if reported is None:
        result.converted.append(Skipped(line_no, MEDIA_NOTE + ", ".join(listed) + ": named in the card"))
    else:
        reported.reason = reported.reason.removesuffix(": named in the card") + ", " + ", ".join(listed) \
            + ": named in the card"
    return with_mentions(value, found, clashes, missing=NOT_FOUND, markdown=result.markdown_media, stored_as=stored_as)


COMMENT_NOTE = "a comment line (it starts with #): left out, as Anki does"


def csv_rows(lines: list[str], start: int, dialect: str | type[csv.Dialect],
             comments: list[Skipped] | None = None) -> Iterable[tuple[int, list[str]]]:
    """CSV rows with the (1-based) line each starts on; quoted fields may span lines.
    ``dialect`` is a csv dialect, or just a delimiter (the excel dialect otherwise).
    With ``comments`` (an Anki text file), a line starting with ``#`` where a row would
    start is a comment, as Anki's reader has it: not a row, listed in ``comments``."""
    body = io.StringIO("".join(lines[start:]), newline="")
    state = {"line": start, "first": start + 1, "between": True}

    def source() -> Iterable[str]:
        for line in body:
            state["line"] += 1
            if state["between"]:
                if comments is not None and line.startswith("#"):
                    comments.append(Skipped(state["line"], COMMENT_NOTE))
                    continue
                state["first"], state["between"] = state["line"], False
            yield line

    if isinstance(dialect, str):
        reader = csv.reader(source(), delimiter=dialect)
    else:
        reader = csv.reader(source(), dialect)
    while True:
        state["between"] = True
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InteropError(f"line {state['first']}: malformed CSV ({exc})") from None
        yield state["first"], row


def clean_tags(tags: list[str]) -> list[str]:
    """The tags stripped, empty ones dropped, each once (in their order)."""
    out = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def empty_reason(prompt: str, answer: str) -> str | None:
    """Why a row with this front and back makes no card (for the skipped list), or None."""
    if not prompt and not answer:
        return "empty row"
    if not prompt:
        return "empty term / front"
    if not answer:
        return f"empty definition / back for {_short(prompt)!r}"
    return None


def add_card(result: ImportResult, line_no: int, prompt: str, answer: str, tags: list[str],
             ctype: str = "basic", card_id: str | None = None) -> None:
    """Add a front/back card from ``line_no`` to ``result`` (a front with a {{c1::...}}
    deletion becomes a cloze), or list why it is skipped: empty, a duplicate, a clash."""
    # cleaned as the deck will be at load, so a cell of control characters is an empty cell here
    prompt, answer = clean_text(prompt).strip(), clean_text(answer).strip()
    if reason := empty_reason(prompt, answer):
        result.skipped.append(Skipped(line_no, reason))
        return
    if CLOZE_RE.search(prompt):
        add_cloze(result, line_no, prompt, answer, tags, card_id)
        return
    card = result._seen.get((ctype, prompt))
    if card is not None:
        if card.data["answer"] == answer:
            result.skipped.append(Skipped(line_no, f"duplicate of line {card.line}"))
        else:
            result.skipped.append(Skipped(line_no, f"same term as line {card.line} with a different answer"))
        return
    data = {"prompt": prompt, "answer": answer}
    if tags := clean_tags(tags):
        data["tags"] = tags
    append_card(result, line_no, ctype, data, card_id)


def add_cloze(result: ImportResult, line_no: int, text: str, extra: str, tags: list[str],
              card_id: str | None = None) -> None:
    """Add a cloze card (``extra``: its explanation) from ``line_no`` to ``result``, or list
    why it is skipped: no deletion, an empty one, a duplicate."""
    text = text.strip()
    if not CLOZE_RE.search(text):
        result.skipped.append(Skipped(line_no, "cloze note without a {{c1::...}} deletion"))
        return
    if any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
        result.skipped.append(Skipped(line_no, "empty cloze deletion"))
        return
    card = result._seen.get(("cloze", text))
    if card is not None:
        result.skipped.append(Skipped(line_no, f"duplicate of line {card.line}"))
        return
    data: dict[str, object] = {"text": text}
    if extra.strip():
        data["explanation"] = extra.strip()
    if tags := clean_tags(tags):
        data["tags"] = tags
    append_card(result, line_no, "cloze", data, card_id)


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def slug_of(text: str) -> str:
    """A card id's readable part: the front's words (cloze answers in place), lower-case,
    joined with '-', at most 40 characters (``card`` if none is left)."""
    text = CLOZE_RE.sub(lambda m: m.group(2), text)
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].rstrip("-") or "card"


def front_hash(text: str) -> str:
    """10 hex digits of SHA-256 of the front, normalised (NFKC, case-folded, spaces collapsed)."""
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:10]


def card_id_for_front(text: str, taken: Callable[[str], bool]) -> str:
    """A card id from the front alone, never from a row's position: its slug when the front is
    ASCII and the slug is free; otherwise the slug (or ``card``) and a hash of the normalised
    front, so the id is the same whatever the order of the rows and whatever the script
    (:func:`append_card` gives every front of a slug two fronts share its hash, the first too)."""
    slug = slug_of(text)
    if text.isascii() and slug != "card" and not taken(slug):
        return slug
    card_id = f"{slug}-{front_hash(text)}"
    n = 2
    while taken(card_id):  # the same normalised front twice: only a duplicate of another type
        card_id, n = f"{slug}-{front_hash(text)}-{n}", n + 1
    return card_id


def _front(data: dict) -> str:
    return str(data.get("prompt") or data.get("text") or data.get("statement"))


def append_card(result: ImportResult, line_no: int, ctype: str, data: dict, card_id: str | None = None) -> None:
    """Append a checked card to ``result`` with its id (``card_id``, or one made from its
    front: :func:`card_id_for_front`), noting any image or sound it names."""
    bare = False
    if card_id is None:
        front, slug = _front(data), slug_of(_front(data))
        earlier = result._bare.pop(slug, None)
        if earlier is not None:  # two fronts, one slug: both get their hash, whichever came first
            result._clashed.add(slug)
            del result._seen[("id", slug)]
            earlier.id = earlier.data["id"] = f"{slug}-{front_hash(_front(earlier.data))}"
            result._seen[("id", earlier.id)] = earlier
        card_id = card_id_for_front(front, lambda i: ("id", i) in result._seen or i in result._clashed)
        bare = card_id == slug
    for key in ("prompt", "answer", "text", "explanation"):  # an image or a sound: named, never silently kept
        if isinstance(data.get(key), str):
            data[key] = name_media(result, line_no, data[key])
    card = Card(id=card_id, type=ctype, data={"id": card_id, "type": ctype, **data}, line=line_no)
    result.cards.append(card)
    result._seen[("id", card_id)] = card
    result._seen[(ctype, _front(data))] = card
    if bare:
        result._bare[card_id] = card
