"""Stage 5: choose what is worth asking.

Every candidate card gets a score from three things a teacher weighs: how much its answer
carries (a rare domain term, a number with its unit, a cause, a list), how central its
sentence is (a section's lead sentence, one that later sentences point back to, one dense
with key terms), and penalties (the article's own subject as the answer, half of a fixed
term, a citation year, trivia sections, an answer the deck already asks, a long prompt).
Candidates are ranked first; caps (per sentence, per answer, per section budget) are
applied while walking down the ranking, so the key figure of a sentence is never the one
that is cut.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from ..decks import BLANK, CLOZE_RE
from ..patterns import AnyCase
from .cards import Draft, contains_answer, plain_words
from .kept_giveaways import giveaways_dropped
from .kept import (ANSWER_SHARE, Skipped, answer_key, answer_of, answered_elsewhere, cap_answer_share,
                   glosses_in_their_sentence, one_dose_per_amount, restated_comparisons)
from .vocabulary import is_acronym
from .prompt_signals import (DEGREE, MINOR_FIGURE, about_something_else, dangling, differs_only_in_degree, drug_on_drug, graded_twice, item_set, minor_kinetics,
                             minor_pharmacology, modifies_next_noun, one_place, open_consequence, other_figure, short_list, side_study,
                             sibling_gives_away, states_duration, treatment_duration, unnamed_study, use_of, vague_row, verbless)
from .reading_weights import reading_weight, theme_as_cause

# What each kind of card is worth before its content is looked at: the kinds a teacher
# writes (cause, chain, comparison, list, rule) come first, a cloze on a term last.
# "In women, what is the primary goal?" (item) is the rubric's vague card: the comparison of the
# parallel items asks it properly. A cell's true/false twin repeats the cell: readers kept none.
KIND_PRIOR = {"why": 1.0, "action": 1.0, "compare": 0.95, "chain": 0.9, "list": 0.9, "number": 0.8, "effect": 0.8, "examples": 0.8, "outcome": 0.9, "class": 1.0,
              "table": 0.7, "define": 0.65, "item": 0.25, "contrast": 0.3, "term": 0.5}
MIN_SCORE = 0.35
MIN_NUMBER_SCORE = 0.6  # readers kept no figure card scored below this
MIN_TERM_SCORE = 0.8  # a blank on a term must carry more than a guessable word (readers kept ~1 in 4 below)
MAX_PER_QUOTE = 2
MAX_PER_ROW = 3  # a table row holds one fact per column, and a comparison of them (any card made from a cell)
_ROW_KINDS = {"table", "contrast", "compare"}
_BLANK_KINDS = {"term", "effect", "examples"}  # kinds that blank a span of their sentence
SIMILAR = 90  # rapidfuzz ratio above which two questions read the same...
SAME_ANSWER = 60  # ...and above which their answers are the same answer
MAX_PROMPT_WORDS = 40
WORDS_PER_CARD = 25  # default density: about one card per 25 words of a section...
SECTION_MIN, SECTION_MAX = 3, 16  # ...but at least 3 and at most 16 cards per section

# Sections whose facts are rarely what a student is examined on (names, history, chemistry
# trivia); their cards still compete, at a discount.
_TRIVIA_SECTIONS = AnyCase(
    r"\b(?:history|society and culture|names?|brand names?|economics|cost|legal status|chemistry|"
    r"synthesis|research|etymology|veterinary|environment\w*|culture|generic names?|marketing|"
    r"see also|external links|availability|patent\w*)\b")
_NOT_TEACHING = re.compile(r"^\W*(?:further reading|references?|bibliography|notes|sources|citations|see also|"
                           r"external links|footnotes)\W*$", re.I)
_TRIVIA_QUOTE = AnyCase(
    r"\b(?:optical rotation|solubility|soluble in|melting point|molar mass|molecular weight|cas number|"
    r"patented|sold under the brand|brand names? |marketed (?:under|as)|prescriptions|most commonly prescribed|"
    r"list of essential medicines|trade ?name|approved for medical use in|market share|of the \w+ market|sales|"
    r"revenue|insoluble|ph \d)\b|±")
# How a tablet is made, not what the drug does (readers: "formulation trivia")
_FORMULATION = AnyCase(r"\b(?:micronized|micronised|particle sizes?|excipients?|film-coated|tablet coating)\b")
# A blank that is half of a fixed term: "aromatase [inhibitor]", "Phase [III]", "[95%] CI".
_FIXED_AFTER = re.compile(r"^\s*(?:inhibitors?|antagonists?|agonists?|receptors?|CI\b|confidence interval)", re.I)
_FIXED_BEFORE = re.compile(r"(?:\bphase|\btype|\bgrade|\bstage)\s*$", re.I)
_DIRECTION = AnyCase(r"\b(?:increas\w*|decreas\w*|reduc\w*|rais\w*|lower\w*|higher|greater|less|more|"
                     r"inhibit\w*|suppress\w*|stimulat\w*|block\w*|prevent\w*|compared with|than)\b")

@dataclass
class Context:
    """What scoring needs to know about the documents: key terms, subjects, sentence roles."""

    terms: dict[str, float]
    subjects: set[str]  # each document's own subject words ("anastrozole", "arimidex")
    frequent: set[str] = field(default_factory=set)  # each document's most used key terms
    lead_sentences: set[str] = field(default_factory=set)  # first sentence of each section
    pointed_at: set[str] = field(default_factory=set)  # sentences a later one refers back to
    section_of: dict[int, str] = field(default_factory=dict)  # draft id -> its top-level section

    @cached_property
    def top_term(self) -> float:
        """The highest term weight (found once: every draft's score divides by it)."""
        return max(self.terms.values(), default=1.0) or 1.0


def prompt_of(d: Draft) -> str:
    data = d.data
    return str(data.get("prompt") or data.get("statement") or CLOZE_RE.sub(BLANK, str(data.get("text", ""))))


_FIGURE = re.compile(r"\d+(?:\.\d+)?\s?(?:%|mg|mcg|µg|ng|pg|g|mL|ml|days?|hours?|weeks?|months?|years?)\b")
_INSTITUTION = re.compile(r"\b(?:Administration|Agency|Authority|System|Programme|Program|Society|Association|"
                          r"Institute|Committee|Commission|Council|Organi[sz]ation|Foundation|Network|Group|"
                          r"Service|Reporting|Registry|Database|Department|Office|Board|Company|Industries)\b")
_ACRONYMS = re.compile(r"\b[A-Z][A-Z0-9\-]{1,9}\b")
_TRANSITION = AnyCase(r"\b(?:reveals? the|highlights? the|underscores? the|illustrates? the|examining|"
                      r"let us|we will|in this (?:section|article)|the true|a story of|this journey)\b")
_PROTEIN_BINDING = re.compile(r"\bprotein[- ]bin(?:ding|ds?)\b|\bprotein[- ]bound\b", re.I)
_HAZARD_RATIO = re.compile(r"^In [^?]+, what (?:was|were) the hazard ratios? ")
_NEGATIVE_FINDING = re.compile(r"^(?:There (?:is|was|are|were) no|No) (?:indication|evidence|sign|report)s? of\b", re.I)


def _high_share(answer: str) -> bool:
    """"> 99%": binding that high is a reason (a long half-life, displacement interactions), where
    "40%" says nothing a clinician uses (readers kept the one, not the other)."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*%", answer)
    return m is not None and float(m.group(1)) >= 90


def _is_subject(answer: str, subjects: set[str]) -> bool:
    words = plain_words(answer).split()
    return bool(words) and all(w in subjects or w.rstrip("s") in subjects for w in words)


def score(d: Draft, ctx: Context) -> float:
    """How much a card is worth asking, about 0..1.5 (see the module docstring)."""
    answer, prompt = answer_of(d), prompt_of(d)
    value = KIND_PRIOR.get(d.kind, 0.6)
    low = answer.lower()
    if d.kind == "term":
        salience = max((ctx.terms.get(w, 0.0) for w in re.findall(r"[\w\-α-ω]+", low)), default=0.0)
        value *= 0.6 + 0.8 * min(1.0, salience / ctx.top_term)
        blank = CLOZE_RE.search(str(d.data.get("text", "")))
        if blank:
            text = str(d.data["text"])
            blanks = list(CLOZE_RE.finditer(text))
            if any(_FIXED_AFTER.match(text[b.end():]) or _FIXED_BEFORE.search(text[: b.start()]) or
                   re.search(r"\b[A-Z][A-Z0-9]{1,9}\s+$", text[: b.start()]) and b.group(2).islower()
                   for b in blanks):
                value *= 0.3  # "PARP [inhibitor]": half of a fixed term
            elif modifies_next_noun(text[blank.end():]):
                value *= 0.6  # "[lipid] metabolism", "[osteoclast] activity": half of a compound
        if _DIRECTION.found(low):
            value *= 1.2
        if blank and re.search(r"\b(?:due to|because of|caused by|mediated by|through|via|by)\s+(?:\w+\s+)?$",
                               str(d.data["text"])[: blank.start()]):
            value *= 1.3  # "reduced due to receptor [downregulation]": the blank is the cause
        if is_acronym(answer.strip()) and len(_ACRONYMS.findall(d.quote)) >= 4:
            value *= 0.5  # "(SISH/[CISH]/FISH)": one initialism among many is a guess
        if blank and blank.start() == 0 and re.match(r"\s+(?:is|are) (?:the|a|an) ", text[blank.end():]):
            value *= 1.5  # "[...] is the primary sex steroid that ...": the sentence defines its subject
        elif low in ctx.frequent or low.rstrip("s") in ctx.frequent:
            value *= 0.6  # "aromatase" for the sixth time: the article's theme, not a fact
    if d.kind == "number":
        if re.fullmatch(r"(?:in |a |the )?(?:19|20)\d\d", low.strip()):
            value *= 0.25  # a citation or approval year is trivia
        if "%" in answer:
            value *= 1.2
        if (side_study(d.quote) and not drug_on_drug(prompt)) or about_something_else(d.quote, ctx.subjects):
            value *= 0.5  # "A study has found ...", "the half-life of afimoxifene": a side figure
        if one_place(d.quote):
            value *= 0.3  # "In Japan, ... at a dosage of _____": one country's figure
        blank = prompt.find("_____")
        if blank >= 0:
            if re.match(r"_____\s*(?:CI\b|confidence)", prompt[blank:]):
                value *= 0.2  # the 95% of a confidence interval
            if prompt[:blank].count("(") > prompt[:blank].count(")"):
                value *= 0.5  # a figure in brackets is a detail of the sentence, not its point
            if len(_FIGURE.findall(d.quote)) >= 3:
                value *= 0.6  # one of a string of figures
            if other_figure(prompt) or len(prompt.split()) > 28 or MINOR_FIGURE.search(prompt) or verbless(prompt) \
                    or unnamed_study(prompt) or minor_kinetics(prompt):
                value *= 0.3  # "5.8 days on average, with a range of _____", "in rats": a side figure
        if minor_pharmacology(prompt) and not (_PROTEIN_BINDING.search(prompt) and _high_share(answer)):
            value *= 0.3  # "plasma protein binding?" (40%), "nuclear retention": readers kept none
        if _NEGATIVE_FINDING.search(d.quote):
            value *= 0.3  # "There is no indication of ... at doses of _____ or below": a bound of a non-finding
    if d.type == "cloze":
        deletions = [m.group(2).lower() for m in CLOZE_RE.finditer(str(d.data.get("text", "")))]
        if len(set(deletions)) < len(deletions):
            value *= 0.3  # "metabolized by [...] and knowing the [...] status" -> "CYP2D6, CYP2D6"
    if d.kind == "define" and _INSTITUTION.search(answer):
        value *= 0.4  # "What does FAERS stand for?": an agency's name is trivia
    if d.defines == "acronym":
        value *= 0.3  # "What does AR stand for?": readers kept none; the initials spell the answer
    elif d.defines == "gloss":
        value *= 0.2  # "leukopenia (low white blood cell count)": the article glosses a general word for lay readers
    elif d.defines in ("definition", "named") and not any(w in ctx.frequent or w.rstrip("s") in ctx.frequent
                                                          for w in plain_words(d.term).split()):
        value *= 0.5  # "What is dyspnea?": a glossary entry, not this article's subject matter
    if d.kind == "table" and (len(answer.split()) > 6 or len(DEGREE.sub(" ", answer).split()) <= 1):
        value *= 0.4  # "... considerations for lipid metabolism?" -> a sentence; "Moderately extended": vague
    if d.kind == "effect":
        head, _, tail = prompt.partition("[...]")
        if len(head.split()) <= 4 and not tail.strip(" .;"):
            value *= 0.3  # "Trastuzumab inhibits the [...].": nothing says which of its effects
        elif verbless(prompt.replace("[...]", "_____")):
            value *= 0.3  # "Increase in intra-tumoral androgen biosynthesis mediated by [...]": a list item
    if d.kind == "examples" and len(prompt.split()) > 28:
        value *= 0.4  # "... such as [...]" at the end of a long sentence: a detail of it
    if d.kind in ("term", "effect") and sibling_gives_away(answer, prompt):
        value *= 0.3  # "selective for [...] and CDK6", "ERβ ... [...]": the sibling spells it out
    if d.kind == "why" and open_consequence(prompt):
        value *= 0.3  # "What can X lead to?": which of its effects?
    if d.kind == "why" and theme_as_cause(answer, ctx.frequent | ctx.subjects):
        value *= 0.1  # "... after menopause: why?" -> "A relative estrogen deficiency" (an article on estradiol)
    if dangling(prompt):
        value *= 0.3  # "Individuals without it ...", "As such, its levels ...": whose?
    if d.type != "true_false" and _is_subject(answer, ctx.subjects):
        value *= 0.05  # "[...] is taken as 1 mg once daily": the article's subject is the answer to nothing
    if d.quote in ctx.lead_sentences:
        value *= 1.15
    if d.quote in ctx.pointed_at:
        value *= 1.1
    if _NOT_TEACHING.search(d.heading or ""):
        return 0.0  # reading lists and references teach nothing
    if (_TRIVIA_SECTIONS.found(d.heading or "") or _TRIVIA_SECTIONS.found(ctx.section_of.get(id(d), ""))) \
            and not _HAZARD_RATIO.search(prompt):
        value *= 0.4  # (a trial's hazard ratio, told under History beside the approval it led to, is its result)
    if _TRIVIA_QUOTE.found(f"{prompt} {answer}"):
        value *= 0.5  # what the card shows: "sold under the brand name ..." in a quote's aside is not asked
    if _FORMULATION.found(f"{prompt} {answer}"):
        value *= 0.4  # "Why is X in oral tablets micronized ...?"
    value *= reading_weight(d.kind, prompt, d.quote, answer, ctx.subjects)
    if _TRANSITION.found(d.quote):
        value *= 0.6  # "Examining X reveals the true divergence...": a signpost, not a fact
    n = len(prompt.split())
    if n > MAX_PROMPT_WORDS:
        value *= 0.3 if n <= 60 else 0.05
    if len(answer.split()) > 12 and d.type != "true_false" and not short_list(answer) and d.kind != "compare":
        value *= 0.6  # too long to recall (a comparison is two short answers side by side)
    return round(value, 4)


def section_budget(words: int, title: str = "") -> int:
    """Default number of cards for a section of ``words`` words (a trivia section such as
    History or Chemistry gets a third of that)."""
    n = math.ceil(words / WORDS_PER_CARD)
    if _TRIVIA_SECTIONS.found(title):
        n = math.ceil(n / 3)
    return max(SECTION_MIN, min(SECTION_MAX, n))


def choose(drafts: list[Draft], ctx: Context, group_of: dict[int, str], budgets: dict[str, int],
           max_cards: int | None = None) -> tuple[list[Draft], list[Skipped]]:
    """Rank every candidate, then keep the best while caps allow.

    ``group_of`` maps a draft (by ``id``) to its section key for budgets; ``budgets`` is the
    number of cards each section may have; ``max_cards`` caps each document's total.
    Returns the kept drafts (in ranking order) and the skipped ones with reasons.
    """
    for d in drafts:
        d.score = score(d, ctx)
    ranked = sorted(drafts, key=lambda d: (-d.score, d.ask))
    total_budget: Counter[str] = Counter()
    for key, n in budgets.items():
        total_budget[key.split("\x1f", 1)[0]] += n
    kept: list[Draft] = []
    skipped: list[Skipped] = []
    per_quote: Counter[str] = Counter()
    per_group: Counter[str] = Counter()
    per_doc: Counter[str] = Counter()
    per_answer: Counter[tuple[str, str]] = Counter()
    # per section, compared fuzzily (a section holds few cards). Two questions are the same when
    # they read alike and expect alike answers: two blanks in one sentence ("6.1% in the spine
    # and 7.2% in the hip") or two rows of one table ask different things.
    asked: dict[str, list[tuple[str, str, str]]] = {}
    asked_exact: set[str] = set()  # the same question word for word, in any document
    compared: set[str] = set()  # table rows already asked as one comparison
    compared_rows: set[str] = set()  # their row labels ("typical dosage"), across documents
    defined: set[str] = set()  # terms already asked as a definition
    questions: defaultdict[str, list[str]] = defaultdict(list)  # kept why/action questions per document
    comparisons: list[str] = []  # kept comparisons' answers, any document (one per table row: few)
    from_quote: dict[str, list[Draft]] = {}  # kept cards per sentence
    clozed: set[str] = set()  # sentences that already have a blank: a second reads the same
    figured: set[str] = set()  # the same for a figure blanked in its sentence
    said: set[tuple[str, str]] = set()
    listed: defaultdict[str, list[frozenset[str]]] = defaultdict(list)  # kept lists' item sets per document
    # How long treatment lasts, every figure each document gives: with two ("five years", "10
    # years") either key is one right answer of two, so neither is asked.
    durations: defaultdict[str, set[str]] = defaultdict(set)
    for d in drafts:
        if d.kind == "number" and treatment_duration(prompt_of(d)):
            durations[d.document].add(answer_key(plain_words(answer_of(d))))
    for d in ranked:
        answer = answer_key(plain_words(answer_of(d)))
        group = group_of[id(d)]
        doc = d.document
        cap = max(1, int(ANSWER_SHARE * max(total_budget[doc], 1)))
        reason, detail = None, ""
        floor = MIN_TERM_SCORE if d.kind == "term" else MIN_NUMBER_SCORE if d.kind == "number" else MIN_SCORE
        if d.score < floor:
            reason, detail = "score too low", f"{d.score:.2f} < {floor}"
        elif per_quote[d.quote] >= (MAX_PER_ROW if d.kind in _ROW_KINDS or d.row else MAX_PER_QUOTE):
            reason, detail = "sentence already has its cards", f"{MAX_PER_QUOTE} per sentence"
        elif d.type != "true_false" and per_answer[(doc, answer)] >= cap:
            reason, detail = "answer already asked", f"'{answer}' {cap}x"
        elif (d.quote, answer) in said:
            reason = "the same answer from the same sentence"
        elif any(_shows_answer(d, k) or _shows_answer(k, d) for k in from_quote.get(d.quote, ())):
            reason = "shows the answer of a better card"
        elif d.kind == "define" and d.term and plain_words(d.term) in defined:
            reason = "near-duplicate of a better card"  # "What are osteoclasts?" and "What breaks down bone?"
        elif d.kind in _ONE_PER_FACT and any(k.kind in _ONE_PER_FACT for k in from_quote.get(d.quote, ())):
            reason = "the sentence's fact is already asked"  # a cloze and a why card of one clause
        elif d.kind in ("why", "action") and any(fuzz.ratio(ask, d.ask) >= SIMILAR or use_of(ask) & use_of(d.ask)
                                                 for ask in questions[doc]):
            reason = "near-duplicate of a better card"  # one question, two keys: the second is a guess
        elif d.kind == "compare" and _row_label(d) in compared_rows:
            reason = "near-duplicate of a better card"  # the same table row in the other article
        elif d.kind == "compare" and differs_only_in_degree(answer_of(d)):
            reason, detail = "vague", "the two sides differ only in degree"
        elif d.kind in ("compare", "table", "contrast", "item") and vague_row(d.row or _row_label(d)):
            reason, detail = "vague", "the row names a topic, not a quantity or a rule"
        elif d.kind in ("list", "examples") and len(items := item_set(answer_of(d))) >= 2 and \
                any(items <= other or other <= items for other in listed[doc]):
            reason = "near-duplicate of a better card"  # "flutamide and bicalutamide" in two sentences
        elif d.kind == "number" and treatment_duration(prompt_of(d)) and len(durations[doc]) > 1:
            reason, detail = "the article gives another figure for it", " / ".join(sorted(durations[doc] - {answer}))
        elif d.kind in ("why", "action") and states_duration(prompt_of(d)) and len(durations[doc]) > 1:
            reason, detail = "the article gives another figure for its premise", " / ".join(sorted(durations[doc]))
        elif d.kind == "number" and any(contains_answer(both, answer_of(d)) for both in comparisons):
            reason = "asked in a comparison"  # "1 mg daily" beside "Women: 1 mg daily; men: ..."
        elif d.kind in ("table", "contrast", "item") and d.quote in compared:
            reason = "the row is asked as a comparison"
        elif d.type in ("cloze", "choice") and d.kind in _BLANK_KINDS and d.quote in clozed:
            reason = "one blank per sentence"
        elif d.kind == "number" and "_____" in prompt_of(d) and d.quote in figured:
            reason = "one blank per sentence"  # "3.4% relative to ___" and "___ relative to 1.9%"
        elif d.ask in asked_exact or any(
                quote != d.quote and fuzz.ratio(d.ask, a) >= SIMILAR and fuzz.ratio(answer, ans) >= SAME_ANSWER
                for a, quote, ans in asked.get(group, ())):
            reason = "near-duplicate of a better card"
        elif per_group[group] >= budgets.get(group, SECTION_MAX):
            reason = "section budget reached"
        elif max_cards is not None and per_doc[doc] >= max_cards:
            reason, detail = "--max-cards reached", str(max_cards)
        if reason:
            skipped.append(Skipped(d, reason, detail))
            if d.kind == "compare" and _row_label(d) in compared_rows:
                compared.add(d.quote)  # the row is asked (in the other article): its cells are too
            elif d.kind == "compare" and graded_twice(answer_of(d)):
                compared.add(d.quote)  # one side alone ("Moderate reduction to an optimal range") is half a grade
            continue
        kept.append(d)
        per_quote[d.quote] += 1
        per_group[group] += 1
        per_doc[doc] += 1
        per_answer[(doc, answer)] += 1
        asked.setdefault(group, []).append((d.ask, d.quote, answer))
        asked_exact.add(d.ask)
        from_quote.setdefault(d.quote, []).append(d)
        if d.kind in ("why", "action"):
            questions[doc].append(d.ask)
        if d.kind == "compare":
            comparisons.append(answer_of(d))
            compared.add(d.quote)
            compared_rows.add(_row_label(d))
        if d.kind == "define" and d.term:
            defined.add(plain_words(d.term))
        if d.kind in _BLANK_KINDS:
            clozed.add(d.quote)
        if d.kind == "number" and "_____" in prompt_of(d):
            figured.add(d.quote)
        if d.kind in ("list", "examples"):
            listed[doc].append(item_set(answer_of(d)))
        said.add((d.quote, answer))
    return cap_answer_share(*one_dose_per_amount(*glosses_in_their_sentence(*restated_comparisons(
        *giveaways_dropped(*answered_elsewhere(kept, skipped))))))


_ONE_PER_FACT = {"why", "effect", "term"}
def _row_label(d: Draft) -> str:
    """What a comparison compares ("Compare the typical dosage in ... and in ..." -> "dosage"), or
    a table cell asks ("In women, what is the primary concern?" -> "concern"), its last word, so
    two articles' rows on one thing meet."""
    m = re.match(r"compare the (.+?) (?:in|of|for|between) ", d.ask) or re.search(r"what (?:is|are) the ([^?]+?)\??$", d.ask)
    return m.group(1).split()[-1] if m else d.ask


def _shows_sentence(d: Draft) -> bool:
    return d.type == "cloze" or "_____" in prompt_of(d)


def _shows_answer(shown: Draft, asked: Draft) -> bool:
    """Whether ``shown``'s prompt gives away ``asked``'s answer (two cards from one sentence:
    "___ (≥10% incidence) include hot flashes, asthenia" and "... include hot flashes, [...]")."""
    if asked.type == "true_false" or not (_shows_sentence(shown) or _shows_sentence(asked)):
        return False  # two rephrased questions ("What does M-CSF stand for?", "Name two cytokines") may share words
    answer = answer_of(asked)
    prompt = prompt_of(shown)
    parts = [a for a in re.split(r",\s*|\s+(?:and|or)\s+", answer) if a.strip()] if asked.kind == "list" else [answer]
    return any(contains_answer(prompt, a) for a in parts)
