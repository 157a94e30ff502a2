"""Numbers with units in typed answers, read and converted with pint (a maintained units library).

"12 months" is "one year", "6 weeks" is "42 days", "2.5 mg" is "2500 mcg", and "1 mg/day",
"1 mg daily", "1 mg a day" and "7 mg per week" are one rate. A change's direction may be
written as a sign or a word ("-7.2%", "a loss of 7.2%", "7.2% decrease"). Texts come in
normalised (``grading.normalize``: lower case, "/" as a space). pint is loaded the first
time two answers write their units differently, never for the same unit written the same way.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from .numbers import NUMBER_WORDS, TIMES_WORDS

# What pint reads otherwise ("pct" is a picocarat to pint) or not at all ("y", "mo", "wk").
_PINT_SPELLING = {"pct": "percent", "per cent": "percent", "y": "year", "mo": "month", "wk": "week",
                  "wks": "week", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}
_NUMBER_WORDS = {**NUMBER_WORDS, "once": TIMES_WORDS["once"], "twice": TIMES_WORDS["twice"]}
_PER = r"(?:(?:once\s+)?(?:per|a|an|each|every)\s+|once\s+|/\s*)?(?P<per>day|d|week|wk|month|year|daily|weekly|monthly)"
_QUANTITY_RE = re.compile(
    r"^~?\s*(?:approximately|about|around|approx\.?|roughly|nearly|almost)?\s*(?P<n>[-+]?\d+(?:[.,]\d+)?)\s*"
    rf"(?P<unit>per cent|[a-zµ%]+)?(?:\s+{_PER})?\s*$"
)
# Words that give a change its direction: "a 6.1% decrease" is -6.1%, "an increase of 6.1%" is +6.1%.
_DOWN = r"decreases?|decreased|reductions?|reduced|loss(?:es)?|lost|declines?|declined|drops?|dropped|fell|falls?|" \
        r"lower|less|down|minus|negative|decline of"
_UP = r"increases?|increased|rises?|rose|gains?|gained|higher|more|up|plus|positive|elevated|elevation"
_DIRECTION_AFTER = re.compile(rf"^(?P<q>.+?)\s+(?:(?P<down>{_DOWN})|(?P<up>{_UP}))(?:\s+(?:in|of|at)\b.*)?$")
_DIRECTION_BEFORE = re.compile(
    rf"^(?:an?\s+|the\s+)?(?:(?P<down>{_DOWN})|(?P<up>{_UP}))(?:\s+(?:of|by|to))?\s+(?P<q>.+)$")


def _drop_article(text: str) -> str:
    return re.sub(r"^(?:a|an|the) (?=\S)", "", text)


def signed_quantity(norm: str) -> tuple[float, str, int, str] | None:
    """``(magnitude, unit, sign, how)`` of a normalised answer, or ``None`` if it is no
    quantity: ``unit`` as written ("months", "mg/day", "" for none), sign -1/+1 when the text
    gives one ("-6.1%", "6.1% decrease", "an increase of 2 mg"), else 0; ``how`` is
    "symbol" or "word" (or "")."""
    sign, how = 0, ""
    for pattern in (_DIRECTION_AFTER, _DIRECTION_BEFORE):
        m = pattern.match(norm)
        if m and plain_quantity(_drop_article(m.group("q"))) is not None:
            norm, sign, how = _drop_article(m.group("q")), (-1 if m.group("down") else 1), "word"
            break
    q = plain_quantity(norm)
    if q is None:
        return None
    value, unit = q
    if value < 0 or norm.lstrip("~ ").startswith("+"):
        if not how:
            sign, how = (-1 if value < 0 else 1), "symbol"
    return abs(value), unit, sign, how


def plain_quantity(norm: str) -> tuple[float, str] | None:
    """``(value, unit as written)`` of an unsigned quantity ("five years", "1 mg daily")."""
    for word, value in _NUMBER_WORDS.items():
        norm = re.sub(rf"^{word}\b", str(value), norm)
    m = _QUANTITY_RE.match(norm)
    if not m:
        return None
    unit, per = (m.group("unit") or "").strip(), m.group("per")
    if per and not unit:
        return None  # "5 a day" is no unit of its own
    unit = f"{unit}/{_PINT_SPELLING.get(per, per)}" if per else unit
    return float(m.group("n").replace(",", ".")), unit


_registry_lock = threading.Lock()
_units = None  # pint's UnitRegistry, once loaded


def _registry():
    # Under a lock: a typed answer graded while the app's worker is still loading
    # (load_units) waits for that load rather than starting a second one beside it.
    global _units
    with _registry_lock:
        if _units is None:
            import pint

            _units = pint.UnitRegistry(cache_folder=":auto:")
        return _units


def load_units() -> None:
    """Load pint and its unit registry now (about half a second, once per process): the app
    calls it in a worker at launch, so the first typed answer never waits for it."""
    _registry()


def _pint_text(unit: str) -> str:
    return "/".join(_PINT_SPELLING.get(part, part) for part in unit.split("/"))


@lru_cache(maxsize=512)
def unit_name(unit: str) -> str:
    """pint's name for a unit as written ("yrs" -> "year", "mg/d" -> "milligram / day");
    a unit pint does not know stays as written (and compares as text)."""
    if not unit:
        return ""
    import pint

    try:
        return str(_registry().parse_units(_pint_text(unit)))
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
        return unit


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to`` (pint), or ``None`` when they measure
    different things (months and mg) or pint knows either unit not."""
    if unit == to:
        return value
    import pint

    registry = _registry()
    try:
        return float(registry.Quantity(value, _pint_text(unit)).to(_pint_text(to)).magnitude)
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
        return None


def split_rate(unit: str) -> tuple[str, str]:
    """``"mg/day"`` -> ``("mg", "day")``; ``"mg"`` -> ``("mg", "")``."""
    base, _sep, per = unit.partition("/")
    return base, per


# --- learning steps ("1m 10m 1h 1d", as Anki writes them) ---------------------------------

_STEP_UNITS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}
_STEP_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def parse_steps(text: str) -> list[float]:
    """Learning steps written as Anki does (``"1m 10m 1h 1d"``; a bare number is minutes),
    separated by spaces or commas, as minutes (converted by pint); ``ValueError`` with a
    readable message otherwise."""
    out = []
    for token in text.replace(",", " ").split():
        m = _STEP_RE.match(token.strip().lower())
        minutes = convert(float(m.group(1)), _STEP_UNITS[m.group(2) or "m"], "minute") if m else None
        if minutes is None:
            raise ValueError(f"steps are times like '1m 10m 1h 1d' (s, m, h, d; a bare number is minutes), "
                             f"not {token!r}")
        out.append(minutes)
    return out


def format_steps(minutes: list[float]) -> str:
    """``[1, 10, 60, 1440]`` -> ``"1m 10m 1h 1d"``: each step in the largest unit it is whole in."""
    def one(value: float) -> str:
        for unit, size in (("d", 1440), ("h", 60)):
            if value >= size and value % size == 0:
                return f"{value / size:g}{unit}"
        return f"{value:g}m"

    return " ".join(one(m) for m in minutes)
