"""Stage 4, choice options: candidates from the documents, judged by :mod:`anastro_quiz.distractors`.

Numbers: the other figures of the same unit in all documents (none made up), never a
figure another sentence gives for the same thing (a value inside the same range as the
answer, a dose that comes to the same amount a week). Terms: look-alike key terms of the
same class (cells among cells, conditions among conditions, judged by their endings) and
terms listed together in the document ("anastrozole, letrozole and exemestane").
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import Iterable

from .. import distractors as D
from .. import doses
from .extract import Sentence
from .vocabulary import zipf
from .facts import Fact


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
    quote, (start, end) = fact.quote, fact.detail.span
    value, low, high, begin = fact.detail.value, fact.detail.value, fact.detail.value, start
    for m in re.finditer(_RANGE, quote[max(0, start - 20): end + 20]):
        a, b = m.start() + max(0, start - 20), m.end() + max(0, start - 20)
        if a <= start < b or a < end <= b + 3:
            low, high, begin = float(m.group("lo")), float(m.group("hi")), a
    ends = D.range_of(fact.answer)
    if low == high and ends is not None and ends[0] < ends[1]:  # "10- to 20-fold": the answer is a range
        low, high = ends
    dose = doses.main_dose(quote[begin:]) if fact.detail.unit in ("mg", "mcg", "µg", "g") else None
    return Figure(fact.answer, value, fact.detail.unit, quote, low, high, dose)


@dataclass
class FigurePool:
    """Every number of the documents by unit, sorted by value, so a card looks only at the
    figures near its own (linear in the documents' size), and the weekly doses they state."""

    by_unit: dict[str, list[Figure]]
    values: dict[str, list[float]]
    weekly: list[doses.Dose]  # each once: only whether one agrees is asked
    _agreeing: dict[doses.Dose, list[doses.Dose]] = field(default_factory=dict, repr=False)

    def agreeing(self, dose: doses.Dose) -> list[doses.Dose]:
        """The weekly doses consistent with ``dose`` (found once per dose: each number card asks,
        and a long document's weekly doses are many)."""
        if dose not in self._agreeing:
            self._agreeing[dose] = [d for d in self.weekly if d.consistent(dose)]
        return self._agreeing[dose]

    def near(self, unit: str, value: float, k: int = 24) -> list[Figure]:
        """The ``k`` figures of ``unit`` on each side of ``value``."""
        figures, values = self.by_unit.get(unit, []), self.values.get(unit, [])
        i = bisect.bisect_left(values, value)
        return figures[max(0, i - k): i + k]


def number_pool(facts: Iterable[Fact]) -> FigurePool:
    """The figures of all documents (deterministic: sorted by value, then text, then quote)."""
    by_unit: dict[str, list[Figure]] = {}
    for f in facts:
        if f.kind == "number":
            by_unit.setdefault(f.detail.unit, []).append(figure(f))
    for figures in by_unit.values():
        figures.sort(key=lambda f: (f.value, f.text, f.quote))
    weekly = list(dict.fromkeys(f.dose for figures in by_unit.values() for f in figures
                                if f.dose is not None and f.dose.weekly))
    return FigurePool(by_unit, {u: [f.value for f in fs] for u, fs in by_unit.items()}, weekly)


def _shares_a_range(answer: Figure, other: Figure) -> bool:
    """One stands in a range that holds the other ("0.25 mg to 0.5 mg" holds 0.5 mg)."""
    return (other.low != other.high and other.low <= answer.value <= other.high) or \
        (answer.low != answer.high and answer.low <= other.value <= answer.high)


def _right_by_dose(answer: Figure, pool: FigurePool):
    """A test for options that, put in the blank, give a dose the documents state for the same
    regimen: "_____ of anastrozole taken twice a week" with 0.25 mg is 0.5 mg a week, inside
    "0.5 mg to 1 mg per week", so 0.25 mg is also right there (1 mg, 2 mg a week, is not)."""
    mass = doses.MASS.get(answer.unit)
    if answer.dose is None or not answer.dose.weekly or not mass or not answer.low:
        return lambda option: False
    per_week = answer.dose.low / (answer.low * mass)
    agreeing = pool.agreeing(answer.dose)

    def right(option: str) -> bool:
        q = D.quantity(option)
        if q is None or doses.MASS.get(q[1]) is None:
            return False
        slotted = doses.Dose(q[0] * doses.MASS[q[1]] * per_week, q[0] * doses.MASS[q[1]] * per_week, True)
        return any(slotted.within(r) for r in agreeing)

    return right


def number_distractors(fact: Fact, pool: FigurePool, prompt: str) -> list[str]:
    """Up to three wrong figures for a number card: the documents' figures of the same unit,
    nearest first (never the answer scaled x0.5, x1.5, x2: readers found those guessable, the
    key sits in the middle of its multiples, so a card without enough figures stays typed);
    never one that is also right (the same value written otherwise, a value of the answer's
    range, a dose that comes to a stated regimen)."""
    me = figure(fact)
    unit, value = fact.detail.unit, fact.detail.value
    near = pool.near(unit, value)
    right = [f.text for f in near if f.value == value or _shares_a_range(me, f)]
    by_dose = _right_by_dose(me, pool)
    others = sorted((f for f in near if f.text not in right),
                    key=lambda f: (abs(math.log(abs(f.value) or 1e-9) - math.log(abs(value) or 1e-9)), f.value))
    candidates: list[str] = []
    seen: set[str] = set()
    for text in [f.text for f in others]:
        if D.key(text) not in seen and not by_dose(D.render(text)):
            seen.add(D.key(text))
            candidates.append(text)
    return D.pick(fact.answer, candidates, D.MIN_DISTRACTORS, prompt=prompt,
                  correct=[r for r in right if D.key(r) != D.key(fact.answer)])


# --- terms ------------------------------------------------------------------------

_ZIPF_BAND = 1.5  # unknown to wordfreq (0) counts as rare (1)


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
    # Look-alikes share their first five letters: the names are bucketed by them (in sorted
    # order), so each term is compared with its bucket, not with every term (quadratic).
    by_start: dict[str, list[str]] = {}
    for name in sorted(t for t in terms if len(t) >= 7 and t.isalpha()):
        by_start.setdefault(name[:5], []).append(name)
    for t in sorted(terms):
        fam = [o for o in by_start.get(t[:5], ()) if o != t and D.term_class(o) == D.term_class(t) is not None
               and abs(len(o) - len(t)) <= 4 and o.endswith("s") == t.endswith("s")]
        fam += sorted(o for o in siblings.get(t, ()) if o not in fam and o.endswith("s") == t.endswith("s"))
        fam = [spelled.get(o, o) for o in fam if not D.variant(o, t) and abs(max(zipf(o), 1.0) - max(zipf(t), 1.0)) <= _ZIPF_BAND]
        if fam:
            out[t] = fam
    return out


def term_options(term: str, family: Iterable[str], prompt: str) -> list[str]:
    """Up to three wrong terms for a blank; fewer than three means the card stays a cloze."""
    return D.pick(term, family, D.MIN_DISTRACTORS, prompt=prompt)
