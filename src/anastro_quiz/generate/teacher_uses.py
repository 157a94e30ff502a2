"""Stage 4, the examples an article gives in brackets of what a drug treats: "Goserelin is used to
treat hormone-sensitive cancers of the breast and prostate, and some benign gynaecological
disorders (endometriosis, uterine fibroids and endometrial thinning)." -> "Name two benign
gynaecological disorders goserelin is used to treat." -> the bracketed items, two needed (the
use card asks the sentence's uses as a whole; the disorders are what a teacher then asks).

Read only when the drug opens the sentence, the verb says it treats ("is used to treat",
"is indicated for", ...), the bracket follows a plural category ("disorders", "cancers",
"conditions", ...) and holds three to five short items.

The receptor status a cancer must have for the drug (:func:`receptor_status`). Also whether another sentence says the drug is indicated for a use an indication list lacks
(:func:`indicated_otherwise`, read by :mod:`teacher_lists`).
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft, plain_words
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, finite_verb, lower_first, question

_TREATS = re.compile(r"^(?P<drug>[A-Z][a-z][\w\-]+) is (?:also )?(?:used to treat|used in the treatment of|"
                     r"used for the treatment of|indicated for(?: the treatment of)?|approved for(?: the treatment of)?) ")
_CATEGORY_EXAMPLES = re.compile(
    r"(?:\bsome |\bcertain |\bother |\bvarious )?(?P<category>(?:[a-z][\w\-]* ){0,3}(?:disorders|diseases|conditions|"
    r"cancers|tumou?rs|infections|syndromes)) \((?P<list>[a-z][^()]*)\)")


def bracketed_uses(s: Sentence) -> Draft | None:
    """The card for a use sentence's bracketed examples of one category (see the module docstring)."""
    m = _TREATS.match(s.text)
    if m is None or not DOCUMENT_DRUG or m.group("drug").lower() != DOCUMENT_DRUG[0].lower():
        return None
    found = _CATEGORY_EXAMPLES.search(s.text, m.end())
    if found is None:
        return None
    items = [i.strip() for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", found.group("list")) if i.strip()]
    if not 3 <= len(items) <= 5 or any(not 1 <= len(i.split()) <= 4 or re.search(r"\d", i) or
                                       finite_verb(["x"] + i.split()) is not None for i in items):
        return None
    drug = lower_first(m.group("drug"))
    prompt = question(f"Name two {found.group('category')} {drug} is used to treat.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 2}
    return make_draft("list", "typed", data, s, prompt)


# "hormone receptor (HR)-positive, human epidermal growth factor receptor 2 (HER2)-negative", "HR+, HER2-":
# a receptor by its initials (the ones the article gives in brackets), then whether the tumour has it
_RECEPTOR = r"(?:(?:[a-z][\w\-]* ){{0,5}}?(?:[a-z][\w\-]*|\d) \((?P<{n}>[A-Z][A-Za-z0-9/]{{1,8}})\)|(?P<{n}s>[A-Z][A-Z0-9/]{{1,8}}))"
_STATUS = re.compile(_RECEPTOR.format(n="a") + r"(?:-positive|\+),? " + _RECEPTOR.format(n="b") +
                     r"(?:-negative|-(?=[ ,]))(?:, [a-z][\w\-]*)?,? (?:[a-z][\w\-]*,? (?:or |and )?){0,4}?"
                     r"(?P<cancer>[a-z]+ cancer)\b")
_APPROVED = re.compile(r"\b(?:approved|indicated|used to treat|used for|used in the treatment of)\b")


def receptor_status(s: Sentence) -> Draft | None:
    """"Since 2017 X has been approved for adult patients who have hormone receptor (HR)-positive, human
    epidermal growth factor receptor 2 (HER2)-negative advanced or metastatic breast cancer ..." -> "For
    breast cancer of which receptor status is X approved?" -> "HR-positive, HER2-negative": whom the
    drug is for is decided by the tumour's receptors, which a use card's "breast cancer" leaves out (the
    twelfth to fifteenth readings). Only in a sentence naming the article's drug as approved, indicated
    or used for the cancer."""
    if not DOCUMENT_DRUG or not re.search(rf"\b{re.escape(DOCUMENT_DRUG[0])}\b", s.text, re.I):
        return None
    found = _STATUS.search(s.text)
    before = s.text[:found.start("cancer")] if found else ""  # (the receptor's name may run back over the verb)
    if found is None or not _APPROVED.search(before):
        return None
    has, lacks = found.group("a") or found.group("as"), found.group("b") or found.group("bs")
    verb = "approved" if "approved" in before else "used"
    prompt = question(f"For {found.group('cancer')} of which receptor status is {lower_first(DOCUMENT_DRUG[0])} {verb}?")
    if prompt is None:
        return None
    data = {"prompt": prompt, "answer": f"{has}-positive, {lacks}-negative"}
    return make_draft("why", "basic", data, s, prompt)


_NAME_TWO = re.compile(r"^Name two (?P<category>.+) (?P<drug>[\w\-]+) is used to treat\.$")
_OF_THE = re.compile(r"^(?P<kind>(?:[\w\-]+ )?[\w\-]+s) of the (?P<which>[^,;]{3,80})$")


def narrowed_uses(drafts: list[Draft]) -> list[Draft]:
    """"What is goserelin used to treat?" -> "Hormone-sensitive cancers of the breast and prostate, and
    some benign gynaecological disorders" beside "Name two benign gynaecological disorders goserelin
    is used to treat.": the use card asks the list card's category again, vaguely. It asks the
    sentence's other uses instead, with the people they are for ("Which hormone-sensitive cancers is
    goserelin used to treat?" -> "Breast (in pre- and peri-menopausal women) and prostate"), or goes
    when they do not read as "<kind> of the <which>"."""
    out = []
    listed = {}
    for d in drafts:
        m = _NAME_TWO.match(str(d.data.get("prompt", ""))) if d.kind == "list" else None
        if m:
            listed[d.quote] = m
    for d in drafts:
        m = listed.get(d.quote)
        prompt = str(d.data.get("prompt", ""))
        if m is None or d.kind != "why" or prompt != f"What is {m.group('drug')} used to treat?":
            out.append(d)
            continue
        uses = re.search(rf"\bused to treat (?P<uses>.+?),? and (?:some |certain |other |various )?"
                         rf"{re.escape(m.group('category'))}\b", d.quote)
        of_the = _OF_THE.match(uses.group("uses")) if uses else None
        if of_the is None:
            continue
        d.data["prompt"] = f"Which {of_the.group('kind')} is {m.group('drug')} used to treat?"
        d.data["answer"] = of_the.group("which")[:1].upper() + of_the.group("which")[1:]
        d.ask = plain_words(d.data["prompt"])
        out.append(d)
    return out


_INDICATED = re.compile(r"^(?P<drug>[A-Z][\w\-]+) (?:is|are) (?:also )?indicated (?:to treat|for|in)\b(?P<rest>.+)$")
_DISEASE_END = re.compile(r"\b(?:cancers?|carcinomas?|tumou?rs?|diseases?|syndromes?|disorders?|leukemias?|lymphomas?)\b")


def _use_words(phrase: str) -> set[str]:
    """A use's words, "non-metastatic" and "nonmetastatic" alike, without its initials in brackets."""
    phrase = re.sub(r"\([^()]*\)", "", phrase.lower().replace("\u2011", "-"))
    phrase = re.sub(r"\bnon[- ]", "non", phrase)
    return {w for w in re.split(r"[\s\-.:]+", phrase) if w and w not in ("the", "of", "with", "and", "or", "people")}


def indicated_otherwise(d: Draft, doc) -> bool:
    """"Name three forms of prostate cancer X is indicated for" from the lead, while Medical uses says
    "X is indicated for the treatment of people with A; B; and C" with a use the lead's list lacks (the
    twelfth reading: a fourth indication, approved since): the article gives the key two counts, and a
    student naming the use the key lacks is marked wrong, so there is no card. A use the other
    sentence words more broadly or more narrowly than an item is that item."""
    if d.kind != "list" or " is indicated for" not in str(d.data.get("prompt", "")):
        return False
    items = [_use_words(i) for i in d.data.get("items", [])]
    for s in doc.sentences:
        m = _INDICATED.match(s.text) if s.text != d.quote and s.lost is None else None
        if m is None or m.group("drug").lower() != _drug_of(d):
            continue
        for part in re.split(r";|,|\band\b", m.group("rest")):
            if not _DISEASE_END.search(part):
                continue
            words = _use_words(re.sub(r"^\s*(?:the treatment of )?(?:(?:people|patients|adults|men|women) with )?", "",
                                      part.strip()))
            if not any(i <= words or words <= i for i in items):
                return True
    return False


def _drug_of(d: Draft) -> str:
    """The drug a list card's prompt names ("... X is indicated for ...")."""
    m = re.search(r"([\w\-]+) is indicated for", str(d.data.get("prompt", "")))
    return m.group(1).lower() if m else ""
