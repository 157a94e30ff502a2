"""Stage 4, a trial's result as the pair of figures it compares: the drug's arm against its
comparator in one card, as a teacher asks it ("16.4 months vs 9.3 months"), where a
sentence-by-sentence cloze blanks one figure and shows the other.

The sentence shape, read only when the figures, what was measured and what the drug was
compared with are all in the sentence: "<context>, <measure> was A [on average], as compared to B
under <comparator>" (also "relative to", "versus", "vs") -> "<context>, what was <measure>,
compared with <comparator>?" -> "A vs B". ("improved overall survival from A to B" needs no card
of its own: the range is one figure, which the figure cloze already asks whole.)

Without such a context the sentence must name the article's drug in what it measured ("Median
overall survival with zorbicin was 35.3 months, compared with 31.3 months with placebo"). The
context that opens the sentence ("In studies that compared fulvestrant plus abemaciclib to
fulvestrant plus placebo in breast cancer patients", "In the EPC clinical programme") stays in the
prompt: without it a trial's figure is nobody's. A sentence whose figures are not of one unit, or
whose comparator is a pronoun, gives no card; nor do two rates both of a few percent (an adverse
finding in 3.4% against 1.9% on placebo: the eleventh reading found the pair not worth recalling).

A trial's hazard ratio, which readers listed among what no card asked: "SOLO-2 demonstrated a
statistically significant improvement in ... progression-free survival (PFS) in patients randomized
to olaparib compared with those who received placebo, with a hazard ratio (HR) of 0.30" -> "In
SOLO-2, what was the hazard ratio for progression-free survival with olaparib vs placebo?" -> "0.30";
"In early-stage HER2-positive breast cancer, trastuzumab-containing regimens improved overall
survival (HR = 0.66) and disease-free survival (HR = 0.60)" -> both, in that order. Only a ratio
below 1 (a benefit the sentence says), with the trial or setting named.

An event's rate on the drug alone against the rate with other drugs taken with it: "... found that
after two years, 7.5% of women who took only tamoxifen had a recurrence, compared with 16% who took
either paroxetine, fluoxetine or sertraline, drugs considered to be the most potent CYP2D6
inhibitors" -> "After two years, what share of women taking tamoxifen alone had a recurrence,
compared with those who took the most potent CYP2D6 inhibitors?" -> "7.5% vs 16%". The other drugs
are named by what the sentence says they are, when it says so (another card may ask their names);
an interaction is what a study measures (:func:`.prompt_signals.drug_on_drug`).
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, question, upper_first

_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = r"(?:%|\s(?:months?|years?|weeks?|days?|patients|mg/dL|ng/mL|pg/mL))"
_QUALIFIER = r"(?:(?:approximately|about|around|roughly|nearly|a median of|an average of|a mean of|only)\s+)?"
_VERSUS = r"(?:,\s*|\s+)(?:as\s+)?(?:compared (?:to|with)|relative to|versus|vs\.?|against)"
# "<ctx>, <measure> was 16.4 months on average, as compared to 9.3 months under the placebo arm."
_PAIR = re.compile(
    rf"^(?:(?P<ctx>(?:In|Among|Across) [^,]{{4,140}}), )?(?P<measure>(?:[Tt]he )?[A-Za-z][\w\-]*(?: [\w\-]+){{0,9}}?) "
    rf"(?:was|were) {_QUALIFIER}(?P<a>{_NUMBER})(?P<unit_a>{_UNIT})(?P<avg> on average| in median)?"
    rf"{_VERSUS} {_QUALIFIER}(?P<b>{_NUMBER})(?P<unit_b>{_UNIT})? (?:under|for|with|in|on) "
    rf"(?P<comparator>(?:the )?[\w\-]+(?: [\w\-]+){{0,3}}?)\.?$")
# Both arms' rates under this (abnormal liver tests in 3.4% against 1.9% on placebo): what a student
# keeps is "slightly more often than placebo", not two small figures (readers: low-yield)
FEW_PERCENT = 10
_PRONOUN = re.compile(r"^(?:the )?(?:it|this|that|these|those|them|which)$", re.I)


def trial_drafts(doc) -> list[Draft]:
    """A card for each sentence that states a trial's two figures side by side."""
    out: list[Draft] = []
    compared: set[tuple[str, str]] = set()
    for s in doc.sentences:
        if s.lost is not None or not 8 <= len(s.text.split()) <= 60:
            continue
        hr = _IMPROVEMENT_HR.match(s.text)
        if hr is not None:
            # A second trial of the drug against the same comparator gives a sibling hazard ratio that
            # only the trial's name tells apart (the twelfth reading: Study 19's 0.35 beside SOLO-2's
            # 0.30, "easily confused"): the first told, the pivotal one, is asked.
            arms = (hr.group("drug").lower(), hr.group("comparator").lower())
            if arms in compared:
                continue
            compared.add(arms)
        d = _pair(s) or _hazard_ratio(s) or _improved_with_ratios(s) or _with_and_without(s) or _benefit_against(s)
        if d is not None:
            out.append(d)
    return out


_HR = r"(?:a |an )?(?:hazard ratio(?: \(HR\))?|HR) (?:of |= ?)(?P<hr>0\.\d+)"
_MEASURE = r"(?P<measure>[a-z][\w\-]*(?: [a-z][\w\-]*){0,3}?|[A-Z]{2,4})(?: \([A-Z]{2,4}\))?"
# "SOLO-2 demonstrated a statistically significant improvement in investigator-assessed PFS in patients ..."
_IMPROVEMENT_HR = re.compile(
    rf"^(?P<trial>[A-Z][\w\-]*(?: \d+)?)(?: \([^()]*\))? (?:demonstrated|showed) (?:a )?(?:statistically significant )?"
    rf"improvement in (?:investigator-assessed |independently assessed )?{_MEASURE} in patients (?:randomized to|"
    rf"treated with|receiving) (?P<drug>[\w\-]+),? (?:compared with those who received|compared with|vs\.?|versus) "
    rf"(?P<comparator>[\w\-]+),? with {_HR}(?![\d])")
_RATIO = r"\((?:[Hh]azard ratio \(HR\)|HR|hazard ratio) = (?P<{}>0\.\d+)\)"
# "In early-stage X, trastuzumab-containing regimens improved overall survival (HR = 0.66) and ... (HR = 0.60)."
_IMPROVED_WITH = re.compile(
    rf"^In (?P<ctx>[^,]{{4,80}}), (?P<agent>[\w\-]+(?: [\w\-]+){{0,2}}) improved (?P<m1>[a-z][\w\- ]+?) {_RATIO.format('h1')}"
    rf"(?: and (?P<m2>[a-z][\w\- ]+?) {_RATIO.format('h2')})?\.?$")


def _hazard_ratio(s: Sentence) -> Draft | None:
    m = _IMPROVEMENT_HR.match(s.text)
    if m is None or not DOCUMENT_DRUG or m.group("drug").lower() != DOCUMENT_DRUG[0].lower():
        return None
    prompt = (f"In {m.group('trial')}, what was the hazard ratio for {m.group('measure')} with {m.group('drug')} "
              f"vs {m.group('comparator')}?")
    hr = m.group("hr")
    return _typed(s, prompt, hr, [f"HR {hr}", f"HR = {hr}", hr.rstrip("0")])


def _improved_with_ratios(s: Sentence) -> Draft | None:
    m = _IMPROVED_WITH.match(s.text)
    if m is None or not DOCUMENT_DRUG or not re.search(rf"\b{re.escape(DOCUMENT_DRUG[0])}\b", m.group("agent"), re.I):
        return None  # whose regimens, unsaid
    if m.group("m2"):
        prompt = (f"In {m.group('ctx')}, what were the hazard ratios of {m.group('agent')} for {m.group('m1')} and "
                  f"for {m.group('m2')}?")
        answer = f"{m.group('h1')} and {m.group('h2')}"
        accept = [f"{m.group('h1')}, {m.group('h2')}", f"{m.group('h1').rstrip('0')} and {m.group('h2').rstrip('0')}"]
    else:
        prompt = f"In {m.group('ctx')}, what was the hazard ratio of {m.group('agent')} for {m.group('m1')}?"
        answer, accept = m.group("h1"), [f"HR {m.group('h1')}", m.group("h1").rstrip("0")]
    return _typed(s, prompt, answer, accept)


def _pair(s: Sentence) -> Draft | None:
    m = _PAIR.match(s.text)
    if m is None or _PRONOUN.match(m.group("comparator")):
        return None
    unit_a, unit_b = m.group("unit_a"), m.group("unit_b") or m.group("unit_a")
    if unit_a.strip() != unit_b.strip():
        return None
    if unit_a == "%" and float(m.group("a")) < FEW_PERCENT and float(m.group("b")) < FEW_PERCENT:
        return None  # "3.4% relative to 1.9% for placebo": a rate of a few percent in both arms
    measure = m.group("measure")
    if m.group("ctx") is None and not (DOCUMENT_DRUG and re.search(rf"\b{re.escape(DOCUMENT_DRUG[0])}\b", measure, re.I)):
        return None  # "Median survival was 35 vs 31 months with placebo": whose, in which trial, unsaid
    measure = measure[:1].lower() + measure[1:] if not re.match(r"^[A-Z]{2,}", measure) else measure
    if m.group("avg"):  # "was 16.4 months on average"
        measure = re.sub(r"^(?:the )?", "the average " if "average" in m.group("avg") else "the median ", measure, count=1)
    lead = f"{m.group('ctx')}, what" if m.group("ctx") else "What"
    prompt = f"{lead} was {measure}, compared with {m.group('comparator')}?"
    answer = f"{m.group('a')}{unit_a} vs {m.group('b')}{unit_b}"
    accept = [f"{m.group('a')} vs {m.group('b')}{unit_b}", f"{m.group('a')}{unit_a} versus {m.group('b')}{unit_b}",
              f"{m.group('a')} and {m.group('b')}{unit_b}"]
    return _typed(s, prompt, answer, accept)


def _typed(s: Sentence, prompt: str, answer: str, accept: list[str]) -> Draft | None:
    prompt = question(prompt)
    if prompt is None or contains_answer(prompt, answer):
        return None
    accept = sorted({a for a in accept if a != answer})
    return make_draft("number", "typed", {"prompt": upper_first(prompt), "answer": answer, "accept": accept}, s, prompt)


_WITH_AND_WITHOUT = re.compile(
    r"(?:^|\b(?:found|showed|reported) that )(?P<when>after [\w\- ]{3,20}), (?P<a>\d+(?:\.\d+)?)% of "
    r"(?P<who>women|men|patients|people) who took only (?P<drug>[\w\-]+) had (?:a |an )?(?P<event>[\w\- ]{3,30}?), "
    r"compared with (?P<b>\d+(?:\.\d+)?)% who took (?:either )?(?P<other>[\w\-]+(?:, [\w\-]+)* (?:or|and) [\w\-]+)"
    r"(?:, (?:drugs|agents|medications) (?:considered to be |known as |regarded as )?(?P<what>[^,.]{5,60}))?(?=[,.])")


def _with_and_without(s: Sentence) -> Draft | None:
    m = _WITH_AND_WITHOUT.search(s.text)
    if m is None or not DOCUMENT_DRUG or m.group("drug").lower() != DOCUMENT_DRUG[0].lower():
        return None
    prompt = (f"{upper_first(m.group('when'))}, what share of {m.group('who')} taking {m.group('drug')} alone had a "
              f"{m.group('event')}, compared with those who took {m.group('what') or m.group('other')}?")
    a, b = m.group("a"), m.group("b")
    return _typed(s, prompt, f"{a}% vs {b}%", [f"{a} vs {b}%", f"{a}% versus {b}%", f"{a} and {b}%"])


# "This approval was based on the OlympiAD randomised phase III trial, which showed a progression-free survival
# benefit for patients treated with olaparib compared to conventional chemotherapy."
_BENEFIT_AGAINST = re.compile(
    r"^(?:This|The) approval was based on the (?P<trial>[A-Z][\w\-]*\d*[\w\-]*)(?: [a-z][\w\-]*){0,3}(?: phase (?:I|II|III|IV|[1-4]))? "
    r"(?:trial|study), which showed an? (?P<measure>[a-z][\w\- ]{3,40}?) benefit for patients (?:treated with|receiving|given) "
    r"(?P<drug>[a-z][\w\-]+) (?:compared (?:to|with)|versus|vs\.?) (?P<other>[a-z][\w\- ]{3,40}?)\.?$")


_APPROVED_FOR = re.compile(r"\b(?P<drug>[a-z][\w\-]+) (?:is|was|has been) approved for (?:the treatment of )?"
                           r"(?P<setting>[\w\-]+(?: [\w\-]+){1,7}?)(?: (?:patients|in patients|in people|people|in adults)\b|[.,;]| who\b)")


def _approved_setting(s: Sentence, drug: str) -> str | None:
    """The patients "This approval" was for, from the approval a sentence before states ("In breast
    cancer, X is approved for gBRCAm HER2-negative metastatic breast cancer patients who ...") ->
    "gBRCAm HER2-negative metastatic breast cancer"; ``None`` when no sentence of the paragraph says."""
    before = s.previous
    for _ in range(3):
        if before is None:
            return None
        m = _APPROVED_FOR.search(before.text)
        if m and m.group("drug").lower() == drug.lower():
            return m.group("setting")
        before = before.previous
    return None


def _benefit_against(s: Sentence) -> Draft | None:
    """ "This approval was based on the OlympiAD randomised phase III trial, which showed a progression-free
    survival benefit for patients treated with X compared to conventional chemotherapy." -> "In the OlympiAD
    trial in <the patients the approval before names>, compared with what did X show a progression-free
    survival benefit?" -> "Conventional chemotherapy" (the twelfth reading listed the trial among what no
    card asked; the thirteenth found it meant little without whom the trial was in)."""
    m = _BENEFIT_AGAINST.match(s.text)
    if m is None or not DOCUMENT_DRUG or m.group("drug").lower() != DOCUMENT_DRUG[0].lower():
        return None
    setting = _approved_setting(s, m.group("drug"))
    if setting is None:
        return None  # "compared with what?" in a trial of whom? (the thirteenth reading: means little alone)
    prompt = question(f"In the {m.group('trial')} trial in {setting}, compared with what did {m.group('drug')} show a "
                      f"{m.group('measure')} benefit?")
    if prompt is None or contains_answer(prompt, m.group("other")):
        return None
    other = m.group("other")
    return make_draft("why", "basic", {"prompt": prompt, "answer": other[:1].upper() + other[1:]}, s, prompt)
