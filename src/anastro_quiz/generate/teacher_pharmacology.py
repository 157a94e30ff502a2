"""Stage 4, the clinical-pharmacology facts a teacher asks first about a drug, each from one
sentence that states it plainly:

- a prodrug's active metabolites, and the enzymes that convert it ("X is a prodrug and is
  metabolized by CYP2D6 into active metabolites such as Y");
- which enzyme a drug strongly induces or inhibits ("X is a strong inducer of CYP3A4"; not what
  an enzyme's inducers do to the drug's levels, which follows from the enzyme);
- what is monitored during treatment, tested at baseline, or watched beside an interacting class
  (in :mod:`teacher_monitoring`);
- a GnRH agonist's initial flare: what causes it, how it is covered;
- the article's list of contraindications, its items cut to what a student names
  ("hypersensitivity", "history of venous thromboembolism").

Whom a drug helps (a marker, a population, a named trial's finding) is in :mod:`teacher_patients`,
a drug's profile (what it is derived from, its forms, where it binds, its most common side
effects, ...) is in :mod:`teacher_profile`. Selection (:mod:`.select`) ranks them with the other teacher cards; none is made when the drug
or the subject cannot be named.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from .cards import Draft, make_draft, contains_answer
from .extract import Sentence
from .vocabulary import zipf
from .teacher_clauses import (DOCUMENT_DRUG, drop_asides, drug_names, lower_first, names_something, question, short_phrase,
                              upper_first)
from .teacher_context import drug_names_in
from .list_items import list_items
from .teacher_monitoring import baseline, interaction_monitoring, monitoring
from .teacher_patients import patients
from .teacher_profile import profile
from .teacher_why import as_cards, ask

_NAME = r"[A-Z][a-z][\w\-]+"  # a drug's name as a sentence opens with it
_ENZYME = r"CYP\d[A-Z]\d{1,2}"


def _named(drug: str | None) -> str | None:
    return upper_first(drug) if drug else None


def _joined(items: list[str]) -> str:
    text = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return upper_first(text)


# --- prodrugs ------------------------------------------------------------------------------------

_PRODRUG = re.compile(rf"^(?P<drug>{_NAME}) (?:is|acts as|serves as) an? prodrug\b(?P<rest>.*)$")
_METABOLITES = re.compile(r"\b(?:of|into|to) (?:its |the |an? )?(?:main |major |principal )?active (?:metabolites?|forms?)"
                          r"(?:,? (?:such as|including|namely|called|known as))? (?P<names>[^;:]+?)(?:,? (?:which|that|and "
                          r"(?:is|are|has|have))\b.*)?\.?$")
# "converted by CYP2D6 into morphine, its active metabolite"
_NAMED_METABOLITE = re.compile(r"\binto (?P<names>[a-z][\w\-]+(?: (?:and|or) [a-z][\w\-]+)?), (?:its|the) (?:main |major )?"
                               r"active (?:metabolites?|forms?)\b")
# "converted to its active metabolite by CYP2C19": the enzyme after the product
_BY_AFTER = re.compile(rf"\b(?:metabolized|metabolised|converted|activated|bioactivated) (?:in the liver )?(?:in)?to "
                       rf"(?:its |an? |the )?active (?:metabolites?|forms?)[^;]*? by (?:the )?(?:(?:liver |hepatic )?"
                       rf"(?:cytochrome P450|CYP450) (?:isoforms?|isoenzymes?|enzymes?) )?"
                       rf"(?P<enzymes>{_ENZYME}(?:(?:,\s*|,? and |,? or ){_ENZYME})*)\b")
_CONVERTED_BY = re.compile(rf"\b(?:metabolized|metabolised|converted|activated|bioactivated)\b[^;]*? by (?:the )?"
                           rf"(?:(?:liver |hepatic )?(?:cytochrome P450|CYP450) (?:isoforms?|isoenzymes?|enzymes?) )?"
                           rf"(?P<enzymes>{_ENZYME}(?:(?:,\s*|,? and |,? or ){_ENZYME})*) (?:in)?to\b")


def _prodrug(s: Sentence, text: str) -> list[Draft]:
    """ "Tamoxifen is a prodrug and is metabolized in the liver by CYP3A4, CYP2C9, and CYP2D6 into
    active metabolites such as endoxifen" -> "Tamoxifen is a prodrug: which active metabolites is
    it converted into?" and "Name the three enzymes that convert the prodrug tamoxifen into its active
    metabolites."."""
    m = _PRODRUG.match(text)
    if m is None:
        return []
    drug, rest = m.group("drug"), m.group("rest")
    out = []
    found = _NAMED_METABOLITE.search(rest) or _METABOLITES.search(rest)
    # "to its active metabolite by CYP2C19": what follows "by" is the enzyme, not a name
    names = drug_names(re.split(r"\s+(?:by|in the liver|via)\s+", found.group("names"))[0]) if found else None
    if names and not any(n.lower() == drug.lower() for n in names):
        which = "which active metabolites is it" if len(names) > 1 else "which active metabolite is it"
        d = ask(s, "why", f"{drug} is a prodrug: {which} converted into?", _joined(names))
        if d is not None:
            out.append(d)
    enzymes = _CONVERTED_BY.search(rest) or _BY_AFTER.search(rest)
    listed = re.findall(_ENZYME, enzymes.group("enzymes")) if enzymes else []
    if len(listed) >= 2:
        # a list of its own (typed, item by item): beside the metabolites' card it asks another fact
        prompt = f"Name the {_COUNT.get(len(listed), len(listed))} enzymes that convert the prodrug {lower_first(drug)} " \
                 f"into its active metabolites."
        data = {"prompt": prompt, "answer": ", ".join(listed), "items": listed, "need": len(listed)}
        out.append(make_draft("list", "typed", data, s, prompt))
    elif listed:
        d = ask(s, "why", f"Which enzyme converts the prodrug {lower_first(drug)} into its active metabolites?", listed[0])
        if d is not None:
            out.append(d)
    return out


_COUNT = {2: "two", 3: "three", 4: "four"}


# --- enzyme induction and inhibition -------------------------------------------------------------

_MODULATOR = re.compile(
    rf"^(?P<drug>{_NAME}) (?:is|has been (?:reported|shown|found) to be|is (?:reported|known|considered) to be) "
    rf"an? (?P<strength>strong|potent|moderate|weak) (?P<role>inducer|inhibitor) of (?:the )?(?:enzyme |isoenzyme )?"
    rf"(?P<enzyme>{_ENZYME})(?![\w,]| and {_ENZYME}| or {_ENZYME})")
_MODULATES = re.compile(rf"^(?P<drug>{_NAME}) (?P<strength>strongly|potently|moderately|weakly) (?P<verb>induces|inhibits) "
                        rf"(?:the )?(?:enzyme |isoenzyme )?(?P<enzyme>{_ENZYME})(?![\w,]| and {_ENZYME}| or {_ENZYME})")
def _modulator(s: Sentence, text: str) -> list[Draft]:
    """ "Enzalutamide is a strong inducer of the enzyme CYP3A4 and a moderate inducer of CYP2C9" ->
    "Enzalutamide is a strong inducer of which enzyme?" -> "CYP3A4"."""
    m = _MODULATOR.match(text)
    if m:
        strength = "strong" if m.group("strength") == "potent" else m.group("strength")
        d = ask(s, "why", f"{m.group('drug')} is a {strength} {m.group('role')} of which enzyme?", m.group("enzyme"))
        return as_cards(d)
    m = _MODULATES.match(text)
    if m:
        adverb = "strongly" if m.group("strength") == "potently" else m.group("strength")
        verb = m.group("verb")[:-1]
        d = ask(s, "why", f"Which enzyme does {lower_first(m.group('drug'))} {adverb} {verb}?", m.group("enzyme"))
        return as_cards(d)
    # "CYP3A4 inducers lower plasma concentrations of X" is not asked: an enzyme's inducers lower
    # the levels of what it metabolizes by definition, so "They lower them" is a guess, and the
    # prompt shows the metabolism card's answer (every reader judged it WEAK)
    return []


# --- the initial flare ---------------------------------------------------------------------------

_FLARE_COVER = re.compile(
    r"^(?:This|The|An?) (?:initial |early |first )?(?:(?:tumou?r|testosterone|disease|clinical) )?flare(?: effect)? "
    r"(?:may|can|should|is|could) (?:be )?(?:usually |often )?(?P<verb>treated|prevented|managed|avoided|blocked|countered|"
    r"reduced|minimi[sz]ed) (?:by|with) (?P<how>.+?)\.?$")
_FLARE_CAUSE = re.compile(
    r"^(?:This|It|(?:This|The) (?:effect|phenomenon|response)) is (?:known as|called|termed|referred to as) "
    r"(?P<term>(?:the |a )?[a-z][\w\- ]{2,30}? (?:flare|surge)(?: effect| reaction| phenomenon)?),? and is "
    r"(?P<link>the result of|caused by|due to|a result of) (?P<cause>.+?)\.?$")


def _flare(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """ "This initial flare may be treated by co-prescribing an androgen receptor antagonist such as
    bicalutamide" (in the article on X) -> "How may the initial flare on X be treated?"; "This is
    known as the tumour flare effect, and is the result of an initial increase in LH production,
    before ..." -> "On X, what is the tumour flare effect the result of?"."""
    if drug is None:
        return []
    m = _FLARE_COVER.match(text)
    if m:
        how, _, example = re.sub(r"\s*\([^()]*\)", "", m.group("how")).partition(" such as ")
        how = short_phrase(how, 10)
        if how is None:
            return []
        if example and len(example.split()) <= 3:  # "an androgen receptor antagonist such as bicalutamide"
            how += f" (such as {example.strip(' .')})"
        how = re.sub(r"^([\w\-]+)/[\w\-]+", r"\1", how)  # "co-prescribing/co-administering" -> one verb
        answer = ("By " + lower_first(how)) if re.match(r"^[\w\-]+ing\b", how) else how
        d = ask(s, "action", f"How can the initial flare on {lower_first(drug)} be {m.group('verb')}?", answer)
        return as_cards(d)
    m = _FLARE_CAUSE.match(text)
    if m:
        term = re.sub(r"^(?:the|a) ", "", m.group("term"))
        cause = short_phrase(m.group("cause"), 12)
        d = ask(s, "why", f"On {lower_first(drug)}, what is the {term} the result of?", cause)
        return as_cards(d)
    return []


# --- contraindications, listed -------------------------------------------------------------------

_CONTRA_LIST = re.compile(
    rf"^(?:(?:The )?[Cc]ontraindications (?:of|to|for) (?P<drug>[a-z][\w\-]+|{_NAME}) (?:include|includes|are)|"
    rf"(?P<owner>{_NAME}) has (?:a number of |several |some |various )?contraindications,? (?:including|which include|such as)) "
    r"(?P<list>.+?)\.?$")
_HYPERSENSITIVITY = re.compile(r"^(?:known |previous )?(?P<head>hypersensitivity|allergy|allergic reactions?) (?:to|against)\b.*$",
                               re.I)
_PEOPLE_WITH = re.compile(r"^(?:individuals|people|patients|persons|women|men|children|those|anyone) "
                          r"(?:with (?:a |an )?(?:known |prior |previous )?|taking (?:concomitant )?|on (?:concomitant )?|"
                          r"receiving (?:concomitant )?|who (?:have|take|are taking) (?:a |an )?)", re.I)


def _contraindication_item(item: str) -> str | None:
    """One contraindication as a student names it: "known hypersensitivity to X or other
    ingredients" -> "hypersensitivity"; "women with a history of venous thromboembolism" ->
    "history of venous thromboembolism"; "individuals taking concomitant coumarin-type
    anticoagulant therapy" -> "coumarin-type anticoagulant therapy"."""
    item = re.sub(r"^(?:and|or)\s+", "", item.strip(" .")).strip()
    m = _HYPERSENSITIVITY.match(item)
    if m:
        return m.group("head").lower()
    item = _PEOPLE_WITH.sub("", item)
    item = re.sub(r"^(?:concomitant|known|current)\s+", "", item)
    words = item.split()
    if not 1 <= len(words) <= 5 or re.search(r"\b(?:it|they|this|these|such|other|any|etc)\b", item, re.I):
        return None
    return item


def _contraindications(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """ "Contraindications of X include hypersensitivity to X or any other component of X
    formulations, pregnancy, and breastfeeding" -> "Name three contraindications of X" ->
    hypersensitivity, pregnancy, breastfeeding (the list the generic enumeration cannot key,
    its items being clauses)."""
    m = _CONTRA_LIST.match(text)
    if m is None:
        return []
    owner = m.group("drug") or m.group("owner")
    if not names_something(owner) or (drug and owner.lower() != drug.lower() and zipf(owner.lower()) >= 3.0):
        return []
    listed = drop_asides(m.group("list"))
    if list_items(listed, semicolons=True) is not None or ";" in listed:
        return []  # a plain list: :mod:`teacher_lists` asks it
    parts = [p for p in re.split(r",\s*(?:and\s+|or\s+)?", listed) if p.strip()]
    if len(parts) >= 2 and not re.search(r",\s*(?:and|or)\s", listed):
        parts = parts[:-1] + re.split(r"\s+and\s+", parts[-1])
    items = [_contraindication_item(p) for p in parts]
    if not 2 <= len(items) <= 5 or any(i is None for i in items) or len({i.lower() for i in items}) != len(items):
        return []
    need = min(3, len(items))
    number = {2: "two", 3: "three"}[need]
    prompt = question(f"Name {number} contraindications of {lower_first(owner)}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return []
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return [make_draft("list", "typed", data, s, prompt)]


# --- running them ---------------------------------------------------------------------------------

# Signposts the shared clause tools keep, which tie the sentence to one the card does not show.
_CONNECTIVE = re.compile(r"^(?:Conversely|Likewise|As such|As a result|In contrast|Accordingly|Notably),\s+(?=[a-zA-Z])")

def document_drug(doc) -> str | None:
    """The drug an article is about: its one-word title, else the drug name (a word with a drug's
    stem) most of its sentences use, if one in eight does ("anastrozole" in an untitled page on
    it, though it names estradiol more), lower case; ``None`` if neither."""
    if DOCUMENT_DRUG:
        return DOCUMENT_DRUG[0]
    counts: Counter[str] = Counter()
    for s in doc.sentences:
        counts.update({w.lower() for w in drug_names_in(s.text) if zipf(w.lower()) < 3.0})
    if not counts:
        return None
    top = max(sorted(counts), key=lambda w: counts[w])
    return top if counts[top] * 8 >= len(doc.sentences) else None


def pharmacology_for(doc) -> Callable[[Sentence, str], list[Draft]]:
    """The builder of this module's cards for one document's sentences: a sentence (and its text
    with a leading "It" resolved) in, its cards out (none when no shape matches)."""
    drug = document_drug(doc)

    def build(s: Sentence, text: str) -> list[Draft]:
        text = _CONNECTIVE.sub("", text)
        text = upper_first(text)
        return (_prodrug(s, text) or _modulator(s, text) or interaction_monitoring(s, text) or
                monitoring(s, text, _named(drug)) or baseline(s, text, _named(drug)) or
                _flare(s, text, _named(drug)) or patients(s, text) or
                _contraindications(s, text, drug) or profile(s, text, _named(drug)))

    return build
