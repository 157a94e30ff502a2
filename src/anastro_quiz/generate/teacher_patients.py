"""Stage 4, whom a drug helps, as a teacher asks it, each from one sentence that states it plainly:
the marker a tumour needs ("If the breast cancer does not overexpress HER2, X will have no
beneficial effect"; "X acts against cancers in people with hereditary BRCA1 or BRCA2
mutations"), the population it works in ("X is effective only in postmenopausal women"), why
some patients do not benefit ("Patients with variant forms of CYP2D6 may not receive full
benefit from X because ..."), which two conditions make a patient eligible ("If ... and ..., then a patient is eligible for
treatment with X"), in whom it calls for caution and what studies of a group found,
and a named trial's findings ("The trial suggested that X is the
preferred therapy for ...", "the group that received X had better results than the Y group", "adding X to Y therapy
improved ... compared with Y alone",
the trial named a sentence or two before). Used by :mod:`teacher_pharmacology`.
"""

from __future__ import annotations

import re

from .cards import Draft, make_draft
from .kept_giveaways import guessed_from_prompt
from .extract import Sentence
from .teacher_clauses import clean_prompt_part, lower_first, names_something, question, short_phrase, upper_first
from .teacher_why import as_cards, ask

_NAME = r"[A-Z][a-z][\w\-]+"


# --- whom the drug can help ----------------------------------------------------------------------

_NO_EFFECT_UNLESS = re.compile(
    r"^If (?:the |a )?(?P<who>[a-z][\w\- ]{2,30}?) (?:does|do) not (?P<verb>[a-z]+) (?P<what>[^,]{2,30}), "
    r"(?:then )?(?P<drug>[A-Z]?[a-z][\w\-]+) (?:will have|has|shows?|will show|is of) no (?:beneficial |therapeutic |clinical )?"
    r"(?:effect|benefit|use|activity)\b")
_ONLY_IN = re.compile(
    rf"^(?P<drug>{_NAME}) (?:is|are) (?:therefore |thus )?(?:effective|active|useful|of benefit|beneficial) only "
    r"(?P<prep>in|for) (?P<whom>[a-z][\w\- ]{3,60}?)\.?$")


_ACTS_AGAINST = re.compile(
    rf"^(?P<drug>{_NAME}) (?:acts|works|is (?:active|effective)) against (?P<what>cancers|tumou?rs) in "
    r"(?P<who>people|patients|women|men|adults) with (?P<adj>(?:hereditary|inherited|germline|somatic) )?"
    r"(?P<marker>[A-Z][\w\-/]*\d?[\w\-/]*(?: or [A-Z][\w\-/]*)? (?:mutations|variants|amplification|fusions))\b")


def _only_for(s: Sentence, text: str) -> list[Draft]:
    """ "Olaparib acts against cancers in people with hereditary BRCA1 or BRCA2 mutations" ->
    "Olaparib acts against cancers in people with which hereditary mutations?" -> "BRCA1 or BRCA2
    mutations"; "If the breast cancer does not overexpress HER2, trastuzumab will have no beneficial effect"
    -> "Which breast cancers can trastuzumab benefit?" -> "Those that overexpress HER2"; "X is
    effective only in postmenopausal women" -> "In whom is X effective?"."""
    m = _NO_EFFECT_UNLESS.match(text)
    if m and names_something(m.group("drug")):
        who, verb = m.group("who"), m.group("verb")
        plural = who if who.endswith("s") else who + "s"
        prompt = f"Which {plural} can {lower_first(m.group('drug'))} benefit?"
        return as_cards(ask(s, "action", prompt, f"Those that {verb} {m.group('what')}"))
    m = _ACTS_AGAINST.match(text)
    if m:
        adj = m.group("adj") or ""
        noun = m.group("marker").split()[-1]
        prompt = f"{m.group('drug')} acts against {m.group('what')} in {m.group('who')} with which {adj}{noun}?"
        return as_cards(ask(s, "action", prompt, upper_first(m.group("marker"))))
    m = _ONLY_IN.match(text)
    if m:
        wh = "In whom" if re.search(r"\b(?:women|men|patients|people|adults|children)\b", m.group("whom")) else "When"
        return as_cards(ask(s, "action", f"{wh} is {lower_first(m.group('drug'))} effective?", f"Only in {m.group('whom')}"))
    return []


_NOT_BENEFIT = re.compile(
    r"^(?P<who>(?:Patients|People|Women|Men|Individuals|Those) with [^,]{5,60}?) may not (?P<verb>receive (?:the )?full "
    r"benefit from|benefit (?:fully )?from|respond (?:fully |well )?to) (?P<drug>[a-z][\w\-]+) because (?:of )?"
    r"(?P<why>[^;]{5,120}?)\.?$")


def _not_benefit(s: Sentence, text: str) -> list[Draft]:
    """ "Patients with variant forms of the gene CYP2D6 may not receive full benefit from tamoxifen
    because of too slow metabolism of the tamoxifen prodrug into its active metabolites" -> "Why
    may patients with variant forms of the gene CYP2D6 not receive full benefit from tamoxifen?"."""
    m = _NOT_BENEFIT.match(text)
    if m is None or not names_something(m.group("drug")) or clean_prompt_part(m.group("who"), 3) is None:
        return []
    prompt = f"Why may {lower_first(m.group('who'))} not {m.group('verb')} {m.group('drug')}?"
    return as_cards(ask(s, "why", prompt, short_phrase(m.group("why"), 14)))


_PROMPTING = re.compile(
    r"^(?P<finding>.+?), prompting (?P<what>careful consideration|caution|close monitoring|careful monitoring) "
    r"(?P<prep>in|for) (?P<who>(?:women|men|patients|people|those|adults|children) with [^,;]{5,60}?)\.?$")
_HIGHER = re.compile(r"\b[Tt]he (?P<n>incidence|risk|rate) of (?P<x>[^,]{3,50}?) (?:was|is|were|has been) (?:\w+ )?(?:to be )?"
                     r"(?P<cmp>higher|increased|greater)\b(?: in (?:patients|people|women|men) (?:receiving|taking|on|treated "
                     r"with) (?P<drug>[a-z][\w\-]+))?")
_IN_TRIALS = re.compile(r"\bin (?:some |several |many |the )?(?:clinical )?(?:trials|studies)\b")
_STUDIES_SHOW = re.compile(
    r"(?:^|, )studies (?:on|of|in) (?P<who>(?:men|women|patients|people|children|adults) with [^,;]{5,90}?) "
    r"(?P<verb>reveal|show|demonstrate|found|showed|revealed) (?P<what>[a-z][\w\- ]{3,50}?)\.?$")


_MAINTENANCE_AFTER = re.compile(
    r"\b(?P<drug>[a-z][\w\-]+)(?: tablets| capsules)? (?:was|were|is|are|has been) approved\b[^;]*? for the maintenance "
    r"treatment of [^;]*?\bwho (?:are|were) in (?:a )?(?:complete or partial |partial or complete |complete |partial )?"
    r"response to (?P<therapy>[\w\-]+(?: [\w\-]+)? (?:chemotherapy|therapy))\b")


def _maintenance(s: Sentence, text: str) -> list[Draft]:
    """ "... olaparib tablets were approved ... for the maintenance treatment of adults with recurrent
    ovarian cancer, who are in a complete or partial response to platinum-based chemotherapy" -> "As
    maintenance treatment, olaparib is given to patients in response to which chemotherapy?"."""
    m = _MAINTENANCE_AFTER.search(text)
    if m is None or not names_something(m.group("drug")):
        return []
    therapy = m.group("therapy")
    noun = therapy.split()[-1]
    prompt = f"As maintenance treatment, {m.group('drug')} is given to patients in response to which {noun}?"
    return as_cards(ask(s, "action", prompt, upper_first(therapy)))


_TESTS_TO = re.compile(r"\b(?:tests?|methods?|assays?|techniques?) to (?P<purpose>(?:discover|determine|detect|find out|"
                       r"assess|establish|confirm) (?:whether|if) [^,;]{5,60}?)\.?$")
_METHODS_FOR_THIS = re.compile(
    r"\bthe most commonly (?:employed|used) (?P<noun>methods|tests|techniques|assays) for this (?:are|is) "
    r"(?P<methods>[^;]{5,120}?)\.?$")


def _test_methods(s: Sentence, text: str) -> list[Draft]:
    """ "Doctors use laboratory tests to discover whether HER2 is overexpressed. In the routine clinical
    laboratory, the most commonly employed methods for this are IHC and FISH" -> "Which methods are
    most commonly employed to discover whether HER2 is overexpressed?" ("this" is the purpose the
    sentence before names)."""
    m = _METHODS_FOR_THIS.search(text)
    before = s.previous or s.before
    purpose = _TESTS_TO.search(before.text) if m and before is not None else None
    if purpose is None:
        return []
    methods = m.group("methods")
    if len(methods.split()) > 16:
        return []
    prompt = f"Which {m.group('noun')} are most commonly employed to {purpose.group('purpose')}?"
    return as_cards(ask(s, "action", prompt, upper_first(methods)))


def _caution(s: Sentence, text: str) -> list[Draft]:
    """ "... the incidence of ischemic cardiovascular events was noted to be higher in patients
    receiving anastrozole in some clinical trials, prompting careful consideration in women with
    pre-existing ischemic heart disease" -> "Why does anastrozole call for careful consideration in
    women with pre-existing ischemic heart disease?" -> "A higher incidence of ischemic cardiovascular
    events"; "... studies on men with inactivating mutations in the aromatase gene reveal severe
    osteopenia" -> "What do studies on men with inactivating mutations ... reveal?"."""
    m = _PROMPTING.match(text)
    if m:
        higher = _HIGHER.search(m.group("finding"))
        if higher is None or higher.group("drug") is None or not names_something(higher.group("drug")):
            return []
        prompt = f"Why does {higher.group('drug')} call for {m.group('what')} {m.group('prep')} {m.group('who')}?"
        why = ask(s, "why", prompt, f"A {higher.group('cmp')} {higher.group('n')} of {higher.group('x')}")
        if why is None or not guessed_from_prompt(why):
            return as_cards(why)
        # "... ischemic heart disease?" -> "... of ischemic cardiovascular events": guessed from the prompt
        # (the thirteenth reading), so the finding itself is asked, with what it prompts as the explanation
        where = _IN_TRIALS.search(m.group("finding"))
        if where is None:
            return []
        first, _, kind = higher.group("x").partition(" ")  # "ischemic" "cardiovascular events": which kind
        if not kind:
            return []
        prompt = (f"{upper_first(where.group(0))}, the {higher.group('n')} of which {kind} was {higher.group('cmp')} in "
                  f"patients receiving {higher.group('drug')}?")
        return as_cards(ask(s, "why", prompt, upper_first(first), explanation=f"{upper_first(m.group('what'))} is "
                            f"therefore called for {m.group('prep')} {m.group('who')}."))
    m = _STUDIES_SHOW.search(text)
    if m and clean_prompt_part(m.group("who"), 3):
        verb = {"found": "find", "showed": "show", "revealed": "reveal"}.get(m.group("verb"), m.group("verb"))
        what = m.group("what")
        return as_cards(ask(s, "why", f"What do studies on {m.group('who')} {verb}?", upper_first(what)))
    return []


# --- a named trial's conclusion ------------------------------------------------------------------

_TRIAL_SAYS = re.compile(
    rf"^The (?:trial|study)(?:'s results)? (?:suggested|showed|found|demonstrated|concluded|established|indicated) that "
    rf"(?P<drug>[a-z][\w\-]+|{_NAME}) (?:is|was) the (?P<what>(?:preferred|first-line|standard|best) (?:[a-z][\w\-]* ){{0,2}}"
    r"(?:therapy|treatment|option|choice)) (?P<prep>for|in) (?P<whom>[^,;]{5,90}?)\.?$")
_TRIAL_NAME = re.compile(r"\((?P<a>[A-Z][A-Z0-9\-]{2,12})\) (?:trial|study)\b|\bthe (?P<b>[A-Z][A-Z0-9\-]{2,12}) (?:trial|study)\b")


def _trial_before(s: Sentence, depth: int = 3) -> str | None:
    """The trial the sentences before this one name ("... (ATAC) trial was ..."), nearest first,
    up to ``depth`` back under the same heading; ``None`` if none does, or two trials are named."""
    seen = s.before
    while seen is not None and depth > 0:
        named = {m.group("a") or m.group("b") for m in _TRIAL_NAME.finditer(seen.text)}
        if named:
            return named.pop() if len(named) == 1 else None
        seen, depth = seen.before, depth - 1
    return None


def _trial(s: Sentence, text: str) -> list[Draft]:
    """ "The ATAC trial was of ... . The trial suggested that anastrozole is the preferred medical
    therapy for postmenopausal women with ..." -> "According to the ATAC trial, for whom is
    anastrozole the preferred medical therapy?" (the trial named by the sentence before)."""
    m = _TRIAL_SAYS.match(text)
    if m is None or not names_something(m.group("drug")):
        return []
    trial = _trial_before(s)
    if trial is None:
        return []
    whom = short_phrase(m.group("whom"), 12)
    prompt = f"According to the {trial} trial, for whom is {lower_first(m.group('drug'))} the {m.group('what')}?"
    return as_cards(ask(s, "why", prompt, whom))


_GROUPS = re.compile(
    r"^(?P<when>(?:After|At|Over) [^,]{3,40}?),? the group (?:that received|receiving|given|treated with|taking|on) "
    r"(?P<a>[a-z][\w\-]+) had (?P<cmp>better|worse|longer|shorter|fewer|more|higher|lower) (?P<what>[a-z][\w\- ]{2,40}?) "
    r"than the (?:group (?:that received|receiving|given|treated with|taking|on) (?P<b1>[a-z][\w\-]+)|(?P<b2>[a-z][\w\-]+) group)\.?$")


_ADDING = re.compile(
    r"\b(?:showed|shows|found|demonstrated|suggested) that adding (?:[A-Z][\w\-]+ \((?P<drug1>[a-z][\w\-]+)\)|"
    r"(?P<drug2>[a-z][\w\-]+)) to (?P<partner>[a-z][\w\-]+) (?P<noun>therapy|treatment) (?:against|in|for) "
    r"(?P<disease>[a-z][\w\- ]{3,40}?) (?:can |could |may |did |would )?(?:significantly |markedly )?"
    r"(?P<verb>improve|prolong|extend|increase|reduce|lower)s? (?P<outcome>[a-z][\w\- ]{3,40}?) compared (?:with|to) "
    r"(?P=partner) (?:therapy |treatment )?alone\b")


def _added_to(s: Sentence, text: str) -> list[Draft]:
    """ "Interim phase III trial results showed that adding Afinitor (everolimus) to exemestane therapy
    against advanced breast cancer can significantly improve progression-free survival compared with
    exemestane therapy alone" -> "In advanced breast cancer, adding everolimus to which therapy
    improves progression-free survival?" -> "Exemestane"."""
    m = _ADDING.search(text)
    if m is None:
        return []
    drug = m.group("drug1") or m.group("drug2")
    if not names_something(drug) or not names_something(m.group("partner")):
        return []
    prompt = f"In {m.group('disease')}, adding {drug} to which {m.group('noun')} {m.group('verb')}s {m.group('outcome')}?"
    partner = m.group("partner")
    return as_cards(ask(s, "why", prompt, upper_first(partner)))


def _trial_groups(s: Sentence, text: str) -> list[Draft]:
    """ "After more than 5 years the group that received anastrozole had better results than the
    tamoxifen group" (the ATAC trial named just before) -> "In the ATAC trial, after more than 5
    years, anastrozole had better results than which drug?" -> "Tamoxifen"."""
    m = _GROUPS.match(text)
    trial = _trial_before(s) if m else None
    if m is None or trial is None or not names_something(m.group("a")):
        return []
    other = m.group("b1") or m.group("b2")
    prompt = f"In the {trial} trial, {lower_first(m.group('when'))}, {m.group('a')} had {m.group('cmp')} " \
             f"{m.group('what')} than which drug?"
    return as_cards(ask(s, "why", prompt, upper_first(other)))


# "If it is determined that a tumor is overexpressing the erbB2 oncogene and the patient has no significant
# pre-existing heart disease, then a patient is eligible for treatment with X."
_ELIGIBLE = re.compile(
    r"^If (?:it is (?:determined|found|shown|confirmed) that )?(?P<a>[^,]{8,80}?) and (?P<b>[^,]{8,80}?), "
    r"(?:then )?(?:a |the )?(?:patient|person) is eligible for (?:treatment|therapy) with (?P<drug>[A-Za-z][\w\-]+)\.?$")
# "a tumor is overexpressing the erbB2 oncogene" -> "tumor overexpressing the erbB2 oncogene"
_BEING = re.compile(r"^(?:a |an |the )?(?P<who>[a-z][\w\-]*) (?:is|are) (?P<rest>[a-z]+ing\b.+)$")
# "the patient has no significant pre-existing heart disease" -> "no significant pre-existing heart disease"
_HAVING = re.compile(r"^(?:the |a )?(?:patient|person)s? (?:has|have) (?P<rest>.+)$")


def _condition(clause: str) -> str | None:
    """A condition of eligibility as a short item, or ``None`` when it is not one of the two plain forms."""
    m = _BEING.match(clause) or _HAVING.match(clause)
    if m is None:
        return None
    item = f"{m.group('who')} {m.group('rest')}" if "who" in m.groupdict() else m.group("rest")
    return item if len(item.split()) <= 7 else None


def eligibility(s: Sentence, text: str) -> list[Draft]:
    """ "If it is determined that a tumor is overexpressing the erbB2 oncogene and the patient has no
    significant pre-existing heart disease, then a patient is eligible for treatment with X" -> "Which
    two conditions make a patient eligible for treatment with X?" -> the two conditions, each graded
    (the twelfth reading listed the heart condition among what no card asked)."""
    m = _ELIGIBLE.match(text)
    if m is None:
        return []
    items = [_condition(m.group(k).strip()) for k in ("a", "b")]
    if None in items:
        return []
    prompt = question(f"Which two conditions make a patient eligible for treatment with {lower_first(m.group('drug'))}?")
    if prompt is None:
        return []
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 2}
    return [make_draft("list", "typed", data, s, prompt)]


def patients(s: Sentence, text: str) -> list[Draft]:
    """This module's cards for one sentence (its text with a leading "It" resolved). (Not asked: "...
    should be selected for therapy based on an FDA-approved companion diagnostic": which test, the
    answer does not say.)"""
    return (_only_for(s, text) or _not_benefit(s, text) or _maintenance(s, text) or _test_methods(s, text) or
            eligibility(s, text) or _caution(s, text) or _trial(s, text) or
            _trial_groups(s, text) or _added_to(s, text))
