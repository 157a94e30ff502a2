"""What two short statements say, as far as words can tell: degree, direction, negation.

Used to decide whether one table entry contradicts another (a true/false key) and whether
a choice option that shares words with the answer is really wrong ("Drastic reduction"
against "Moderate reduction") or another way of saying it ("Profound estrogen suppression"
for "Therapeutic suppression"). Doses are compared per week (:mod:`.doses`). No textual.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import doses

# Degree words: two entries that put opposite degrees on the same head contradict each other.
HIGH = {"profound", "profoundly", "drastic", "drastically", "maximal", "maximum", "marked", "markedly",
        "significant", "significantly", "substantial", "substantially", "severe", "severely", "near-complete",
        "complete", "completely", "greatly", "strongly", "dramatic", "dramatically", "extensive", "extensively",
        "high", "major", "rapid", "rapidly", "sharp", "sharply", "high-dose"}
LOW = {"moderate", "moderately", "slight", "slightly", "mild", "mildly", "modest", "modestly", "minimal",
       "minimally", "minor", "small", "partial", "partially", "limited", "little", "weak", "weakly", "gentle",
       "gently", "low", "low-dose", "marginal", "marginally", "negligible", "negligibly", "insignificant"}
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
# Words that carry no content: the English words of three letters or more that wordfreq 3.1
# puts at Zipf 6 or above (listed here so quiz mode never loads wordfreq's tables).
FUNCTION_WORDS = frozenset("""
about after all also and any are back because been but can could first for from get good had has have
her him his how into its just know like make more most much new not now one only other our out over
people said see she some than that the their them then there these they think this time two very want
was way well were what when where which who will with would you your""".split())


@lru_cache(maxsize=1)
def english_stemmer():
    """Snowball's English (Porter 2) stemmer, made once (PyStemmer's C code when installed)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 17)  # a textbook's vocabulary: 8,192 words were too few for 1 MB of new text
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of one word: "osteoclasts" and "osteoclast" share one."""
    return english_stemmer().stemWord(word.casefold())


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z0-9\-]*", text.lower())


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that say something (no function words, no degree words)."""
    return frozenset(stem(w) for w in tokens(text) if len(w) >= 3 and w not in HIGH | LOW | _NEGATION
                     and w not in FUNCTION_WORDS)


# --- contradiction -----------------------------------------------------------------


_HEAD_STOP = {"of", "in", "on", "for", "with", "due", "by", "at", "from", "over", "during", "after", "if", "when",
              "than", "as", "but", "which", "that", "particularly", "especially"}
# Heads that name a change of any direction: "significant decrease" and "negligible change" put
# opposite degrees on one thing.
_GENERIC = {"chang", "effect", "impact", "differ", "respons", "alter", "shift"}


def _degrees(text: str) -> set[tuple[str, str]]:
    """(degree, head stem) pairs: "slightly to moderately increased" -> ("low", "increas"); a
    degree applies to up to three words after it, up to a preposition ("profound and sustained
    suppression" -> sustain, suppress); any change of direction also counts as "~change"."""
    # "high-density" / "low-density": a degree on "density"
    toks = [p for t in tokens(text) for p in (t.split("-") if "-" in t and t not in HIGH | LOW else [t])]
    out = set()
    for i, t in enumerate(toks):
        if t not in HIGH and t not in LOW:
            continue
        j = i + 1
        while j < len(toks) and toks[j] in HIGH | LOW | _JOIN:
            j += 1
        for w in toks[j:j + 3]:
            if w in _HEAD_STOP:
                break
            s = stem(w)
            out.add(("high" if t in HIGH else "low", s))
            if s in _GENERIC or _direction_of(s):
                out.add(("high" if t in HIGH else "low", "~change"))
    return out


def _opposite_degrees(claim: str, truth: str) -> bool:
    """Some head gets only one degree in the claim and only the other one in the truth."""
    c, t = _degrees(claim), _degrees(truth)
    for head in {h for _d, h in c}:
        dc, dt = {d for d, h in c if h == head}, {d for d, h in t if h == head}
        if dc and dt and not dc & dt:
            return True
    return False


def _direction_of(s: str) -> str | None:
    if any(s.startswith(u) for u in _UP):
        return "up"
    if any(s.startswith(d) for d in _DOWN):
        return "down"
    return None


_TIME = {"day": 1.0, "week": 7.0, "month": 30.4, "year": 365.0}
_DURATION = re.compile(
    r"(?P<least>at least |more than |over |up to )?(?P<lo>\d+(?:\.\d+)?|" + "|".join(doses.NUMBER_WORDS) +
    r")(?:\s?(?:-|–|to)\s?(?P<hi>\d+(?:\.\d+)?))?\s(?P<unit>day|week|month|year)s?(?P<more> or (?:longer|more))?", re.I)
_DURATION_LABEL = re.compile(r"\b(?:duration|length|period|course|how long|time)\b", re.I)


def durations(text: str) -> list[tuple[float, float]]:
    """Time spans in days: "Five years or longer" -> (1825, inf), "5 days" -> (5, 5)."""
    out = []
    for m in _DURATION.finditer(text):
        k = _TIME[m.group("unit").lower()]
        lo = doses.number_value(m.group("lo")) * k
        hi = float(m.group("hi")) * k if m.group("hi") else lo
        least = (m.group("least") or "").strip().lower()
        if m.group("more") or least in ("at least", "more than", "over"):
            hi = float("inf")
        if least == "up to":
            lo = 0.0
        out.append((lo, hi))
    return out


def _different_durations(claim: str, truth: str, label: str) -> bool:
    """Durations that cannot both hold, where the duration is what the entry is about."""
    if not _DURATION_LABEL.search(label):
        return False
    dc, dt = durations(claim), durations(truth)
    return bool(dc and dt) and all(a_hi < b_lo or b_hi < a_lo for a_lo, a_hi in dc for b_lo, b_hi in dt)


def _direction(text: str) -> str | None:
    """Up or down, when the entry opens with it ("Substantially accelerated", "Increased incidence")."""
    toks = [t for t in tokens(text) if t not in HIGH | LOW | _JOIN]
    for t in toks[:2]:
        found = _direction_of(stem(t))
        if found:
            return found
    return None


def polarity(text: str) -> tuple[set[str], set[str]]:
    """(affirmed, negated) predicate stems: "unable to compensate" negates "compens"."""
    toks = tokens(text)
    affirmed, negated = set(), set()
    pending = False
    for t in toks:
        if t in _NEGATED_AS:
            negated.add(_NEGATED_AS[t])
            continue
        if t in _NEGATION:
            pending = True
            continue
        if len(t) < 3 or t in FUNCTION_WORDS or t in HIGH | LOW:
            continue
        # "FDA-approved" affirms "approved" too
        (negated if pending else affirmed).update({stem(t)} | {stem(p) for p in t.split("-") if len(p) >= 3})
        pending = False
    return affirmed, negated


def contradiction(claim: str, truth: str, label: str = "") -> str | None:
    """Why ``claim`` cannot be true where the text says ``truth`` (both entries of one row or
    item), or ``None`` when they could both be true (equivalent, implied, or just different)."""
    dose_claim, dose_truth = doses.main_dose(claim), doses.main_dose(truth)
    if dose_claim is not None and dose_truth is not None:
        return "a different dose" if dose_claim.disjoint(dose_truth) else None
    if _different_durations(claim, truth, label):
        return "a different duration"
    if _opposite_degrees(claim, truth):
        return "a different degree"
    a, b = _direction(claim), _direction(truth)
    if a and b and a != b:
        return "the opposite direction"
    (aff_c, neg_c), (aff_t, neg_t) = polarity(claim), polarity(truth)
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
