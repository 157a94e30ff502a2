"""The card checks of :mod:`.quality` that hold a card against its source: the quote is in the
article, a true/false key is what the text says, "Sources differ" is a real difference."""

from __future__ import annotations

import re

from .quality_text import content_words, numbers, weekly_dose
from .quality_views import CardView, SourceText, flatten


_COVERED = 0.75
_NEGATION = re.compile(r"\b(?:not|no|never|without|neither|nor|cannot|none|lacks?)\b|n['’]t\b", re.I)


def negated(text: str) -> bool:
    """Whether a text says "not", "no", "never", "without"... anywhere."""
    return bool(_NEGATION.search(text))


def unsupported_true_false(card: CardView, doc: SourceText | None = None) -> str | None:
    """A true/false key the text does not back, as far as word overlap can tell: keyed True
    while the quote (with its table's header or its section's heading) lacks one of its
    figures, a quarter of its words, or the negation it states; keyed False while one
    sentence or table row of the source (or of another document of the same run) holds
    every word and figure of the statement, with the same polarity (a "not" on one side only
    is a contradiction, not a match)."""
    if card.type != "true_false":
        return None
    words, figures, negative = content_words(card.prompt), numbers(card.prompt), negated(card.prompt)
    if card.answer == "True":
        where = card.quote + " " + (doc.context_of(card.quote) if doc else "")
        quote_words, quote_figures = content_words(where), numbers(where)
        missing = figures - quote_figures
        if missing:
            return f"keyed True, quote lacks {sorted(missing)}"
        if words and len(words & quote_words) < _COVERED * len(words):
            return f"keyed True, quote lacks {sorted(words - quote_words)[:4]}"
        if negative and not negated(card.quote):
            return "keyed True, the statement negates what the quote affirms"
        return None
    units = [card.quote] + (doc.units + doc.related if doc else [])
    for unit in units:
        if negated(unit) != negative:
            continue
        if words and words <= content_words(unit) and figures <= numbers(unit):
            return f"keyed False, yet the text says it: {unit[:90]!r}"
    return None


def ungrounded(card: CardView, doc: SourceText | None = None) -> str | None:
    """The card's quote is not in its source (spacing, citation markers and markdown aside),
    or the card has none: nothing shows that the text says what the card asks."""
    if not card.quote.strip():
        return "no quote"
    if doc is None:
        return None
    quote = flatten(card.quote)
    if quote in doc.flat:
        return None
    # a table row may be quoted cell by cell ("Dose: 1 mg"): every piece must be there
    pieces = [p for p in re.split(r"\s*(?:\||;|: )\s*", quote) if len(p) > 3]
    if pieces and all(p in doc.flat for p in pieces):
        return None
    return f"quote not in {doc.name}: {card.quote[:60]!r}"


_OTHER_SOURCE = re.compile(r"Sources differ:.*?gives:\s*(?P<cell>[^;]+)")


def false_disagreement(card: CardView, doc: SourceText | None = None) -> str | None:
    """"Sources differ" claimed where the two doses are one regimen once counted per week
    ("0.25-0.5 mg twice weekly" and "0.5-1 mg per week")."""
    m = _OTHER_SOURCE.search(card.explanation)
    if m is None:
        return None
    ours, theirs = weekly_dose(card.answer) or weekly_dose(card.quote), weekly_dose(m.group("cell"))
    if ours and theirs and ours == theirs:
        return f"both are {ours[0]:g}-{ours[1]:g} mg a week"
    return None
