"""Anki notes as deck cards: which of our card types a note type is, a note's fields as text
(HTML through inscriptis, sounds dropped), the stable ids a note and a deck get, and the card
data a note gives. :mod:`.anki_import` (packages) and :mod:`.anki_text` (exported text) use them."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from ..decks import document_name_problem
from .anki_package import AnkiNote, NoteType

_SOUND_RE = re.compile(r"\[sound:([^\]]+)\]")
_FIELD_REF_RE = re.compile(r"\{\{([^#/^!{}][^{}]*)\}\}")
_SOURCE_RE = re.compile(r"^(?P<document>[^\n]+?): \u201c(?P<quote>.*)\u201d$", re.DOTALL)


def html_to_text(value: str) -> str:
    """An Anki field's HTML as plain text (inscriptis), sounds removed, lines trimmed."""
    value = _SOUND_RE.sub("", value)
    text = _inscriptis()(value, _inscriptis_config()) if "<" in value or "&" in value else value
    lines = [line.strip() for line in text.replace("\xa0", " ").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@lru_cache(maxsize=1)
def _inscriptis():
    from inscriptis import get_text

    return get_text


@lru_cache(maxsize=1)
def _inscriptis_config():
    from inscriptis.model.config import ParserConfig

    return ParserConfig()  # built once: half the time of converting a short field


def card_id_for_guid(guid: str) -> str:
    """A stable card id from an Anki note GUID (GUIDs may hold characters ids cannot)."""
    return "anki-" + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:12]


def deck_id_for_name(name: str) -> str:
    """``Biology::Cells`` → ``biology::cells`` (each part lowercased, other characters as ``-``)."""
    parts = []
    for part in name.split("::"):
        slug = re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-")
        parts.append(slug or "d" + hashlib.sha256(part.encode("utf-8")).hexdigest()[:8])
    return "::".join(parts)


def classify(notetype: NoteType) -> str:
    """``cloze``, ``typed``, ``reverse``, ``basic``, ``image`` (image occlusion) or ``other`` for a note type."""
    if notetype.cloze:
        return "image" if any("image-occlusion" in t for t in notetype.templates) else "cloze"
    templates = notetype.templates
    if len(notetype.fields) < 2 or not templates:
        return "other"
    if any("{{#" in t or "{{^" in t for t in templates):
        return "other"  # a conditional card ("optional reversed")
    if len(templates) == 1:
        return "typed" if "{{type:" in templates[0] else "basic"
    fronts = [{r.strip() for r in _FIELD_REF_RE.findall(t)} for t in templates]
    if len(templates) == 2 and fronts[0] == {notetype.fields[0]} and fronts[1] == {notetype.fields[1]}:
        return "reverse"
    return "other"


def item_id(kind: str, card_id: str, ord_: int) -> str | None:
    """The study item an Anki card (its template ordinal) is, or None if no item matches."""
    if kind == "cloze":
        return f"{card_id}.c{ord_ + 1}"
    if kind == "reverse":
        return {0: card_id, 1: f"{card_id}.reverse"}.get(ord_)
    return card_id if ord_ == 0 else None


def short(text: str, n: int = 50) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def card_data(kind: str, note: AnkiNote, notetype: NoteType, texts: list[str]) -> dict[str, Any]:
    """A card's fields from a note of ``kind`` (its fields' ``texts``): prompt and answer or cloze text,
    explanation, source and tags (a ``marked`` tag is the card's mark, not a tag)."""
    names = notetype.fields
    named = {name: texts[i] for i, name in enumerate(names) if i < len(texts)}
    data: dict[str, Any]
    if kind == "cloze":
        data = {"text": named.get("Text", texts[0])}
        extra = named.get("Back Extra") or named.get("Explanation") or (texts[1] if len(texts) > 1 else "")
    else:
        data = {"prompt": texts[0], "answer": texts[1] if len(texts) > 1 else ""}
        extra = named.get("Explanation", "")
    if extra:
        data["explanation"] = extra
    source = _SOURCE_RE.match(named.get("Source", ""))
    if source and document_name_problem(source["document"]) is None and source["quote"].strip():
        data["source"] = {"document": source["document"], "quote": source["quote"]}
    tags = [t for t in dict.fromkeys(note.tags) if t and not is_marked_tag(t)]
    if tags:
        data["tags"] = tags
    return data


MARKED_TAG = "marked"  # how Anki marks a note: a tag, which here is the card's mark (a state, not a tag)


def is_marked_tag(tag: str) -> bool:
    """Whether a note tag is Anki's mark (any case)."""
    return tag.casefold() == MARKED_TAG


def used_fields(notetype: NoteType) -> set[int]:
    """The fields a note type's cards use here (the rest, when not empty, are reported)."""
    used = {0, 1}
    for i, name in enumerate(notetype.fields):
        if name in ("Explanation", "Source", "Back Extra", "Text"):
            used.add(i)
    return used
