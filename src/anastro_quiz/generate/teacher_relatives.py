"""Stage 4, the drug beside its relatives, each from one sentence that says it:

- the related drugs it works like ("Like the related drugs palbociclib and ribociclib, abemaciclib
  inhibits the enzymes CDK4 and CDK6." -> "Name the two related drugs that work like abemaciclib." ->
  palbociclib, ribociclib; a list card, beside the why card of the sentence's mechanism, which stays
  out of the prompt);
- what an older generation has and the drug lacks ("Unlike with the first-generation NSAAs, there
  has been no evidence of hepatotoxicity or elevated liver enzymes in association with enzalutamide
  treatment in clinical trials." -> "Unlike first-generation NSAAs, enzalutamide has shown no
  evidence of what in clinical trials?" -> "Hepatotoxicity or elevated liver enzymes").
"""

from __future__ import annotations

import re

from .cards import Draft, make_draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, question, short_phrase, upper_first
from .teacher_why import ask

_NAME = r"[a-z][\w\-]{3,}"
_COUNT = {2: "two", 3: "three", 4: "four"}
_LIKE_RELATED = re.compile(
    rf"^Like (?:the |its |other )?(?:closely )?related (?:drugs|medications|agents|compounds) "
    rf"(?P<list>{_NAME}(?:, {_NAME})*,? and {_NAME}), (?P<drug>[A-Za-z][\w\-]+) [a-z]+s\b")
_NO_EVIDENCE = re.compile(
    r"^Unlike (?:with )?(?:the )?(?P<older>(?:first|older|earlier)[\w\- ]{0,20}? [A-Z]{2,6}s|older [a-z]+s), "
    r"there (?:has|have) been no evidence of (?P<what>[^,;]{4,80}?) in association with (?P<drug>[A-Za-z][\w\-]+) "
    r"(?:treatment|therapy|use)(?P<where> in (?:clinical trials|trials|studies))?\.?$")


def _like_related(s: Sentence, text: str, drug: str) -> Draft | None:
    m = _LIKE_RELATED.match(text)
    if m is None or m.group("drug").lower() != drug.lower():
        return None
    names = re.split(r",? and |, ", m.group("list"))
    if len(names) not in _COUNT or drug.lower() in (n.lower() for n in names):
        return None
    prompt = question(f"Name the {_COUNT[len(names)]} related drugs that work like {drug}.")
    if prompt is None:
        return None
    data = {"prompt": prompt, "answer": ", ".join(names), "items": names, "need": len(names)}
    return make_draft("list", "typed", data, s, prompt)


def _no_evidence(s: Sentence, text: str, drug: str) -> Draft | None:
    m = _NO_EVIDENCE.match(text)
    if m is None or m.group("drug").lower() != drug.lower():
        return None
    answer = short_phrase(m.group("what"), 8)
    if answer is None or answer != upper_first(m.group("what")):
        return None
    prompt = f"Unlike {m.group('older')}, {drug} has shown no evidence of what{m.group('where') or ''}?"
    return ask(s, "why", prompt, answer)


def relative_drafts(doc) -> list[Draft]:
    """The cards of this module for one document (see the module docstring)."""
    if not DOCUMENT_DRUG:
        return []
    drug = DOCUMENT_DRUG[0]
    out = []
    for s in doc.sentences:
        if s.lost is not None:
            continue
        text = upper_first(re.sub(r"^(?:Also|In addition|Moreover|Furthermore), ", "", s.text))
        d = _like_related(s, text, drug) or _no_evidence(s, text, drug)
        if d is not None:
            out.append(d)
    return out
