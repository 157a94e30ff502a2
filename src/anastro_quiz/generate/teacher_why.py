"""Stage 4, the why/how cards a teacher writes: a cause or means after "because", "due to", "by
<gerund>", "leads to", ", resulting in", "in order to"; a key role or a regulator's means.

:func:`ask` makes any teacher card (the clinical ones of :mod:`teacher_clinical` too): the
question set in its context, none when the prompt gives the answer away.
"""

from __future__ import annotations

import re

from .cards import Draft, make_draft, contains_answer, plain_words
from .extract import Sentence
from .kinds import CardKind
from .teacher_clauses import (AUX, names_before, base_form, clean_prompt_part, finite_verb, lower_first,
                              names_something, question, short_phrase, subordinate, upper_first)
from .teacher_roles import as_cause, responsible
from .teacher_context import in_context

_HEDGE = re.compile(r"\b(?:presumably|possibly|probably|likely|perhaps|partly|partially|mainly|instance|example|"
                    r"e\.g\.|thought to be|believed to be|in part|largely|may be|might be|possible)$", re.I)
_LEAD_CONTEXT = re.compile(r"^(?P<ctx>(?:In|During|For|At|After|With|Among|Within)\b[^,]{3,60}), (?P<rest>.+)$")


def ask(s: Sentence, kind: CardKind, prompt: str | None, answer: str | None, explanation: str = "") -> Draft | None:
    """The card of ``kind`` asking ``prompt``, set in the sentence's context; ``None`` when there is
    no question or answer, the answer is a date, or the prompt gives the answer away."""
    if prompt is None or answer is None or re.match(r"^\d", answer):  # "results in 2011": a date, not an effect
        return None
    prompt, answer = in_context(s, kind, prompt, answer)
    prompt = question(prompt)
    if prompt is None or contains_answer(prompt, answer) or plain_words(answer) in plain_words(prompt):
        return None
    data = {"prompt": prompt, "answer": answer}
    if explanation:
        data["explanation"] = explanation
    return make_draft(kind, "basic", data, s, prompt)


def as_cards(d: Draft | None) -> list[Draft]:
    """A builder's one card as the list builders return (none when it asks nothing)."""
    return [d] if d is not None else []


def _split_context(text: str) -> tuple[str, str]:
    """A leading "In postmenopausal women, " stays with the question, ahead of it."""
    m = _LEAD_CONTEXT.match(text)
    return (m.group("ctx") + ", ", m.group("rest")) if m else ("", text)


def inverted(main: str, wh: str) -> str | None:
    """"Estradiol shortens the lifespan of osteoclasts" -> "How does estradiol shorten the
    lifespan of osteoclasts?"; "Patients ... may not receive ..." -> "Why may patients ... not
    receive ...?". Without a verb it can name with certainty, "<clause>: why?"."""
    ctx, main = _split_context(main)
    main = clean_prompt_part(main, 2)
    if main is None or subordinate(main) or _TWO_CLAUSES.search(main):
        return None
    words = main.split()
    i = finite_verb(words)
    if ctx:
        wh = wh.lower()
    if i is not None and names_something(" ".join(words[:i])):
        subject, verb, rest = lower_first(" ".join(words[:i])), words[i].lower(), " ".join(words[i + 1:])
        if verb in ("has", "have", "had") and not _PARTICIPLE.match(rest):  # "Why does X have ...?"
            do = {"has": "does", "have": "do", "had": "did"}[verb]
            return f"{ctx}{wh} {do} {subject} have {rest}?"
        if verb in AUX:
            return f"{ctx}{wh} {verb} {subject} {rest}?".replace(" ?", "?")
        base = base_form(verb)
        if base and not re.search(r"\b(?:and|or|but)\b", rest):  # one verb phrase only
            return f"{ctx}{wh} {_do(subject)} {subject} {base} {rest}?".replace(" ?", "?")
    if not names_something(" ".join(words[:3])) and not names_something(words[0]):
        return None
    return f"{ctx}{main}: {wh.lower()}?"


_TWO_CLAUSES = re.compile(r",? (?:and|but) (?:hence |thus |therefore |also )?(?:its|their|it|they|has|have|is|are|was|"
                          r"were|short-term|\w+ed)\b|, and |;")
_PARTICIPLE = re.compile(r"^(?:not |also |been |long |often |never )*\w+(?:ed|en|wn)\b")
def _do(subject: str) -> str:
    """ "does" for "estradiol", "do" for "reduced estradiol levels" (a plural head noun)."""
    head = re.split(r"\b(?:of|in|on|for|with|from)\b", subject)[0].split()
    plural = bool(head) and re.search(r"[^su]s$", head[-1].lower()) is not None
    return "do" if plural else "does"


_CAUSE_AFTER = re.compile(r"^(?P<main>.+?),? (?P<cue>because(?: of)?|due to|owing to|as a result of) (?P<cause>.+?)\.?$")
_CAUSE_BEFORE = re.compile(r"^(?P<cue>Because(?: of)?|Due to|Owing to|As a result of) (?P<cause>[^,]{4,120}), "
                           r"(?P<main>.+?)\.?$")
_COPULAR_DUE = re.compile(r"^(?P<subject>.+?) (?P<aux>is|are|was|were) (?:mainly |largely |primarily )?due to (?P<cause>.+?)\.?$")


def _cause(s: Sentence, text: str) -> Draft | None:
    """ "Women past menopause lose bone faster due to estrogen deficiency" -> "Why do ...?"."""
    m = _COPULAR_DUE.match(text)
    if m and names_something(m.group("subject")) and not _HEDGE.search(m.group("subject")):
        ctx, subject = _split_context(m.group("subject"))
        if clean_prompt_part(subject, 1):
            prompt = f"{ctx}what {m.group('aux')} {lower_first(subject)} due to?"
            return ask(s, "why", prompt, short_phrase(m.group("cause"), 14))
    m = _CAUSE_BEFORE.match(text) or _CAUSE_AFTER.match(text)
    if m is None or _HEDGE.search(m.group("main")) or re.search(r"\b(?:although|while|whereas|but)\b", m.group("main")):
        return None
    if m.group("cue").lower() != "because" and finite_verb(["x"] + m.group("cause").split()) is not None:
        return None  # "due to" takes a noun phrase: "discontinuations due to X occurred" is not a cause clause
    main = re.sub(r",? which (?:is|are|was|were)$", "", m.group("main"))
    cause = m.group("cause")
    subject = subject_of(main)
    if subject and re.match(r"^(?:it|they)\b", cause):  # "Because it is an antiandrogen, bicalutamide ..."
        cause = subject + cause[cause.index(" "):] if " " in cause else cause
    term = _term_for_what_it_does(s, main, cause)
    if term is not None:
        return term
    return ask(s, "why", inverted(main, "Why"), short_phrase(cause, 14))


_A_RATHER_THAN_B = re.compile(r"^(?P<subject>[A-Za-z][\w\-]+) (?:is|are) (?P<a>[a-z][\w\-]{3,30}) rather than "
                              r"(?P<b>[a-z][\w\-]{3,30})$")


def _term_for_what_it_does(s: Sentence, main: str, cause: str) -> Draft | None:
    """"Because it prevents cells from dividing but does not cause cell death, X is cytostatic rather than
    cytocidal" -> "X prevents cells from dividing but does not cause cell death: which term describes
    X?" -> "Cytostatic (rather than cytocidal)", with the sentence before on X in the explanation. Asked
    as "Why is X A rather than B?", the reason is the two words' definitions (weighed down, and readers
    found the term itself missing); the term is what to recall."""
    m = _A_RATHER_THAN_B.match(main)
    if m is None or not re.search(r"\bbut (?:does|do|is|are|can) not\b", cause) or len(cause.split()) > 16:
        return None
    subject = m.group("subject")
    if not names_something(subject) or not cause.lower().startswith(subject.lower() + " "):
        return None
    prompt = f"{upper_first(cause)}: which term describes {subject}?"
    answer = f"{upper_first(m.group('a'))} (rather than {m.group('b')})"
    before = s.previous  # "X causes cells to remain in the G0 and G1 phases": how, told just before
    told = before is not None and before.lost is None and before.text.lower().startswith(subject.lower() + " ")
    return ask(s, "why", prompt, answer, explanation=before.text if told else "")


def subject_of(main: str) -> str | None:
    """The named subject before the main clause's verb ("Estradiol" of "Estradiol shortens ..."), if any."""
    words = _split_context(main)[1].split()
    i = finite_verb(words)
    if i is None or not names_something(" ".join(words[:i])):
        return None
    return " ".join(words[:i])


def _responsible(s: Sentence, text: str) -> Draft | None:
    return responsible(s, text, ask)


def _as_cause(s: Sentence, text: str) -> Draft | None:
    return as_cause(s, text, ask, inverted)


_KEY_ROLE = re.compile(
    r"^(?P<ctx>(?:In|During|For|After|Among)\b[^,]{3,60}, (?:with [^,]{3,60}, )?)?(?P<y>[^,]{3,80}?) "
    r"(?P<verb>is|are|becomes|become|remains|remain) the (?P<rank>main|primary|major|principal|chief|key|leading|dominant) "
    r"(?P<role>(?:[\w\-]+ ){0,2}?(?:driver|cause|source|site|mechanism|regulator|determinant|reason|contributor|"
    r"mediator|form|sex steroid|hormone|enzyme|route))(?P<rest> (?:of|for|responsible for|behind|in) [^,;]{3,80}?)\.?$")


def _key_role(s: Sentence, text: str) -> Draft | None:
    """ "The primary driver of bone loss is the dysregulation of osteoclasts" and "Estradiol is the
    primary sex steroid responsible for maintaining bone mass" -> "What is the primary ...?"."""
    m = _KEY_ROLE.match(text)
    if m is None:
        return None
    y, verb = m.group("y"), m.group("verb")
    role = f"the {m.group('rank')} {m.group('role')}{m.group('rest')}"
    ctx = m.group("ctx") or ""
    if ctx and ", with " in ctx:
        ctx = ctx.split(", with ")[0] + ", "
    if not names_something(y) or clean_prompt_part(y, 1) is None:
        return None
    return ask(s, "why", f"{ctx}what {verb} {role}?", short_phrase(y, 8))


_ROLE_FIRST = re.compile(r"^The (?P<rank>main|primary|major|principal|chief|key|leading) (?P<role>(?:[\w\-]+ ){0,2}?"
                         r"(?:driver|cause|source|site|mechanism|determinant|reason|contributor))(?P<rest> of [^,;]{3,80}?) "
                         r"(?:is|are) (?P<y>.+?)\.?$")
_REGULATOR = re.compile(r"^(?P<x>[^,]{3,40}?) (?:is|are) an? (?:[\w\-]+ )?(?P<noun>regulator|inhibitor|activator|modulator|"
                        r"mediator|suppressor|stimulator) of (?P<y>[^,]{3,50}), (?P<how>[a-z]+ing\b.+?)\.?$")
_NOUN_VERB = {"regulator": "regulate", "inhibitor": "inhibit", "activator": "activate", "modulator": "modulate",
              "mediator": "mediate", "suppressor": "suppress", "stimulator": "stimulate"}


def _regulator(s: Sentence, text: str) -> Draft | None:
    """ "Estrogen is a critical regulator of bone remodeling, promoting osteoblasts and inhibiting
    osteoclasts" -> "How does estrogen regulate bone remodeling?"; and the role-first form of
    :func:`_key_role` ("The primary driver of X is Y" -> "What is the primary driver of X?")."""
    m = _ROLE_FIRST.match(text)
    if m:
        return ask(s, "why", f"What is the {m.group('rank')} {m.group('role')}{m.group('rest')}?",
                    short_phrase(m.group("y"), 8))
    m = _REGULATOR.match(text)
    if m is None or not names_something(m.group("x")) or clean_prompt_part(m.group("y"), 1) is None:
        return None
    how = short_phrase(m.group("how"), 14)
    prompt = f"How does {lower_first(m.group('x'))} {_NOUN_VERB[m.group('noun')]} {m.group('y')}?"
    return ask(s, "why", prompt, how and "By " + lower_first(how))


_MEANS = re.compile(r"^(?P<main>.+?),? (?:primarily |mainly |partly |directly )?by (?P<means>[a-z]+ing\b.+?)\.?$")


def _means(s: Sentence, text: str) -> Draft | None:
    """ "Estradiol shortens the lifespan of osteoclasts by promoting their apoptosis" -> "How does
    estradiol shorten the lifespan of osteoclasts?" -> "By promoting their apoptosis"."""
    m = _MEANS.match(text)
    if m is None or re.search(r"\b(?:followed|measured|assessed|defined|characterized|marked)$", m.group("main")):
        return None
    means = short_phrase(m.group("means"))
    return ask(s, "why", inverted(m.group("main"), "How"), means and "By " + lower_first(means))


_EFFECT_VERB = re.compile(r"^(?P<subject>.+?) (?P<modal>can |may |could |will |often |usually )?"
                          r"(?P<verb>leads? to|led to|results? in|resulted in|causes|cause|triggers|trigger) "
                          r"(?P<effect>.+?)\.?$")
EFFECT_TRAIL = re.compile(r"^(?P<main>.+?), (?:potentially |often |eventually |ultimately |thus |in turn )?"
                           r"(?P<cue>leading to|resulting in|causing|thereby|and thereby|and consequently) "
                           r"(?P<effect>.+?)\.?$")


def effect_parts(text: str) -> tuple[str, str | None] | None:
    """The question and answer of "X leads to Y" ("what does X lead to?", "Y") or of "A happens,
    leading to Y" ("A happens: with what result?", "Y"); ``None`` if neither is plain."""
    m = _EFFECT_VERB.match(text)
    if m and "," not in _split_context(m.group("subject"))[1] and finite_verb(m.group("subject").split(), 0) is None:
        ctx, subject = _split_context(m.group("subject"))
        vague = not ctx and len(subject.split()) == 1 and m.group("verb").startswith(("cause", "lead", "trigger"))
        if names_something(subject) and clean_prompt_part(subject, 1) and not subordinate(subject) and not vague:
            # ("What may goserelin cause?" has as many answers as the drug has effects; "In high
            # amounts, what can estradiol lead to?" has one.)
            verb = m.group("verb").split()[0]
            base = "lead" if verb.startswith(("lead", "led")) else "result" if verb.startswith("result") else \
                verb.rstrip("s") if verb.endswith("s") else verb
            tail = {"lead": " to", "result": " in"}.get(base, "")
            modal = (m.group("modal") or "").strip()
            aux = modal if modal in ("can", "may", "could", "will") else "did" if verb in ("led", "resulted") else \
                "does" if verb.endswith("s") else "do"
            return f"{ctx}what {aux} {lower_first(subject)} {base}{tail}?", short_phrase(m.group("effect"))
    m = EFFECT_TRAIL.match(text)
    if m is None:
        return None
    effect = short_phrase(m.group("effect"))
    main = clean_prompt_part(m.group("main"))
    if main is not None and not (subordinate(main) and not names_before(main)) and (
            subject_of(main) is not None or names_something(" ".join(main.split()[:3]))):
        return f"{main}: with what result?", effect
    # "X disrupts this balance, leading to Y": the object leans on an earlier sentence, but X
    # is named, so ask what X leads to.
    subject = subject_of(m.group("main"))
    if subject is None or clean_prompt_part(subject, 1) is None:
        return None
    aux = "can" if re.search(r"\bcan\b", m.group("main")) else _do(subject)
    ctx, _ = _split_context(m.group("main"))
    return f"{ctx}what {aux} {lower_first(subject)} lead to?", effect


def _effect(s: Sentence, text: str) -> Draft | None:
    """ "X leads to Y" -> "What does X lead to?"; "A happens, leading to Y" -> "A happens: with
    what result?"."""
    parts = effect_parts(text)
    return ask(s, "why", *parts) if parts else None


_PURPOSE = re.compile(r"^(?P<main>.+?),? (?P<cue>in order to|so as to|so that) (?P<purpose>.+?)\.?$")


def _purpose(s: Sentence, text: str) -> Draft | None:
    """ "X is micronized in order to ensure ..." -> "X is micronized: for what purpose?"."""
    m = _PURPOSE.match(text)
    if m is None or subject_of(m.group("main")) is None:
        return None
    main = clean_prompt_part(m.group("main"))
    purpose = short_phrase(m.group("purpose"))
    if main is None or purpose is None:
        return None
    if m.group("cue") != "so that":
        purpose = "To " + lower_first(purpose)
        return ask(s, "why", f"{main}: for what purpose?", purpose)
    return ask(s, "why", f"{main}: with what effect?", purpose)




# Tried in this order on a sentence, after the clinical builders; the first card wins.
WHY_BUILDERS = (_responsible, _as_cause, _key_role, _regulator, _cause, _means, _effect, _purpose)
