"""Stage 4, what a drug leaves alone, when the article contrasts it with what the drug does:
"Levels of corticosteroids and other adrenal steroids are unaffected by anastrozole" (after its
estradiol figure) -> "Levels of which steroids are unaffected by anastrozole?" -> "Corticosteroids
and other adrenal steroids"; "It does not lower androgen levels" (in the article on the antiandrogen
bicalutamide) -> "What does bicalutamide not lower?" -> "Androgen levels" (a draft selection
weighs down: the tenth reading found every level it leaves alone a right answer).

Asked as a short typed question keyed with the article's words, never as yes/no: "Does X lower
androgens?" is a coin toss, naming what stays unchanged is the point a teacher makes. The drug is
the article's own, named in the sentence or by "It" resolved as the other builders resolve it.
"""

from __future__ import annotations

import re

from .cards import Draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, lower_first, short_phrase, upper_first
from .teacher_why import ask

_UNAFFECTED = re.compile(r"^(?:(?:Circulating |Serum |Plasma )?[Ll]evels of )(?P<what>[^,;]{4,60}?) (?:are|is|remain) "
                         r"(?:largely |generally |also )?unaffected by (?P<drug>[A-Za-z][\w\-]+)\.?$")
_DOES_NOT = re.compile(r"^(?P<drug>[A-Z][\w\-]+) (?:does|do) not (?P<verb>lower|reduce|decrease|raise|increase) "
                       r"(?P<what>(?:[\w\-]+ ){1,3}levels)\.?$")


def _the_drug(name: str) -> str | None:
    """``name`` when it is the article's drug (another drug's contrast belongs to its own article)."""
    return lower_first(name) if DOCUMENT_DRUG and name.lower() == DOCUMENT_DRUG[0].lower() else None


def unaffected(s: Sentence, text: str | None) -> Draft | None:
    """The card for a sentence naming what the article's drug leaves unchanged (see the module docstring)."""
    if text is None:
        return None
    m = _UNAFFECTED.match(text)
    if m and (drug := _the_drug(m.group("drug"))):
        what = short_phrase(m.group("what"), 8)
        head = m.group("what").split()[-1].lower()
        if what is None or not head.endswith("s") or " " not in m.group("what"):
            return None
        return ask(s, "why", f"Levels of which {head} are unaffected by {drug}?", upper_first(what))
    m = _DOES_NOT.match(text)
    if m and (drug := _the_drug(m.group("drug"))):
        return ask(s, "why", f"What does {drug} not {m.group('verb')}?", upper_first(m.group("what")))
    return None
