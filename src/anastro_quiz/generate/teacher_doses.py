"""Stage 4, how much of the drug a use gets: the dose a teacher asks first, wherever the article
writes it.

- a list item under a lead that names the drug's uses ("Bicalutamide is approved for ... the
  following indications:" then "- Locally advanced prostate cancer (LAPC) in men as a
  monotherapy at 150 mg/day") -> "At what dosage is bicalutamide used for locally advanced
  prostate cancer in men as a monotherapy?" -> "150 mg/day";
- a sentence that says the drug is used at a dose ("In men with advanced disease, X is used at
  a dosage of 80 mg/day ...", "Anastrozole is used at a dosage of 0.5 to 1 mg/day in
  combination with ... in the treatment of ..."), or what its recommended dose is ("The
  recommended dose of X for Y is 40 mg once daily" -> "What is the recommended dose of X for Y?"),
  or the least dose that does the most ("As such, 1 mg/day is considered to be the minimal dosage
  required to achieve maximal suppression of aromatase with anastrozole" -> "What is the minimal
  dosage of anastrozole that achieves maximal suppression of aromatase?", the figures it rests on
  from the sentence before in the explanation).

A dose is a regimen only with its rate ("/day", "twice daily", "every other day"): "50 mg
tablets" is a form. A bound ("up to 600 mg/day", "doses above"), a dose that conditions a
finding ("at a dosage of 160 mg/day has been found to increase ..."), a dose in brackets, or
a use too long to read at a glance gives no card, nor does a list of off-label or unproven
uses (niche regimens, which readers of the corpus did not ask for), nor a use in children in an
article whose lead is about adults, nor one country's regimen ("In Japan, ..."). The same dose told twice for one use (in Medical uses and again in Availability) is
asked once.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .prompt_signals import one_place
from .teacher_clauses import DOCUMENT_DRUG, lower_first, names_drug, question, upper_first

_AMOUNT = r"\d+(?:\.\d+)?"
_UNIT = r"(?:mg|µg|mcg|g)"
_RATE = (r"(?:(?:once|twice|three times|four times) (?:daily|a day|per day|weekly|a week|per week)|daily|weekly|"
         r"per day|per week|a day|a week|every (?:other day|day|week|\d+ (?:hours|days|weeks)))")
_ROUTE = r"(?:orally|by mouth|intravenously|subcutaneously|intramuscularly)"
_ONE = rf"{_AMOUNT}(?:\s?{_UNIT})?(?:\s?(?:-|–|to)\s?{_AMOUNT})?\s?{_UNIT}(?:/(?:day|d|week|wk|m2|m²|kg))?"
# "50 mg/day", "12.5 to 100 mg/day", "300 mg orally twice daily", "50 mg per week to 50 mg every other day"
DOSE = rf"{_ONE}(?:\s+{_ROUTE})?(?:\s+{_RATE})?(?:\s+to\s+{_ONE}(?:\s+{_RATE})?)?"
_HAS_RATE = re.compile(rf"/(?:day|d|week|wk)\b|\b{_RATE}\b")
_ROUTE_WORDS = re.compile(rf"\s+{_ROUTE}\b")

# What makes a dose a bound, a condition of a finding or a detail, not the dose a use gets.
_NOT_A_REGIMEN = re.compile(r"\b(?:up to|above|below|or less|or more|higher|lower|as high as|overdose|tolerated|linear|"
                            r"saturat\w*|no evidence|no indication|found to|shown to|inhibition of|e\.g\.)\b", re.I)
_ADVERB = r"(?:(?:usually|typically|generally|often|commonly|normally|uniquely|mainly|primarily) )?"
# "<use> at 50 mg/day" (a list item: the use has no verb), with what it is combined with after it
_ITEM = re.compile(rf"^(?P<use>[A-Z][^:;]*?),? {_ADVERB}at (?:a (?:dose|dosage) of )?(?P<dose>{DOSE})(?P<tail>\s.*)?$")
_COMBINED = re.compile(r"^\s+(?:(?:usually|generally|typically|often) )?(?P<with>(?:in combination|together|combined) "
                       r"with [^,;()]+?)(?=\s*[,;(]|\s+(?:especially|particularly|for instance|e\.g\.)\b|$)")
# "In Japan, bicalutamide is uniquely used at a dosage of 80 mg/day both ... in the treatment of prostate cancer."
_SENTENCE = re.compile(rf"^(?P<ctx>(?:In|For|Among) [^,]{{2,60}}, )?(?P<drug>[A-Za-z][\w\-]+) (?:is|are) {_ADVERB}"
                       rf"(?P<verb>used|given|taken|prescribed|licensed|administered|dosed) at (?:a (?:dose|dosage) of )?"
                       rf"(?P<dose>{DOSE})(?P<rest>\s[^;]*?)?[.;]?$")
# "The recommended dose of zorbicin for prostate cancer is 40 mg once daily."
_DOSE_IS = re.compile(rf"^(?:The )?(?P<which>usual|recommended|standard|typical|approved) (?:adult )?(?P<noun>dose|dosage) "
                      rf"of (?P<drug>[A-Za-z][\w\-]+)(?P<use> (?:for|in) [^,;]{{3,80}}?)? (?:is|was) (?:usually |typically )?"
                      rf"(?P<dose>{DOSE})(?: for (?P<duration>[^,;]{{3,30}}))?\.?$")
_MINIMAL = re.compile(rf"^(?:As such, |Thus, |Therefore, )?(?P<dose>{DOSE}) (?:is|was) (?:considered|thought|believed) "
                      rf"(?:to be )?the (?:minimal|minimum|lowest) (?P<noun>dose|dosage) (?:required|needed|necessary) "
                      rf"to (?:achieve|produce|give) (?P<what>(?:maximal|maximum|near-maximal) [^,;]{{3,60}}?) "
                      rf"with (?P<drug>[A-Za-z][\w\-]+)\.?$")
_REST_END = re.compile(r",\s*(?:for instance|for example|such as|especially|particularly|e\.g\.|including|which|"
                       r"with|and)\b.*$")
# The lead of a list of uses: "X is approved for and mainly used in the following indications:"
_USES_LEAD = re.compile(r"\b(?:used|approved|employed|indicated|prescribed)\b[^:]*\b(?:following|these)\b", re.I)
_OFF_LABEL = re.compile(r"\b(?:off-label|non-approved|unapproved|suggested|investigational|experimental)\b", re.I)
MAX_USE_WORDS = 22
SAME_USE = 80  # rapidfuzz token-set ratio of two dose questions of one dose that ask about the same use


def dose_drafts(doc) -> list[Draft]:
    """Every dose card the document supports, in document order, one per dose of the drug."""
    if not DOCUMENT_DRUG:
        return []
    drug = DOCUMENT_DRUG[0]
    items = {b.body for b in doc.blocks if b.kind == "item"}
    out: list[Draft] = []
    asked: list[tuple[str, str]] = []
    lead: Sentence | None = None  # the paragraph sentence a list hangs from
    for s in doc.sentences:
        is_item = s.text in items and s.before is None
        if not is_item:
            lead = s
        if s.lost is not None or not 6 <= len(s.text.split()) <= 80:
            continue
        if is_item:
            found = _item_dose(s, drug, lead)
        elif _IN_CHILDREN.search(s.text) and not _IN_CHILDREN.search(_lead_text(doc)):
            # a dose for a use in boys, girls or children, in an article on a drug for adults: a niche
            # regimen (the twelfth reading: "low-yield paediatric dose range"), as under an off-label lead
            found = None
        else:
            found = _sentence_dose(s, drug)
        if found is None:
            continue
        prompt, dose = found
        if any(dose == given and fuzz.token_set_ratio(prompt, other) >= SAME_USE for given, other in asked):
            continue
        d = _typed(s, prompt, dose)
        if d is not None and _MINIMAL.match(s.text) and s.previous is not None and s.previous.lost is None:
            d.data["explanation"] = s.previous.text  # "... 96.7% to 97.3% inhibition ... at 1 mg/day and 98.1% ... at 10 mg/day"
        if d is not None:
            asked.append((dose, prompt))
            out.append(d)
    return out


_IN_CHILDREN = re.compile(r"\b(?:in (?:boys|girls|children|infants|adolescents)|p(?:a)?ediatric)\b", re.I)


def _lead_text(doc) -> str:
    first = next((s for s in doc.sentences if s.usable), None)
    return first.text if first is not None else ""


def _item_dose(s: Sentence, drug: str, lead: Sentence | None) -> tuple[str, str] | None:
    """"Metastatic prostate cancer (mPC) in men in combination with a gonadotropin-releasing hormone
    (GnRH) analogue or surgical castration at 50 mg/day" under "Bicalutamide is approved for ...
    the following indications:" -> ("At what dosage is bicalutamide used for metastatic prostate
    cancer in men in combination with a gonadotropin-releasing hormone analogue or surgical
    castration?", "50 mg/day"). Not under a lead of off-label or unproven uses."""
    if lead is None or not names_drug(lead.text, drug) or not _USES_LEAD.search(lead.text):
        return None
    if _OFF_LABEL.search(lead.text):
        return None  # a niche use's dose ("in boys at 12.5 to 100 mg/day"): not what a student is examined on
    m = _ITEM.match(s.text)
    if m is None or not _HAS_RATE.search(m.group("dose")) or _NOT_A_REGIMEN.search(m.group("use")):
        return None
    use = m.group("use").strip()
    if re.search(r"\b(?:is|are|was|were|has|have|can|may)\b", use):
        return None  # a clause, not the name of a use
    combined = _COMBINED.match(m.group("tail") or "")
    if combined and combined.group("with") not in use:
        use += " " + combined.group("with")
    if len(re.sub(r"\([^()]*\)", "", use).split()) > MAX_USE_WORDS:
        return None
    return f"At what dosage is {drug} used for {lower_first(use)}?", _dose(m.group("dose"))


def _sentence_dose(s: Sentence, drug: str) -> tuple[str, str] | None:
    m = _DOSE_IS.match(s.text)
    if m is not None and m.group("drug").lower() == drug.lower() and _HAS_RATE.search(m.group("dose")):
        return f"What is the {m.group('which')} {m.group('noun')} of {drug}{m.group('use') or ''}?", _dose(m.group("dose"))
    m = _MINIMAL.match(s.text)
    if m is not None and m.group("drug").lower() == drug.lower() and _HAS_RATE.search(m.group("dose")):
        return f"What is the minimal {m.group('noun')} of {drug} that achieves {m.group('what')}?", _dose(m.group("dose"))
    m = _SENTENCE.match(s.text)
    if m is None or m.group("drug").lower() != drug.lower() or not _HAS_RATE.search(m.group("dose")):
        return None
    rest = _REST_END.sub("", (m.group("rest") or "").strip().rstrip("."))
    if _NOT_A_REGIMEN.search(rest) or len(rest.split()) > MAX_USE_WORDS:
        return None
    ctx = m.group("ctx") or ""
    if one_place(ctx):
        return None  # one country's regimen ("In Japan, ... 80 mg/day"): a regional detail, read WEAK
    prompt = f"{ctx}at what dosage is {drug} {m.group('verb')} {rest}".strip() + "?"
    return upper_first(prompt), _dose(m.group("dose"))


def _dose(text: str) -> str:
    """The dose as a student writes it: "300 mg orally twice daily" -> "300 mg twice daily" (the route
    is not the question)."""
    return re.sub(r"\s+", " ", _ROUTE_WORDS.sub("", text)).strip()


def _typed(s: Sentence, prompt: str, dose: str) -> Draft | None:
    prompt = question(prompt)
    if prompt is None or contains_answer(prompt, dose):
        return None
    return make_draft("number", "typed", {"prompt": prompt, "answer": dose}, s, prompt)


_FORMS = r"(?:tablets|capsules|oral solution|oral suspension|injection|patch(?:es)?|gel|implant)"


def form_doses(doc) -> list[Draft]:
    """"... to receive X tablets 300 mg orally twice daily or placebo." and, in the same section, "... to
    receive X capsules 400 mg orally twice daily or placebo." -> "X: compare the dose of the tablets and
    of the capsules." -> "Tablets: 300 mg orally twice daily; capsules: 400 mg orally twice daily": two
    forms of the drug given at different doses are what makes them not interchangeable (the fourteenth
    and fifteenth readings). Only when exactly two forms are dosed in the section, each at one dose, the
    two differently; the first sentence on each quoted."""
    if not DOCUMENT_DRUG:
        return []
    dosed = re.compile(rf"\b{re.escape(DOCUMENT_DRUG[0])} (?P<form>{_FORMS}) (?P<dose>{_AMOUNT} ?{_UNIT}"
                       rf"(?: (?:orally|by mouth|subcutaneously|intravenously))? {_RATE})\b", re.I)
    by_section: dict[str, dict[str, list[tuple[Sentence, str]]]] = {}
    for s in doc.sentences:
        for m in dosed.finditer(s.text) if s.lost is None else ():
            by_section.setdefault(s.section, {}).setdefault(m.group("form").lower(), []).append((s, m.group("dose")))
    out = []
    for forms in by_section.values():
        if len(forms) != 2 or any(len({dose.lower() for _, dose in v}) != 1 for v in forms.values()):
            continue  # (a form given at two doses has no one dose to recall)
        (a, [(sa, da), *_]), (b, [(sb, db), *_]) = forms.items()
        if da.lower() == db.lower() or sa is sb:
            continue
        prompt = question(f"{upper_first(DOCUMENT_DRUG[0])}: compare the dose of the {a} and of the {b}.")
        if prompt is None:
            continue
        d = make_draft("compare", "basic", {"prompt": prompt, "answer": f"{upper_first(a)}: {da}; {b}: {db}"}, sa, prompt)
        d.quote = f"{sa.text.rstrip('.')}; {sb.text}"  # (each sentence verbatim, as a table row is quoted cell by cell)
        out.append(d)
    return out
