"""Searching cards as the Cards browser does: plain words, and ``field:word`` for one field.

Every term must match (case-insensitive, as a substring). A plain word matches the prompt,
the answer, a tag or the card id; ``prompt:``, ``answer:``, ``tag:``, ``deck:``, ``id:`` and
``type:`` limit it to that field; ``is:`` matches a flag (``is:marked``, ``is:suspended``,
``is:buried``, ``is:leech``) or a state (``is:new``, ``is:learn`` for learning and
relearning, ``is:review``, ``is:due``: studied, not suspended and due by the end of today),
and ``tag:marked`` a marked card too, as in Anki. ``prop:`` compares a number: ``lapses``,
``reps`` or ``due`` (days from today until the card is due: ``prop:due<=0`` is due today or
overdue, ``prop:due>7`` later than a week; a new card has none), with ``<``, ``<=``, ``>``,
``>=``, ``=`` or ``!=`` (``prop:lapses>3``). Quotes keep words together
(``answer:"bone loss"``). A ``prop:`` that is not one of these is a :class:`SearchError`.
"""

from __future__ import annotations

import operator
import re
import shlex
from typing import Mapping

from .decks import StudyItem

FIELDS = ("prompt", "answer", "tag", "deck", "id", "type", "is", "prop")
FLAGS = ("marked", "suspended", "buried", "leech", "new", "learn", "review", "due")
PROPS = ("lapses", "reps", "due")
_COMPARE = {"<=": operator.le, ">=": operator.ge, "!=": operator.ne, "<": operator.lt, ">": operator.gt,
            "=": operator.eq}
_PROP = re.compile(rf"({'|'.join(PROPS)})(<=|>=|!=|<|>|=)(-?\d+(?:\.\d+)?)")


class SearchError(ValueError):
    """A search term that cannot be read (a ``prop:`` of no known property or number)."""


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


def check_query(query: str) -> None:
    """:class:`SearchError` (a readable message) for a ``prop:`` term that cannot be read."""
    for field, text in parse_query(query):
        if field == "prop" and not _PROP.fullmatch(text):
            raise SearchError(f"prop:{text} is not a comparison: use {', '.join(PROPS)} with <, <=, >, >=, = "
                              "or != and a number, e.g. prop:lapses>3 or prop:due<=0")


def matches(item: StudyItem, query: str, flags: frozenset[str] = frozenset(),
            props: Mapping[str, float | None] | None = None) -> bool:
    """Whether ``item`` has every term of ``query`` (an empty query matches everything);
    ``flags`` are the card's flags and states (of :data:`FLAGS`), which ``is:`` and
    ``tag:marked`` read, ``props`` its numbers (of :data:`PROPS`), which ``prop:`` compares."""
    fields = _fields(item, flags)
    plain = fields["prompt"] + fields["answer"] + fields["tag"] + fields["id"]
    for field, text in parse_query(query):
        if field == "is":
            if text not in fields["is"]:
                return False
            continue
        if field == "prop":
            found = _PROP.fullmatch(text)
            if found is None:
                raise SearchError(f"prop:{text} is not a comparison")
            name, op, number = found.groups()
            value = (props or {}).get(name)
            if value is None or not _COMPARE[op](value, float(number)):
                return False
            continue
        values = plain if field is None else fields[field]
        if not any(text in value.casefold() for value in values):
            return False
    return True
