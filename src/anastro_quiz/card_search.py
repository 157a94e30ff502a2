"""Searching cards as the Cards browser does: plain words, and ``field:word`` for one field.

Every term must match (case-insensitive, as a substring). A plain word matches the prompt,
the answer, a tag or the card id; ``prompt:``, ``answer:``, ``tag:``, ``deck:``, ``id:`` and
``type:`` limit it to that field; ``is:`` matches a flag (``is:marked``, ``is:suspended``,
``is:buried``, ``is:leech``), and ``tag:marked`` a marked card too, as in Anki. Quotes keep
words together (``answer:"bone loss"``).
"""

from __future__ import annotations

import shlex

from .decks import StudyItem

FIELDS = ("prompt", "answer", "tag", "deck", "id", "type", "is")
FLAGS = ("marked", "suspended", "buried", "leech")


def _fields(item: StudyItem, flags: frozenset[str]) -> dict[str, list[str]]:
    marked = ["marked"] if "marked" in flags else []  # Anki keeps its mark as the tag "marked"
    return {"prompt": [item.prompt], "answer": [item.answer], "tag": list(item.tags) + marked,
            "deck": [item.deck_id], "id": [item.id], "type": [item.type], "is": sorted(flags)}


def parse_query(query: str) -> list[tuple[str | None, str]]:
    """``(field or None, text)`` for each term of ``query`` (an unclosed quote is read as text)."""
    try:
        words = shlex.split(query)
    except ValueError:
        words = query.split()
    terms = []
    for word in words:
        field, sep, text = word.partition(":")
        if sep and field.lower() in FIELDS and text:
            terms.append((field.lower(), text.casefold()))
        elif word:
            terms.append((None, word.casefold()))
    return terms


def matches(item: StudyItem, query: str, flags: frozenset[str] = frozenset()) -> bool:
    """Whether ``item`` has every term of ``query`` (an empty query matches everything);
    ``flags`` are the card's flags (of :data:`FLAGS`), which ``is:`` and ``tag:marked`` read."""
    fields = _fields(item, flags)
    plain = fields["prompt"] + fields["answer"] + fields["tag"] + fields["id"]
    for field, text in parse_query(query):
        if field == "is":
            if text not in fields["is"]:
                return False
            continue
        values = plain if field is None else fields[field]
        if not any(text in value.casefold() for value in values):
            return False
    return True
