"""Naming what a teacher card leaves unsaid: on which drug a change happens ("On bicalutamide,
why do testosterone concentrations not exceed ...?") and whose dose "the dose" is, when the
sentence or the two before it (or the drug article's pharmacology section) say so."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..patterns import FOLDS_TO_ASCII
from .extract import Sentence
from .kinds import CardKind
from .teacher_clauses import DOCUMENT_DRUG, lower_first, resolved_text
from .teacher_lists import document_subject

# The drug the document is about (its title, or a subject word with a drug's stem).
_SUBJECTS: list[str] = []
_DRUGS: list[str] = []  # the titled drug first, then any drug (an INN stem) the text names three times or more
_TITLE: list[str] = []  # the drug a Markdown article is titled with ("# Goserelin")
_ACTION_SECTION = re.compile(r"\b(?:pharmacology|pharmacodynamics|mechanism of action)\b", re.I)
# A change the drug brings about: "why is LH production greatly reduced?" needs "on goserelin".
_CHANGE = re.compile(r"\b(?:reduced|increased|decreased|raised|lowered|suppressed|elevated|exceed|rise|fall|drop|"
                     r"remain|stay)\b", re.I)
_WORD_RUN = re.compile(r"\w+")
_STEMS = ("mab", "ib", "zole", "xifen", "mide", "relin", "limus", "stane", "statin", "mycin", "cillin", "sartan", "pril",
          "olol")
DRUG_NAME = re.compile(rf"\b\w+(?:{'|'.join(_STEMS)})\b", re.I)


@lru_cache(maxsize=1 << 16)  # each sentence is read by learn_drugs and by document_drug
def drug_names_in(text: str) -> tuple[str, ...]:
    """``DRUG_NAME.findall(text)``: the words of ``text`` with a drug's stem, as written. A match is
    a whole run of word characters ending in a stem after at least one more, so the runs are tested
    by their ends (the pattern backtracks through every word; a text holding a character re.I takes
    for an ASCII letter is searched by it)."""
    if FOLDS_TO_ASCII.search(text):
        return tuple(DRUG_NAME.findall(text))
    return tuple(w for w in _WORD_RUN.findall(text) if _has_stem(w.lower()))


def _has_stem(word: str) -> bool:
    return word.endswith(_STEMS) and any(word.endswith(stem) and len(word) > len(stem) for stem in _STEMS)


def _named_near(s: Sentence, names: list[str]) -> str | None:
    """The first of ``names`` that this sentence or one of the two before it names."""
    seen, depth = s, 3
    while seen is not None and depth > 0:
        named = _first_named(resolved_text(seen) or seen.text, names)
        if named is not None:
            return named
        seen, depth = seen.before or seen.previous, depth - 1
    return None


def _first_named(text: str, names: list[str]) -> str | None:
    """The first of ``names`` that ``text`` names as a whole word, in any case; a name of word
    characters is looked up among the text's words, not searched by a pattern of its own (a long
    text names many drugs: a pattern per name per sentence grew with the square of its length)."""
    words = None if FOLDS_TO_ASCII.search(text) else {w.lower() for w in _WORD_RUN.findall(text) if w.isascii()}
    for name in names:
        if words is not None and name.isascii() and _WORD_RUN.fullmatch(name):
            if name.lower() in words:  # a name of word characters stands whole where a word equals it
                return name
        elif re.search(rf"\b{re.escape(name)}\b", text, re.I):
            return name
    return None


# Who a rule of practice is for: "for men on TRT", "in postmenopausal women", "among older adults"
_POPULATION = re.compile(r"\b(?:[Ff]or|[Ii]n|[Aa]mong)\s+(?P<who>(?:(?:postmenopausal|premenopausal|older|elderly|pregnant|"
                         r"young|healthy)\s+)?(?:women|men|children|adults|boys|girls)(?:\s+(?:on|with|taking|"
                         r"receiving)\s+(?:[A-Z]{2,}\b|[a-z][\w\-]+(?:\s+[a-z][\w\-]+)?(?=[,.;])))?)")
_NAMES_PEOPLE = re.compile(r"\b(?:women|men|woman|man|children|child|adults|patients|people|boys|girls|who|whom|"
                           r"pregnan\w*|elderly)\b", re.I)


def with_population(s: Sentence, prompt: str, depth: int = 4, nearest: bool = False) -> str:
    """"What does an estradiol level that is too low signal?" under "... for men on TRT, the
    monitoring is ...": a rule of practice holds for the population the passage is about, so the
    card says it ("In men on TRT, what does ..."), when the sentence and the three before it under its
    heading (``depth`` sentences in all) name one population (the fullest naming of it) and the prompt
    names none. ``nearest``: the population of the nearest sentence that names one, within ``depth``
    (a passage on bone care opens with "In postmenopausal women treated for ...", and the paragraph
    before it compares women and men)."""
    if _NAMES_PEOPLE.search(prompt):
        return prompt
    found: set[str] = set()
    seen = s  # a paragraph often names its people once, first
    while seen is not None and depth > 0 and not (nearest and found):
        found |= {m.group("who") for m in _POPULATION.finditer(seen.text)}
        seen, depth = seen.before, depth - 1
    heads = {re.search(r"(?:wo)?men|children|adults|boys|girls", who).group(0) for who in found}
    if len(heads) != 1:
        return prompt  # none, or women and men: which one the rule is for is not for a pattern to say
    who = max(sorted(found), key=len)  # "men" in the sentence, "men on TRT" before it: the fuller one
    return f"In {who}, {lower_first(prompt)}"


def in_context(s: Sentence, kind: CardKind, prompt: str, answer: str) -> tuple[str, str]:
    """Name whose dose ("the dose" -> "the anastrozole dose") and on what a change happens ("On
    bicalutamide, why do testosterone concentrations not exceed ...?") when the text says it; for
    whom a clinical action holds (:func:`with_population`)."""
    prompt, answer = _whose(s, kind, prompt, answer)
    return (with_population(s, prompt) if kind == "action" else prompt), answer


def _whose(s: Sentence, kind: CardKind, prompt: str, answer: str) -> tuple[str, str]:
    if not re.search(r"\bthe dose\b", prompt + " " + answer, re.I) and not (
            kind == "why" and re.search(r"\bwhy\b", prompt, re.I) and _CHANGE.search(prompt)):
        return prompt, answer
    dose = re.compile(r"\b([Tt])he dose\b")
    doses = bool(dose.search(prompt) or dose.search(answer))
    name = _named_near(s, _DRUGS if doses else _SUBJECTS)
    if name is None and not doses and _TITLE and _ACTION_SECTION.search(f"{s.section} {s.heading}"):
        name = _TITLE[0]  # a change told under the drug article's "Pharmacodynamics" is the drug's
    if name is None or re.search(rf"\b{re.escape(name)}\b", prompt + " " + answer, re.I):
        return prompt, answer
    if doses and not dose.search(prompt) and re.match(r"^What (?:does|do)\b.+\b(?:suggest|signal|indicate|mean)\?$",
                                                     prompt):
        # The answer stays the text's words (and the card its id): the prompt says whose dose.
        return f"{prompt[:-1]} about the {name} dose?", answer
    if doses:
        return dose.sub(rf"\1he {name} dose", prompt), dose.sub(rf"\1he {name} dose", answer)
    if DRUG_NAME.search(prompt):
        return prompt, answer
    return f"On {name}, {lower_first(prompt)}", answer


def learn_drugs(doc) -> None:
    """Remember the document's drug (its one-word title, or a subject word with a drug's stem)
    and the drugs it names often, for :func:`in_context`."""
    title = document_subject(doc)
    _TITLE[:] = [title.lower()] if title and len(title.split()) == 1 else []
    DOCUMENT_DRUG[:] = _TITLE
    subjects = getattr(doc, "subjects", set())
    _SUBJECTS[:] = _TITLE + sorted(w for w in subjects if DRUG_NAME.fullmatch(w) and w not in _TITLE)
    drugs = Counter(w.lower() for st in doc.sentences for w in drug_names_in(st.text))
    # whose dose: a drug by its name's stem (not "aromatase", however often the text names it)
    _DRUGS[:] = _TITLE + sorted(w for w, n in drugs.items() if (n >= 3 or w in subjects) and w not in _TITLE)
