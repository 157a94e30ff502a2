"""Splitting the list a sentence gives into its items ("irregular periods, weight loss, and hot
flashes" -> three items), each a short noun phrase, with the examples the article gives of an
item kept as a gloss the list grader accepts, and how many items a card's key may hold
(:data:`MAX_NAMED`, :data:`MAX_ANY_TWO`). The cards built on them are in :mod:`teacher_lists`."""

from __future__ import annotations

import re

from .teacher_clauses import drop_asides, finite_verb

MAX_ITEM_WORDS = 5
# "Name three ..." keyed with ten items is no card to recall (readers judged every one too long);
# the rubric's list is two to four items, five at most
MAX_NAMED = 5
# "Name two of the most common ...": the key lists them all. Readers kept such keys of six items
# and read those of nine and ten WEAK (any generic symptom, fatigue or headache, passes)
MAX_ANY_TWO = 8
LEADING_ARTICLE = re.compile(r"^(?:a|an|the|some)\s+", re.I)
_RISK_OF = re.compile(r"^(?:(?:small|slight|modest|large|high|higher|increased|greater|elevated)\s+)*risk of\s+", re.I)


def _semicolon_parts(text: str) -> list[tuple[str, str]]:
    """ "effects such as nausea and vomiting; fatigue; and low blood counts such as anemia, with
    occasional leukemia" -> ("effects", "nausea and vomiting"), ("fatigue", ""), ("low blood
    counts", "anemia, with occasional leukemia"): each part is an item and its examples."""
    parts = []
    for part in text.split(";"):
        part = re.sub(r"^\s*(?:and|or)\s+", "", part.strip())
        head, _cue, examples = (re.split(r"\s+(such as|like|including|e\.g\.)\s+", part, maxsplit=1) + ["", ""])[:3]
        if "," in head:  # "nausea, vomiting, and diarrhea; fatigue": a list inside an item, not one item
            return []
        parts.append((head.strip(" ."), examples.strip(" .")))
    return parts


def glossed(item: str, examples: str) -> str:
    """``item`` with the examples the article gives of it, as a gloss the list grader accepts
    each of ("gastrointestinal effects (nausea, vomiting, loss of appetite)"), so that a
    learner who names an example names the item; the item alone when they are not a plain
    list of short names (an aside after them, "with occasional leukemia", is not one)."""
    examples = re.split(r",\s*(?:with|which|while|but|although|especially|particularly|and rarely|or rarely)\b",
                        examples)[0]
    named = [LEADING_ARTICLE.sub("", e).strip() for e in _comma_parts(examples)] if examples else []
    if not named or any(not 1 <= len(e.split()) <= MAX_ITEM_WORDS or re.search(r"\d|[()]", e) for e in named):
        return item
    return f"{item} ({', '.join(named)})"


def _comma_parts(text: str) -> list[str]:
    """ "A, B and C, and D or E": commas divide the items; an "and" divides only the last part
    ("swelling and tenderness of breasts" in the middle of a list is one item)."""
    parts = [p for p in re.split(r",\s*(?:and\s+|or\s+)?", text)]
    if len(parts) >= 2 and not re.search(r",\s*(?:and|or)\s", text):
        parts = parts[:-1] + re.split(r"\s+(?:and|or)\s+", parts[-1])
    return parts


def list_items(text: str, most: int = 6, semicolons: bool = False, commas_only: bool = False) -> list[str] | None:
    """"irregular periods, weight loss, and hot flashes" -> the three items; ``None`` unless
    every item is a short noun phrase (two to ``most`` of them) and the list is all there is
    (a list that goes on after a semicolon is not cut short, unless ``semicolons`` divide
    its items)."""
    text = drop_asides(text)
    if ";" in text and not semicolons:
        return None
    glosses: dict[str, str] = {}
    if ";" in text:
        pairs = _semicolon_parts(text)
        if not pairs:
            return None
        parts = [head for head, _examples in pairs]
        glosses = {head.strip(" ."): examples for head, examples in pairs if examples}
    else:
        text = re.split(r",\s*(?:which|while|but|although|whereas|as well as)\b", text)[0]
        parts = _comma_parts(text) if commas_only else \
            re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", text)
    parts = [p.strip(" .") for p in parts if p.strip(" .")]
    items = []
    for part in parts:
        examples = glosses.get(part, "")
        item = _RISK_OF.sub("", LEADING_ARTICLE.sub("", part))
        words = item.split()
        if not 1 <= len(words) <= MAX_ITEM_WORDS or finite_verb(["x"] + words) is not None:
            return None
        # (a word of its own: "flu-like symptoms" is a thing, "like others" is not)
        if re.search(r"(?<![\w\-])(?:it|they|this|these|etc|others?|more|among|such|like|including|during|in|at|for|"
                     r"with|from|by|to|as|than|both|either|neither|toward|towards|into|over|through|after|before|"
                     r"under|about|\w+ly)(?![\w\-])", item, re.I) or re.search(r"\d", item):
            return None
        items.append(glossed(item, examples))
    if not 2 <= len(items) <= most or len({i.lower() for i in items}) != len(items):
        return None
    return items
