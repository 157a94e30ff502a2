"""Cards that say whose fact they ask: "The medication is eliminated ..." in an article on
anastrozole reads "Anastrozole is eliminated ...", a figure's bare sentence gets the drug's name
in front, and signposts tying a sentence to an unseen one ("Therefore, ...") are left out. The
quote always stays verbatim."""

from __future__ import annotations

import re

from . import cards as C
from .vocabulary import words, zipf

_GENERIC_SUBJECT = re.compile(r"^(?:The|This) (?:drug|medication|medicine|agent|compound)\b")
_GENERIC_INSIDE = re.compile(r"(?<=\bof )the (?:drug|medication|medicine)\b")


_SELF_STANDING = ("number", "compare")  # kinds whose prompt is a sentence or table row of the article
# Sections whose every sentence is about what happens to the drug: "CYP2C8 is primarily
# responsible for the formation of NDME" there means the drug's metabolite, not CYP2C8's work in
# general, so a question on it names the drug.
_DRUG_SECTION = re.compile(r"\b(?:pharmacokinetics?|metabolism|elimination|excretion|absorption|interactions?)\b", re.I)


def name_the_subject(drafts: list[C.Draft], doc, title: str) -> list[C.Draft]:
    """"The medication is eliminated ..." in an article titled Anastrozole: the card says
    "Anastrozole is eliminated ...", so it stands on its own (the quote stays verbatim)."""
    if not title:
        return drafts
    subjects = doc.subjects | {title.lower()}
    for d in drafts:
        drop_connectives(d, title)
        for key in ("prompt", "text"):
            value = d.data.get(key)
            if isinstance(value, str) and _GENERIC_SUBJECT.match(value):
                d.data[key] = _GENERIC_SUBJECT.sub(title, value, count=1)
            elif isinstance(value, str) and _GENERIC_INSIDE.search(value):  # "the half-life of the medication"
                low = title.lower()  # written as the article writes it mid-sentence
                name = low if re.search(rf"[a-z,] {re.escape(low)}\b", doc.text) else title
                d.data[key] = _GENERIC_INSIDE.sub(name, value, count=1)
        prompt = d.data.get("prompt")
        refers = re.search(r"\bthe (?:medication|drug|dose|dosage|treatment)\b", str(d.data.get("answer", "")), re.I)
        own_section = d.kind in ("why", "action") and _DRUG_SECTION.search(d.heading or "")
        if (d.kind in _SELF_STANDING or refers or own_section or d.kind in ("list", "action") and d.cell) and isinstance(prompt, str) and \
                (C.GAP in prompt or d.kind != "number") and \
                not any(w.lower() in subjects for w in words(prompt)):
            # "After oral intake, absolute bioavailability is _____.", "... too low signal?" -> "Reduce
            # the medication": whose? The article's subject.
            first = prompt.split(" ", 1)[0]
            lead = prompt[:1].lower() + prompt[1:] if first.isalpha() and first[1:].islower() and zipf(first.lower()) >= 4.0 else prompt
            d.data["prompt"] = f"{title}: {lead}"
    return drafts


_INNER_CONNECTIVE = re.compile(r",\s*(?:therefore|thus|however|consequently|moreover|furthermore|in turn),\s*", re.I)
_LEADING_CONNECTIVE = re.compile(r"^(?P<label>[^:.?!]{1,80}: )?(?:Therefore|Thus|However|Consequently|Moreover|"
                                 r"Furthermore|In addition|Additionally|Similarly|Likewise|Importantly|Conversely|"
                                 r"Hence|In accordance),\s+(?=[a-zA-Z])")


def drop_connectives(d: C.Draft, title: str = "") -> None:
    """"Clinical management, therefore, necessitates ...": the signpost ties the sentence to the one
    before, which the card does not show, so the card leaves it out (its quote stays verbatim).
    "However, it has ..." in an article on tamoxifen: "Tamoxifen has ..." (the heading label
    before it, there to say whose, is then not needed)."""
    for key in ("prompt", "text"):
        value = d.data.get(key)
        if not isinstance(value, str):
            continue
        value = _INNER_CONNECTIVE.sub(" ", value)
        m = _LEADING_CONNECTIVE.match(value)
        if m:
            rest = value[m.end():]
            if title and re.match(r"it (?:is|was|has|had|can|may|also|[a-z]+s)\b", rest):
                value = title + rest[2:]
            else:
                value = (m.group("label") or "") + rest[:1].upper() + rest[1:]
        d.data[key] = value


