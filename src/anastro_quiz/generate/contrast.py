"""Stage 4, true/false: a statement is keyed False only where the document contradicts it.

Swapping the men's and the women's entries of a table row (or two parallel list items)
gives a false statement only if the two entries cannot both be true: their doses differ
once written per week, they put opposite degrees or directions on the same thing
("markedly increased" vs "slightly increased"), one negates what the other affirms, or the
row asks for one thing ("primary goal") and they name different ones. Even then, a
sentence or table cell anywhere in the document that says the statement of the claimed
group ("... in men, leading to an increased fracture risk") vetoes the False key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..claims import content_stems, contradiction, polarity, stem, tokens

_SAME_FOR_BOTH = re.compile(r"\b(?:both sexes|in both|mirror\w*|the same\b|similar(?:ly)?\b|as in|as seen in|"
                            r"likewise|also)\b", re.I)
_SEX = {"men": {"men", "man", "male", "males"}, "women": {"women", "woman", "female", "females"}}


def group_words(population: str) -> set[str]:
    """The words that name a population in running text: "in men on TRT" -> men, man, male(s)."""
    head = re.split(r" (?:on|with|\() ?", population.strip().lower())[0].split()[-1]
    for words in _SEX.values():
        if head in words:
            return set(words)
    return {head, head.rstrip("s"), head + "s"}


# --- support anywhere in the document -------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """A sentence or table cell of the document, with the populations it speaks about."""

    text: str
    groups: frozenset[str]  # group words it (or the sentence before it) mentions
    both: bool  # "the same ... seen in women", "in both sexes"


def evidence(sentences: Iterable, cells: Iterable[tuple[str, str]] = ()) -> list[Evidence]:
    """Evidence from sentences (with ``.text`` and ``.previous``) and (population, cell) pairs."""
    out = []
    for s in sentences:
        around = s.text + " " + (s.previous.text if getattr(s, "previous", None) is not None else "")
        out.append(Evidence(s.text, frozenset(tokens(around)), bool(_SAME_FOR_BOTH.search(s.text))))
    for population, cell in cells:
        out.append(Evidence(cell, frozenset(group_words(population)), False))
    return out


def support(claim: str, group: set[str], found: Iterable[Evidence]) -> str | None:
    """A sentence or cell about ``group`` (or about both groups) that says what ``claim`` says:
    at least two of its content words (all, if it has one) and half of them, not negated there."""
    words = content_stems(claim) - {stem(g) for g in group}
    if not words:
        return None
    need = max(min(2, len(words)), (len(words) + 1) // 2)
    for e in found:
        if not (e.both or group & e.groups):
            continue
        affirmed, _negated = polarity(e.text)
        if len(words & affirmed) >= need:
            return e.text
    return None


def false_key(claim: str, truth: str, label: str, group: set[str], found: list[Evidence]) -> str | None:
    """The reason ``claim`` said of ``group`` is false, or ``None`` when that is not certain."""
    reason = contradiction(claim, truth, label)
    if reason is None or support(claim, group, found) is not None:
        return None
    return reason
