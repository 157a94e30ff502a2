"""Grading a reply to a study item: a list answer when the card names items, else one typed
answer, a number read in the direction its question asks."""

from __future__ import annotations

import re

from .grading import Grade, grade_typed
from .grading_lists import grade_items

_ASKS_DOWN = re.compile(r"\b(?:reductions?|decreases?|declines?|loss|falls?|fell|drops?|lowering)\b", re.I)
_ASKS_UP = re.compile(r"\b(?:increases?|rises?|gains?|elevations?)\b", re.I)


def prompt_direction(prompt: str) -> int:
    """-1 when a question asks for a fall ("reduction in BMD?"), +1 for a rise, else 0."""
    down, up = bool(_ASKS_DOWN.search(prompt)), bool(_ASKS_UP.search(prompt))
    return -1 if down and not up else 1 if up and not down else 0


def grade_answer(given: str, item) -> Grade:
    """Grade a reply to a typed study item: a list answer when the card has ``items``; a number
    in the direction its question names when the answer itself is unsigned."""
    if getattr(item, "items", ()):
        return grade_items(given, item.items, item.need or None, item.answer)
    return grade_typed(given, item.answer, item.accept, item.tolerance, prompt_direction(item.prompt))
