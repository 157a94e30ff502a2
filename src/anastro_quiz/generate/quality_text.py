"""Word-level helpers for the card checks in :mod:`.quality`: tokens, stems, content words,
figures, the form of an option, and a source's sentences, rows and subject words.

Deliberately simple and independent of the generator's own extractors, so the instrument
does not share the generator's blind spots.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

_TOKEN = re.compile(r"[−\-+]?\d+(?:[.,]\d+)*%?|[^\W\d_](?:[\w]|['’\-](?=\w))*")
_NUMBER = re.compile(r"(?<![\w.])[−\-+]?\d+(?:[.,]\d+)*")
WORD_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                         "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
                         "eighty ninety hundred thousand million billion half once twice".split())
STOPWORDS = frozenset("""a an the and or but nor of in on at to for from by with without into onto over under
about above below between among through during before after than then that this these those there here it its
is are was were be been being has have had do does did can could may might must shall should will would not no
as such which who whom whose what when where why how all any both each few more most other some same so too very
also only just while whereas if because since until their them they he she his her we our you your i one per
vs versus e.g i.e etc""".split())


def tokens(text: str) -> list[str]:
    """Lower-case word and number tokens ("−6.1%" and "2–3" keep their signs and digits)."""
    return [t.lower().replace("−", "-").replace("’", "'") for t in _TOKEN.findall(text)]


def stem(word: str) -> str:
    """A crude singular: "osteoclasts" -> "osteoclast", "therapies" -> "therapy"."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def same_stem(a: str, b: str) -> bool:
    """Whether two phrases differ only in singular/plural of their words."""
    ta, tb = tokens(a), tokens(b)
    return len(ta) == len(tb) and bool(ta) and all(stem(x) == stem(y) for x, y in zip(ta, tb))


def phrase_in(phrase: str, text: str) -> bool:
    """Whether ``phrase`` (leading article dropped) occurs in ``text`` as whole tokens."""
    p = tokens(phrase)
    while p and p[0] in ("a", "an", "the"):
        p = p[1:]
    t = tokens(text)
    if not p:
        return False
    n = len(p)
    return any(t[i:i + n] == p for i in range(len(t) - n + 1))


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop words, no one- or two-letter words),
    and every figure."""
    out = set()
    for t in tokens(text):
        if t[0].isdigit() or t[0] in "-+":
            out.add(t.lstrip("+"))
        elif len(t) >= 3 and t not in STOPWORDS:
            out.add(stem(t))
    return out


def numbers(text: str) -> set[str]:
    """The figures in a text, normalised ("1,000" -> "1000", "−5" -> "-5")."""
    return {m.group(0).replace("−", "-").replace(",", "") for m in _NUMBER.finditer(text)}


UNIT_WORDS = frozenset("mg g kg µg μg mcg ng pg ml l dl mmol nmol pmol µmol iu cm mm fold time year month week day "
                       "hour minute min h second".split())
_JOINERS = frozenset({"to", "and", "or", "of"})


def option_form(option: str) -> tuple[str, str]:
    """What kind of thing an option is: ("number", unit), ("word number", unit) or ("text", "").
    A figure leads the option ("2 years", "five years", "25%") or is a short one with its unit
    ("Peak: 200 pg/mL"); a number inside a name or a phrase ("kinase 6", "its two hydroxyl
    groups") leaves it text."""
    t = tokens(option)
    for i, tok in enumerate(t):
        digit = tok.lstrip("-+")[:1].isdigit()
        if not (digit or tok in WORD_NUMBERS):
            continue
        rest = [w for w in t[i + 1:] if w[:1].isalpha() and w not in WORD_NUMBERS and w not in _JOINERS]
        unit = "%" if tok.endswith("%") else (stem(rest[0]) if rest else "")
        nxt = stem(t[i + 1]) if i + 1 < len(t) else ""
        if i == 0 or (len(t) <= 4 and (tok.endswith("%") or nxt in UNIT_WORDS)):
            return ("number" if digit else "word number", unit)
    return ("text", "")


_DOSE = re.compile(r"(?P<lo>\d+(?:\.\d+)?)\s*(?:mg)?\s*(?:-|–|to)\s*(?P<hi>\d+(?:\.\d+)?)\s*mg"
                   r"|(?P<one>\d+(?:\.\d+)?)\s*mg")
_PER_WEEK = [(re.compile(p, re.I), n) for p, n in (
    (r"\b(?:once\s+(?:a|per)\s+day|once\s+daily|daily|every\s+day|per\s+day|a\s+day|/day)\b|/day", 7.0),
    (r"\bevery\s+other\s+day\b", 3.5),
    (r"\b(?:twice|two\s+times)\s+(?:a|per)?\s*week(?:ly)?\b|\btwice\s+weekly\b", 2.0),
    (r"\b(?:three\s+times|thrice)\s+(?:a|per)?\s*week(?:ly)?\b", 3.0),
    (r"\b(?:once\s+)?(?:a|per)\s+week\b|\bweekly\b", 1.0))]


def weekly_dose(text: str) -> tuple[float, float] | None:
    """The first dose of a text in mg per week, as a (low, high) range: "0.25 mg to 0.5 mg two
    times per week" -> (0.5, 1.0), "1 mg daily" -> (7.0, 7.0); ``None`` without a dose and a
    frequency."""
    m = _DOSE.search(text)
    if m is None:
        return None
    lo, hi = (float(m.group("lo")), float(m.group("hi"))) if m.group("lo") else (float(m.group("one")),) * 2
    rest = text[m.end():m.end() + 60]
    found = [(f.start(), i, times) for i, (pattern, times) in enumerate(_PER_WEEK) if (f := pattern.search(rest))]
    if not found:
        return None
    times = min(found)[2]  # the nearest frequency; "twice a week" starts before its "a week"
    return (round(lo * times, 4), round(hi * times, 4))


_HEADING = re.compile(r"^\s*#{1,6}\s")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"(])")


def sentences_and_rows(text: str) -> list[str]:
    """A source cut into what a statement can be checked against: sentences of its prose,
    list items and table rows (one per line; a hard-wrapped line, one that ends without a
    full stop before a lower-case line, is joined to the next), headings left out."""
    units: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.splitlines() if ln.strip() and not _HEADING.match(ln)]
        joined: list[str] = []
        for line in lines:
            wrapped = joined and not re.search(r"[.!?:|]$", joined[-1]) and line[:1].islower()
            if wrapped and "|" not in line and not _ITEM.match(line):
                joined[-1] += " " + line
            else:
                joined.append(line)
        for line in joined:
            if "|" in line or _ITEM.match(line):
                units.append(line)
            else:
                units += [s for s in _SENTENCE_END.split(line) if s.strip()]
    return units


@lru_cache(maxsize=50000)
def zipf(word: str) -> float:
    """How common a word is in general English (wordfreq's Zipf scale; 0 = unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_BRAND = re.compile(r"\bbrand names?\s+([A-Z][\w\-]+(?:(?:,\s*|\s+(?:and|or)\s+)[A-Z][\w\-]+)*)")


def subject_words(name: str, text: str) -> set[str]:
    """Stems of what a document is about: its title's words (a Markdown "# Title", else the
    file name when its words occur in the text), brand names, and its most used rare word."""
    m = re.search(r"^#\s+(.+)$", text, re.M)
    title = m.group(1) if m else Path(name).stem.replace("_", " ").replace("-", " ")
    lowered = text.lower()
    out = {stem(w) for w in tokens(title) if len(w) >= 4 and w.isalpha() and lowered.count(w) >= 3}
    for brands in _BRAND.findall(text):
        out |= {stem(b) for b in re.split(r",\s*|\s+(?:and|or)\s+", brands)}
    counts: Counter[str] = Counter()
    for unit in sentences_and_rows(text):
        counts.update({stem(w) for w in tokens(unit) if len(w) >= 5 and w.isalpha() and zipf(w) < 3.0})
    if counts:
        out.add(max(sorted(counts), key=lambda w: counts[w]))
    return out
