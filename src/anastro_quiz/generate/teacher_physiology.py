"""Stage 4, a hormone's physiology as a teacher asks it, each from one sentence that states it:

- which form of it predominates in which stage of life, two stages in one comparison ("During
  pregnancy, estriol becomes the predominant circulating estrogen, ..., while during menopause,
  estrone predominates" -> "Which estrogen predominates during pregnancy, and which during
  menopause?" -> "During pregnancy: estriol; during menopause: estrone");
- what it triggers through a feedback loop ("During the menstrual cycle, estradiol produced by the
  growing follicles triggers, via a positive feedback system, the hypothalamic-pituitary events
  that lead to the luteinizing hormone surge, inducing ovulation." -> "During the menstrual cycle,
  what does estradiol produced by the growing follicles trigger via positive feedback?" -> "The
  luteinizing hormone surge, inducing ovulation").
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .teacher_clauses import base_form, question, readable_sentences, upper_first
from .teacher_why import ask

_STAGE = r"[a-z][\w\- ]{2,40}?"
_PREDOMINANT = re.compile(
    rf"^During (?P<a>{_STAGE}), (?P<x>[A-Za-z][\w\-]+) (?:becomes|is) the (?:predominant|dominant) "
    r"(?:circulating |serum |plasma )?(?P<noun>[a-z]+)\b[^;]*?,? while (?:during|in|after) "
    rf"(?P<b>{_STAGE}), (?P<y>[A-Za-z][\w\-]+) predominates\b")
_PREDOMINANT_IN = re.compile(r"\b(?P<z>[A-Za-z][\w\-]+) (?:may be considered|is considered|is) the predominant "
                             r"(?P<noun>[a-z]+) during (?P<c>[a-z][\w\- ]{2,40}?)(?= in terms\b|[,.;]|$)")
_FEEDBACK = re.compile(
    r"^(?P<ctx>(?:During|In|At) [^,]{3,40}, )?(?P<subject>[A-Za-z][^,]{2,60}?) (?P<verb>triggers|induces|stimulates|"
    r"causes|inhibits|suppresses), via an? (?P<sign>positive|negative) feedback (?:system|loop|mechanism), "
    r"(?P<what>[^,;]{5,100}?)(?:, (?P<result>[a-z]+ing [^,;]{3,40}?))?\.?$")
# "the hypothalamic-pituitary events that lead to the LH surge": what the events lead to is the answer
_LEADING_TO = re.compile(r"^the (?:[\w\-]+ ){0,3}(?:events|processes|changes|signals|steps) (?:that|which) "
                         r"(?:lead|leads) to (?P<end>.+)$")


def _predominant(s, text: str) -> Draft | None:
    m = _PREDOMINANT.match(text)
    if m is None or m.group("x").lower() == m.group("y").lower():
        return None
    a, b, noun = m.group("a"), m.group("b"), m.group("noun")
    prompt = question(f"Which {noun} predominates during {a}, and which during {b}?")
    answer = f"During {a}: {m.group('x')}; during {b}: {m.group('y')}"
    if prompt is None or contains_answer(prompt, m.group("x")) or contains_answer(prompt, m.group("y")):
        return None
    data = {"prompt": prompt, "answer": answer}
    before = s.previous or s.before
    third = _PREDOMINANT_IN.search(before.text) if before is not None and before.lost is None else None
    if third and third.group("noun") == noun and third.group("z").lower() not in (m.group("x").lower(), m.group("y").lower()):
        # the stage the sentence before tells, beside the answer: "Estradiol is the predominant estrogen
        # during the reproductive years."
        data["explanation"] = f"{upper_first(third.group('z'))} is the predominant {noun} during {third.group('c')}."
    return make_draft("compare", "basic", data, s, prompt)


def _feedback(s, text: str) -> Draft | None:
    m = _FEEDBACK.match(text)
    verb = base_form(m.group("verb")) if m else None
    if m is None or verb is None:
        return None
    what = m.group("what")
    led = _LEADING_TO.match(what)
    answer = upper_first(led.group("end") if led else what)
    if m.group("result"):
        answer += f", {m.group('result')}"
    explanation = f"Through {what}." if led else ""
    ctx = m.group("ctx") or ""
    prompt = f"{ctx}what does {m.group('subject')} {verb} via {m.group('sign')} feedback?"
    return ask(s, "why", upper_first(prompt), answer, explanation)


def physiology_drafts(doc) -> list[Draft]:
    """The cards of this module for one document (see the module docstring)."""
    out = []
    for s, text in readable_sentences(doc):
        d = _predominant(s, text) or _feedback(s, text)
        if d is not None:
            out.append(d)
    return out
