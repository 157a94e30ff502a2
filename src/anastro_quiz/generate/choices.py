"""Stage 4, choice options: candidates from the documents, judged by :mod:`anastro_quiz.distractors`.

Numbers: the other figures of the same unit in all documents (then scaled ones), never a
figure another sentence gives for the same thing (a value inside the same range as the
answer, a dose that comes to the same amount a week). Terms: look-alike key terms of the
same class (cells among cells, conditions among conditions, judged by their endings) and
terms listed together in the document ("anastrozole, letrozole and exemestane").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

from .. import distractors as D
from .. import doses
from .extract import Fact, Sentence, zipf


@dataclass(frozen=True)
class Figure:
    """A number of some document, with what it may be part of: a range ("0.25 mg to 0.5 mg",
    in the number's unit) and a dose a week ("... two times per week")."""

    text: str
    value: float
    unit: str
    quote: str
    low: float
    high: float
    dose: doses.Dose | None


_RANGE = r"(?P<lo>\d+(?:\.\d+)?)\s?(?:[a-zA-Zµ%]+\s?)?(?:-|–|—|to)\s?(?P<hi>\d+(?:\.\d+)?)"


def figure(fact: Fact) -> Figure:
    """A number fact as a pool entry, with the range and the weekly dose around it."""
    quote, (start, end) = fact.quote, fact.extra["span"]
    value, low, high, begin = fact.extra["value"], fact.extra["value"], fact.extra["value"], start
    for m in re.finditer(_RANGE, quote[max(0, start - 20): end + 20]):
        a, b = m.start() + max(0, start - 20), m.end() + max(0, start - 20)
        if a <= start < b or a < end <= b + 3:
            low, high, begin = float(m.group("lo")), float(m.group("hi")), a
    dose = doses.main_dose(quote[begin:]) if fact.extra["unit"] in ("mg", "mcg", "µg", "g") else None
    return Figure(fact.answer, value, fact.extra["unit"], quote, low, high, dose)


def number_pool(facts: Iterable[Fact]) -> dict[str, list[Figure]]:
    """Every number of the documents by unit, in document order (deterministic)."""
    pool: dict[str, list[Figure]] = {}
    for f in facts:
        if f.kind == "number":
            pool.setdefault(f.extra["unit"], []).append(figure(f))
    return pool


def _same_thing(answer: Figure, other: Figure) -> bool:
    """``other`` is also a right answer: it shares a range with the answer's value, or both are
    doses that come to a consistent amount a week (0.5 mg twice a week = 0.5-1 mg per week)."""
    if other.low <= answer.value <= other.high and other.low != other.high:
        return True
    if answer.low <= other.value <= answer.high and answer.low != answer.high:
        return True
    return answer.dose is not None and other.dose is not None and answer.dose.weekly and other.dose.weekly \
        and answer.dose.consistent(other.dose)


def _scaled(answer: str, value: float, unit: str) -> list[str]:
    m = re.search(r"\d+(?:\.\d+)?", D.render(answer))
    if m is None:
        return []
    text = D.render(answer)
    if unit == "calendar year":  # nearby years, never scaled
        return [text.replace(m.group(0), str(int(value) + k), 1) for k in (-4, 3, 6, -8)]
    decimals = len(m.group(0).partition(".")[2])
    out = []
    for factor in (0.5, 1.5, 2.0, 3.0):
        scaled = round(value * factor, decimals)
        if scaled > 0 and scaled != value:
            out.append(D.render(text.replace(m.group(0), f"{scaled:.{decimals}f}", 1)))
    return out


def number_distractors(fact: Fact, pool: dict[str, list[Figure]], prompt: str) -> list[str]:
    """Up to three wrong figures for a number card: other documents' figures of the same unit,
    nearest first, then scaled ones; each a plain number in one printed form."""
    me = figure(fact)
    unit, value = fact.extra["unit"], fact.extra["value"]
    others = [f for f in pool.get(unit, []) if f.value != value and not _same_thing(me, f)]
    right = [f.text for f in pool.get(unit, []) if f.value == value or _same_thing(me, f)]
    others.sort(key=lambda f: (abs(math.log(abs(f.value) or 1e-9) - math.log(abs(value) or 1e-9)), f.value))
    seen: list[str] = []
    for text in [f.text for f in others] + _scaled(fact.answer, value, unit):
        if D.key(text) not in {D.key(s) for s in seen}:
            seen.append(text)
    return D.pick(fact.answer, seen, D.MIN_DISTRACTORS, prompt=prompt,
                  correct=[r for r in right if D.key(r) != D.key(fact.answer)])


# --- terms ------------------------------------------------------------------------

# Endings that say what kind of thing a term names; a cell is never offered against a disease.
_CLASSES = (
    ("cell", r"(?:cyte|blast|clast|phage|cell)s?$"),
    ("enzyme", r"ases?$"),
    ("condition", r"(?:emia|penia|plasia|trophy|pathy|algia|itis|osis|oma|ity|ia)s?$"),
    ("process", r"(?:tion|sion|ence|ance|genesis|lysis|sis|ment|ism)s?$"),
    ("agent", r"(?:ant|ist|mab|nib|zole|ifen|utamide|relin|olimus|parib|ciclib|ane)s?$"),
    ("hormone", r"(?:gen|one|diol|ol|in)s?$"),
)
_ZIPF_BAND = 1.5


def term_class(word: str) -> str | None:
    """The kind of thing a term's ending names ("osteoclasts" -> cell, "osteopenia" -> condition)."""
    low = word.lower()
    return next((name for name, pattern in _CLASSES if re.search(pattern, low)), None)


_LIST = re.compile(r"(?:\b[\w\-]+, ){1,6}[\w\-]+,? (?:and|or) [\w\-]+")


def listed_together(sentences: Iterable[Sentence], terms: dict[str, float]) -> dict[str, set[str]]:
    """Key terms that stand in one enumeration ("tremor, hyperreflexia, unsteady gait"): siblings."""
    out: dict[str, set[str]] = {}
    for s in sentences:
        for m in _LIST.finditer(s.text):
            members = [w.lower() for w in re.split(r",? (?:and|or) |, ", m.group(0)) if w.lower() in terms]
            for w in members:
                out.setdefault(w, set()).update(o for o in members if o != w)
    return out


def term_families(terms: dict[str, float], spelled: dict[str, str],
                  sentences: Iterable[Sentence] = ()) -> dict[str, list[str]]:
    """Terms that can stand in for each other as options: look-alikes (a shared 5-letter start,
    e.g. osteoblasts/osteoclasts) of the same class, and terms listed together in the document;
    never variants of one word, nor a common word against a rare one."""
    out: dict[str, list[str]] = {}
    siblings = listed_together(sentences, terms)
    names = sorted(t for t in terms if len(t) >= 7 and t.isalpha())
    for t in sorted(terms):
        fam = [o for o in names if o != t and o[:5] == t[:5] and term_class(o) == term_class(t) is not None
               and abs(len(o) - len(t)) <= 4 and o.endswith("s") == t.endswith("s")]
        fam += sorted(o for o in siblings.get(t, ()) if o not in fam and o.endswith("s") == t.endswith("s"))
        fam = [spelled.get(o, o) for o in fam if not D.variant(o, t) and abs(zipf(o) - zipf(t)) <= _ZIPF_BAND]
        if fam:
            out[t] = fam
    return out


def term_options(term: str, family: list[str], prompt: str) -> list[str]:
    """Up to three wrong terms for a blank; fewer than three means the card stays a cloze."""
    return D.pick(term, family, D.MIN_DISTRACTORS, prompt=prompt)
