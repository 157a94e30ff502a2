"""Grading typed answers: forgiving about form, strict about facts.

Case, accents, punctuation and spacing are ignored; small typos are tolerated with
rapidfuzz; singular and plural (any form of the same words, by Snowball stem) count as
the same answer; numbers are compared as numbers with their unit, converted by pint
(``quantities``: "12 months" = "one year", "1 mg daily" = "1 mg/day"), so "7.1%" is never
accepted for "6.1%"; a phrase with at least half of its key words and nothing else gets
partial credit ("2 of 3", Hard proposed rather than Again).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .answer_parts import gloss_alternatives
from .claims import english_stemmer as _stemmer
from .quantities import convert, load_units, signed_quantity, split_rate, unit_name
from .scheduler import Rating

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
    # A hyphen survives only as a minus sign (-2.5) or inside a range (6-7, 2 - 3).
    text = re.sub(r"(?<=\d)\s+-\s*(?=\d)|(?<=\d)-\s+(?=\d)", "-", text)
    text = re.sub(r"-(?!\d)|(?<=[^\W\d])-", " ", text)
    return " ".join(text.split())


def _signed_quantity(text: str) -> tuple[float, str, int, str] | None:
    return signed_quantity(normalize(text))


def grade_typed(given: str, answer: str, accept: tuple[str, ...] | list[str] = (),
                tolerance: float | None = None, direction: int = 0) -> Grade:
    """Grade ``given`` against ``answer`` and its ``accept`` alternatives. ``direction`` (-1 or
    +1) is the direction the question itself names ("reduction in BMD?"): then an unsigned
    number answer may also be written with that sign ("-6.1%"), and the opposite one is wrong."""
    given_norm = normalize(given)
    if not given_norm:
        return Grade(False, False, answer, None, 0.0, "no answer given")
    best = Grade(False, False, answer, None, 0.0, "does not match")
    targets = (answer, *accept)
    targets += tuple(alt for t in targets for alt in gloss_alternatives(t) if alt not in targets)
    for index, target in enumerate(targets):
        result = compare(given, given_norm, target, tolerance, direction)
        if result.correct and (result.exact or not best.correct):
            if result.exact:
                return Grade(True, True, answer, target, result.similarity, result.note)
            best = Grade(True, False, answer, target, result.similarity, result.note)
        # The main answer's note ("number differs: 7.1 vs 6.1") beats the generic placeholder.
        elif not best.correct and (index == 0 or result.similarity > best.similarity):
            best = Grade(False, False, answer, None, result.similarity, result.note, result.found, result.needed)
    return best


def compare(given: str, given_norm: str, target: str, tolerance: float | None, direction: int = 0,
             key_words: bool = True) -> Grade:
    """``given`` against one accepted answer; ``key_words=False``: no partial credit for a
    phrase (a list item must match on its own, not inside a longer run of items)."""
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
    if _stems(given_norm) == _stems(target_norm):
        # Singular or plural, or another form of the same words: "osteoclast" for "osteoclasts".
        return Grade(True, True, target, target, 100.0, f"correct (the card says: {target})")
    if _stems(american(given_norm)) == _stems(american(target_norm)):
        # "diarrhoea" for "diarrhea", "oedemas" for "edema": a right answer in the other spelling, not a typo
        return Grade(True, True, target, target, 100.0, f"correct (the card spells it: {target})")
    similarity = fuzz.ratio(given_norm, target_norm)
    # Short answers and acronyms get no typo allowance: RANK is not RANKL, BMI is not BMD.
    if len(target_norm) > 4 and not _is_acronym(target) and similarity >= TYPO_THRESHOLD \
            and _typo(given_norm, target_norm):
        return Grade(True, False, target, target, similarity, f"accepted with a typo (expected: {target})")
    if not key_words:
        return Grade(False, False, target, None, similarity, "does not match")
    return _key_words(given_norm, target_norm, target, similarity)


def _typo(given_norm: str, target_norm: str) -> bool:
    """A misspelling of the answer, not another answer: words run together, or the words
    that differ are near misses (a letter or a swap each, two or more in a long answer) and
    none is another English word ("decreased" for "increased", "osteoblasts" for
    "osteoclasts": see :func:`_other_word`)."""
    if given_norm.replace(" ", "") == target_norm.replace(" ", ""):
        return True
    given, wanted = given_norm.split(), target_norm.split()
    if len(given) != len(wanted):
        return False
    allowed = 1 if len(target_norm) <= 8 else 2 + len(target_norm) // 12
    differing = [(g, w) for g, w in zip(given, wanted) if stem(g) != stem(w)]
    if not differing or any(_other_word(g, w) for g, w in differing):
        return False
    return sum(OSA.distance(g, w) for g, w in differing) <= allowed


# British spellings of medical words, by the roots that carry them, and the one phrase whose word
# differs: a list, not "oe" -> "e" anywhere ("canoes" is not "canes", "flashing" is not "flushing").
_BRITISH = tuple((re.compile(british), american) for british, american in (
    (r"rrhoe", "rrhe"),  # diarrhoea, amenorrhoea
    (r"pnoe", "pne"),  # dyspnoea, apnoea
    (r"aemi", "emi"),  # anaemia, leukaemia, ischaemia, hypoglycaemia
    (r"\bhaem", "hem"),  # haemorrhage, haemoglobin
    (r"\boe(?=d|st|soph)", "e"),  # oedema, oestrogen, oestradiol, oesophagus
    (r"\bfoet", "fet"),  # foetal, foetus
    (r"\bcoeli", "celi"),  # coeliac
    (r"\bpaed", "ped"),  # paediatric
    (r"aesth", "esth"),  # anaesthesia
    (r"\bhot flush", "hot flash"),  # hot flushes
))


def american(norm: str) -> str:
    """Normalised text with the British spellings of medical words made American ("diarrhoea",
    "oedema", "anaemia", "hot flushes" -> "diarrhea", "edema", "anemia", "hot flashes")."""
    if "e" not in norm:
        return norm
    for british, american_spelling in _BRITISH:
        norm = british.sub(american_spelling, norm)
    return norm


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale), loaded only when first asked."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _other_word(typed: str, word: str) -> bool:
    """Whether ``typed`` is a word of its own rather than a misspelling of ``word``: wordfreq
    knows it as common English (Zipf 3 or more), or about as often as ``word`` itself (a
    misspelling is far rarer than its word). wordfreq loads only when a near miss is checked."""
    typed_freq = zipf(typed)
    return typed_freq >= 3.0 or (typed_freq > 0 and typed_freq >= zipf(word) - 0.5)


# Words that carry no fact of their own in a phrase answer; "no" and "not" are not among them.
FUNCTION_WORDS = frozenset("a an the of in on at to by for with from and or as is are was were its their "
                            "this that which".split())
NEGATIONS = frozenset("no not non without never none".split())


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The word's Snowball stem: "osteoclasts" and "osteoclast" are one word."""
    return _stemmer().stemWord(word)


def load() -> None:
    """Load what grading loads only when first needed (the stemmer, pint's units: together
    about half a second), so a caller can do it before the first answer, off the UI thread."""
    _stemmer()
    load_units()


def _stems(norm: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in norm.split())


def _key_words(given_norm: str, target_norm: str, target: str, similarity: float) -> Grade:
    """Partial credit for a phrase: the answer's key words (its words less function words,
    compared by stem) found in what was typed. Every key word and a few more: accepted (Hard);
    at least half of them and nothing else: "2 of 3" (Hard proposed); else no match (Again)."""
    no_match = Grade(False, False, target, None, similarity, "does not match")
    key = [w for w in dict.fromkeys(target_norm.split()) if w not in FUNCTION_WORDS]
    given = [w for w in dict.fromkeys(given_norm.split()) if w not in FUNCTION_WORDS]
    if len(key) < 2 or not given:
        return no_match
    key_stems = {stem(w): w for w in key}
    given_stems = {stem(w): w for w in given}
    if (NEGATIONS & set(given)) != (NEGATIONS & set(key)):
        return no_match  # "no estrogen suppression" says the opposite
    found = [w for s, w in key_stems.items() if s in given_stems]
    extra = [w for s, w in given_stems.items() if s not in key_stems]
    missing = [w for s, w in key_stems.items() if s not in given_stems]
    if not missing and extra:
        return Grade(True, False, target, target, similarity,
                     f"accepted: every key word is there (the card says: {target}; you added: {' '.join(extra)})")
    if missing and not extra and 2 * len(found) >= len(key):
        return Grade(False, False, target, None, similarity,
                     f"key words {len(found)} of {len(key)}; missing: {' '.join(missing)} (the card says: {target})",
                     len(found), len(key))
    return no_match


def _compare_quantities(given: str, target: str, expected: tuple[float, str, int, str],
                        tolerance: float | None, direction: int = 0) -> Grade:
    """Numbers compare by value and unit; a change compares by direction too, written either
    way: "-6.1%", "6.1% decrease" and "a loss of 6.1 %" are all -6.1%."""
    given_q = _signed_quantity(given)
    if given_q is None:
        return Grade(False, False, target, None, 0.0, f"expected a number: {target}")
    (g_val, g_unit, g_sign, g_how), (e_val, e_unit, e_sign, _) = given_q, expected
    rate_note = ""
    if g_unit and e_unit and g_unit != e_unit:
        (g_base, g_per), (e_base, e_per) = split_rate(g_unit), split_rate(e_unit)
        if bool(g_per) != bool(e_per) and convert(1.0, g_base, e_base) is not None:
            # "1 mg/day" for "1 mg" says how often too; "1 mg" for "1 mg/day" leaves it out.
            g_unit, e_unit = g_base, e_base
            rate_note = "" if g_per else f"accepted, but say how often: {target}"
        converted = convert(g_val, g_unit, e_unit)
        if converted is None:
            return Grade(False, False, target, None, 0.0,
                         f"unit differs: {unit_name(g_unit)} vs {unit_name(e_unit)}")
        written, g_val = f"{_fmt(g_val)} {g_unit} = {_fmt(converted)} {e_unit}", converted
    else:
        written = _fmt(g_val)
    tol = tolerance if tolerance is not None else 1e-9
    if abs(g_val - e_val) > tol + 1e-9 * max(1.0, abs(e_val)):
        return Grade(False, False, target, None, 0.0, f"number differs: {written} vs {_fmt(e_val)}")
    if rate_note:
        return Grade(True, False, target, target, 90.0, rate_note)
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
