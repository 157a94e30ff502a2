"""What the extractors find: a :class:`Fact` (one thing a card can test) and, for the kinds
that know more than a subject and an answer, that knowledge typed per kind."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import FactKind, fact_kind_of


@dataclass(frozen=True)
class NumberDetail:
    """A ``number`` fact's figure: ``value`` (a range's low end), ``high`` (its high end, or
    ``value``), the unit's name, and where the figure stands in the quote."""

    value: float
    high: float
    unit: str
    span: tuple[int, int]


@dataclass(frozen=True)
class CellDetail:
    """A ``cell`` fact's table: the cell's column, and the row's columns and cells."""

    column: str
    columns: list[str]
    cells: list[str]


@dataclass(frozen=True)
class RowDetail:
    """A ``contrast`` fact's two-column table row."""

    columns: list[str]
    cells: list[str]


@dataclass(frozen=True)
class ItemDetail:
    """An ``item`` fact's labelled list item ("In Women: The primary goal is X."): its label,
    its verb, and what the other items say of the same subject."""

    label: str
    verb: str
    others: list[str]


@dataclass
class Fact:
    """One thing a card can test; ``kind`` says which extractor found it, and ``detail`` holds
    what that kind knows beyond subject and answer (None for the kinds that know no more)."""

    kind: FactKind
    document: str
    quote: str
    heading: str
    subject: str = ""
    answer: str = ""
    detail: NumberDetail | CellDetail | RowDetail | ItemDetail | None = None
    page: int | None = None  # set by :func:`locate_pages` for documents with pages

    def __post_init__(self):
        fact_kind_of(self.kind)
