"""How an answer's text divides: the items of a list answer, and what a bracketed gloss
lets a reply name instead ("joint pain (arthralgia)", "BMD assessments (e.g. DEXA scans)").

Plain text rules, no grading: ``grading`` compares what these give.
"""

from __future__ import annotations

import re

_ITEM_SEPARATOR = re.compile(r"\s*(?:[\n;,/&]|\band\b|\bor\b|\bplus\b)\s*", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")


def split_items(given: str) -> list[str]:
    """The items of a list answer, in the order written: separated by commas, semicolons,
    newlines, "and" or "or" (a leading bullet or number is dropped)."""
    lines = [_BULLET.sub("", line) for line in str(given).splitlines()]
    return [part.strip(" .") for part in _ITEM_SEPARATOR.split("\n".join(lines)) if part.strip(" .")]


_GLOSSED = re.compile(r"^(?P<outside>[^()]+?)\s*\((?P<inside>[^()]+)\)\s*$")


def alternatives(item: str) -> list[str]:
    """An item and its bracketed gloss count either way: "joint pain (arthralgia)" accepts the
    whole, "joint pain" and "arthralgia"; a gloss that lists examples accepts each of them
    ("gastrointestinal effects (nausea, vomiting)": "nausea" names that item)."""
    m = _GLOSSED.match(item)
    if not m:
        return [item]
    return [item, m.group("outside"), m.group("inside"), *examples(item)]


_EXAMPLE_INTRO = re.compile(r"^(?:e\.\s?g\.|i\.\s?e\.|such as|like|for example|for instance|including)\s*,?\s*", re.I)


def gloss_alternatives(answer: str) -> list[str]:
    """What a one-answer card's bracketed gloss lets a reply leave out or name instead: the
    words before it always ("BMD assessments" for "BMD assessments (e.g. DEXA scans)"); the
    gloss alone when it is another name ("ERα", "non-physiological") or examples ("e.g. DEXA
    scans", "such as bicalutamide"), never when it qualifies the answer ("A decrease (compared
    to the placebo group)": "compared to the placebo group" is not the answer)."""
    m = _GLOSSED.match(answer)
    if not m:
        return []
    inside = m.group("inside").strip()
    examples = _EXAMPLE_INTRO.sub("", inside)
    alternatives = [m.group("outside")]
    if examples != inside:
        alternatives += [examples, *(split_items(examples) if "," in examples else [])]
    elif len(inside.split()) == 1:
        alternatives.append(inside)
    return alternatives


def examples(item: str) -> list[str]:
    """The examples a bracketed gloss lists, commas between them ("(nausea, vomiting, and loss
    of appetite)"); none for a gloss that says the same thing in other words ("(arthralgia)",
    "(sudden warmth and sweating)")."""
    m = _GLOSSED.match(item)
    return split_items(m.group("inside")) if m and "," in m.group("inside") else []
