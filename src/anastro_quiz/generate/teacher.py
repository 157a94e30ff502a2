"""Stage 4, the cards a teacher writes: why/how, clinical actions, comparisons, lists, chains.

Each card rests on one sentence (or table row) quoted verbatim, and is built only when
the sentence says the thing plainly: a cause or means after "because", "due to", "by
<gerund>", "leads to", ", resulting in", "in order to"; a rule after "If ...," or "... should
be ...", "... is contraindicated in ..."; parallel table rows or list items for two
populations. When the subject cannot be named (a dangling "it", "this trial") or the answer
is too long to recall, there is no card: a missing card costs less than a junk one.
Comparisons live in :mod:`teacher_compare`, enumerations and mechanism chains in
:mod:`teacher_lists`, "X is responsible for Y" and a fronted "As X is ..." in :mod:`teacher_roles`,
naming the drug and whose dose in :mod:`teacher_context`, the clause tools they share in
:mod:`teacher_clauses`.
"""

from __future__ import annotations

import re

from .cards import Draft, make_draft, contains_answer, plain_words
from .extract import Sentence
from .teacher_clauses import (AUX, names_before, base_form, clean_prompt_part, finite_verb, learn_names, lower_first,
                              names_something, question, resolved_text, short_phrase, subordinate, usable)
from .teacher_compare import compare_drafts
from .teacher_roles import as_cause, responsible
from .teacher_context import in_context, learn_drugs
from .teacher_lists import chain_drafts, list_drafts
from .teacher_lead import lead_drafts

_HEDGE = re.compile(r"\b(?:presumably|possibly|probably|likely|perhaps|partly|partially|mainly|instance|example|"
                    r"e\.g\.|thought to be|believed to be|in part|largely|may be|might be|possible)$", re.I)
# Findings in animals or in vitro, and why a thing is named as it is, are not what a clinician recalls.
_SIDELINE = re.compile(r"\b(?:mice|mouse|rats?|baboons?|monkeys?|dogs?|ferrets?|rabbits?|in vitro|abbreviated|"
                       r"named after|so named)\b", re.I)
_LEAD_CONTEXT = re.compile(r"^(?P<ctx>(?:In|During|For|At|After|With|Among|Within)\b[^,]{3,60}), (?P<rest>.+)$")


_INDICATION_LIST = re.compile(r"^Name \w+ \w+ [\w\-]+ is (?:indicated|used to treat|approved)\b")
_ONE_USE = re.compile(r"^(?:As maintenance treatment, what|What) (?:is|are) [\w\-]+ used (?:to treat|for)\?$")


def teacher_drafts(doc) -> list[Draft]:
    """Every teacher card the document supports (the selection stage ranks and caps them)."""
    learn_names(doc.sentences)
    learn_drugs(doc)
    chains = chain_drafts(doc)
    chained = {d.quote for d in chains}  # a chain tells the sentence's mechanism whole: no second card on it
    out: list[Draft] = []
    for s in doc.sentences:
        if not usable(s) or s.text in chained or _SIDELINE.search(s.text):
            continue
        text = resolved_text(s)
        if text is None:
            continue
        thresholds = _thresholds(s, text)
        if thresholds:
            out += thresholds
            continue
        for build in (_action, _contraindication, _use, _responsible, _as_cause, _key_role, _regulator, _cause, _means, _effect, _purpose):
            d = build(s, text)
            if d is not None:
                # One teacher card per sentence: two would show each other's answers ("Why should
                # contraception be used ...?" and "..., what should be used?").
                out.append(d)
                break
    out += lead_drafts(doc)
    out += compare_drafts(doc.facts)
    lists = list_drafts(doc)
    if any(_INDICATION_LIST.search(d.data.get("prompt", "")) for d in lists):
        # the article lists what the drug treats: a single indication keyed alone is one right answer of several
        out = [d for d in out if not _ONE_USE.match(d.data.get("prompt", ""))]
    out += lists
    return out + chains


# --- why / how ---------------------------------------------------------------------------


def _ask(s: Sentence, kind: str, prompt: str | None, answer: str | None, explanation: str = "") -> Draft | None:
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


def _split_context(text: str) -> tuple[str, str]:
    """A leading "In postmenopausal women, " stays with the question, ahead of it."""
    m = _LEAD_CONTEXT.match(text)
    return (m.group("ctx") + ", ", m.group("rest")) if m else ("", text)


def _inverted(main: str, wh: str) -> str | None:
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
            return _ask(s, "why", prompt, short_phrase(m.group("cause"), 14))
    m = _CAUSE_BEFORE.match(text) or _CAUSE_AFTER.match(text)
    if m is None or _HEDGE.search(m.group("main")) or re.search(r"\b(?:although|while|whereas|but)\b", m.group("main")):
        return None
    if m.group("cue").lower() != "because" and finite_verb(["x"] + m.group("cause").split()) is not None:
        return None  # "due to" takes a noun phrase: "discontinuations due to X occurred" is not a cause clause
    main = re.sub(r",? which (?:is|are|was|were)$", "", m.group("main"))
    cause = m.group("cause")
    subject = _subject_of(main)
    if subject and re.match(r"^(?:it|they)\b", cause):  # "Because it is an antiandrogen, bicalutamide ..."
        cause = subject + cause[cause.index(" "):] if " " in cause else cause
    return _ask(s, "why", _inverted(main, "Why"), short_phrase(cause, 14))


def _subject_of(main: str) -> str | None:
    words = _split_context(main)[1].split()
    i = finite_verb(words)
    if i is None or not names_something(" ".join(words[:i])):
        return None
    return " ".join(words[:i])


def _responsible(s: Sentence, text: str) -> Draft | None:
    return responsible(s, text, _ask)


def _as_cause(s: Sentence, text: str) -> Draft | None:
    return as_cause(s, text, _ask, _inverted)


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
    return _ask(s, "why", f"{ctx}what {verb} {role}?", short_phrase(y, 8))


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
        return _ask(s, "why", f"What is the {m.group('rank')} {m.group('role')}{m.group('rest')}?",
                    short_phrase(m.group("y"), 8))
    m = _REGULATOR.match(text)
    if m is None or not names_something(m.group("x")) or clean_prompt_part(m.group("y"), 1) is None:
        return None
    how = short_phrase(m.group("how"), 14)
    prompt = f"How does {lower_first(m.group('x'))} {_NOUN_VERB[m.group('noun')]} {m.group('y')}?"
    return _ask(s, "why", prompt, how and "By " + lower_first(how))


_MEANS = re.compile(r"^(?P<main>.+?),? (?:primarily |mainly |partly |directly )?by (?P<means>[a-z]+ing\b.+?)\.?$")


def _means(s: Sentence, text: str) -> Draft | None:
    """ "Estradiol shortens the lifespan of osteoclasts by promoting their apoptosis" -> "How does
    estradiol shorten the lifespan of osteoclasts?" -> "By promoting their apoptosis"."""
    m = _MEANS.match(text)
    if m is None or re.search(r"\b(?:followed|measured|assessed|defined|characterized|marked)$", m.group("main")):
        return None
    means = short_phrase(m.group("means"))
    return _ask(s, "why", _inverted(m.group("main"), "How"), means and "By " + lower_first(means))


_EFFECT_VERB = re.compile(r"^(?P<subject>.+?) (?P<modal>can |may |could |will |often |usually )?"
                          r"(?P<verb>leads? to|led to|results? in|resulted in|causes|cause|triggers|trigger) "
                          r"(?P<effect>.+?)\.?$")
_EFFECT_TRAIL = re.compile(r"^(?P<main>.+?), (?:potentially |often |eventually |ultimately |thus |in turn )?"
                           r"(?P<cue>leading to|resulting in|causing|thereby|and thereby|and consequently) "
                           r"(?P<effect>.+?)\.?$")


def _effect_parts(text: str) -> tuple[str, str | None] | None:
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
    m = _EFFECT_TRAIL.match(text)
    if m is None:
        return None
    effect = short_phrase(m.group("effect"))
    main = clean_prompt_part(m.group("main"))
    if main is not None and not (subordinate(main) and not names_before(main)) and (
            _subject_of(main) is not None or names_something(" ".join(main.split()[:3]))):
        return f"{main}: with what result?", effect
    # "X disrupts this balance, leading to Y": the object leans on an earlier sentence, but X
    # is named, so ask what X leads to.
    subject = _subject_of(m.group("main"))
    if subject is None or clean_prompt_part(subject, 1) is None:
        return None
    aux = "can" if re.search(r"\bcan\b", m.group("main")) else _do(subject)
    ctx, _ = _split_context(m.group("main"))
    return f"{ctx}what {aux} {lower_first(subject)} lead to?", effect


def _effect(s: Sentence, text: str) -> Draft | None:
    """ "X leads to Y" -> "What does X lead to?"; "A happens, leading to Y" -> "A happens: with
    what result?"."""
    parts = _effect_parts(text)
    return _ask(s, "why", *parts) if parts else None


_PURPOSE = re.compile(r"^(?P<main>.+?),? (?P<cue>in order to|so as to|so that) (?P<purpose>.+?)\.?$")


def _purpose(s: Sentence, text: str) -> Draft | None:
    """ "X is micronized in order to ensure ..." -> "X is micronized: for what purpose?"."""
    m = _PURPOSE.match(text)
    if m is None or _subject_of(m.group("main")) is None:
        return None
    main = clean_prompt_part(m.group("main"))
    purpose = short_phrase(m.group("purpose"))
    if main is None or purpose is None:
        return None
    if m.group("cue") != "so that":
        purpose = "To " + lower_first(purpose)
        return _ask(s, "why", f"{main}: for what purpose?", purpose)
    return _ask(s, "why", f"{main}: with what effect?", purpose)


# --- clinical actions ------------------------------------------------------------------------

_CONDITION = re.compile(r"^(?P<word>If|When|Whenever|Once|Before|After) (?P<cond>[^,]{6,140}), (?:then )?(?P<main>.+?)\.?$")
_SHOULD = re.compile(r"^(?P<subject>.+?) (?P<modal>should|must|need to|needs to) (?P<verb>(?:be |have )?(?:\w+ly )?\w+) "
                     r"(?P<rest>.+)$")
_SHOULD_BE = re.compile(r"^(?P<what>.+?) (?P<modal>should|must) be (?P<verb>(?:\w+ly )?\w+ed) "
                        r"(?P<who>(?:in|for|during|with|before|after|while|when) .+?)\.?$")
_PEOPLE = re.compile(r"^(?:patients|women|men|people|individuals|children|adults|those|anyone|users)\b", re.I)


def _action(s: Sentence, text: str) -> Draft | None:
    """A rule of practice: "If <condition>, <subject> should <do X>" -> "If <condition>, what
    should <subject> <do>?"; "When <condition>, <subject> <does X>" -> "..., what happens to
    <subject>?"; "<X> should be monitored during <Y>" -> "During <Y>, who/what should be monitored?"."""
    m = _SHOULD_BE.match(text)
    if m and not _CONDITION.match(text):
        what, who = m.group("what"), m.group("who")
        if re.match(r"^(?:Due to|Because|Given|Owing to)\b", what) and ", " in what:
            what = what.split(", ", 1)[1]  # "Due to its teratogenic capacity, contraception should be used ..."
        if "," in what:
            return None
        if len(what.split()) <= 10 and clean_prompt_part(who) and not re.search(r"\b(?:it|they)\b", what, re.I):
            wh = "who" if _PEOPLE.match(what) else "what"
            prompt = f"{who[0].upper()}{who[1:]}, {wh} {m.group('modal')} be {m.group('verb')}?"
            answer = short_phrase(what, 10)
            return _ask(s, "action", prompt, answer)
        return None
    m = _CONDITION.match(text)
    if m is None:
        return None
    cond = f"{m.group('word')} {m.group('cond')}"
    if not clean_prompt_part(m.group("cond")) and not re.search(r"\bthey\b", m.group("main")[:12]):
        return None
    if clean_prompt_part(m.group("cond")) is None:
        return None
    main = m.group("main")
    should = _SHOULD.match(main)
    if should:
        subject = should.group("subject")
        if not (names_something(subject) or re.match(r"^(?:they|patients|the dose|treatment)\b", subject, re.I)):
            return None
        verb = should.group("verb")
        prompt = f"{cond}, what {should.group('modal')} {lower_first(subject)} {verb}?"
        return _ask(s, "action", prompt, short_phrase(should.group("rest")))
    trail = _EFFECT_TRAIL.match(main)
    if trail and trail.group("cue") in ("resulting in", "leading to", "causing"):
        return _ask(s, "action", f"{cond}, what is the result?", short_phrase(trail.group("effect")),
                    explanation=f"{main[0].upper()}{main[1:]}.")
    effect = _effect_parts(main)
    if effect is not None:
        return _ask(s, "action", f"{cond}, {effect[0]}", effect[1])
    subject = _subject_of(main)
    if subject is None or m.group("word") not in ("If", "When"):
        return None
    rest = main[len(subject):].strip()
    answer = short_phrase(rest, 10)
    if answer is None or rest.split()[0].lower() in AUX:
        return None
    return _ask(s, "action", f"{cond}, what happens to {lower_first(subject)}?", answer)


_THRESHOLD = re.compile(
    r"(?P<np>\b(?:[Aa]n?|[Tt]he) (?:[\w\-]+ ){0,3}?(?:level|levels|concentration|concentrations|value|values|count|dose))"
    r"(?: that (?:is|are)| (?:is|are))? too (?P<dir>high|low)(?: or too (?:high|low))?,? "
    r"(?P<verb>suggests?|indicates?|means?|signals?|calls? for|requires?|is a (?:clear )?signal to|warrants?) "
    r"(?P<action>[^,;]+)")


def _thresholds(s: Sentence, text: str) -> list[Draft]:
    """ "An estradiol level that is too high suggests the dose may need to be increased, while a
    level that is too low is a clear signal to reduce or pause the medication" -> one card per
    direction: "What does an estradiol level that is too low signal?" -> "Reduce or pause the
    medication". A bare "a level" borrows the noun of the first ("an estradiol level")."""
    out, named = [], None
    for m in _THRESHOLD.finditer(text):
        np = m.group("np")
        if len(np.split()) > 2:
            named = np.split(" ", 1)[1]
        elif named and np.split()[-1] in named:
            np = ("an " if named[:1].lower() in "aeiou" else "a ") + named
        else:
            continue
        verb = m.group("verb")
        ask = "signal" if "signal" in verb else re.sub(r"s$", "", verb.split()[0])
        prompt = f"What does {lower_first(np)} that is too {m.group('dir')} {ask}?"
        d = _ask(s, "action", prompt, short_phrase(re.sub(r"^(?:to|that)\s+", "", m.group("action"))))
        if d is not None:
            out.append(d)
    return out


_USE = re.compile(
    r"^(?P<subject>[A-Z][\w\-]+)(?:, [^,]{3,80},)? (?P<aux>is|are) (?:an? [^,]{3,60}? (?:(?:that|which) (?:is|are) )?)?"
    r"(?:(?:also |mainly |primarily |commonly |often |widely |specifically |typically )?(?:used|indicated) |"
    r"(?<= )(?=for the (?:maintenance )?treatment of))"  # "is a medication for the treatment of ..."
    r"(?P<to>for the maintenance treatment of|to (?:prevent and treat|treat and prevent|treat|prevent|manage|reduce|induce|lower|raise|increase|decrease|"
    r"control|block|suppress|counteract|mitigate)|(?:in|for) the (?:treatment and prevention|prevention and treatment|"
    r"treatment|prevention) of) (?P<what>.+?)\.?$")
_USE_VERB = {"treatment and prevention": "to treat and prevent", "prevention and treatment": "to prevent and treat",
             "treatment": "to treat", "prevention": "to prevent"}


def _use(s: Sentence, text: str) -> Draft | None:
    """ "Tamoxifen is used to prevent and treat gynecomastia" -> "What is tamoxifen used to prevent
    and treat?" -> "Gynecomastia" (its indication, in the article's words)."""
    m = _USE.match(text)
    if m is None or not names_something(m.group("subject")):
        return None
    if ";" in m.group("what"):
        return None  # several indications: the first alone is not the answer
    what = short_phrase(re.sub(r"^(?:people|patients|adults|women|men) with ", "", m.group("what")), 10)
    if what is None:
        return None
    to = m.group("to")
    if to == "for the maintenance treatment of":
        return _ask(s, "why", f"As maintenance treatment, what {m.group('aux')} {lower_first(m.group('subject'))} "
                              f"used for?", what)
    if not to.startswith("to "):  # "in the treatment of" -> "to treat"
        to = _USE_VERB[re.sub(r"^(?:in|for) the | of$", "", to)]
    prompt = f"What {m.group('aux')} {lower_first(m.group('subject'))} used {to}?"
    return _ask(s, "why", prompt, what)


_CONTRA = re.compile(r"^(?P<subject>.+?) (?:is|are) (?:absolutely |relatively )?contraindicated (?P<where>(?:in|during|for|with) .+?)\.?$")


def _contraindication(s: Sentence, text: str) -> Draft | None:
    """ "Enzalutamide is contraindicated in women during pregnancy" -> "When is enzalutamide
    contraindicated?" -> "In women during pregnancy"."""
    m = _CONTRA.match(text)
    if m is None or not names_something(m.group("subject")) or clean_prompt_part(m.group("subject"), 1) is None:
        return None
    where = short_phrase(m.group("where"))
    wh = "In whom" if where and _PEOPLE.match(where.split(" ", 1)[-1]) else "When"
    return _ask(s, "action", f"{wh} is {lower_first(m.group('subject'))} contraindicated?", where)
