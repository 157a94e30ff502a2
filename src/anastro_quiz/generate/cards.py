"""Stage 4: turn facts into cards, each of the type that tests its fact best.

Numbers become typed cards (or choice cards with distractors of the same unit), terms in
context become cloze cards (or choice cards when terms of the same family exist to serve
as distractors), definitions and acronyms become basic Q/A (table rows: see
:mod:`table_cards`). Every card keeps the exact
sentence or table row it came from. Card ids hash the card's content, so adding a fact
elsewhere never renames an existing card.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ..decks import CLOZE_RE, Card
from ..distractors import MIN_DISTRACTORS, render
from ..numbers import spelled
from ..patterns import find_whole
from .choices import FigurePool, number_distractors
from .clean import repaired
from .figures import OUTCOME, compact_question, outcome_question
from .extract import SECOND_PERSON, Sentence
from .vocabulary import is_acronym, zipf
from .facts import Fact
from .kinds import CardKind, FactKind, card_kind_of
from .lexicon import NOT_NOUN, NOUN_SUFFIX, POINTS_BACK, answerable as _answerable, is_verb_form

# The gap a generated question leaves where its answer was ("The _____ inhibits ..."), while
# the card is being made and checked; deck_model.BLANK ("[...]") is a cloze's gap when studied.
GAP = "_____"


@dataclass
class Draft:
    """A card before it is sorted into a deck: its data plus what topic sorting reads."""

    kind: CardKind
    type: str
    data: dict
    document: str
    quote: str
    heading: str
    ask: str  # what the card asks, normalised, for duplicate detection
    tags: list[str] = field(default_factory=list)
    # Table cells: (population, row label's last word) to find the same cell in another article
    # and the cell's full text, so disagreements between articles can be pointed out.
    same_as: tuple[str, ...] = ()
    cell: str = ""
    score: float = 0.0  # set by the selection stage: how much the card is worth asking
    term: str = ""  # a definition card's term: one definition per term, either way round
    defines: FactKind | Literal[""] = ""  # how: "acronym" ("What does X stand for?"), "role", "definition", "named", "gloss" (in brackets)
    page: int | None = None  # the PDF page of the quote
    row: str = ""  # a table card's row label ("Primary Concern"), what its row is about

    def card(self, topic: str) -> Card:
        """The final card. Its id hashes the fact (kind, source, answer), not the wording or the
        card type, so a cloze that becomes a choice card keeps its id and review history."""
        d = self.data
        answer = d.get("statement") or d.get("answer") or " ".join(m.group(2) for m in CLOZE_RE.finditer(d["text"]))
        digest = hashlib.sha1("\x1f".join([self.kind, self.document, self.quote, str(answer)]).encode()).hexdigest()
        data = {k: _display(v) if k in _DISPLAYED else v for k, v in self.data.items()}
        data["tags"] = [topic, self.kind] + [t for t in self.tags if t not in (topic, self.kind)]
        data["source"] = {"document": self.document, "quote": self.quote}
        if self.page is not None:
            data["source"]["page"] = self.page
        if self.score:
            data["score"] = round(self.score, 2)
        return Card(id=f"{self.kind}-{digest[:10]}", type=self.type, data=data)


# The scraped pages print "∞" where the article had a colon or a dash ("the enzyme it targets ∞
# aromatase"); a card shows a colon. Quotes stay verbatim.
_DISPLAYED = ("prompt", "answer", "text", "statement", "explanation", "choices")


def _display(value):
    if isinstance(value, list):
        return [_display(v) for v in value]
    return re.sub(r"\s+∞\s+", ": ", value) if isinstance(value, str) else value


def make_draft(kind: CardKind, type_: str, data: dict, fact_or_sentence, ask: str) -> Draft:
    """A card of ``kind`` made from a fact or sentence: its source (document, quote,
    heading, page) is recorded, and ``ask`` (what it asks) compared with other cards'."""
    row = fact_or_sentence.subject if isinstance(fact_or_sentence, Fact) and fact_or_sentence.kind in ("cell", "contrast") \
        else ""
    return Draft(card_kind_of(kind), type_, data, _name(fact_or_sentence.document), _quote(fact_or_sentence),
                 fact_or_sentence.heading, plain_words(ask), page=getattr(fact_or_sentence, "page", None), row=row)


def _name(document: str) -> str:
    return document.replace("\\", "/").rsplit("/", 1)[-1]


def _quote(obj) -> str:
    return obj.quote if isinstance(obj, Fact) else obj.text


_PLAIN_WORD = re.compile(r"\w+(?:[.%\-]\w+)*%?")


@lru_cache(maxsize=8192)  # a prompt is checked against each of its candidate answers and options
def plain_words(text: str) -> str:
    """Lower-case words only, for comparing what two cards ask (answers are compared with
    grading.normalize, which also folds accents and number formats)."""
    return " ".join(_PLAIN_WORD.findall(text.lower()))


def contains_answer(prompt: str, answer: str) -> bool:
    """Whether a prompt gives its answer away (the answer or its stem appears in it)."""
    p, a = plain_words(prompt), plain_words(answer)
    if not a:
        return True
    if find_whole(p.replace("-", " "), a.replace("-", " "), r"\w") != -1:
        return True  # "One year" in "the superiority of one-year treatment"
    if find_whole(p, a, r"\w") != -1:
        return True
    tokens = a.split()
    if len(tokens) == 1 and len(a) >= 6:  # "osteoclast" gives away "osteoclasts"
        stem = a[: max(6, len(a) - 3)]
        return f" {stem}" in f" {p}"  # a word of p starts with it (plain words: one space apart)
    return False


# --- numbers ----------------------------------------------------------------------


_TORN_BEFORE = re.compile(r"(?:\d(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve))\s*"
                          r"(?:-|–|—|to|and)\s*$|[+−-]$", re.I)
_TORN_AFTER = re.compile(r"^\s*(?:-|–|—|to)\s*\d")


def number_cards(facts: list[Fact], sentences: dict[str, Sentence], pool: FigurePool) -> list[Draft]:
    """Typed cards for numbers; the second number of a sentence becomes a choice card."""
    drafts = []
    seen_in_sentence: dict[str, int] = {}
    for fact in facts:
        s = sentences.get(fact.quote)
        if s is None:
            continue
        start, end = fact.detail.span
        if _TORN_BEFORE.search(s.text[:start]) or _TORN_AFTER.match(s.text[end:]):
            continue  # "0.3 to _____": half of a range is no question (the range is asked whole)
        blanked = s.text[:start] + GAP + s.text[end:]
        if contains_answer(blanked, fact.answer):
            continue
        prompt = with_context(s, blanked, fact.answer)
        compact = compact_question(s.text, start, end, _context_of(s), _its_owner(s))
        if compact is not None and not contains_answer(compact, fact.answer):
            prompt = compact  # "ATAC trial, five years: reduction in BMD in the total hip?"
        if prompt is None:
            continue
        nth = seen_in_sentence.get(s.text, 0)
        seen_in_sentence[s.text] = nth + 1
        distractors = number_distractors(fact, pool, blanked)
        if nth and len(distractors) >= MIN_DISTRACTORS:
            answer = render(fact.answer)  # options in one printed form ("5 years", not "five years")
            choices = sorted([answer] + distractors, key=_number_key)
            drafts.append(make_draft("number", "choice", {"prompt": prompt, "answer": answer, "choices": choices},
                                     fact, prompt))
            continue
        accept = sorted({_digits(fact.answer), fact.answer.replace(" ", "")} - {fact.answer})
        data = {"prompt": prompt, "answer": fact.answer}
        if accept:
            data["accept"] = accept
        drafts.append(make_draft("number", "typed", data, fact, prompt))
    return drafts


_WORD_NUMBERS = {word: str(value) for word, value in spelled(*range(1, 13)).items()}


def _digits(answer: str) -> str:
    first, _, rest = answer.partition(" ")
    return f"{_WORD_NUMBERS.get(first.lower(), first)} {rest}".strip()


def _number_key(text: str) -> tuple[float, str]:
    m = re.search(r"\d+(?:\.\d+)?", _digits(text))
    return (float(m.group(0)) if m else 0.0, text)


# Sentences about the article itself rather than its subject.
_NAMED_SUBJECT = re.compile(r"^(?P<w>[A-Z][a-z][\w\-]+)(?:,| (?:is|was|are|has|have|can|may|works|acts|binds|"
                            r"inhibits|blocks|reduces|lowers|increases|[a-z]+s)\b)")


def resolve(s: Sentence) -> str | None:
    """The sentence as a prompt can use it: whole, and with a leading "It" replaced by the
    subject it stands for: the one-word subject ("Anastrozole, sold under ..., is ...",
    "Estradiol regulates ...") of the last whole sentence before it, walking back over
    other "It ..." sentences of the same passage."""
    if not s.usable:
        return None
    if s.standalone:
        return _name_pointer(s)
    if not re.match(r"^It (?:is|was|has|can|may|also|[a-z]+s)\b", s.text):
        return None
    prev, steps = s.before, 0
    while prev is not None and steps < 3 and prev.text.startswith("It "):
        prev, steps = prev.before, steps + 1
    m = _NAMED_SUBJECT.match(prev.text) if prev is not None and prev.lost is None else None
    if m is None:
        return None
    subject = m.group("w")
    if not _answerable(subject) or subject.lower() in ("the", "this", "these", "it", "its", "there", "however"):
        return None
    return subject + s.text[2:]


def _its_owner(s: Sentence) -> str | None:
    """What a leading "Its" stands for: the one-word subject of the sentence just before
    ("Abemaciclib is excreted mainly via the feces (81%). Its elimination half-life is 18.3
    hours."), or ``None``."""
    if not s.text.startswith("Its ") or s.before is None or s.before.lost is not None:
        return None
    m = _NAMED_SUBJECT.match(s.before.text)
    if m is None or not _answerable(m.group("w")) or zipf(m.group("w").lower()) >= 4.5:
        return None  # "However, ...", "The drug ...": no name to ask about
    return m.group("w")


_POINTER = re.compile(r"\b(?P<det>these|this) (?P<noun>[a-z]+)\b")


def _name_pointer(s: Sentence) -> str:
    """"... control over these cells" after "... osteoclasts, the multinucleated cells responsible for
    bone resorption.": the pointer names what the sentence before defined with that noun."""
    m = _POINTER.search(s.text)
    if m is None or s.before is None or s.before.lost is not None:
        return s.text
    noun = m.group("noun")
    stem = noun[:-1] if noun.endswith("s") else noun
    if stem not in s.before.text:
        return s.text  # what the pattern below needs (each noun's pattern is compiled anew)
    term = re.search(rf"\b(?P<term>[A-Za-z][\w\-]+), (?:the|a|an) (?:[\w\-]+ ){{0,4}}{stem}s?\b", s.before.text)
    if term is None or term.group("term").lower() in ("it", "this", "these", "which"):
        return s.text
    return s.text[:m.start()] + term.group("term") + s.text[m.end():]


MAX_CONTEXT = 2


def outcome_cards(sentences: list[Sentence]) -> list[Draft]:
    """What a named study found ("... led to a statistically significant decrease in spine BMD"),
    asked as "2009 study, older men, one year: what happened to spine BMD?"."""
    out = []
    for s in sentences:
        if not s.usable or not OUTCOME.search(s.text):  # the context is walked only when needed
            continue
        found = outcome_question(s.text, _context_of(s))
        if found is not None:
            question, answer = found
            out.append(make_draft("outcome", "basic", {"prompt": question, "answer": answer}, s, question))
    return out


def _context_of(s: Sentence) -> str:
    """The sentences just before ``s`` under its heading, for naming what a figure reports."""
    out, prev = [], s.before
    while prev is not None and len(out) < MAX_CONTEXT + 1:
        out.insert(0, (repaired(prev.text) or prev.text) if prev.lost else prev.text)
        prev = prev.before
    return " ".join(out)


def with_context(s: Sentence, text: str, answer: str = "") -> str | None:
    """Prefix the earlier sentences ``s`` leans on ("The reduction was ..." needs the study it
    reports), walking back across paragraph breaks while each one still points back ("this
    trial"), at most two. A context sentence that lost only an acronym's expansion is shown
    repaired ("decreases in BMD"); one that lost anything else is passed over. Context never
    gives the answer away; when it would, or the chain does not close, the heading stands in."""
    if s.standalone:
        return text
    context: list[str] = []
    cur, prev = s, s.before
    while prev is not None and len(context) < MAX_CONTEXT:
        whole = repaired(prev.text) if prev.lost else prev.text
        if whole is None or SECOND_PERSON.search(whole):
            prev = prev.before  # lost words: skip it, as a student would skip a garbled line
            continue
        context.insert(0, whole)
        cur = prev
        if prev.standalone and not POINTS_BACK.search(whole):
            break
        prev = prev.before
    closed = context and cur.standalone and not POINTS_BACK.search(context[0])
    if not closed and context and cur.standalone and len(context) == 1:
        closed = True  # one whole sentence that itself points back is still the best context we have
    prompt = " ".join(context + [text])
    if not closed or (answer and contains_answer(" ".join(context), answer)):
        return f"{s.heading}: {text}" if s.heading else None
    return prompt


# --- definitions, acronyms, tables, lists ------------------------------------------------


_NP_BOUNDARY = {"the", "a", "an", "of", "in", "on", "for", "with", "and", "or", "to", "by", "from", "as", "like",
                "include", "includes", "including", "such", "cause", "causes", "is", "are", "was", "were", "its", "their"}
_BAD_GLOSS = re.compile(r"^(?:where|when|which|who|whom|whose|about|around|approximately|~|≈|<|>|\d|e\.g|i\.e|see\b|"
                        r"also\b|or\b|and\b|in\b|at\b|for\b|with\b|without\b|from\b|by\b|caused\b|due\b|"
                        r"resulting\b|including\b|such\b|formerly\b|brand\b|sold\b|marketed\b|[^;]*;|"
                        r"[a-z]+ed\b|peak\b|[^:]*:|.*\d|both\b|either\b|all\b|each\b|mainly\b|mostly\b)", re.I)


def _whole_phrase(fact: Fact) -> bool:
    """The subject is a whole noun phrase, not the tail of a longer one ("precocious puberty" of
    "familial male-limited precocious puberty (testotoxicosis)"), and it names a thing."""
    subject = fact.subject.strip()
    first = subject.split()[0].lower() if subject else ""
    if not subject or first in _NP_BOUNDARY - {"the", "a", "an"}:
        return False
    at = fact.quote.find(subject)
    if at > 0:
        before = fact.quote[:at].rstrip()
        if before and before[-1].isalnum() and before.split()[-1].lower() not in _NP_BOUNDARY:
            return False
    last = subject.split()[-1].lower()
    if is_verb_form(last):  # "estrone predominates (both ...)": a clause, not a thing
        return False
    return is_acronym(subject.split()[-1]) or not (NOT_NOUN.search(last) and not NOUN_SUFFIX.search(last))


def _proper_name(fact: Fact) -> bool:
    """A capitalised subject that is not an acronym and does not open its sentence."""
    first = fact.subject.split()[0] if fact.subject else ""
    if not first[:1].isupper() or is_acronym(first):
        return False
    at = fact.quote.find(fact.subject)
    return at != 0


def _plural_noun(phrase: str) -> bool:
    if " and " in phrase:
        return True
    last = phrase.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "sis", "itis", "us", "is", "ys"))


def definition_card(fact: Fact) -> Draft | None:
    """Basic Q/A for a definition, a role, a name or an acronym."""
    if fact.kind in ("named", "definition", "gloss") and (not _whole_phrase(fact) or _BAD_GLOSS.match(fact.answer.strip())):
        return None
    if fact.kind == "named" and (NOT_NOUN.search(fact.answer.lower()) and not NOUN_SUFFIX.search(fact.answer.lower())):
        return None  # "(dextrorotatory)" describes; it does not name
    if fact.kind in ("named", "definition", "gloss") and _proper_name(fact):
        return None  # "Lexapro (escitalopram)", "Afinitor (general tumours)": a brand name is trivia
    if fact.kind == "acronym":
        prompt, answer = f"What does {fact.subject} stand for?", fact.answer
    elif fact.kind == "named":
        prompt, answer = f"What is the term for {fact.subject}?", fact.answer
    elif fact.kind == "role":
        prompt, answer = f"What is {fact.answer}?", fact.subject
    else:
        subject = fact.subject
        verb = "are" if _plural_noun(subject) else "is"
        subject = subject if is_acronym(subject.split()[0]) else subject[0].lower() + subject[1:]
        prompt, answer = f"What {verb} {subject}?", fact.answer
        if not subject.startswith(("the ", "a ")) and len(subject.split()) > 1 and not is_acronym(subject.split()[0]):
            prompt = f"What {verb} the {subject}?"
    answer = answer[0].upper() + answer[1:]
    if contains_answer(prompt, answer):
        return None
    draft = make_draft("define", "basic", {"prompt": prompt, "answer": answer}, fact, prompt)
    draft.term = fact.answer if fact.kind == "named" else fact.subject  # a role card asks for its subject
    draft.defines = fact.kind
    return draft


def running_text(title: str) -> str:
    """A Title-Case table label as running text: "Observed Effect on BMD" -> "observed effect on BMD"."""
    return " ".join(w if is_acronym(w.strip("()")) or re.search(r"[A-Z]{2}", w) else w.lower()
                    for w in title.split())
