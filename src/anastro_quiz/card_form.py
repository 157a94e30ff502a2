"""A card's editable fields, and how the text an editor shows becomes a deck value.

Used by :mod:`anastro_quiz.deck_edit` (which writes the values into the deck file) and by
the TUI's editor, which lays the fields out. The id, type and source are not editable:
progress is keyed by the id, and the source is what the card rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .decks import answer_text


@dataclass(frozen=True)
class Field:
    """One editable field of a card: ``kind`` says how its text becomes a value."""

    name: str
    label: str
    kind: str  # text (multi-line), line, lines (one item a line), tags (comma-separated), bool, number
    required: bool = True


_PROMPT = Field("prompt", "Question", "text")
_ANSWER = Field("answer", "Answer", "line")
_TAGS = Field("tags", "Tags (comma-separated)", "tags", required=False)
_EXPLANATION = Field("explanation", "Explanation", "text", required=False)

FIELDS: dict[str, tuple[Field, ...]] = {
    "basic": (_PROMPT, _ANSWER, _TAGS, _EXPLANATION),
    "reverse": (Field("prompt", "Front", "text"), Field("answer", "Back", "line"), _TAGS, _EXPLANATION),
    "cloze": (Field("text", "Text ({{c1::answer}} marks each blank)", "text"), _TAGS, _EXPLANATION),
    "choice": (_PROMPT, Field("answer", "Answer (one of the choices)", "line"),
               Field("choices", "Choices (one a line)", "lines"), _TAGS, _EXPLANATION),
    "typed": (_PROMPT, _ANSWER, Field("accept", "Also accepted (one a line)", "lines", required=False),
              Field("tolerance", "Numeric tolerance", "number", required=False),
              Field("items", "List answer: the items, in any order (one a line)", "lines", required=False),
              Field("need", "How many items a reply must name (empty: all)", "number", required=False),
              _TAGS, _EXPLANATION),
    "true_false": (Field("statement", "Statement", "text"), Field("answer", "True or false", "bool"),
                   _TAGS, _EXPLANATION),
}


def form_values(card_type: str, data: dict[str, Any]) -> dict[str, str]:
    """The editable fields of a card as the text an editor shows."""
    out = {}
    for f in FIELDS[card_type]:
        value = data.get(f.name)
        if value is None:
            out[f.name] = ""
        elif f.kind == "lines":
            out[f.name] = "\n".join(answer_text(v) for v in value)
        elif f.kind == "tags":
            out[f.name] = ", ".join(str(v) for v in value)
        elif f.kind == "bool":
            out[f.name] = "true" if value is True else "false" if value is False else str(value)
        elif f.kind == "number":
            out[f.name] = f"{value:g}" if isinstance(value, float) else str(value)
        else:
            out[f.name] = answer_text(value)
    return out


def parse_field(f: Field, text: str) -> Any:
    """The value a field's text stands for (``None``: leave the field out); ``ValueError`` if unusable."""
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if not text:
        if f.required:
            raise ValueError(f"{f.label}: cannot be empty")
        return None
    if f.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if f.kind == "tags":
        return [t.strip() for t in text.split(",") if t.strip()]
    if f.kind == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"{f.label}: write true or false")
        return text.lower() == "true"
    if f.kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{f.label}: {text!r} is not a number") from None
        return int(number) if number.is_integer() else number
    if f.kind == "line":
        return " ".join(text.split())
    return text
