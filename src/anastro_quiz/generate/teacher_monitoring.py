"""Stage 4, what a clinician checks on a drug, each from one sentence that states it plainly:

- what is monitored during treatment ("monitoring of liver function is recommended during
  treatment", "regular cardiac screening with A or B is undertaken during ...");
- the test a passage calls for at baseline, and the prophylaxis told beside it ("necessitates
  baseline and serial BMD assessments (e.g. DEXA scans) and often involves prophylactic intervention
  with agents like bisphosphonates or denosumab"), for the population the passage names last;
- what to monitor when the drug is given with an interacting class ("close monitoring of
  prothrombin time ... when X is used in combination with these drugs").

:mod:`teacher_pharmacology` runs these builders with its others; none is made when the drug
cannot be named.
"""

from __future__ import annotations

import re

from .cards import Draft
from .extract import Sentence
from .teacher_clauses import clean_prompt_part, drug_names, lower_first, names_drug, names_something, short_phrase, upper_first
from .teacher_context import with_population
from .teacher_why import as_cards, ask


_MONITORING_OF = re.compile(
    r"(?:^|, )(?:[Cc]lose |[Rr]egular |[Pp]eriodic |[Cc]areful |[Rr]outine )?[Mm]onitoring of (?P<what>[a-z][\w\- ]{2,40}?)"
    r"(?: (?:during|throughout) (?:the )?treatment)? (?:is|should be) (?:strongly |therefore |also )?"
    r"(?:recommended|advised|required|necessary|needed|warranted)(?P<when> (?:during|throughout) (?:the )?treatment)?"
    r"(?:, (?:particularly|especially) (?P<esp>[^,;]+?))?\.?$")
_SCREENING_WITH = re.compile(
    r"(?:^|, )(?:[Rr]egular|[Pp]eriodic|[Rr]outine) (?P<organ>[a-z]+) (?:screening|monitoring|assessment|evaluation) "
    r"with (?:either )?(?P<tests>[^,;]{3,60}?) is (?:commonly |routinely |usually |often )?"
    r"(?:undertaken|performed|done|carried out|recommended|required) during (?P<during>[^,;]{3,60}?)\.?$")


def monitoring(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """ "Monitoring of liver function is recommended during treatment" (in the article on X) ->
    "During X treatment, what should be monitored?" -> "Liver function"; "regular cardiac screening
    with either a MUGA scan or echocardiography is undertaken during the X treatment period" ->
    "During the X treatment period, regular cardiac screening is done with which tests?"."""
    m = _MONITORING_OF.search(text)
    if m and drug:
        what = short_phrase(m.group("what"), 6)
        if what is None or not names_something(what) and not re.search(r"\b(?:function|levels?|counts?|time|pressure)\b", what):
            return []
        prompt = f"During {lower_first(drug)} treatment, what should be monitored"
        if m.group("esp") and clean_prompt_part(m.group("esp"), 2):
            prompt += f", particularly {m.group('esp')}"
        d = ask(s, "action", prompt + "?", what)
        return as_cards(d)
    m = _SCREENING_WITH.search(text)
    if m:
        during = m.group("during")
        if drug and not names_drug(during, drug):
            during = f"{lower_first(drug)} treatment"
        if clean_prompt_part(during, 2) is None or not names_something(during):
            return []
        tests = short_phrase(m.group("tests"), 8)
        prompt = f"During {during}, regular {m.group('organ')} screening is done with which tests?"
        d = ask(s, "action", prompt, tests)
        return as_cards(d)
    return []


# "necessitates baseline and serial BMD assessments (e.g. DEXA scans)", "baseline and periodic DEXA scans are standard"
_BASELINE = re.compile(
    r"\b(?:necessitates?|requires?|calls? for|includes?) baseline and (?P<then>serial|periodic|regular|repeated|follow-up) "
    r"(?P<what>[A-Za-z][\w\-]*(?: [\w\-]+)?? (?P<noun>assessments|scans|measurements|tests|evaluations))"
    r"(?: \((?:e\.g\.,?|such as|i\.e\.,?) (?P<eg>[^()]{2,30})\))?|"
    r"^[Bb]aseline and (?P<then2>serial|periodic|regular|repeated|follow-up) (?P<what2>[A-Za-z][\w\-]*(?: [\w\-]+)?? "
    r"(?P<noun2>assessments|scans|measurements|tests|evaluations)) (?:are|is) (?:standard|recommended|required|advised)\b")


# "... and often involves prophylactic intervention with agents like bisphosphonates or denosumab to mitigate ..."
_PROPHYLAXIS = re.compile(r"\b(?:involves?|includes?) prophylactic (?:intervention|treatment|therapy) with (?:agents |drugs )?"
                          r"(?:like |such as )?(?P<agents>[a-z][\w\-]+(?: (?:or|and) [a-z][\w\-]+)?)"
                          r"(?: to (?P<against>(?:mitigate|prevent|reduce) [a-z][\w\- ]{3,30}?))?\.?$")
PASSAGE = 8  # a rule of care holds for the population its passage names last, a few paragraphs back at most


def baseline(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """ "Clinical management ... necessitates baseline and serial BMD assessments (e.g. DEXA scans)"
    (in an article on anastrozole) -> "Which assessments does anastrozole treatment call for at
    baseline and serially?" -> "BMD assessments (e.g. DEXA scans)": the test before treatment
    starts, a teacher's first clinical action; and the prophylaxis the same sentence names ("...
    involves prophylactic intervention with agents like bisphosphonates or denosumab") -> "Which
    agents are given prophylactically ...?". The population is the one the passage opens with."""
    m = _BASELINE.search(text)
    if m is None or not drug:
        return []
    what, noun = m.group("what") or m.group("what2"), m.group("noun") or m.group("noun2")
    then = {"serial": "serially", "periodic": "periodically", "regular": "regularly", "repeated": "repeatedly",
            "follow-up": "at follow-up"}[m.group("then") or m.group("then2")]
    answer = what + (f" (e.g. {m.group('eg')})" if m.group("eg") else "")
    out = as_cards(ask(s, "action", _on_drug(s, f"which {noun} are called for at baseline and {then}?", drug),
                       upper_first(answer)))
    p = _PROPHYLAXIS.search(text)
    if out and p and drug_names(p.group("agents")):
        against = f" to {p.group('against')}" if p.group("against") else ""
        out += as_cards(ask(s, "action", _on_drug(s, f"which agents are given prophylactically{against}?", drug),
                            upper_first(p.group("agents"))))
    return out


def _on_drug(s: Sentence, question_: str, drug: str) -> str:
    """ "In postmenopausal women on anastrozole, which ...?" (the population the passage names last),
    else "On anastrozole, which ...?"."""
    named = with_population(s, question_, depth=PASSAGE, nearest=True)
    m = re.match(r"^In (?P<who>[^,]+), ", named)
    if m is None:
        return f"On {lower_first(drug)}, {question_}"
    return f"In {m.group('who')} on {lower_first(drug)}, {named[m.end():]}"


_WITH_THESE = re.compile(
    r"\b[Cc]lose monitoring of (?P<what>[a-z][\w\- ]{2,30}?)(?: and [^,;]*?)? is (?:recommended|advised|required) when "
    r"(?P<drug>[a-z][\w\-]+) is (?:used|given|taken|co-?administered) (?:in combination )?with (?:these|such|those) "
    r"(?:drugs|medications|agents)\b")
_CLASS_LIKE = re.compile(r"\b(?P<cls>[a-z][\w\-]* (?:anticoagulants|antiepileptics|anticonvulsants|antidepressants|"
                         r"drugs|medications|inhibitors|inducers|agents))(?: such as| like) (?P<example>[a-z][\w\-]+)\b")


def interaction_monitoring(s: Sentence, text: str) -> list[Draft]:
    """ "X has been found to displace coumarin anticoagulants like warfarin from their plasma binding
    proteins in vitro, ..., and for this reason, close monitoring of prothrombin time and dosage
    adjustment as necessary is recommended when X is used in combination with these drugs" -> "When
    X is used with coumarin anticoagulants such as warfarin, what should be closely monitored?" ->
    "Prothrombin time" ("these drugs" are the ones the sentence named). Asked even of a sentence
    that tells an in-vitro finding: the rule of practice is the clinician's."""
    m = _WITH_THESE.search(text)
    if m is None or not names_something(m.group("drug")):
        return []
    # "these drugs": named earlier in the sentence (of which this may be a clause), nearest first
    whole = s.clause_of or text
    named = [c for c in _CLASS_LIKE.finditer(whole[: whole.find(m.group(0)[:30])] if m.group(0)[:30] in whole else whole)]
    if not named:
        return []
    cls, example = named[-1].group("cls"), named[-1].group("example")
    prompt = f"When {m.group('drug')} is used with {cls} such as {example}, what should be closely monitored?"
    what = m.group("what")
    d = ask(s, "action", prompt, upper_first(what))
    return as_cards(d)
