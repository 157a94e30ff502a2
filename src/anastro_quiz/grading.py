"""Grading typed answers: forgiving about form, strict about facts.

Case, accents, punctuation and spacing are ignored; small typos are tolerated with
rapidfuzz; numbers are compared as numbers with their unit ("6.1%" = "6.1 percent",
"1mg" = "1 mg"), so "7.1%" is never accepted for "6.1%".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .scheduler import Rating

_UNIT_ALIASES = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%",
    "mg": "mg", "milligram": "mg", "milligrams": "mg",
    "g": "g", "gram": "g", "grams": "g",
    "mcg": "mcg", "µg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
    "ml": "ml", "millilitre": "ml", "milliliter": "ml",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
    "mo": "month", "month": "month", "months": "month",
    "wk": "week", "week": "week", "weeks": "week",
    "d": "day", "day": "day", "days": "day",
    "h": "hour", "hr": "hour", "hour": "hour", "hours": "hour",
}
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "once": 1, "twice": 2}
_QUANTITY_RE = re.compile(
    r"^~?\s*(?:approximately|about|around|approx\.?)?\s*(-?\d+(?:[.,]\d+)?)\s*(per cent|[a-zµ%]+)?\s*$"
)
TYPO_THRESHOLD = 85.0  # rapidfuzz ratio (0-100) above which a non-exact answer counts


@dataclass(frozen=True)
class Grade:
    """The outcome of grading one typed answer."""

    correct: bool
    exact: bool
    expected: str
    matched: str | None
    similarity: float
    note: str

    @property
    def suggested_rating(self) -> Rating:
        """Right and exact: Good; right with a typo: Hard; wrong: Again."""
        if not self.correct:
            return Rating.Again
        return Rating.Good if self.exact else Rating.Hard


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation (keeping ``%``, ``.`` in numbers), squeeze spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u2212", "-").replace("\u2013", "-")  # minus sign, en dash
    text = re.sub(r"(?<=\d)(?<!\b0),(?=\d{3}(?!\d))", "", text)  # thousands: 1,000 -> 1000
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # decimal comma: 6,1 -> 6.1
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = re.sub(r"[^\w%.\s-]|_", " ", text)
    # A hyphen survives only as a minus sign (-2.5) or inside a range (6-7).
    text = re.sub(r"-(?!\d)|(?<=[^\W\d])-", " ", text)
    return " ".join(text.split())


def parse_quantity(text: str) -> tuple[float, str] | None:
    """``"6.1 %"`` -> ``(6.1, "%")``; ``"1mg"`` -> ``(1.0, "mg")``; ``None`` if not a quantity."""
    norm = normalize(text)
    for word, value in _NUMBER_WORDS.items():
        norm = re.sub(rf"^{word}\b", str(value), norm)
    m = _QUANTITY_RE.match(norm)
    if not m:
        return None
    unit = (m.group(2) or "").strip()
    unit = _UNIT_ALIASES.get(unit, unit)
    return float(m.group(1).replace(",", ".")), unit


def grade_typed(given: str, answer: str, accept: tuple[str, ...] | list[str] = (),
                tolerance: float | None = None) -> Grade:
    """Grade ``given`` against ``answer`` and its ``accept`` alternatives."""
    given_norm = normalize(given)
    if not given_norm:
        return Grade(False, False, answer, None, 0.0, "no answer given")
    best = Grade(False, False, answer, None, 0.0, "does not match")
    for index, target in enumerate((answer, *accept)):
        result = _compare(given, given_norm, target, tolerance)
        if result.correct and (result.exact or not best.correct):
            if result.exact:
                return Grade(True, True, answer, target, result.similarity, result.note)
            best = Grade(True, False, answer, target, result.similarity, result.note)
        # The main answer's note ("number differs: 7.1 vs 6.1") beats the generic placeholder.
        elif not best.correct and (index == 0 or result.similarity > best.similarity):
            best = Grade(False, False, answer, None, result.similarity, result.note)
    return best


def _compare(given: str, given_norm: str, target: str, tolerance: float | None) -> Grade:
    expected_q = parse_quantity(target)
    if expected_q is not None:
        given_q = parse_quantity(given)
        if given_q is None:
            return Grade(False, False, target, None, 0.0, f"expected a number: {target}")
        (g_val, g_unit), (e_val, e_unit) = given_q, expected_q
        if g_unit and e_unit and g_unit != e_unit:
            return Grade(False, False, target, None, 0.0, f"unit differs: {g_unit} vs {e_unit}")
        tol = tolerance if tolerance is not None else 1e-9
        if abs(g_val - e_val) <= tol + 1e-12:
            return Grade(True, True, target, target, 100.0, "correct")
        return Grade(False, False, target, None, 0.0, f"number differs: {_fmt(g_val)} vs {_fmt(e_val)}")
    target_norm = _drop_article(normalize(target))
    given_norm = _drop_article(given_norm)
    if given_norm == target_norm:
        return Grade(True, True, target, target, 100.0, "correct")
    # Digits must match exactly even inside text answers ("RANKL" vs "RANK2L" is not a typo).
    if re.findall(r"\d+(?:\.\d+)?", given_norm) != re.findall(r"\d+(?:\.\d+)?", target_norm):
        return Grade(False, False, target, None, 0.0, "numbers differ")
    similarity = fuzz.ratio(given_norm, target_norm)
    distance = Levenshtein.distance(given_norm, target_norm)
    # Short answers and acronyms get no typo allowance: RANK is not RANKL, BMI is not BMD.
    if len(target_norm) <= 4 or _is_acronym(target):
        allowed = 0
    else:
        allowed = 1 if len(target_norm) <= 8 else 2 + len(target_norm) // 12
    if distance <= allowed and similarity >= TYPO_THRESHOLD:
        return Grade(True, False, target, target, similarity, f"accepted with a typo (expected: {target})")
    return Grade(False, False, target, None, similarity, "does not match")


def _drop_article(text: str) -> str:
    """"An aromatase inhibitor" and "aromatase inhibitor" are the same answer."""
    return re.sub(r"^(?:a|an|the) (?=\S)", "", text)


def _is_acronym(text: str) -> bool:
    token = text.strip()
    return " " not in token and sum(ch.isupper() for ch in token) >= 2


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_choice(given: str, answer: str) -> bool:
    """Multiple choice and true/false: exact option match (after normalization)."""
    return normalize(given) == normalize(answer)
