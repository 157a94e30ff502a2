"""Stage 4, how a course of the drug runs: what covers its first weeks, whether an effect goes
away, and what stopping a drug of its kind can do; each from one sentence of the article on the drug.

- the cover its first weeks need ("It is therefore advisable to co-treat with an antiandrogen during
  the first 2–3 weeks of zorbicin treatment, particularly in patients with bone pain." -> "When
  starting zorbicin, for how long is co-treatment with an antiandrogen advisable?" -> "The first 2–3
  weeks of treatment"), whom it matters most for and the nearest sentence before that names the drug
  (what the first weeks bring) as its explanation: the window is what the card asks; that an
  antiandrogen treats the flare is another card's; "the first few weeks" is no window and not asked;
- whether an adverse effect reverses ("The decline in ejection fraction appears to be reversible."
  after sentences on the drug's effect on the heart -> "On zorbicin, is the decline in ejection
  fraction reversible or irreversible?" -> "Reversible (it appears to be)"), only when one of the
  three sentences before names the article's drug, which the explanation quotes;
- a named phenomenon defined after "where" ("... is responsible for the phenomenon of the antiandrogen
  withdrawal syndrome, where antiandrogen discontinuation paradoxically slows the rate of prostate
  cancer growth." -> "What is the antiandrogen withdrawal syndrome?" -> "Antiandrogen discontinuation
  paradoxically slows the rate of prostate cancer growth"), the sentence before (what brings it
  about) as its explanation.
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, MAX_ANSWER_WORDS, lower_first, names_drug, question, upper_first

_COVER = re.compile(
    r"^(?:It is|It was) (?:therefore |thus |hence |also |generally |usually )?(?:advisable|recommended|advised|"
    r"common practice|standard practice|usual) to (?:co-treat|co-administer|co-prescribe|cover|treat|pretreat) "
    r"(?:with |by giving )?(?P<cover>an? [a-z][\w\- ]{2,40}?|[a-z][\w\-]+s) (?:during|for|in|over) "
    r"(?P<window>the first (?:\d+(?:\s*[–\-]\s*\d+)?|one|two|three|four|few|several) (?:days?|weeks?|months?)) "
    r"of (?P<drug>[a-z][\w\-]+) (?:treatment|therapy|administration)"
    r"(?:, (?P<who>(?:particularly|especially|mainly|notably) in [^,;]{3,60}))?\.?$")


def _cover(s: Sentence, drug: str) -> Draft | None:
    """"It is advisable to co-treat with A during the first N weeks of X treatment" (the module docstring)."""
    m = _COVER.match(s.text)
    if m is None or m.group("drug").lower() != drug.lower():
        return None
    window = m.group("window")
    if re.search(r"\bfirst (?:few|several) ", window):  # "the first few weeks": no window to recall
        return None
    prompt = question(f"When starting {lower_first(drug)}, for how long is co-treatment with {m.group('cover')} advisable?")
    if prompt is None or contains_answer(prompt, window):
        return None
    who = upper_first(m.group("who").rstrip(" .")) + "." if m.group("who") else ""
    why = _naming(s, drug)  # what the first weeks bring ("X may cause a temporary increase in ...")
    explanation = " ".join(part for part in (who, why[-1].text if why else "") if part)
    data = {"prompt": prompt, "answer": f"{upper_first(window)} of treatment"}
    if explanation:
        data["explanation"] = explanation
    return make_draft("action", "basic", data, s, prompt)


def _naming(s: Sentence, drug: str) -> list[Sentence]:
    """The sentences among the three before ``s`` (under its heading) that name the drug, nearest first."""
    window, b = [], s.before
    while b is not None and len(window) < 3:
        window.append(b)
        b = b.before
    return [b for b in window if b.lost is None and names_drug(b.text, drug)]


_REVERSES = re.compile(
    r"^(?:However, |But )?[Tt]he (?P<what>[a-z][\w\- ]{3,60}?) (?P<hedge>appears to be|seems to be|is thought to be|"
    r"is|was|are|were) (?:usually |generally |often |largely |mostly |fully |completely )?"
    r"(?P<way>reversible|irreversible)\.?$")


def _reverses(s: Sentence, drug: str) -> Draft | None:
    """"The <effect> appears to be reversible" after sentences on the drug (the module docstring)."""
    m = _REVERSES.match(s.text)
    if m is None or re.search(r"\b(?:binding|inhibition|antagonism|inhibitor|antagonist)\b", m.group("what")):
        return None  # how a drug binds is its mechanism, asked elsewhere; this asks an effect's course
    named = _naming(s, drug)
    if not named:
        return None
    hedged = m.group("hedge") in ("appears to be", "seems to be", "is thought to be")
    answer = upper_first(m.group("way")) + (f" (it {m.group('hedge')})" if hedged else "")
    prompt = question(f"On {lower_first(drug)}, is the {m.group('what')} reversible or irreversible?")
    if prompt is None:
        return None
    data = {"prompt": prompt, "answer": answer, "explanation": named[-1].text}
    return make_draft("why", "basic", data, s, prompt)


_PHENOMENON = re.compile(
    r"\b(?:is responsible for|underlies|explains|causes|gives rise to|accounts for) the (?:phenomenon|syndrome|effect) "
    r"(?:of|known as|called) (?:the |an? )?(?P<name>[a-z][\w\- ]{3,50}?), (?:where|in which|whereby) "
    r"(?P<what>[^,;()]{10,160}?)\.?$")


def _phenomenon(s: Sentence, drug: str) -> Draft | None:
    """"... the phenomenon of the X, where Y" -> "What is the X?" -> Y (the module docstring)."""
    m = _PHENOMENON.search(s.text)
    if m is None or not names_drug(s.text, drug):
        return None
    what = m.group("what")
    if len(what.split()) > MAX_ANSWER_WORDS or re.match(r"^(?:it|this|they|these)\b", what, re.I):
        return None
    prompt = question(f"What is the {m.group('name')}?")
    if prompt is None or contains_answer(prompt, what):
        return None
    data = {"prompt": prompt, "answer": upper_first(what)}
    before = s.before if s.before is not None and s.before.lost is None else None
    if before is not None and re.match(r"^This\b", s.text):  # "This can result in ...": what "this" is
        data["explanation"] = before.text
    return make_draft("why", "basic", data, s, prompt)  # (a phenomenon, not a glossary term: asked as why-kinds are)


def course_drafts(doc) -> list[Draft]:
    """The cards of this module for one document (see the module docstring)."""
    if not DOCUMENT_DRUG:
        return []
    drug = DOCUMENT_DRUG[0]
    out = []
    for s in doc.sentences:
        if s.lost is not None:
            continue
        d = _cover(s, drug) or _reverses(s, drug) or _phenomenon(s, drug)
        if d is not None:
            out.append(d)
    return out
