"""Stage 4, true/false: a statement is keyed False only where the document contradicts it.

Swapping the men's and the women's entries of a table row (or two parallel list items)
gives a false statement only if the two entries cannot both be true: their doses differ
once written per week, they put opposite degrees or directions on the same thing
("markedly increased" vs "slightly increased"), one negates what the other affirms, or the
row asks for one thing ("primary goal") and they name different ones. Even then, a
sentence or table cell anywhere in the document that says the statement of the claimed
group ("... in men, leading to an increased fracture risk") vetoes the False key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .. import doses
from ..distractors import stem
from .extract import zipf

# Degree words: two entries that put opposite degrees on the same head contradict each other.
HIGH = {"profound", "profoundly", "drastic", "drastically", "maximal", "maximum", "marked", "markedly",
        "significant", "significantly", "substantial", "substantially", "severe", "severely", "near-complete",
        "complete", "completely", "greatly", "strongly", "dramatic", "dramatically", "extensive", "extensively",
        "high", "major", "rapid", "rapidly", "sharp", "sharply", "high-dose"}
LOW = {"moderate", "moderately", "slight", "slightly", "mild", "mildly", "modest", "modestly", "minimal",
       "minimally", "minor", "small", "partial", "partially", "limited", "little", "weak", "weakly", "gentle",
       "gently", "low-dose", "marginal", "marginally"}
_UP = {"increas", "rise", "rais", "elev", "higher", "acceler", "extend", "prolong", "enhanc", "gain", "more"}
_DOWN = {"decreas", "reduc", "lower", "declin", "fall", "shorten", "diminish", "loss", "less", "suppress"}
# Words that negate the predicate after them; "off-label" is "not approved".
_NEGATION = {"not", "no", "never", "unable", "cannot", "insufficient", "inadequate", "without", "fails", "fail",
             "lack", "lacks", "absent", "none", "neither", "nor", "unlikely"}
_NEGATED_AS = {"off-label": "approv", "unapproved": "approv", "ineffective": "effect"}
_JOIN = {"to", "and", "or", "-"}
# A row or item that asks for one thing ("The primary goal", "Therapeutic Goal"): two different
# entries cannot both be it.
# ("Primary Concern" is not one: a high fracture risk and a possible density loss can both be.)
_UNIQUE = re.compile(r"\b(?:goal|aim|objective|purpose|indication)$", re.I)
_SAME_FOR_BOTH = re.compile(r"\b(?:both sexes|in both|mirror\w*|the same\b|similar(?:ly)?\b|as in|as seen in|"
                            r"likewise|also)\b", re.I)
_SEX = {"men": {"men", "man", "male", "males"}, "women": {"women", "woman", "female", "females"}}
_CONTENT_ZIPF = 6.0  # words at least this common in English ("the", "use", "with") carry no content


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z0-9\-]*", text.lower())


def content_stems(text: str) -> set[str]:
    """Stems of the words that say something (no function words, no degree words)."""
    return {stem(w) for w in _tokens(text) if len(w) >= 3 and w not in HIGH | LOW | _NEGATION
            and zipf(w) < _CONTENT_ZIPF}


def group_words(population: str) -> set[str]:
    """The words that name a population in running text: "in men on TRT" -> men, man, male(s)."""
    head = re.split(r" (?:on|with|\() ?", population.strip().lower())[0].split()[-1]
    for words in _SEX.values():
        if head in words:
            return set(words)
    return {head, head.rstrip("s"), head + "s"}


# --- contradiction -----------------------------------------------------------------


def _degrees(text: str) -> set[tuple[str, str]]:
    """(degree, head stem) pairs: "slightly to moderately increased" -> ("low", "increas")."""
    toks, out = _tokens(text), set()
    for i, t in enumerate(toks):
        if t in HIGH or t in LOW:
            j = i + 1
            while j < len(toks) and (toks[j] in HIGH | LOW | _JOIN):
                j += 1
            if j < len(toks):
                out.add(("high" if t in HIGH else "low", stem(toks[j])))
    return out


def _direction(text: str) -> str | None:
    """Up or down, when the entry opens with it ("Substantially accelerated", "Increased incidence")."""
    toks = [t for t in _tokens(text) if t not in HIGH | LOW | _JOIN]
    for t in toks[:2]:
        s = stem(t)
        if any(s.startswith(u) for u in _UP):
            return "up"
        if any(s.startswith(d) for d in _DOWN):
            return "down"
    return None


def _polarity(text: str) -> tuple[set[str], set[str]]:
    """(affirmed, negated) predicate stems: "unable to compensate" negates "compens"."""
    toks = _tokens(text)
    affirmed, negated = set(), set()
    pending = False
    for t in toks:
        if t in _NEGATED_AS:
            negated.add(_NEGATED_AS[t])
            continue
        if t in _NEGATION:
            pending = True
            continue
        if len(t) < 3 or zipf(t) >= _CONTENT_ZIPF or t in HIGH | LOW:
            continue
        (negated if pending else affirmed).add(stem(t))
        pending = False
    return affirmed, negated


def contradiction(claim: str, truth: str, label: str = "") -> str | None:
    """Why ``claim`` cannot be true where the text says ``truth`` (both entries of one row or
    item), or ``None`` when they could both be true (equivalent, implied, or just different)."""
    dose_claim, dose_truth = doses.main_dose(claim), doses.main_dose(truth)
    if dose_claim is not None and dose_truth is not None:
        return "a different dose" if dose_claim.disjoint(dose_truth) else None
    for degree, head in _degrees(claim):
        if any(h == head and d != degree for d, h in _degrees(truth)):
            return "a different degree"
    a, b = _direction(claim), _direction(truth)
    if a and b and a != b:
        return "the opposite direction"
    (aff_c, neg_c), (aff_t, neg_t) = _polarity(claim), _polarity(truth)
    if aff_c & neg_t or neg_c & aff_t:
        return "a negation"
    if _UNIQUE.search(label.strip()) and not _plural_label(label):
        c, t = content_stems(claim), content_stems(truth)
        if c and t and len(c & t) / len(c | t) < 0.25:
            return "a different answer to a one-answer question"
    return None


def _plural_label(label: str) -> bool:
    last = label.strip().split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "sis", "us"))


# --- support anywhere in the document -------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """A sentence or table cell of the document, with the populations it speaks about."""

    text: str
    groups: frozenset[str]  # group words it (or the sentence before it) mentions
    both: bool  # "the same ... seen in women", "in both sexes"


def evidence(sentences: Iterable, cells: Iterable[tuple[str, str]] = ()) -> list[Evidence]:
    """Evidence from sentences (with ``.text`` and ``.previous``) and (population, cell) pairs."""
    out = []
    for s in sentences:
        around = s.text + " " + (s.previous.text if getattr(s, "previous", None) is not None else "")
        out.append(Evidence(s.text, frozenset(_tokens(around)), bool(_SAME_FOR_BOTH.search(s.text))))
    for population, cell in cells:
        out.append(Evidence(cell, frozenset(group_words(population)), False))
    return out


def support(claim: str, group: set[str], found: Iterable[Evidence]) -> str | None:
    """A sentence or cell about ``group`` (or about both groups) that says what ``claim`` says:
    at least two of its content words (all, if it has one) and half of them, not negated there."""
    words = content_stems(claim) - {stem(g) for g in group}
    if not words:
        return None
    need = max(min(2, len(words)), (len(words) + 1) // 2)
    for e in found:
        if not (e.both or group & e.groups):
            continue
        affirmed, _negated = _polarity(e.text)
        if len(words & affirmed) >= need:
            return e.text
    return None


def false_key(claim: str, truth: str, label: str, group: set[str], found: list[Evidence]) -> str | None:
    """The reason ``claim`` said of ``group`` is false, or ``None`` when that is not certain."""
    reason = contradiction(claim, truth, label)
    if reason is None or support(claim, group, found) is not None:
        return None
    return reason
