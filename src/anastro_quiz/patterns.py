"""Regular expressions built at run time (around a term, an answer, an option), compiled once;
and the commonest of them, a literal not inside a longer word, found without one.

``re`` keeps only the last 512 patterns it compiled and drops the oldest first, so a long
input, which builds one pattern per new term or sentence, keeps evicting the fixed ones
(pysbd's rules among them) and recompiles them: on 2 MB of new text a third of the
generator's time went to compiling. Patterns made here are kept in their own cache; the
whole-word searches of :func:`find_whole` and :func:`whole_spans` compile nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator


@lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, kept for the next call with the same pattern."""
    return re.compile(pattern, flags)


def whole(text: str, edge: str = r"\w\-", flags: int = 0) -> re.Pattern[str]:
    """``text`` (escaped) not inside a longer word: no character of ``edge`` on either side."""
    return compiled(rf"(?<![{edge}]){re.escape(text)}(?![{edge}])", flags)


# The only characters outside ASCII that re.I takes for an ASCII letter (İ, ı, ſ, the Kelvin sign): in a
# text without them, a case-insensitive match of ASCII letters is a match of the text lower-cased.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class AnyCase:
    """Whether a case-insensitive pattern is found in a text, tested as the pattern compiled
    case-sensitively on the text lower-cased (``re`` tries a case-insensitive alternation of words
    several times slower). The pattern is written in lower case, its letters ASCII: outside
    :data:`FOLDS_TO_ASCII`, lower-casing maps each character to one of the same class (word,
    digit, space), so both searches find the same; a text with one of those is searched as is."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if pattern != pattern.lower() or any(not c.isascii() and c.upper() != c for c in pattern):
            raise ValueError(f"not a lower-case ASCII pattern: {pattern!r}")
        self.pattern = re.compile(pattern, flags | re.IGNORECASE)
        self._lower = re.compile(pattern, flags & ~re.IGNORECASE)

    def found(self, text: str) -> bool:
        """``self.pattern.search(text) is not None``."""
        lowered = _lowered(text)
        if lowered is None:
            return self.pattern.search(text) is not None
        return self._lower.search(lowered) is not None


@lru_cache(maxsize=4096)  # a card's quote is tested by several patterns in a row
def _lowered(text: str) -> str | None:
    """``text`` lower-cased, or ``None`` if it holds a character of :data:`FOLDS_TO_ASCII`."""
    return None if FOLDS_TO_ASCII.search(text) else text.lower()


# The edges find_whole and whole_spans test by hand: ``\w`` is str.isalnum() or "_" (the same
# test re makes on str patterns), plus these characters.
_EDGE_EXTRA = {r"\w\-": "_-", r"\w": "_", r"\w.": "_."}


def find_whole(text: str, part: str, edge: str = r"\w\-") -> int:
    """Where ``whole(part, edge).search(text)`` matches first, or -1 (case-sensitive)."""
    return next(_whole_starts(text, part, edge), -1)


def whole_spans(text: str, part: str, edge: str = r"\w\-") -> list[tuple[int, int]]:
    """The spans of ``whole(part, edge).finditer(text)`` (case-sensitive), which are also
    what ``whole(part, edge).sub`` replaces."""
    return [(start, start + len(part)) for start in _whole_starts(text, part, edge)]


def _whole_starts(text: str, part: str, edge: str) -> Iterator[int]:
    """The starts of the non-overlapping matches of ``whole(part, edge)``, left to right."""
    extra = _EDGE_EXTRA.get(edge)
    if extra is None or not part:  # an edge not tested by hand, or empty matches: let re do it
        yield from (m.start() for m in whole(part, edge).finditer(text))
        return

    def is_edge(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] in extra)

    start = text.find(part)
    while start != -1:
        end = start + len(part)
        if not is_edge(start - 1) and not is_edge(end):
            yield start
            start = text.find(part, end)
        else:
            start = text.find(part, start + 1)
