"""Stage 4, a role a sentence gives a named thing: "X is responsible for Y" -> "What is X
responsible for?", with "These enzymes" named from the sentence before when it spells them
out with their acronyms ("the enzymes cyclin-dependent kinase 4 (CDK4) and ... (CDK6)")."""

from __future__ import annotations

import re

from .extract import Sentence
from .teacher_clauses import clean_prompt_part, drop_asides, lower_first, names_something, short_phrase

_HEDGE = re.compile(r"\b(?:partly|partially|possibly|probably|presumably|thought|believed|may|might)\b", re.I)
_THESE = re.compile(r"^(?P<det>These|This|Those) (?P<noun>[a-z]+)\b")


def named_referent(s: Sentence, text: str) -> str | None:
    """ "These enzymes are ..." after "... inhibits the enzymes cyclin-dependent kinase 4 (CDK4) and
    cyclin-dependent kinase 6 (CDK6)" -> "CDK4 and CDK6 are ..."; ``None`` when the sentence
    before does not spell out that noun with one acronym ("This") or two ("These")."""
    m = _THESE.match(text)
    prev = s.previous
    if m is None or prev is None:
        return None
    noun = m.group("noun")
    stem = noun[:-1] if m.group("det") != "This" and noun.endswith("s") else noun
    if stem not in prev.text or "(" not in prev.text:
        return None  # what the pattern below needs (each noun's pattern is compiled anew)
    spelled = re.search(rf"\b{re.escape(stem)}s?\b (?P<a>[^,;()]{{2,50}}) \((?P<x>[A-Z][\w\-]*)\)"
                        rf"(?: and (?P<b>[^,;()]{{2,50}}) \((?P<y>[A-Z][\w\-]*)\))?", prev.text)
    if spelled is None or (m.group("det") == "This") != (spelled.group("y") is None):
        return None
    names = spelled.group("x") + (f" and {spelled.group('y')}" if spelled.group("y") else "")
    return names + text[m.end():]


_RESPONSIBLE = re.compile(r"^(?P<x>[^,]{3,60}?) (?P<aux>is|are) (?P<adv>mainly |primarily |largely |chiefly )?"
                          r"responsible for (?P<y>[^\d].+?)\.?$")


def responsible(s: Sentence, text: str, ask) -> object | None:
    """ "Estradiol is responsible for the development of female secondary sexual characteristics
    such as ..." -> "What is estradiol responsible for?" -> "The development of female secondary
    sexual characteristics" (a share of something, "responsible for 92% of ...", is a figure)."""
    text = named_referent(s, text) or text
    m = _RESPONSIBLE.match(text)
    if m is None or not names_something(m.group("x")) or clean_prompt_part(m.group("x"), 1) is None:
        return None
    if _HEDGE.search(m.group("x")) or re.search(r"\b(?:which|that|who|whose)\b", m.group("x")):
        # ("Osteoblasts which are responsible for ..." defines osteoblasts: the define card asks it)
        return None
    what = re.split(r"\s+(?:such as|including|like)\s+", m.group("y"))[0]
    what = short_phrase(re.sub(r"\s+and\s+(?:thus|thereby|hence)\s+", " and ", what), 10)
    if what is None or len(what.split()) < 2:
        return None
    return ask(s, "why", f"What {m.group('aux')} {lower_first(m.group('x'))} {m.group('adv') or ''}responsible for?", what)


_AS_CAUSE = re.compile(r"^(?:As|Since) (?P<cause>(?P<subject>[\w\-]+(?: [\w\-]+){0,3}) (?:is|are|has|have) "
                       r"(?!been\b|shown\b|seen\b|noted\b)[^,]{5,100}), (?P<main>.+?)\.?$")


def as_cause(s: Sentence, text: str, ask, inverted) -> object | None:
    """ "As estradiol is a potent estrogen, its excess suppresses gonadotropin secretion" -> "Why
    does estradiol's excess suppress gonadotropin secretion?" -> the "as" clause. A fronted "as" with a state ("is", "has") gives a reason; "its" is named from that clause; a
    main clause pointing back at it ("inhibitors of this enzyme") gives no card, since naming the
    enzyme in the question would show the reason."""
    m = _AS_CAUSE.match(text)
    if m is None or not names_something(m.group("subject")) or _HEDGE.search(m.group("cause")) or \
            re.search(r"\d", m.group("subject")):  # "Since 2015 ...": a time, not a reason
        return None
    cause, main = m.group("cause"), drop_asides(m.group("main"))
    if re.search(r"\b(?:this|these) [a-z]+\b", main):
        # "As X is metabolized by the liver enzyme CYP3A4, inhibitors of this enzyme ...": "this
        # enzyme" named in the question shows the reason (readers: the prompt gives the answer);
        # the enzyme is asked by :func:`.teacher_mechanism.metabolism` instead
        return None
    subject = lower_first(m.group("subject"))
    main = re.sub(r"\bits\b", f"{subject}’s", main)
    main = re.sub(r"\b(?:it)\b", subject, main)
    return ask(s, "why", inverted(main, "Why"), short_phrase(cause, 14))
