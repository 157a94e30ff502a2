"""Stage 3: split blocks into sentences and pull out the facts worth a card.

Sentences come from pysbd. Each extractor looks for one kind of fact: numbers with
units, definitions and appositions, acronym expansions, table cells, contrasts between
the value columns of a table or between parallel list items, and key terms (words that
are rare in general English according to wordfreq, so a domain term like "aromatase"
stands out from "profound" without a hand-made list: :mod:`.vocabulary`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..numbers import spelled
from .clauses import MAX_WORDS, clauses
from .clean import lost_words
from .facts import CellDetail, Fact, ItemDetail, NumberDetail, RowDetail
from .parallel import map_blocks
from .structure import Block
from .vocabulary import is_acronym

_PRONOUN_START = re.compile(
    r"^(?:it|its|this|these|that|those|they|their|them|such|he|she|his|her|here|both|"
    r"the (?:results?|reduction|loss|decrease|increase|decline|drop|rise|gain|change|effect|findings?|"
    r"difference|former|latter|same)|"
    r"in this|in these|in that|in one case|in contrast|conversely|however|therefore|"
    r"furthermore|ultimately|even|thus|instead|moreover|conversely)\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|can|could|will|would|has|have|had|does|do|did|may|might|must|"
                     r"should|continues?|leads?|becomes?|remains?|seems?)\b", re.I)
_SUBORDINATE = re.compile(r"^(?:While|Although|If|When|Because|As|Since|Once|Unless|Though)\b")
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|my|we|our|us|i)\b", re.I)
# Units a figure can carry: percentages, masses, amounts and volumes with an optional "per"
# part ("mg/day", "ng/mL", "mg/m²", "mmol/L"), international units, pressures, and spans of time.
_PER = r"(?:/(?:kg|m²|m2|mL|dL|L|day|d|h|hr|week|wk|min|dose|cycle)){0,2}"
UNIT = (r"%|percent|per ?cent|"
        rf"(?:mg|mcg|µg|μg|ug|ng|pg|g|kg|mmol|µmol|μmol|nmol|pmol|mEq|IU|mIU|units?|mL|ml|dL|L){_PER}|"
        r"(?:milli|micro|nano)?grams?|(?:milli)?lit(?:er|re)s?|mmHg|°C|kDa|years?|yrs?|months?|weeks?|days?|hours?|hrs?|h|minutes?|min|times|-?fold")
_NUMBER_WORDS = spelled(*range(1, 13))
_NUM = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)}"
# One figure is one span: a comparator or sign stays with it ("≥10%", "<0.1%", "−54%") and a
# range is one answer ("2–3 years", "0.5 to 1 mg/day", "2 mg to 4 mg"; the second unit, when
# written, repeats the first). "from 50% to 20%" is a change, not a range: two figures.
NUMBER_RE = re.compile(
    rf"(?<![\w.,])(?P<cmp>[<>≤≥~≈]=?\s?)?(?P<sign>[−\-+](?=\d))?(?P<from>(?<=\bfrom ))?(?P<num>{_NUM})"
    rf"(?(from)|(?:\s?(?P<unit1>{UNIT})?-?\s?(?:–|—|-|to)\s?(?P<sign2>[−\-+](?=\d))?(?P<num2>{_NUM}))?)"
    rf"\s?(?P<unit>(?(unit1)(?P=unit1)|(?:{UNIT})))(?![\w/²])", re.I)
_UNIT_NAMES = {"gram": "g", "milligram": "mg", "microgram": "µg", "nanogram": "ng", "liter": "l", "litre": "l",
               "milliliter": "ml", "millilitre": "ml", "percent": "%", "per cent": "%", "percent.": "%", "h": "hour", "hr": "hour", "hrs": "hour",
               "yr": "year", "yrs": "year", "min": "minute", "μg": "µg", "ug": "µg", "unit": "unit", "-fold": "fold"}


def figure_value(num: str, sign: str | None = None) -> float:
    """The value of a number as written: digits with thousands commas, or a number word."""
    num = num.lower()
    value = float(_NUMBER_WORDS[num]) if num in _NUMBER_WORDS else float(num.replace(",", ""))
    return -value if sign in ("−", "-") else value


def unit_name(unit: str) -> str:
    """One name per unit, so figures of the same kind share a pool: "hours"/"h" -> "hour"."""
    low = unit.lower()
    if low.endswith("s") and low not in ("times", "mmhg"):
        low = low[:-1]
    return _UNIT_NAMES.get(low, low)


YEAR_RE = re.compile(r"\b(?:in |a |the )?(?P<num>(?:19|20)\d\d)\b(?= study| trial| review| analysis)")
_APPOSITION = re.compile(
    r"(?P<term>\b[\w’'\-α]+(?: [\w\-α]+){0,2}), (?P<definition>(?:the|a|an) (?!process called|process known)"
    r"[^,;∞()]{12,140}?)(?=[,.;]|$)")
_CALLED = re.compile(
    r"(?P<description>\b[\w\-]+(?: [\w\-]+){1,4}), (?:a|an|the) \w+ (?:called|known as|termed) (?P<term>[\w\-]+)")
_PAREN_GLOSS = re.compile(r"(?P<term>\b[\w\-]+(?: [\w\-]+)?) \((?P<gloss>[a-z][^()]{2,80})\)")
_RESPONSIBLE = re.compile(
    r"^(?P<term>[A-Z][\w\-]+)(?:,)? (?:which|that|who)? ?(?:are|is) (?P<definition>responsible for [^.;]+)")


@dataclass
class Sentence:
    """A sentence as it stands in the document, with where it came from and its flaws."""

    text: str
    document: str
    section: str
    heading: str
    label: str = ""
    lost: str | None = None
    previous: "Sentence | None" = None  # the sentence before it in the same block
    # The sentence before it under the same heading, across paragraph breaks (scraped pages
    # break paragraphs mid-argument: "The results showed ..." opens a paragraph).
    before: "Sentence | None" = None
    page: int | None = None  # the PDF page its block starts on
    clause_of: str | None = None  # a clause of this longer sentence (see :func:`clauses`)

    @property
    def standalone(self) -> bool:
        """Readable without the sentence before it (no leading pronoun or connective; a
        clause cut from a long sentence needs the clause before it when it starts in lower case)."""
        if self.clause_of is not None and self.text[:1].islower():
            return False
        return not _PRONOUN_START.match(self.text)

    @property
    def usable(self) -> bool:
        """Whole (no lost words), not addressed to the reader and a sensible length."""
        return self.lost is None and readable(self.text, MAX_WORDS)



@lru_cache(maxsize=1 << 17)  # asked of each sentence by every builder (67,000 sentences and clauses at 5 MB)
def readable(text: str, max_words: int) -> bool:
    """Not addressed to the reader, not a question, and from 6 to ``max_words`` words long."""
    return not SECOND_PERSON.search(text) and 6 <= len(text.split()) <= max_words and not text.endswith("?")

@lru_cache(maxsize=1)
def _segmenter():
    from .segmenter import Segmenter  # imported lazily: loading pysbd takes a moment

    return Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """Sentences of one block, verbatim (pysbd with cleaning off), stripped of whitespace; a
    quotation of several sentences is split into them (:func:`_quoted_sentences`)."""
    if len(text) < 3:
        return [text.strip()] if text.strip() else []
    return [piece for s in _segmenter().segment(text) if s.strip() for piece in _quoted_sentences(s.strip())]


_QUOTATION = re.compile(r'["“](?P<inside>[^"”]{20,})["”]')
_INNER_END = re.compile(r"(?<=[a-z0-9)%])[.!?](?=\s+[A-Z])")


def _quoted_sentences(sentence: str) -> list[str]:
    """pysbd keeps a quotation whole: 'A trial reported "X was stopped in 29%. The most common
    adverse reactions were A, B and C."' is one sentence of 60 words, which the clause cutter
    then tears at a comma ("... dose reduction" / "or delay was required ..."). Each sentence
    inside the quotation is a sentence of its own here (the first keeps what introduces the
    quotation, the last loses the closing mark when nothing but punctuation follows it)."""
    m = _QUOTATION.search(sentence)
    ends = [e.end() + m.start("inside") for e in _INNER_END.finditer(m.group("inside"))] if m else []
    if not ends:
        return [sentence]
    pieces, start = [], 0
    for end in ends:
        pieces.append(sentence[start:end].strip())
        start = end
    last = sentence[start:].strip()
    tail = sentence[m.end():]
    if not re.search(r"\w", tail):  # '... fasting hyperglycemia.".': the closing mark and a stray stop
        last = sentence[start:m.end("inside")].strip()
    pieces.append(last)
    return [p for p in pieces if p]


def sentences_of(blocks: list[Block], document: str) -> list[Sentence]:
    """Every sentence of the paragraphs and list items, linked to the one before it. A sentence
    over :data:`MAX_WORDS` words comes as its clauses (:func:`clauses`), each a verbatim piece."""
    out: list[Sentence] = []
    last: Sentence | None = None  # the last paragraph sentence under the current heading
    prose = [b.body if b.kind == "item" else b.text for b in blocks if b.kind in ("paragraph", "item")]
    split = iter(map_blocks(block_sentences, prose))  # in the order of the blocks
    for block in blocks:
        if block.kind != "paragraph":
            last = None  # a heading, list or table ends the run of prose
        if block.kind not in ("paragraph", "item"):
            continue
        previous = None
        for whole, pieces in next(split):
            for i, (text, lost) in enumerate(pieces):
                s = Sentence(text, document, block.section, block.heading, block.label,
                             lost, previous, page=block.page,
                             clause_of=whole if len(pieces) > 1 else None)
                s.before = previous or last
                out.append(s)
                previous = s
        if block.kind == "paragraph":
            last = previous
    return out


def block_sentences(text: str) -> list[list]:
    """The part of :func:`sentences_of` that needs one block's text only (so a helper process can
    do it, :mod:`.parallel`): each sentence, with its clauses and what each one lost, as
    ``[sentence, [[clause, lost], ...]]``."""
    out = []
    for whole in split_sentences(text):
        pieces = clauses(whole)
        out.append([whole, [[t, _lost(t, continues=i > 0)] for i, t in enumerate(pieces)]])
    return out


def _lost(text: str, continues: bool) -> str | None:
    reason = lost_words(text)
    if reason == "starts in lower case" and continues:  # a clause goes on from the one before it
        reason = lost_words(text[0].upper() + text[1:])
    return reason


def locate_pages(facts: list[Fact], sentences: list[Sentence], blocks: list[Block]) -> None:
    """Give each fact the page of the sentence or table row it quotes (PDFs; else ``None``)."""
    pages = {s.text: s.page for s in sentences if s.page is not None}
    for b in blocks:
        if b.table is not None and b.page is not None:
            pages.update((row.quote, b.page) for row in b.table.rows)
    if pages:
        for f in facts:
            f.page = pages.get(f.quote)


# --- extractors ---------------------------------------------------------------


def numeric_facts(s: Sentence) -> list[Fact]:
    """Numbers with units ("1 mg", "−6.1%", "five years", "2–3 years") and study years
    ("2009 study"). A range is one fact: ``value`` is its low end, ``detail.high`` its high end."""
    facts = []
    for m in NUMBER_RE.finditer(s.text):
        value = figure_value(m.group("num"), m.group("sign"))
        high = figure_value(m.group("num2"), m.group("sign2")) if m.group("num2") else value
        start, end = m.start(), m.end()
        facts.append(Fact("number", s.document, s.text, s.heading, answer=s.text[start:end],
                          detail=NumberDetail(value, high, unit_name(m.group("unit")), (start, end))))
    for m in YEAR_RE.finditer(s.text):
        # A calendar year ("2009 study") is its own kind: "one year" is no distractor for it.
        start, end = m.start("num"), m.end()
        facts.append(Fact("number", s.document, s.text, s.heading, answer=s.text[start:end],
                          detail=NumberDetail(float(m.group("num")), float(m.group("num")), "calendar year",
                                              (start, end))))
    return facts


def definition_facts(s: Sentence, terms: dict[str, float]) -> list[Fact]:
    """Appositions, "X, a process called Y", glosses in brackets and "X are responsible for Y"."""
    facts = []
    text = s.text
    for m in _APPOSITION.finditer(text):
        term = _trim_term(m.group("term"), terms)
        definition = m.group("definition").strip()
        if _SUBORDINATE.match(text) and "," not in text[: m.start("term") + len(m.group("term"))]:
            continue  # "While X, the Y ..." ends a clause; it is not an apposition
        after_of = re.search(r"\bof\s+$", text[: m.start("term") + m.group("term").find(term)] if term else "")
        if (term and len(definition.split()) >= 4 and term.lower() not in definition.lower()
                and not _FINITE.search(definition) and not _FINITE.search(term)
                and not SECOND_PERSON.search(definition) and not (after_of and not definition.startswith("the "))):
            facts.append(Fact("definition", s.document, text, s.heading, subject=term, answer=definition))
    for m in _CALLED.finditer(text):
        description = re.split(r"\b(?:their|its|his|her|the|a|an|this|these) ", m.group("description"))[-1]
        if len(description.split()) >= 2 and not _FINITE.search(description):
            facts.append(Fact("named", s.document, text, s.heading, subject=description, answer=m.group("term")))
    for m in _PAREN_GLOSS.finditer(text):
        term, gloss = _trim_term(m.group("term"), terms), m.group("gloss")
        if gloss.startswith(("e.g", "i.e", "as ", "high ", "a more")):
            continue
        if len(gloss.split()) == 1 and gloss.lower() in terms:  # "joint pain (arthralgia)"
            facts.append(Fact("named", s.document, text, s.heading, subject=m.group("term"), answer=gloss))
        elif term and len(gloss.split()) >= 2:  # "leukopenia (low white blood cell count)": a gloss
            facts.append(Fact("gloss", s.document, text, s.heading, subject=term, answer=gloss))
    m = _RESPONSIBLE.match(text)
    if m:
        facts.append(Fact("role", s.document, text, s.heading, subject=m.group("term"),
                          answer=m.group("definition").rstrip(". ")))
    return facts


def _trim_term(phrase: str, terms: dict[str, float]) -> str:
    """The tail of ``phrase`` after its last preposition, from its first key term on
    ("the dysregulation of osteoclasts" -> "osteoclasts", "the aromatase enzyme" -> "aromatase enzyme")."""
    ws = re.split(r"\b(?:of|in|on|for|with|by|to|from)\s+", phrase)[-1].split()
    for i in range(len(ws)):
        if re.sub(r"[’']s$", "", ws[i]).lower() in terms:
            return " ".join(ws[i:])
    return ""


def acronym_facts(s: Sentence) -> list[Fact]:
    """"Expansion (ACR)" and "ACR (Expansion)" where the initials agree."""
    if " (" not in s.text:  # what every search below needs; they are slow on long sentences
        return []
    facts = []
    for m in re.finditer(r"\b(?P<acr>[A-Z][A-Za-z0-9α-ω\-]{1,9}) \((?P<exp>[A-Z][^()]{5,90})\)", s.text):
        if is_acronym(m.group("acr")) and _initials_match(m.group("acr"), m.group("exp"), loose=True):
            facts.append(Fact("acronym", s.document, s.text, s.heading, subject=m.group("acr"), answer=m.group("exp")))
    for m in re.finditer(r"(?P<exp>(?:[\w\-]+ ){1,6}[\w\-]+) \((?P<acr>[A-Z][A-Za-z0-9α-ω\-]{1,9})\)", s.text):
        acr = m.group("acr")
        if not is_acronym(acr):
            continue
        ws = m.group("exp").split()
        for k in range(len(ws), 0, -1):  # the shortest tail whose initials spell the acronym
            candidate = " ".join(ws[-k:])
            if _initials_match(acr, candidate) and not _initials_match(acr, " ".join(ws[-k + 1:])) \
                    and ws[-k].lower() not in ("the", "a", "an", "of", "in", "and"):
                facts.append(Fact("acronym", s.document, s.text, s.heading, subject=acr, answer=candidate))
                break
    found = {f.subject for f in facts}
    for m in re.finditer(r"(?<![\w\-])(?P<exp>[A-Za-z][\w\-]{9,}) \((?P<acr>[A-Z][A-Za-z0-9\-]{2,9})\)", s.text):
        # one compound word spelling its acronym by its parts: "dihydrotestosterone (DHT)",
        # "N-desmethylenzalutamide (NDME)"
        acr, exp = m.group("acr"), m.group("exp")
        letters = [c.lower() for c in acr if c.isalpha()]
        it = iter(exp.lower()[1:])
        if acr not in found and is_acronym(acr) and len(letters) >= 3 and exp[0].lower() == letters[0] \
                and all(ch in it for ch in letters[1:]):
            facts.append(Fact("acronym", s.document, s.text, s.heading, subject=acr, answer=exp))
    return facts


def _initials_match(acronym: str, expansion: str, loose: bool = False) -> bool:
    letters = [c.lower() for c in acronym if c.isascii() and c.isalpha()]
    initials = [w[0].lower() for w in re.split(r"[\s\-,]+", expansion) if w and w[0].isalpha()
                and w.lower() not in ("of", "or", "and", "in", "the")]
    if loose:  # bracketed expansions may skip words: "RANKL (Receptor Activator of Nuclear Factor Kappa-B Ligand)"
        it = iter(initials)
        return bool(initials) and initials[0] == letters[0] and all(ch in it for ch in letters)
    return bool(initials) and initials[0] == letters[0] and initials[: len(letters)] == letters[: len(initials)] \
        and len(initials) in (len(letters), len(letters) - 1, len(letters) + 1)


def table_facts(block: Block, document: str) -> list[Fact]:
    """One fact per table cell (row x column) and one contrast per two-column row."""
    facts = []
    table = block.table
    assert table is not None
    for row in table.rows:
        for column, cell in zip(table.columns, row.cells):
            if cell:
                facts.append(Fact("cell", document, row.quote, block.heading, subject=row.label, answer=cell,
                                  detail=CellDetail(column, table.columns, row.cells)))
        if len(row.cells) == 2 and all(row.cells) and row.cells[0].lower() != row.cells[1].lower():
            facts.append(Fact("contrast", document, row.quote, block.heading, subject=row.label,
                              answer=row.cells[0], detail=RowDetail(table.columns, row.cells)))
    return facts


def list_contrasts(sentences: list[Sentence]) -> list[Fact]:
    """Parallel labelled list items ("In Women ...", "In Men ...") whose first sentences are
    copular ("The primary goal is X."): a question per item and a contrast per pair."""
    firsts: dict[str, Sentence] = {}
    for s in sentences:
        if s.label and s.previous is None and s.lost is None:
            firsts.setdefault(s.label, s)
    facts = []
    pattern = re.compile(r"^(?P<subject>The [\w\- ]{3,40}?) (?P<verb>is|are) (?P<value>[^,;]{3,60})\.$")
    matched = {label: pattern.match(s.text) for label, s in firsts.items()}
    matched = {k: v for k, v in matched.items() if v}
    subjects = Counter(m.group("subject").lower() for m in matched.values())
    for label, m in matched.items():
        if subjects[m.group("subject").lower()] < 2:
            continue
        others = [o.group("value") for k, o in matched.items() if k != label
                  and o.group("subject").lower() == m.group("subject").lower()]
        facts.append(Fact("item", firsts[label].document, firsts[label].text, firsts[label].heading,
                          subject=m.group("subject"), answer=m.group("value"),
                          detail=ItemDetail(label, m.group("verb"), others)))
    return facts
