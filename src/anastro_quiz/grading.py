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

from .numbers import NUMBER_WORDS, TIMES_WORDS
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
_NUMBER_WORDS = {**NUMBER_WORDS, "once": TIMES_WORDS["once"], "twice": TIMES_WORDS["twice"]}
_QUANTITY_RE = re.compile(
    r"^~?\s*(?:approximately|about|around|approx\.?|roughly|nearly|almost)?\s*([-+]?\d+(?:[.,]\d+)?)\s*"
    r"(per cent|[a-zµ%]+)?\s*$"
)
# Words that give a change its direction: "a 6.1% decrease" is -6.1%, "an increase of 6.1%" is +6.1%.
_DOWN = r"decreases?|decreased|reductions?|reduced|loss(?:es)?|lost|declines?|declined|drops?|dropped|fell|falls?|" \
        r"lower|less|down|minus|negative|decline of"
_UP = r"increases?|increased|rises?|rose|gains?|gained|higher|more|up|plus|positive|elevated|elevation"
_DIRECTION_AFTER = re.compile(rf"^(?P<q>.+?)\s+(?:(?P<down>{_DOWN})|(?P<up>{_UP}))(?:\s+(?:in|of|at)\b.*)?$")
_DIRECTION_BEFORE = re.compile(
    rf"^(?:an?\s+|the\s+)?(?:(?P<down>{_DOWN})|(?P<up>{_UP}))(?:\s+(?:of|by|to))?\s+(?P<q>.+)$")
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
    # List answers ("name three side effects"): how many needed items were named, of how many.
    found: int = 0
    needed: int = 0

    @property
    def partial(self) -> bool:
        """A list answer with some but not enough of its items."""
        return bool(self.needed) and 0 < self.found < self.needed

    @property
    def suggested_rating(self) -> Rating:
        """Right and exact: Good; right with a typo (or a wrong extra item): Hard; wrong: Again.
        A list answer with at least half of the items needed: Hard; with fewer: Again."""
        if self.correct:
            return Rating.Good if self.exact else Rating.Hard
        if self.needed and 2 * self.found >= self.needed and self.found:
            return Rating.Hard
        return Rating.Again


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation (keeping ``%``, ``.`` in numbers), squeeze spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u2212", "-").replace("\u2013", "-")  # minus sign, en dash
    text = re.sub(r"(?<=\d)(?<!\b0),(?=\d{3}(?!\d))", "", text)  # thousands: 1,000 -> 1000
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # decimal comma: 6,1 -> 6.1
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = re.sub(r"[^\w%.\s+-]|_|\+(?![\d.])", " ", text)
    # A hyphen survives only as a minus sign (-2.5) or inside a range (6-7).
    text = re.sub(r"-(?!\d)|(?<=[^\W\d])-", " ", text)
    return " ".join(text.split())


def parse_quantity(text: str) -> tuple[float, str] | None:
    """``"6.1 %"`` -> ``(6.1, "%")``; ``"1mg"`` -> ``(1.0, "mg")``; ``"a 6.1% decrease"`` ->
    ``(-6.1, "%")``; ``None`` if not a quantity."""
    parsed = _signed_quantity(text)
    return None if parsed is None else (parsed[0] * (parsed[2] or 1), parsed[1])


def _signed_quantity(text: str) -> tuple[float, str, int, str] | None:
    """``(magnitude, unit, sign, how)``: sign -1/+1 when the text gives one ("-6.1%", "6.1%
    decrease", "an increase of 2 mg"), else 0; ``how`` is "symbol" or "word" (or "")."""
    norm = normalize(text)
    sign, how = 0, ""
    for pattern in (_DIRECTION_AFTER, _DIRECTION_BEFORE):
        m = pattern.match(norm)
        if m and _plain_quantity(_drop_article(m.group("q"))) is not None:
            norm, sign, how = _drop_article(m.group("q")), (-1 if m.group("down") else 1), "word"
            break
    q = _plain_quantity(norm)
    if q is None:
        return None
    value, unit = q
    if value < 0 or norm.lstrip("~ ").startswith("+"):
        if not how:
            sign, how = (-1 if value < 0 else 1), "symbol"
    return abs(value), unit, sign, how


def _plain_quantity(norm: str) -> tuple[float, str] | None:
    for word, value in _NUMBER_WORDS.items():
        norm = re.sub(rf"^{word}\b", str(value), norm)
    m = _QUANTITY_RE.match(norm)
    if not m:
        return None
    unit = (m.group(2) or "").strip()
    unit = _UNIT_ALIASES.get(unit, unit)
    return float(m.group(1).replace(",", ".")), unit


def grade_typed(given: str, answer: str, accept: tuple[str, ...] | list[str] = (),
                tolerance: float | None = None, direction: int = 0) -> Grade:
    """Grade ``given`` against ``answer`` and its ``accept`` alternatives. ``direction`` (-1 or
    +1) is the direction the question itself names ("reduction in BMD?"): then an unsigned
    number answer may also be written with that sign ("-6.1%"), and the opposite one is wrong."""
    given_norm = normalize(given)
    if not given_norm:
        return Grade(False, False, answer, None, 0.0, "no answer given")
    best = Grade(False, False, answer, None, 0.0, "does not match")
    for index, target in enumerate((answer, *accept)):
        result = _compare(given, given_norm, target, tolerance, direction)
        if result.correct and (result.exact or not best.correct):
            if result.exact:
                return Grade(True, True, answer, target, result.similarity, result.note)
            best = Grade(True, False, answer, target, result.similarity, result.note)
        # The main answer's note ("number differs: 7.1 vs 6.1") beats the generic placeholder.
        elif not best.correct and (index == 0 or result.similarity > best.similarity):
            best = Grade(False, False, answer, None, result.similarity, result.note)
    return best


def _compare(given: str, given_norm: str, target: str, tolerance: float | None, direction: int = 0) -> Grade:
    expected_q = _signed_quantity(target)
    if expected_q is not None:
        return _compare_quantities(given, target, expected_q, tolerance, direction)
    target_norm = _ranges(_drop_article(normalize(target)))
    given_norm = _ranges(_drop_article(given_norm))
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


def _compare_quantities(given: str, target: str, expected: tuple[float, str, int, str],
                        tolerance: float | None, direction: int = 0) -> Grade:
    """Numbers compare by value and unit; a change compares by direction too, written either
    way: "-6.1%", "6.1% decrease" and "a loss of 6.1 %" are all -6.1%."""
    given_q = _signed_quantity(given)
    if given_q is None:
        return Grade(False, False, target, None, 0.0, f"expected a number: {target}")
    (g_val, g_unit, g_sign, g_how), (e_val, e_unit, e_sign, _) = given_q, expected
    if g_unit and e_unit and g_unit != e_unit:
        return Grade(False, False, target, None, 0.0, f"unit differs: {g_unit} vs {e_unit}")
    tol = tolerance if tolerance is not None else 1e-9
    if abs(g_val - e_val) > tol + 1e-12:
        return Grade(False, False, target, None, 0.0, f"number differs: {_fmt(g_val)} vs {_fmt(e_val)}")
    if e_sign == 0 and direction:
        # "Reduction in BMD at the lumbar spine?" -> "6.1%": "-6.1%" and "6.1% decrease" say it too.
        if g_sign == -direction:
            asked = "a decrease" if direction < 0 else "an increase"
            return Grade(False, False, target, None, 0.0, f"direction differs: the question asks for {asked}")
        return Grade(True, True, target, target, 100.0, "correct")
    if e_sign == 0:
        # An unsigned answer may name the direction in words, but a minus sign says the opposite
        # of a positive figure.
        if g_sign == -1 and g_how == "symbol":
            return Grade(False, False, target, None, 0.0, f"sign differs: -{_fmt(g_val)} vs {_fmt(e_val)}")
        return Grade(True, True, target, target, 100.0, "correct")
    direction = "a decrease" if e_sign < 0 else "an increase"
    if g_sign == e_sign:
        return Grade(True, True, target, target, 100.0, "correct")
    if g_sign == 0:
        return Grade(True, False, target, target, 90.0, f"accepted, but say the direction: {target} ({direction})")
    return Grade(False, False, target, None, 0.0, f"direction differs: the answer is {target} ({direction})")


def _ranges(text: str) -> str:
    """"2 to 3 years" and "2 - 3 years" are the range "2-3 years"."""
    return re.sub(r"(?<=\d)\s*(?:-|to)\s*(?=\d)", "-", text)


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


# --- list answers -----------------------------------------------------------------

_ITEM_SEPARATOR = re.compile(r"\s*(?:[\n;,/&]|\band\b|\bor\b|\bplus\b)\s*", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
MAX_SPAN = 3  # an expected item may itself hold a separator: "nausea and vomiting"


def split_items(given: str) -> list[str]:
    """The items of a list answer, in the order written: separated by commas, semicolons,
    newlines, "and" or "or" (a leading bullet or number is dropped)."""
    lines = [_BULLET.sub("", line) for line in str(given).splitlines()]
    return [part.strip(" .") for part in _ITEM_SEPARATOR.split("\n".join(lines)) if part.strip(" .")]


def _alternatives(item: str) -> list[str]:
    """An item and its bracketed gloss count either way: "joint pain (arthralgia)" accepts the
    whole, "joint pain" and "arthralgia"."""
    m = re.match(r"^(?P<outside>[^()]+?)\s*\((?P<inside>[^()]+)\)\s*$", item)
    return [item, m.group("outside"), m.group("inside")] if m else [item]


def grade_items(given: str, items: list[str] | tuple[str, ...], need: int | None = None,
                answer: str | None = None) -> Grade:
    """Grade a list answer: each expected item found (in any order, fuzzily as in
    :func:`grade_typed`) counts; ``need`` items (default: all) make it right. The note says
    "2 of 3" and names what was missing; a wrong extra item makes a right answer Hard."""
    items = list(items)
    need = max(1, min(need or len(items), len(items)))
    expected = answer or ", ".join(items)
    parts = split_items(given)
    if not parts:
        return Grade(False, False, expected, None, 0.0, "no answer given", 0, need)
    used = [False] * len(parts)
    matched: list[str] = []
    exact = True
    # Longer items first, so "hot flashes and night sweats" is not split into two near misses.
    for item in sorted(items, key=lambda t: -len(t)):
        hit = _find(item, parts, used)
        if hit is None:
            continue
        start, length, result = hit
        for k in range(start, start + length):
            used[k] = True
        matched.append(item)
        exact = exact and result.exact
    found = min(len(matched), need)
    extra = [p for p, u in zip(parts, used) if not u]
    missing = [t for t in items if t not in matched]
    note = f"{found} of {need}"
    if found < need and missing:
        label = "missing" if len(items) == need else "also right"
        note += f"; {label}: " + ", ".join(missing)
    if extra:
        note += "; not in the list: " + ", ".join(extra)
    correct = found >= need
    if correct and extra:
        exact = False
    similarity = 100.0 * found / need
    return Grade(correct, correct and exact, expected, expected if correct else None, similarity, note, found, need)


def _find(item: str, parts: list[str], used: list[bool]) -> tuple[int, int, Grade] | None:
    """The first run of unused given parts (longest first) that matches ``item``."""
    for length in range(min(MAX_SPAN, len(parts)), 0, -1):
        for start in range(len(parts) - length + 1):
            if any(used[start:start + length]):
                continue
            text = " and ".join(parts[start:start + length])
            for alternative in _alternatives(item):
                result = _compare(text, normalize(text), alternative, None)
                if result.correct:
                    return start, length, result
    return None


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
