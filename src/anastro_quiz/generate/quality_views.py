"""What the card checks of :mod:`.quality` read: a card as the student sees it
(:class:`CardView`) and the article it came from (:class:`SourceText`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..deck_model import BLANK
from .clean import strip_leftovers
from .quality_text import sentences_and_rows, subject_words

# A blank as the student sees it: a generated card's gap (three or more underscores) or a
# studied cloze's deletion (deck_model.BLANK, "[...]").
BLANK_SHOWN = rf"(?:_{{3,}}|{re.escape(BLANK)})"


@dataclass(frozen=True)
class CardView:
    """One study item as the student sees it, with what the checks need to know about it."""

    card_id: str
    kind: str
    type: str
    prompt: str
    answer: str
    quote: str = ""
    document: str = ""
    choices: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    explanation: str = ""

    @property
    def shown(self) -> list[str]:
        """Every text the student reads on this card (the quote is the source, checked apart)."""
        return [self.prompt, self.answer, *self.choices, *self.items, self.explanation]


@dataclass
class SourceText:
    """The article a card came from: its text split into sentences and table rows."""

    name: str
    text: str
    units: list[str] = field(default_factory=list)  # sentences, list items, table rows
    subjects: set[str] = field(default_factory=set)  # stems of the document's own subject words
    flat: str = ""  # the text as :func:`flatten` leaves it, to find quotes in
    related: list[str] = field(default_factory=list)  # units of the other documents read in the same run

    def __post_init__(self):
        self.flat = self.flat or flatten(self.text)

    @classmethod
    def of(cls, name: str, text: str) -> "SourceText":
        return cls(name, text, sentences_and_rows(text), subject_words(name, text))

    def context_of(self, quote: str) -> str:
        """What frames a quote: the first line of its paragraph (a table's header) and the
        short paragraph before it (a heading); empty when the quote is not found verbatim."""
        at = self.text.find(quote[:60])
        if at < 0:
            return ""
        start = self.text.rfind("\n\n", 0, at)
        start = 0 if start < 0 else start + 2
        first = self.text[start:].split("\n", 1)[0]
        before = self.text[:start].rstrip().rsplit("\n\n", 1)[-1].strip()
        return first + (" " + before if len(before.split()) <= 12 else "")


_MARKUP = re.compile(r"\[\s*\d+(?:\s*[,–\-]\s*\d+)*\s*\]|\[citation needed\]|\*\*|"
                     r"(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|"
                     r"\[([^\]]*)\]\([^)]*\)")


def flatten(text: str) -> str:
    """Text with citation markers, emphasis marks and link targets dropped and all spacing
    (line breaks, no-break spaces) made one space: a cleaned quote still matches its source."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", strip_leftovers(text))  # the generator's own cleaning
    return " ".join(text.replace("\u00a0", " ").split())
