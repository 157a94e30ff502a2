"""Stage 4, the facts an article's lead gives about its drug: the class it belongs to.

"It is a PARP inhibitor" after "Olaparib, sold under ..., is a medication for ..." and
"Everolimus ... works ... as an inhibitor of mammalian target of rapamycin (mTOR)" give
"What class of drug is olaparib?" -> "PARP inhibitor". A leading "It" stands for the article's
drug only in a sentence that follows one about the drug (or opens the article); the class is
the noun phrase after "is a", "acts as a" or "works ... as a", up to a head word that names a
drug class (inhibitor, agonist, antibody, ...), with manner words ("potent", "injectable")
dropped. One class card per article: the first statement is the lead's.
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import lower_first, upper_first

# Head nouns that name a class of drugs (general pharmacology vocabulary).
_HEAD = (r"inhibitor|agonist|antagonist|modulator|antibody|antiandrogen|antiestrogen|analogue|analog|blocker|"
         r"degrader|bisphosphonate|antimetabolite|immunosuppressant|corticosteroid|progestin|estrogen|androgen")
_MANNER = re.compile(r"^(?:(?:a|an|highly|very|significantly|more|potent|and|effective|competitive|non-competitive|"
                     r"injectable|oral|orally|active|weak|strong|pure|reversible|irreversible|long-acting|"
                     r"short-acting|synthetic|novel|first-generation|second-generation|third-generation)\s+)+", re.I)
_IS_A = re.compile(rf"^(?P<subj>[A-Z][\w\-]+)(?: \([^)]*\))?(?:, [^,]{{3,80}},)? "
                   rf"(?:(?:is|was) [^,]{{3,80}}? and (?:it )?)?(?:is|acts as|works(?: [^,]{{0,40}})? as) "
                   rf"(?:also )?(?:a|an) (?P<cls>[^,;:]{{0,80}}?\b(?:{_HEAD})s?\b(?: of [^,;()]{{3,60}}(?<!\.))?(?: \([A-Za-z][\w\-]* ?[\w\-]*\))?)"
                   rf"(?=[,;:.]| used\b| that\b| which\b| for\b| with\b| selective\b| medication\b| drug\b| in\b| and\b|$)")
# "X is in the aromatase-inhibiting family of medications", "X is a member of the nonsteroidal
# antiandrogen (NSAA) group of medications"
_FAMILY = re.compile(r"^(?P<subj>[A-Z][\w\-]+) is (?:in|a member of|one of) the (?P<cls>[^,;]{3,60}?) "
                     r"(?:family|group|class) of (?:medications|drugs|agents)\b")
# "X is a member of the class of antiestrogens known as aromatase inhibitors"
_KNOWN_AS = re.compile(rf"^(?P<subj>[A-Z][\w\-]+) is (?:a member|one) of (?:the|a) (?:class|group|family) of "
                       rf"[\w\- ]{{3,40}}? (?:known as|called) (?P<cls>[^,;.()]{{0,50}}?\b(?:{_HEAD})s?)\b")
_OF = re.compile(rf"^(?P<head>{_HEAD}) of (?:the )?(?:(?:enzyme|protein|kinase|receptor) (?!kinase\b|receptor\b))?(?P<target>[^()]{{3,60}}?)"
                 r"(?: \((?P<acr>[A-Za-z0-9\-/]{2,10})\))?$")


def _subject_of_article(doc) -> str | None:
    from .teacher_lists import document_subject
    title = document_subject(doc)
    return title if title and len(title.split()) == 1 else None


def _resolve_it(s: Sentence, drug: str, previous_names_drug: bool) -> str:
    """ "It is a PARP inhibitor" -> "Olaparib is a PARP inhibitor" when the sentence before is
    about the drug (a sentence about another thing leaves "It" unresolved)."""
    if previous_names_drug and re.match(r"^It (?:is|was|acts|works)\b", s.text):
        return upper_first(drug) + s.text[2:]
    return s.text


def drug_class(text: str, drug: str) -> str | None:
    """The class ``text`` puts ``drug`` in, or ``None``: "Olaparib is a PARP inhibitor, inhibiting
    ..." -> "PARP inhibitor"; "... as an inhibitor of mammalian target of rapamycin (mTOR)" ->
    "mTOR inhibitor"; "a nonsteroidal agent with ..." -> ``None`` (no class word)."""
    m = _KNOWN_AS.match(text) or _IS_A.match(text) or _FAMILY.match(text)
    if m is None or m.group("subj").lower() != drug.lower():
        return None
    cls = _MANNER.sub("", m.group("cls").strip())
    if m.re is _KNOWN_AS:  # "known as aromatase inhibitors": the class, one of them
        cls = re.sub(r"s$", "", cls)
    cls = re.sub(r"\s*\([^)]*\d[^)]*\)", "", cls).strip()  # "(IC50 = 90 nM)": a figure, not the name
    if re.search(r"\b(?:member|part|component|form|derivative|metabolite|substrate)\b", cls, re.I):
        return None
    cls = re.sub(r"^(?P<x>[\w\-]+)-inhibiting$", r"\g<x> inhibitor", cls)
    if m.re is _FAMILY and not re.search(rf"\b(?:{_HEAD})s?\b", cls):
        return None
    of = _OF.match(cls)
    if of:
        name = of.group("acr") or of.group("target")
        if len(name.split()) > 3:
            return None
        cls = f"{name} {of.group('head')}"
    if " of " in cls or len(cls.split()) > 7 or not re.search(r"[A-Za-z]", cls):
        return None
    return cls


def lead_drafts(doc) -> list[Draft]:
    """The class card of the article's drug, from the first sentence that states it."""
    drug = _subject_of_article(doc)
    if drug is None:
        return []
    before: Sentence | None = None
    for s in doc.sentences:
        prev = s.previous or s.before
        names_drug = prev is not None and re.match(rf"^(?:{re.escape(drug)}|It|This (?:compound|drug|medication))\b",
                                                   prev.text, re.I) is not None
        text = _resolve_it(s, drug, names_drug or before is None)
        before = s
        cls = drug_class(text, drug)
        if cls is None:
            continue
        prompt = f"What class of drug is {lower_first(drug)}?"
        if contains_answer(prompt, cls):
            continue
        first = cls.split()[0]
        data = {"prompt": prompt, "answer": upper_first(cls) if first.islower() else cls}
        return [make_draft("class", "basic", data, s, prompt)]
    return []
