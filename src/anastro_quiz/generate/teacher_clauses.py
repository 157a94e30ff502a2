"""Clause tools for the teacher's cards: who a sentence is about, and its clauses as prompts.

No parser: a sentence's subject is the words before its first finite verb when those
words name something (a capitalised name, an acronym or a short noun phrase without a
pronoun), and a leading "It" is the subject of the sentence before it when that one names
its subject. Anything less certain is ``None``, and the caller makes no card.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .lexicon import POINTS_BACK
from .extract import Sentence, readable
from .vocabulary import is_acronym, zipf

AUX = ("is", "are", "was", "were", "has", "have", "had", "can", "could", "may", "might", "must",
       "should", "will", "would", "does", "do", "did")
# Common verbs of pharmacology prose in the third person ("inhibits", "leads"): a general list,
# used where wordfreq alone cannot tell a verb from a plural noun ("levels", "effects").
_VERBS = set("""act affect allow block bind cause convert decrease depend encourage enhance increase induce inhibit
improve interfere lead lower mediate modulate need prevent produce promote protect raise reduce regulate
require result shorten stimulate suppress trigger work help appear stop slow raise reverse restore
antagonize activate disrupt govern dictate determine control limit impair elevate upregulate downregulate
exert compete displace prolong enter cross bypass target remove undermine outpace survive""".split())
CONNECTIVE = re.compile(r"^(?:(?:however|additionally|in addition|furthermore|moreover|also|importantly|"
                        r"notably|specifically|consequently|similarly|in particular|overall|clinically|eventually|initially|ultimately|subsequently|over time)\s*,|"
                        r"(?:hence|thus|therefore),?)\s+", re.I)
# "It is thought that ...", "It has been shown that ...": an "it" that stands for nothing.
_EXPLETIVE_IT = re.compile(r"^It (?:is|was|has been|had been|may be|might be|seems|appears|remains) (?:\w+ )?"
                           r"(?:that|whether|to|if|how|why|what)\b")
# "In women, studies have shown that anastrozole can ...": the claim is what a card asks about.
_REPORTED = re.compile(r"(^|, )(?:(?:several |many |some |recent |clinical )?(?:studies|research|trials|data|evidence) "
                       r"(?:have |has )?(?:shown|suggested|found|demonstrated|indicated|shows|suggests|indicates) that )",
                       re.I)
# "When estradiol levels fall, as they do with anastrozole, osteoclasts ...": an aside.
_AS_THEY_DO = re.compile(r",\s+as (?:they|it) (?:do|does|did|will|would)\b[^,]*,")
_SUBORDINATE = re.compile(r"^(?:although|though|while|whereas|if|when|as|since|once|unless|because|even)\b", re.I)
_PROPER: set[str] = set()
DOCUMENT_DRUG: list[str] = []  # the drug an article is titled with, which "the medication" stands for


@lru_cache(maxsize=64)
def _drug_word(drug: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(drug)}\b", re.I)


def names_drug(text: str, drug: str) -> bool:
    """Whether ``text`` names ``drug`` as a word of its own, in any case ("Goserelin", "goserelin's")."""
    return _drug_word(drug).search(text) is not None


def learn_names(sentences: list[Sentence]) -> None:
    """Remember the document's proper names: capitalised words that never appear in lower case
    and stand capitalised inside a sentence ("Novartis", "FDA"), so prompts keep their capitals
    and lower-case everything else ("Tamoxifen improves" -> "does tamoxifen improve")."""
    capital: set[str] = set()
    lower: set[str] = set()
    for s in sentences:
        for i, w in enumerate(re.findall(r"[A-Za-z][\w\-]*", s.text)):
            if w[:1].isupper():
                if i:
                    capital.add(w)
            else:
                lower.add(w)
    _PROPER.clear()
    _PROPER.update(w for w in capital if w.lower() not in lower)
_PRONOUN = re.compile(r"\b(?:it|they|them|this|these|those|he|she|him|her|such)\b", re.I)
_DETERMINER_START = re.compile(r"^(?:the|a|an|its|their|this|these|that|those|some|such|both|each|all)\b", re.I)
MAX_PROMPT_WORDS = 30
MAX_ANSWER_WORDS = 12


def usable(s: Sentence) -> bool:
    """Whole, not addressed to the reader, not a question, and not a run-on of 80 words."""
    return s.lost is None and readable(s.text, 80)


def readable_sentences(doc) -> Iterator[tuple[Sentence, str]]:
    """Each :func:`usable` sentence of ``doc`` with its :func:`resolved_text`, where a leading
    pronoun resolves: what the teacher builders that read one sentence at a time are given."""
    for s in doc.sentences:
        if usable(s):
            text = resolved_text(s)
            if text is not None:
                yield s, text


def base_form(verb: str) -> str | None:
    """"inhibits" -> "inhibit", "reduces" -> "reduce", "carries" -> "carry"; ``None`` if ``verb``
    is not a third-person verb form (judged by the list above, then by wordfreq)."""
    low = verb.lower()
    if not low.endswith("s") or low.endswith(("ss", "us", "is")) or len(low) < 4:
        return None
    candidates = [low[:-3] + "y"] if low.endswith("ies") else []
    candidates += [low[:-1]] + ([low[:-2]] if low.endswith("es") else [])
    for c in candidates:
        if c in _VERBS:
            return c
    return None


def finite_verb(words: list[str], start: int = 1) -> int | None:
    """Index of the first finite verb (an auxiliary or a known third-person verb) from ``start``."""
    for i in range(start, len(words)):
        w = words[i].strip(",;:").lower()
        if w in AUX or base_form(w):
            return i
        # a plural subject and a base verb: "Reduced estradiol levels remove ..."
        if i and w in _VERBS and re.search(r"[^s]s$", words[i - 1].lower()):
            return i
        if words[i].endswith((",", ";", ":")):  # a subject does not run across a comma
            return None
    return None


def names_something(phrase: str) -> bool:
    """A subject a card can use as is: no pronoun, at most seven words, and either a
    capitalised name or acronym, or a noun phrase with a rare (domain) word in it."""
    words = phrase.split()
    if not words or len(words) > 7 or _PRONOUN.search(phrase) or POINTS_BACK.search(phrase):
        return False
    first = words[0].strip("(),")
    if re.match(r"^(?:there|here|what|which|who|one|other|others|many|most|some|several)$", first, re.I):
        return False
    if is_acronym(first) or (first[:1].isupper() and zipf(first.lower()) < 4.0 and not _DETERMINER_START.match(first)):
        return True
    if any(is_acronym(w.strip("(),")) and not re.match(r"^[IVX]+$", w.strip("(),")) for w in words[1:]):  # "production of LH"
        return True
    return any(zipf(re.sub(r"[’']s$", "", w.lower().strip("(),"))) < 3.5 for w in words if len(w) >= 5)


def lead_name(text: str) -> str | None:
    """The name a sentence opens with when it is its subject: "Tamoxifen, sold under ..., is"
    and "Estradiol acts ..." give the first word; "It ..." and "The results ..." give ``None``."""
    m = re.match(r"^([A-Z][\w\-]+)(?:[’']s (?:function|role|action|mechanism|effect|main effect|primary role))?"
                 r"(?:,[^,]{3,80},)? (?:also )?(\w+)", text)
    if not m or m.group(1).lower() in ("it", "this", "these", "the", "they", "in", "when", "if", "while", "although"):
        return None
    name, verb = m.group(1), m.group(2).lower()
    if not (is_acronym(name) or zipf(name.lower()) < 4.0):
        return None
    return name if verb in AUX or base_form(verb) else None


def resolved_text(s: Sentence, depth: int = 3) -> str | None:
    """The sentence with a leading "It" replaced by the name the sentences before it open
    with ("It works by ..." after "Anastrozole is ..." -> "Anastrozole works by ..."),
    leading connectives dropped; ``None`` when a pronoun is left that nothing resolves.
    (Found once per sentence, document drug and sentences before it: the teacher builders each
    ask it of every sentence.)"""
    before, prev = [], s.previous or s.before  # a paragraph opening with "It ..." continues the one before it
    while prev is not None and len(before) < depth:
        before.append(prev.text)
        prev = prev.previous
    return _resolved(s.text, tuple(before), DOCUMENT_DRUG[0] if DOCUMENT_DRUG else None)


@lru_cache(maxsize=1 << 16)
def _resolved(sentence: str, before: tuple[str, ...], drug: str | None) -> str | None:
    """:func:`resolved_text` of ``sentence`` after the sentences ``before`` (nearest first), in
    an article on ``drug`` (``None``: on none)."""
    text = _REPORTED.sub(r"\1", CONNECTIVE.sub("", sentence))
    text = _AS_THEY_DO.sub(",", text)
    text = text[0].upper() + text[1:]
    text = _as_document_drug(text, drug)
    m = re.match(r"^It (?=\w)", text)
    if m is None:
        return text
    if _EXPLETIVE_IT.match(text):
        return None
    name = _name_before(before, drug)
    return None if name is None else name + " " + text[3:]


def _as_document_drug(text: str, drug: str | None) -> str:
    """"The medication can have ..." in the article on bicalutamide, "This compound also has ..." in
    the article on everolimus: the article's drug, named."""
    if drug is None:
        return text
    return re.sub(r"^(?:The|This) (?:medication|drug|compound)\b(?! (?:class|classes|of|that|which|combination)\b)",
                  drug[:1].upper() + drug[1:], text)


def _name_before(before: tuple[str, ...], drug: str | None) -> str | None:
    for prev in before:
        text = _as_document_drug(CONNECTIVE.sub("", prev), drug)
        name = lead_name(text[0].upper() + text[1:])
        if name:
            return name
        if not re.match(r"^It\b", text):
            return None  # the sentence before names someone else, or no one: "it" is unclear
    return None


def clean_prompt_part(text: str, min_words: int = 3) -> str | None:
    """A clause fit to show in a prompt: whole words, no "this trial", and no pronoun unless
    the prompt names what it stands for before it ("As TRT raises testosterone, it ...")."""
    text = text.strip(" ,;:")
    if len(text.split()) < min_words or POINTS_BACK.search(text):
        return None
    m = _PRONOUN.search(text)
    if m and not (m.group(0).lower() in ("it", "they", "them") and names_before(text[: m.start()])):
        return None
    return text


def names_before(text: str) -> bool:
    """Whether ``text`` (the words before a pronoun) names something it can refer to."""
    words = text.split()
    return len(words) >= 3 and any(is_acronym(w.strip(",")) or (len(w) >= 5 and zipf(w.lower().strip(",")) < 3.5)
                                   for w in words)


_LIST_COMMA = re.compile(r",(?= (?:[\w\-]+ ){0,2}[\w\-]+,? (?:and|or) )|,(?= (?:and|or) [\w\-]+(?: [\w\-]+)?$)")
LIST_MARK = "\x00"


def drop_asides(text: str) -> str:
    """Bracketed asides out, spaces mended: "prevents (pre)cancerous cells" -> "prevents cancerous cells"."""
    text = re.sub(r"\s*\([^()]*\)\s*", " ", text)
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def short_phrase(text: str, limit: int = MAX_ANSWER_WORDS) -> str | None:
    """A clause cut to a recallable answer: bracketed asides dropped, cut at the first comma
    that does not separate list items ("G1, S, or G2 phases" stays whole), semicolon or
    "which/while/whereas/thereby"; ``None`` if still longer than ``limit`` words."""
    text = drop_asides(text)
    text = _LIST_COMMA.sub(LIST_MARK, text)
    if LIST_MARK in text:  # "G1, S, or G2 phases": the comma before "or" belongs to the list too
        text = re.sub(r",(?= (?:and|or) )", LIST_MARK, text)
    if text.count(",") >= 3 or text.count(",") >= 2 and re.search(r",\s*(?:and|or)\s", text):
        return None  # a list that cannot be told apart from clauses: cutting it would keep one item
    pieces = re.split(r"\s*[,\x00]\s*", text.strip(" ."))
    if len(text.split()) > limit and len(pieces) >= 3 and all(1 <= len(p.split()) <= 6 for p in pieces):
        return None  # "Serum estradiol levels, testosterone levels, lipid panels, symptoms of ...": one item
        # of four would be taught as the whole answer
    text = re.split(r"\s*[;,:]\s*|\s+(?:and\s+|or\s+)?(?:which|while|whereas|although|suggesting|thereby|hence|"
                    r"thus|as well as|compared with)\s+", text)[0]
    text = text.replace(LIST_MARK, ",").strip(" .,;")
    text = re.sub(r"\s+(?:and|or|but|with|by|of|to|in)$", "", text)
    if len(text.split()) > limit:  # "an accelerated rate of bone loss and a ... risk of ...": the first
        text = re.split(r"\s+and\s+(?=(?:a|an|the)\s)", text)[0]
    words = text.split()
    if not 1 <= len(words) <= limit or _PRONOUN.search(re.sub(r"\b(?:its|their)\b", "", text)):
        return None
    return text[0].upper() + text[1:]


def upper_first(text: str) -> str:
    """Upper-case the first letter (an answer or a prompt starts as a sentence does)."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is a proper name or an acronym."""
    first = re.sub(r"[’']s$", "", text.split()[0]).strip(",") if text.split() else ""
    if is_acronym(first) or first in _PROPER or re.search(r"[a-z][A-Z]|\d", first):
        return text
    return text[0].lower() + text[1:]


def subordinate(text: str) -> bool:
    """Whether a clause opens with a subordinating word ("Although X, ..."): not a main clause."""
    return bool(_SUBORDINATE.match(text))


def question(prompt: str) -> str | None:
    """A prompt of readable length, ending with a question mark."""
    prompt = drop_asides(re.sub(r"\s+", " ", prompt))
    if len(prompt.split()) > MAX_PROMPT_WORDS:
        return None
    return prompt[0].upper() + prompt[1:]


def drug_names(phrase: str) -> list[str] | None:
    """ "endoxifen (4-hydroxy-N-desmethyltamoxifen) and afimoxifene" -> the two names; ``None``
    unless each is one or two words with a rare (domain) word."""
    phrase = re.sub(r"\s+", " ", drop_asides(phrase)).strip(" .,")
    items = [i.strip() for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", phrase) if i.strip()]
    if not 1 <= len(items) <= 4:
        return None
    for item in items:
        words = item.split()
        if not 1 <= len(words) <= 2 or not any(zipf(w.lower()) < 3.0 for w in words):
            return None
    return items


_LEVEL_CHANGE = re.compile(r"^(?P<x>[\w\-]+) (?:levels?|concentrations?) (?:fall|drop|decline|decrease|rise|increase)s?$", re.I)


def converse_of_the_sentence_before(s: Sentence, cond: str, main: str) -> bool:
    """ "Estradiol shortens the lifespan of osteoclasts by promoting their programmed cell death. [...]
    When estradiol levels fall, osteoclasts survive longer, allowing them to resorb more bone tissue":
    a trigger that is a bare change of a level ("When estradiol levels fall: what follows?") has as
    many answers as the substance has roles, and the first link is the sentence before told backwards
    (the tenth reading: a repeat of the apoptosis card), asked as a chain or as "what happens to
    osteoclasts?". True when one of the two sentences before, in its paragraph, names both the
    level's substance and the main clause's first word."""
    m = _LEVEL_CHANGE.match(cond.strip())
    if m is None:
        return False
    x, first = m.group("x").lower(), main.split()[0].lower().strip(",")
    prev, seen = s.previous, 0
    while prev is not None and seen < 2:
        said = {w.lower() for w in re.findall(r"[\w\-]+", prev.text)}
        if x in said and first in said:
            return True
        prev, seen = prev.previous, seen + 1
    return False
