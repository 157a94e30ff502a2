"""The generator's two vocabularies of kinds, shared by the extractors, the card builders,
the selection stage and the quality checks: what a :class:`~.facts.Fact` is (which extractor
found it) and what a card is (the prefix of a generated card's id: ``why-3fa2…``).

A kind is a ``Literal``, so an editor checks every ``kind == "..."``; :func:`card_kind_of`
and :func:`fact_kind_of` refuse a word that is not one, so a new kind is added here first.
"""

from __future__ import annotations

from typing import Literal, get_args

FactKind = Literal["number", "definition", "gloss", "named", "role", "acronym", "cell", "contrast", "item"]
FACT_KINDS: frozenset[str] = frozenset(get_args(FactKind))

CardKind = Literal[
    # from one fact
    "number", "term", "define", "effect", "table", "contrast", "item", "examples", "outcome", "class",
    # a teacher's questions ("how" only in decks generated before why/how became one kind)
    "why", "how", "action", "chain", "compare", "list",
]
CARD_KINDS: tuple[str, ...] = get_args(CardKind)
# Question kinds a teacher writes that a sentence-by-sentence generator misses (CARDS.md).
TEACHER_KINDS: frozenset[str] = frozenset({"why", "how", "chain", "compare", "list", "action"})


def card_kind_of(kind: str) -> CardKind:
    """``kind`` as a :data:`CardKind`; a ValueError names a word that is not one."""
    if kind not in CARD_KINDS:
        raise ValueError(f"{kind!r} is not a card kind (generate/kinds.py: CardKind)")
    return kind  # type: ignore[return-value]


def fact_kind_of(kind: str) -> FactKind:
    """``kind`` as a :data:`FactKind`; a ValueError names a word that is not one."""
    if kind not in FACT_KINDS:
        raise ValueError(f"{kind!r} is not a fact kind (generate/kinds.py: FactKind)")
    return kind  # type: ignore[return-value]
