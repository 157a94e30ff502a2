"""Stage 4, a why card whose reason the article points to rather than gives after "because":

- "..., which is a reason X is ...": "With time, risk of endometrial cancer may be doubled to
  quadrupled, which is a reason tamoxifen is typically only used for five years" -> "Why is
  tamoxifen typically only used for five years?" -> "Risk of endometrial cancer may be doubled to
  quadrupled with time";
- "X can therefore lead to Y" closing a paragraph that opens with what X does to a thing "essential
  for" something: "Trastuzumab downregulates neuregulin-1 (NRG-1), which is essential for ... the
  maintenance of cardiac function. ... Trastuzumab can therefore lead to cardiac dysfunction." ->
  "Why can trastuzumab lead to cardiac dysfunction?" -> "It downregulates neuregulin-1 (NRG-1),
  essential for the maintenance of cardiac function";
- "This is (thought to be) due to ..." after the sentence it explains: "Tamoxifen may be effective
  in the treatment of mania ... This is thought to be due to blockade of protein kinase C (PKC), an
  enzyme that ..." -> "Why may tamoxifen be effective in the treatment of mania ...?" -> "Blockade
  of protein kinase C"; a share of patients in the effect is no part of the question ("Seizures
  have occurred in approximately 1% of patients treated with X" -> "Why have seizures occurred in
  patients treated with X?");
- "<X> have a unique vulnerability, as <reason>": "BRCA1/2 mutations may be genetically predisposed
  to ... some forms of cancer. However, these cancers sometimes have a unique vulnerability, as the
  cancer cells have increased reliance on PARP to repair their DNA ..." -> "What unique
  vulnerability can cancers with BRCA1/2 mutations have?" -> "Increased reliance on PARP to repair
  their DNA" ("these cancers" named by the mutations the sentence before names);
- "As a result, it is thought that <interactions> are unlikely" after "X is thought to have negligible
  ... effects on the ... enzymes": why they are unlikely;
- "Therefore, <a practice> is a critical component of <care>" after the sentence that says why;
- "Individuals without it will become ..., as <reason>" after a sentence on the article's subject;
- "This is why <practice> is ..." after the sentence that says why (its main clause, or its cause and
  what it leads to).
"""

from __future__ import annotations

import re

from .cards import Draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, drop_asides, lower_first, names_something, resolved_text, short_phrase, upper_first
from .teacher_why import ask, inverted, subject_of

_A_REASON = re.compile(r"^(?P<cause>.+?), which is (?:a|one|the|the main|a major) reason (?:why |that )?"
                       r"(?P<who>[A-Z]?[a-z][\w\-]+) (?P<aux>is|are|was|were) (?P<rest>[^,]{4,60}?)\.?$")
_SETTING = re.compile(r"^(?P<when>(?:With|Over) time|In the long term|Over the years), (?P<rest>.+)$")
_THEREFORE = re.compile(r"^(?P<drug>[A-Z][\w\-]+) (?P<aux>can|may) therefore (?P<verb>lead to|cause|result in) "
                        r"(?P<what>[^,]{4,50}?)\.?$")
_ESSENTIAL = r"^{drug} (?P<verb>[a-z]+s) (?P<thing>[^,]{{3,50}}), which (?:is|are) (?:essential|crucial|needed|required) " \
             r"for (?P<purpose>[^,]+?)\.?$"
MAX_PREMISE_DISTANCE = 3  # the premise opens the paragraph, a few sentences before its conclusion


def _a_reason(s: Sentence, text: str) -> Draft | None:
    m = _A_REASON.match(text)
    if m is None or not names_something(m.group("who")):
        return None
    cause = m.group("cause")
    setting = _SETTING.match(cause)
    if setting:  # "With time, risk ... may be doubled": the setting goes after what it qualifies
        cause = f"{setting.group('rest')} {lower_first(setting.group('when'))}"
    answer = short_phrase(cause, 12)
    if answer is None or answer != upper_first(cause.strip(" ,")):
        return None  # cut short: the reason would be half told
    return ask(s, "why", f"Why {m.group('aux')} {lower_first(m.group('who'))} {m.group('rest')}?", answer)


def _therefore(s: Sentence, text: str) -> Draft | None:
    m = _THEREFORE.match(text)
    if m is None:
        return None
    premise, hops = s.previous, 1
    while premise is not None and premise.previous is not None and hops < MAX_PREMISE_DISTANCE:
        premise, hops = premise.previous, hops + 1
    if premise is None or premise.previous is not None or premise.lost is not None:
        return None  # the paragraph's opening sentence only, and only a few sentences back
    p = re.match(_ESSENTIAL.format(drug=re.escape(m.group("drug"))), premise.text)
    if p is None:
        return None
    purpose = re.split(r"\s+and\s+(?=the\s)", p.group("purpose"))[-1]  # "... and the maintenance of cardiac function"
    answer = f"It {p.group('verb')} {p.group('thing')}, essential for {purpose}"
    if len(answer.split()) > 12:
        return None
    prompt = f"Why {m.group('aux')} {lower_first(m.group('drug'))} {m.group('verb')} {m.group('what')}?"
    return ask(s, "why", prompt, answer, explanation=premise.text)


_THIS_IS_DUE = re.compile(r"^(?:This|These effects?|This effect) (?:is|are) (?:(?:thought|believed|considered) to be )?"
                          r"(?:due to|caused by|the result of|a result of) (?P<cause>.+?)\.?$")
_SHARE_OF = re.compile(r"\bin (?:approximately |about |around |up to |some )?\d[\d.]*(?:[–-]\d[\d.]*)?% of ")
# "exerting off-target binding to and inhibition of the GABAA receptor": the second noun says it all
_BINDING_AND = re.compile(r"\b(?:exerting |causing )?(?P<how>off-target |direct |selective )?binding to and "
                          r"(?P<act>inhibition|activation|antagonism|blockade) of\b")
_LOCATED = re.compile(r"\s+in the (?:central nervous system|brain|body)$")


def _this_is_due(s: Sentence, text: str) -> Draft | None:
    m = _THIS_IS_DUE.match(s.text)
    explained = s.previous
    if m is None or explained is None or explained.lost is not None:
        return None
    effect = resolved_text(explained)
    if effect is None or _THIS_IS_DUE.match(effect):
        return None
    effect = _SHARE_OF.sub("in ", effect.rstrip(". "))
    if subject_of(effect) is None:
        return None
    cause = drop_asides(m.group("cause"))
    named = re.match(r"^([A-Za-z][\w\-]+) (?=\w+ing\b)", cause)
    if named and re.search(rf"\b{re.escape(named.group(1))}\b", effect, re.I):
        cause = cause[named.end():]  # "due to X crossing ...": the question names X already
    cause = _BINDING_AND.sub(lambda b: f"{b.group('how') or ''}{b.group('act')} of", cause)
    cause = _LOCATED.sub("", re.split(r",\s+(?:an?|the) ", cause)[0])  # ", an enzyme that ...": an aside
    answer = short_phrase(cause, 12)
    if answer is None or answer != upper_first(cause.strip(" ,")):
        return None  # cut short: the reason would be half told
    return ask(s, "why", inverted(effect, "Why"), answer)


_VULNERABLE = re.compile(
    r"^(?P<who>(?:These|Such|[A-Z][\w\-/]*) [\w\-]+(?: (?!sometimes|often|may)[\w\-]+)?) (?P<how>sometimes |often |may )?(?:have|has) an? "
    r"(?P<adj>(?:unique|particular|specific|special) )?(?P<noun>vulnerability|weakness), (?:as|because|since) "
    r"(?P<reason>.+?)\.?$")
_CELLS_HAVE = re.compile(r"^(?:the |their |these )?(?:[\w\-]+ )?cells (?:have|show|display) ")
_MUTATED = re.compile(r"\b(?P<marker>[A-Z][A-Z0-9]*\d[\w/\-]*|[A-Z]{3,}[\w/\-]*) mutations\b")


def _vulnerability(s: Sentence, text: str) -> Draft | None:
    m = _VULNERABLE.match(text)
    if m is None:
        return None
    who = m.group("who")
    if who.split()[0] in ("These", "Such"):  # "these cancers": the ones the sentence before names by a mutation
        before = s.previous or s.before
        named = _MUTATED.search(before.text) if before is not None and before.lost is None else None
        if named is None:
            return None
        who = f"{who.split()[-1]} with {named.group('marker')} mutations"
    elif not names_something(who.split()[0]):
        return None
    reason = _CELLS_HAVE.sub("", m.group("reason"))
    reason = re.split(r"\s+and (?:enables?|allows?|helps?|lets?) them\b", reason)[0]  # what the repair is for: a tail
    answer = short_phrase(reason, 12)
    if answer is None or answer != upper_first(reason.strip(" ,")):
        return None  # cut short: the reason would be half told
    aux = "can" if m.group("how") else "do"  # "sometimes have": not every such cancer
    return ask(s, "why", f"What {m.group('adj') or ''}{m.group('noun')} {aux} {who} have?", answer)


# "As a result, it is thought that drug interactions of X with cytochrome P450 substrates are unlikely."
_AS_A_RESULT = re.compile(r"^As a result, it is (?P<how>thought|believed|considered|expected) that (?P<what>[a-z][^,;]{8,80}?) "
                          r"(?P<aux>are|is) (?P<state>unlikely|rare|uncommon|minimal|negligible)\.?$")
# "X is thought to have clinically negligible inhibitory effects on the cytochrome P450 enzymes CYP1A2, ..."
_PREMISE_HAS = re.compile(r"^(?P<drug>[A-Z][\w\-]+) is (?:thought|believed|considered|known) to have (?P<what>(?:clinically )?"
                          r"(?:negligible|minimal|little|no|weak) [a-z][\w\- ]{3,40}? on the [\w\- ]{3,40}? enzymes)"
                          r"(?: [A-Z][\w, ]*)?\.?$")


def _as_a_result(s: Sentence, text: str) -> Draft | None:
    """ "X is thought to have clinically negligible inhibitory effects on the cytochrome P450 enzymes
    CYP1A2, ... As a result, it is thought that drug interactions of X with cytochrome P450 substrates are
    unlikely." -> "Why are drug interactions of X with cytochrome P450 substrates thought to be unlikely?"
    -> "It has clinically negligible inhibitory effects on the cytochrome P450 enzymes" (the enzymes it
    lists in the explanation; the twelfth reading listed the few interactions among what no card asked)."""
    m = _AS_A_RESULT.match(s.text)
    premise = s.previous
    p = _PREMISE_HAS.match(premise.text) if m is not None and premise is not None and premise.lost is None else None
    if p is None or not re.search(rf"\b{re.escape(p.group('drug'))}\b", m.group("what"), re.I):
        return None
    prompt = f"Why {m.group('aux')} {m.group('what')} {m.group('how')} to be {m.group('state')}?"
    return ask(s, "why", prompt, f"It has {p.group('what')}", explanation=premise.text)


_THEREFORE_PART = re.compile(r"^(?:Therefore|Thus|Hence|For this reason), (?P<what>the [a-z][\w\- ]{3,40}?) (?P<aux>is|are) "
                             r"(?P<part>an? (?:critical|essential|key|vital|crucial|important) (?:component|part) of "
                             r"(?P<of>.{8,90}?))\.?$")
_PREMISE_MAIN = re.compile(r"^(?P<main>[A-Z][^,;:()]{10,100}?)(?:,\s*(?:[a-z]+ing|which|as|while)\b.*)?\.?$")


def _therefore_a_part(s: Sentence, text: str) -> Draft | None:
    """"Over-suppression of estradiol can lead to unfavorable changes in lipids, mirroring the effects seen
    in women. Therefore, the monitoring of lipid panels is a critical component of the management protocol
    for men on TRT ..." -> "Why is the monitoring of lipid panels a critical component of ...?" ->
    "Over-suppression of estradiol can lead to unfavorable changes in lipids" (the sentence before's main
    clause; its participle aside goes). No card when the sentence before opens with a pronoun or its
    main clause is too long to recall."""
    m = _THEREFORE_PART.match(s.text)  # (the resolved text has lost its "Therefore,")
    premise = s.previous
    if m is None or premise is None or premise.lost is not None or not premise.standalone:
        return None
    p = _PREMISE_MAIN.match(premise.text)
    if p is None or len(p.group("main").split()) > 12:
        return None
    prompt = f"Why {m.group('aux')} {m.group('what')} {m.group('part')}?"
    return ask(s, "why", prompt, p.group("main").strip(), explanation=premise.text)


_WITHOUT_IT = re.compile(r"^(?P<who>Individuals|People|Patients|Women|Men|Children|Those) without (?P<it>it|them)"
                         r"(?: \((?P<aside>or other [a-z][\w\- ]{2,30})\))? will (?P<verb>become|develop|have|be) "
                         r"(?P<state>[a-z][^,;]{2,50}), as (?P<reason>[a-z][^,;]{8,80}?)\.?$")


def _without_it(s: Sentence, text: str) -> Draft | None:
    """"Estradiol has a profound effect on bone. Individuals without it (or other estrogens) will become
    tall and eunuchoid, as epiphyseal closure is delayed or may not take place." -> "Why do individuals
    without estradiol or other estrogens become tall and eunuchoid?" -> "Epiphyseal closure is delayed or
    may not take place" (the "it" is the article's subject, which opens the sentence before)."""
    m = _WITHOUT_IT.match(s.text)
    before = s.previous
    if m is None or before is None or not DOCUMENT_DRUG or \
            not before.text.lower().startswith(f"{DOCUMENT_DRUG[0].lower()} "):
        return None
    name = lower_first(DOCUMENT_DRUG[0])
    whom = f"{name} {m.group('aside')}" if m.group("aside") else name
    verb = {"be": "become"}.get(m.group("verb"), m.group("verb"))
    prompt = f"Why do {m.group('who').lower()} without {whom} {verb} {m.group('state')}?"
    return ask(s, "why", prompt, upper_first(m.group("reason")))


_THIS_IS_WHY = re.compile(r"^(?:This|That) is (?:precisely |exactly |partly )?why (?P<subject>[a-z][^,;]{3,80}?) "
                          r"(?P<aux>is|are|was|were|can|may|should|must) (?P<rest>[^,;]{3,60}?)\.?$")
# "X can induce the same effects on bone seen in women, leading to an increased fracture risk": what it leads to
_LEADING_TO = re.compile(r"^(?P<cause>[A-Z][^,;:()]{3,60}?) (?P<aux>can|may|could|will) (?:induce|cause|produce|bring about|"
                         r"have) [^,;:()]{3,80}, (?:leading|resulting) (?:to|in) (?P<result>[^,;:()]{3,50}?)\.?$")


def _this_is_why(s: Sentence, text: str) -> Draft | None:
    """"Over-suppression of estradiol in men can induce the same deleterious effects on bone seen in women,
    leading to an increased fracture risk. This is why indiscriminate or excessive use of aromatase
    inhibitors in men is clinically inappropriate." -> "Why is indiscriminate or excessive use of aromatase
    inhibitors in men clinically inappropriate?" -> "Over-suppression of estradiol can lead to an increased
    fracture risk": the sentence before's main clause when short, else its cause and what it leads to
    (the setting the question names goes from the answer), both sentences quoted. No card when
    the sentence before opens with a pronoun or says neither shortly."""
    m = _THIS_IS_WHY.match(s.text)
    premise = s.previous
    if m is None or premise is None or premise.lost is not None or not premise.standalone:
        return None
    main = _PREMISE_MAIN.match(premise.text)
    led = _LEADING_TO.match(premise.text)
    if main is not None and len(main.group("main").split()) <= 12:
        answer = main.group("main").strip()
    elif led is not None:
        cause = led.group("cause")
        setting = re.search(r" (?P<who>in (?:men|women|children|adults|patients)\b[\w\- ]*)$", cause)
        if setting and setting.group("who") in m.group("subject"):
            cause = cause[:setting.start()]
        answer = f"{cause} {led.group('aux')} lead to {led.group('result')}"
    else:
        return None
    if len(answer.split()) > 12:
        return None
    prompt = f"Why {m.group('aux')} {m.group('subject')} {m.group('rest')}?"
    d = ask(s, "why", prompt, answer)
    if d is not None:
        d.quote = f"{premise.text} {s.text}"  # the reason and what it explains, verbatim, one paragraph
    return d


def stated_reasons(s: Sentence, text: str | None) -> Draft | None:
    """The why card of a reason the article points to (see the module docstring), or ``None``."""
    if text is None:
        return None
    return _a_reason(s, text) or _therefore(s, text) or _this_is_due(s, text) or _vulnerability(s, text) or \
        _as_a_result(s, text) or _therefore_a_part(s, text) or _without_it(s, text) or _this_is_why(s, text)
