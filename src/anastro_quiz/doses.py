"""Doses as amounts per week, so two ways of writing one regimen compare equal.

"0.25 mg to 0.5 mg two times per week" and "0.5 mg to 1 mg per week" are the same
regimen (0.5-1 mg a week); "1 mg taken orally once per day" is 7 mg a week. Used by
the generator (true/false keys, "sources differ") and by choice options (an equivalent
dose is also a right answer, never a distractor). No textual, no generator imports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from .numbers import TIMES_WORDS, spelled

NUMBER_WORDS = spelled(*range(1, 11), 12)  # the words a dose or its frequency is written with
MASS = {"g": 1000.0, "mg": 1.0, "mcg": 0.001, "µg": 0.001, "μg": 0.001, "ug": 0.001}
_NUM = r"\d+(?:\.\d+)?"
_UNIT = r"mg|mcg|µg|μg|ug|g"
AMOUNT_RE = re.compile(
    rf"(?<![\w.])(?P<lo>{_NUM})\s?(?P<lo_unit>{_UNIT})?(?:\s?(?:-|–|—|to)\s?(?P<hi>{_NUM}))?\s?(?P<unit>{_UNIT})(?![\w])")
_TIMES = rf"(?P<times>{'|'.join(TIMES_WORDS)}|(?:{_NUM}|{'|'.join(NUMBER_WORDS)})(?:\s?-\s?|\s)times?)"
_PERIOD = r"(?P<period>day|daily|week|weekly|month|monthly)"
FREQUENCY_RE = re.compile(
    rf"(?P<other>every other day|on alternate days)"
    rf"|every\s(?P<every>{_NUM}|{'|'.join(NUMBER_WORDS)})\s(?P<every_period>days|weeks)"
    rf"|(?:{_TIMES}\s?)?(?:(?:a|an|per|each|every|/)\s?)?{_PERIOD}(?![\w])", re.I)
_PER_WEEK = {"day": 7.0, "daily": 7.0, "week": 1.0, "weekly": 1.0, "month": 7 / 30.4, "monthly": 7 / 30.4}
# How far after the amount its frequency may stand: "1 mg taken orally once per day",
# "0.5 mg of anastrozole taken twice a week", "0.5 mg to 1 mg per week (often split)".
_REACH = 6
_TOLERANCE = 0.01


@dataclass(frozen=True)
class Dose:
    """An amount range in mg, per week when a frequency was given (``weekly``)."""

    low: float
    high: float
    weekly: bool

    def same(self, other: "Dose") -> bool:
        """The same figures: equal ranges (within rounding)."""
        return self.weekly == other.weekly and _close(self.low, other.low) and _close(self.high, other.high)

    def within(self, other: "Dose") -> bool:
        """This range lies inside the other one (a typical dose inside a stated range)."""
        return self.weekly == other.weekly and other.low - _eps(other.low) <= self.low \
            and self.high <= other.high + _eps(other.high)

    def consistent(self, other: "Dose") -> bool:
        """Neither contradicts the other: equal, or one range inside the other."""
        return self.within(other) or other.within(self)

    def disjoint(self, other: "Dose") -> bool:
        """Clearly different regimens: the ranges do not even touch."""
        return self.weekly == other.weekly and (self.high + _eps(self.high) < other.low
                                                or other.high + _eps(other.high) < self.low)


def _eps(x: float) -> float:
    return abs(x) * _TOLERANCE + 1e-9


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _eps(max(abs(a), abs(b)))


def number_value(word: str) -> float:
    """"five" -> 5.0, "2.5" -> 2.5."""
    word = word.lower()
    return float(NUMBER_WORDS.get(word, word)) if word in NUMBER_WORDS else float(word)


def per_week(frequency: str) -> float | None:
    """Administrations per week for a frequency phrase: "twice a week" -> 2, "once per day" -> 7,
    "every other day" -> 3.5, "two times per week" -> 2; ``None`` if it names none."""
    m = FREQUENCY_RE.search(frequency)
    if m is None:
        return None
    return _frequency(m)


def _frequency(m: re.Match[str]) -> float:
    if m.group("other"):
        return 3.5
    if m.group("every"):
        n = number_value(m.group("every"))
        return (7.0 if m.group("every_period").lower() == "days" else 1.0) / n
    times = (m.group("times") or "once").lower()
    count = TIMES_WORDS.get(times) or number_value(re.split(r"[\s\-]", times)[0])
    return count * _PER_WEEK[m.group("period").lower()]


def doses_in(text: str) -> list[Dose]:
    """Every dose written in ``text``, normalised to mg (and to mg a week when its frequency
    follows within a few words, before the next amount)."""
    out = []
    amounts = list(AMOUNT_RE.finditer(text))
    for i, m in enumerate(amounts):
        unit = MASS[m.group("unit").lower()]
        low = float(m.group("lo")) * MASS.get((m.group("lo_unit") or m.group("unit")).lower(), unit)
        high = float(m.group("hi")) * unit if m.group("hi") else float(m.group("lo")) * unit
        end = amounts[i + 1].start() if i + 1 < len(amounts) else len(text)
        tail = " ".join(text[m.end():end].split()[:_REACH])
        freq = FREQUENCY_RE.search(tail)
        if freq is not None:
            k = _frequency(freq)
            out.append(Dose(low * k, high * k, True))
        else:
            out.append(Dose(low, high, False))
    return out


@lru_cache(maxsize=1 << 15)  # each option is compared with the answer and with each option chosen
def main_dose(text: str) -> Dose | None:
    """The dose a short text (a table cell, an answer) states: its first one, if any."""
    found = doses_in(text)
    return found[0] if found else None


def equivalent(a: str, b: str) -> bool:
    """Two texts state the same dose ("1 mg daily" and "7 mg per week")."""
    da, db = main_dose(a), main_dose(b)
    return da is not None and db is not None and da.same(db)
