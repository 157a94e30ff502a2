"""Rules for wrong options: the same kind as the answer, and really wrong.

One module for the generator's choice cards and for quiz mode, so both offer options
a teacher would: numbers against numbers of the same unit and size, written in one form
("5 years", never "five years" among "2 years"); terms against terms of the same class;
never a variant of the answer (singular/plural), a "True"/"False", a duplicate, or an
option that is also right (an equal value, an equivalent dose, the answer's acronym or
expansion). Callers rank the candidates; :func:`pick` keeps the acceptable ones in order.
No textual.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from . import doses
from .claims import content_stems, contradiction, stem
from .numbers import spelled
from .patterns import compiled

MIN_DISTRACTORS = 3  # fewer good ones: the card stays typed or cloze
MAX_RATIO = 10.0  # a number option within a factor of ten of the answer: same magnitude class
MIN_GAP = 0.1  # and at least 10% away from it and from every other option
SHARED = 0.5  # an option with half the answer's content words says the same unless it contradicts it
_BOOLEAN = {"true", "false", "yes", "no", "correct", "incorrect", "right", "wrong"}
_NUMBER_WORDS = spelled(*range(1, 13), 20, 50, 100)
_QUANTITY = re.compile(
    rf"^(?P<sign>[−\-+~≈]|about |approximately |around )?(?P<num>\d+(?:[.,]\d+)?|{'|'.join(_NUMBER_WORDS)})"
    r"\s?(?P<unit>%|[a-zA-Zµμ/]+(?:/[a-zA-Z]+)?)?(?P<rest>.*)$", re.I)
# The second end of a range written as a word: "2 to five days" is printed "2 to 5 days".
_RANGE_WORD = re.compile(rf"(?<=\d)(\s*(?:to|–|-)\s*)({'|'.join(_NUMBER_WORDS)})\b", re.I)
_RANGE = re.compile(r"^\D*?(\d+(?:\.\d+)?)\s*(?:-?\s*(?:to|–)|-)\s*(\d+(?:\.\d+)?)")
_UNIT_ALIASES = {"years": "year", "yrs": "year", "yr": "year", "months": "month", "weeks": "week", "days": "day",
                 "hours": "hour", "hrs": "hour", "h": "hour", "minutes": "minute", "min": "minute",
                 "times": "time", "fold": "fold", "µg": "mcg", "μg": "mcg", "ug": "mcg", "ml": "ml", "percent": "%"}
_ROUND_UNITS = {"year", "month", "week", "day", "hour", "minute"}


@lru_cache(maxsize=16384)
def clean(text: str) -> str:
    """One printed form: no-break spaces and runs of spaces become one space, no trailing stop,
    a term repeated by a two-blank cloze said once ("estradiol, estradiol" -> "estradiol")."""
    text = unicodedata.normalize("NFKC", str(text)).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().rstrip(".;,")
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1 and len({p.casefold() for p in parts}) == 1:
        return parts[0]
    return text


@lru_cache(maxsize=16384)
def key(text: str) -> str:
    """What two options are compared by: case, spacing, punctuation and spelled-out numbers
    do not count ("Estradiol." = "estradiol", "five years" = "5 years")."""
    q = quantity(text)
    if q is not None:
        value, unit, rest = q
        return f"{value:g} {unit} {rest}".strip()
    return " ".join(re.findall(r"[\w%]+", clean(text).casefold()))


@lru_cache(maxsize=16384)
def quantity(text: str) -> tuple[float, str, str] | None:
    """``(value, unit, what follows)`` for an option that is a number: "5 years" ->
    (5.0, "year", ""), "five years" -> the same, "−6.1%" -> (-6.1, "%", ""); else ``None``."""
    m = _QUANTITY.match(clean(text))
    if m is None:
        return None
    num = m.group("num").lower().replace(",", ".")
    value = float(_NUMBER_WORDS[num]) if num in _NUMBER_WORDS else float(num)
    if (m.group("sign") or "") in ("−", "-"):
        value = -value
    unit = (m.group("unit") or "").lower()
    unit = _UNIT_ALIASES.get(unit, unit)
    rest = m.group("rest").strip().casefold()
    if num in _NUMBER_WORDS and not unit:
        return None  # "one of the ..." is a phrase, not a number
    return value, unit, rest


@lru_cache(maxsize=16384)
def render(option: str) -> str:
    """An option in the printed form of numbers: digits, one plain space before a word unit
    ("five years" -> "5 years", "2.1\u00a0days" -> "2.1 days", "1 year" singular)."""
    text = _RANGE_WORD.sub(lambda m: m.group(1) + str(_NUMBER_WORDS[m.group(2).lower()]), clean(option))
    m = _QUANTITY.match(text)
    if m is None:
        return text
    num = m.group("num")
    if num.lower() in _NUMBER_WORDS:
        num = str(_NUMBER_WORDS[num.lower()])
    unit = m.group("unit") or ""
    base = _UNIT_ALIASES.get(unit.lower(), unit.lower())
    if base in _ROUND_UNITS:
        unit = base + ("" if float(num) == 1 else "s")
    space = "" if unit in ("%", "") or unit.startswith("/") else " "
    sign = m.group("sign") or ""
    return f"{sign}{num}{space}{unit}{m.group('rest')}".strip()


@lru_cache(maxsize=16384)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in re.findall(r"[A-Za-zα-ω][\w\-α-ω]*", clean(text)))


def variant(a: str, b: str) -> bool:
    """Two forms of one word or phrase: singular/plural or another inflection
    ("osteoclast"/"osteoclasts", "Inhibition"/"inhibit"), or one inside the other."""
    if quantity(a) is not None or quantity(b) is not None:
        return key(a) == key(b)
    sa, sb = _stems(a), _stems(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    ka, kb = key(a), key(b)
    return len(sa) == len(sb) == 1 and (ka in kb or kb in ka)


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w\-]*", text)
                   if w.lower() not in ("of", "and", "or", "the", "in", "a", "an", "for", "to")).lower()


def synonym(a: str, b: str) -> bool:
    """One is the other's acronym ("LDL" / "low-density lipoprotein")."""
    for short, long in ((a, b), (b, a)):
        letters = _acronym_letters(short)
        if letters and " " in long.strip() and letters in _spellings(long):
            return True
    return False


@lru_cache(maxsize=16384)
def _acronym_letters(text: str) -> str:
    """The letters of ``text`` in lower case if it can be an acronym (two to eight letters, no
    lower case), else ""."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    return letters.lower() if 2 <= len(letters) <= 8 and text.strip() == text.strip().upper() else ""


@lru_cache(maxsize=16384)
def _spellings(text: str) -> tuple[str, str]:
    """The initials an acronym of ``text`` may have: without function words, and of every word."""
    words = re.split(r"[\s\-]+", text)
    return _initials(text), "".join(w[0] for w in words if w).lower()


def is_boolean(option: str) -> bool:
    return key(option) in _BOOLEAN


# Endings that say what kind of thing a term names; a cell is never offered against a disease.
_CLASSES = (
    ("cell", r"(?:cyte|blast|clast|phage|cell)s?$"),
    ("enzyme", r"ases?$"),
    ("condition", r"(?:emia|penia|plasia|trophy|pathy|algia|itis|osis|oma|ity|ia|cancer|syndrome|disease|"
                  r"disorder|allergy|infection|failure|tumou?r|embolism)s?$"),
    # drugs by their naming stems (USAN/INN: -mab, -nib, -azole, -ifene, -pram, -olol, -statin, ...)
    ("agent", r"(?:ant|ist|mab|nib|zole|ifen|ifene|oxifen|utamide|relin|olimus|parib|ciclib|ane|pram|oxetine|"
              r"olol|pril|sartan|statin|tidine|cycline|cillin|mycin|vir|dronate|asone|olone|inhibitor|"
              r"modulator|blocker|agonist|drug|medication|agent)s?$"),
    ("process", r"(?:tion|sion|ence|ance|genesis|lysis|sis|ment|ism)s?$"),
    ("protein", r"(?:protein|globulin|receptor|factor|kinase)s?$"),
    ("hormone", r"(?:gen|one|diol|ol|in)s?$"),
    ("descriptor", r"(?:ed|ing|ly|ive|ous|al|ic|able|ible|ory|ary)$"),  # "Substantially accelerated" is no thing
)
_STATEMENT = re.compile(r"^(?:has|have|is|are|was|were|can|may|does|do|it|they|by)\b", re.I)
SHORT_TERM_WORDS = 4  # answers up to this long are terms: their class must match


@lru_cache(maxsize=16384)
def term_class(term: str) -> str | None:
    """The kind of thing a term names, by the ending of its last real word ("osteoclasts" ->
    cell, "osteopenia" -> condition, "bone-building cells" -> cell, "Protein kinase C" ->
    protein); an acronym is its own kind, and so is a clause ("Has two rings")."""
    words = clean(term).split()
    if not words:
        return None
    if len(words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9α-ω\-]+s?", words[0]):
        return "acronym"
    if len(words) > 1 and _STATEMENT.match(words[0]):
        return "statement"
    # the head noun: before "of"/"in"/... ("metabolism of tamoxifen" is a process, not a drug)
    head = re.split(r"\s(?:of|in|for|with|to|from|by|on)\s", " ".join(words), maxsplit=1)[0].split()
    real = [w for w in head if len(re.sub(r"[^A-Za-z]", "", w)) >= 3] or head
    low = real[-1].lower().rstrip(",;:")
    return next((name for name, pattern in _CLASSES if re.search(pattern, low)), None)


@lru_cache(maxsize=16384)
def _form(term: str) -> tuple[bool, int]:
    """A term's printed form: a proper name in capitals ("Imperial Chemical Industries") or not,
    and its length in words."""
    words = clean(term).split()
    return all(w[:1].isupper() for w in words) and len(words) > 1, len(words)


def same_kind(answer: str, option: str) -> bool:
    """Whether ``option`` is an answer of the same kind: a number of the same unit and
    magnitude class for a number; for a term, a term of the same class (by its ending); for
    anything longer, a non-number of a similar length."""
    qa, qo = quantity(answer), quantity(option)
    if (qa is None) != (qo is None):
        return False
    if qa is not None and qo is not None:
        (va, ua, ra), (vo, uo, ro) = qa, qo
        if ua != uo or (va < 0) != (vo < 0) or bool(ra) != bool(ro):
            return False
        if ua == "%" and (abs(va) > 100) != (abs(vo) > 100):
            return False  # a share (91%) is never offered against an increase (+120%)
        small, large = sorted((abs(va), abs(vo)))
        return small > 0 and large / small <= MAX_RATIO or small == large == 0
    na, no = len(clean(answer).split()), len(clean(option).split())
    ca, co = term_class(answer), term_class(option)
    if ca and co and ca != co:
        return False  # a condition is never offered against a drug, however long the answers
    if na <= SHORT_TERM_WORDS:
        if no > SHORT_TERM_WORDS or term_class(answer) != term_class(option):
            return False
        if term_class(answer) is None:  # no ending tells the kind: at least the same form
            (name_a, len_a), (name_o, len_o) = _form(answer), _form(option)
            return name_a == name_o and abs(len_a - len_o) <= 1
        return True
    return no <= 2 * na + 2 and na <= 2 * no + 2


def also_correct(answer: str, option: str) -> bool:
    """An option a student could defend: equal after normalisation, an equivalent dose,
    the same number, the answer's acronym or expansion, or words it shares with the answer
    without contradicting it (no opposite degree, direction or negation)."""
    if key(answer) == key(option) or variant(answer, option) or synonym(answer, option):
        return True
    if quantity(answer) is None and quantity(option) is None and _inside(key(option), key(answer)):
        return True  # a part of the answer ("men: Off-label use ..." holds "Off-label use ...")
    if quantity(answer) is None and _overlap(answer, option) >= SHARED and contradiction(option, answer) is None:
        return True  # "Profound estrogen suppression" for "Therapeutic suppression": maybe the same
    qa, qo = quantity(answer), quantity(option)
    if qa is not None and qo is not None and qa[1] == qo[1] and abs(qa[0] - qo[0]) <= 1e-9 and qa[2] == qo[2]:
        return True
    return doses.equivalent(answer, option)


def repeats(options: Iterable[str], option: str) -> bool:
    """``option`` adds nothing beside ``options``: a True/False, or the same as one of them
    (after normalisation, a singular/plural variant, an acronym, an equivalent dose)."""
    return is_boolean(option) or any(key(o) == key(option) or variant(o, option) or synonym(o, option)
                                     or doses.equivalent(o, option) for o in options)


def _inside(a: str, b: str) -> bool:
    """One phrase stands whole in the other, word for word."""
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _overlap(a: str, b: str) -> float:
    """Share of the shorter one's content words that the other one has too."""
    sa, sb = content_stems(a), content_stems(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def _too_close(a: str, b: str) -> bool:
    qa, qb = quantity(a), quantity(b)
    if qa is None or qb is None or qa[1] != qb[1]:
        return False
    if not qa[1] and all(v.is_integer() and 1800 <= v <= 2100 for v in (qa[0], qb[0])):
        return qa[0] == qb[0]  # calendar years: 2005 and 2009 are different answers
    return abs(qa[0] - qb[0]) < MIN_GAP * max(abs(qa[0]), abs(qb[0]))


def acceptable(answer: str, option: str, *, prompt: str = "", correct: Iterable[str] = ()) -> bool:
    """``option`` may stand beside ``answer``: same kind, not a true/false word, not also
    right (nor equal to anything in ``correct``, e.g. another source's figure for the
    same question), not printed in the prompt, not within 10% of a numeric answer."""
    if not clean(option) or is_boolean(option) or _empty_range(option):
        return False
    if not same_kind(answer, option) or also_correct(answer, option) or _too_close(answer, option):
        return False
    if any(also_correct(c, option) for c in correct):
        return False
    return not (prompt and _printed(prompt, option))


def range_of(text: str) -> tuple[float, float] | None:
    """The two ends of a range written as one figure ("10- to 20-fold", "2 to five days")."""
    m = _RANGE.match(render(text))
    return (float(m.group(1)), float(m.group(2))) if m else None


def _empty_range(option: str) -> bool:
    """"10 to 10 days", "14 to 10 days": a range whose ends do not rise is no option."""
    ends = range_of(option)
    return ends is not None and ends[0] >= ends[1]


def _printed(prompt: str, option: str) -> bool:
    """The option (or a variant of it: "osteoclast" in "What are osteoclasts?") is in the prompt."""
    words, seq = _stems(prompt), _stems(option)
    if quantity(option) is not None or not seq:
        return compiled(rf"(?<![\w.]){re.escape(clean(option))}(?![\w])", re.I).search(clean(prompt)) is not None
    return any(words[i:i + len(seq)] == seq for i in range(len(words) - len(seq) + 1))


def pick(answer: str, candidates: Iterable[str], count: int = MIN_DISTRACTORS, *, prompt: str = "",
         correct: Iterable[str] = ()) -> list[str]:
    """Up to ``count`` acceptable candidates, in the caller's order, each in the printed form
    of numbers and none a duplicate or a variant of another or too close to another."""
    correct = list(correct)
    chosen: list[str] = []
    for c in candidates:
        option = render(c)
        if not acceptable(answer, option, prompt=prompt, correct=correct):
            continue
        if any(also_correct(o, option) or _too_close(o, option) for o in chosen):
            continue
        chosen.append(option)
        if len(chosen) == count:
            break
    return chosen
