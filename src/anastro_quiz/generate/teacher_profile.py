"""Stage 4, a drug's profile as a teacher asks it, each from one sentence that states it plainly:
how it is given, what it is derived from, in which forms it comes, where it binds and to what it is bound in
plasma, in what manner it acts, which side effects are the most common, which drugs weaken it,
the test that selects patients for it, how long a course is accepted to last, and with which
drug it is combined. Used by :mod:`teacher_pharmacology` (same builder signature); none is made
when the drug cannot be named. How it is given is asked by :mod:`teacher_route`.
"""

from __future__ import annotations

import re

from .cards import Draft, make_draft, contains_answer
from .extract import Sentence
from .vocabulary import zipf
from .teacher_clauses import (DOCUMENT_DRUG, clean_prompt_part, drop_asides, lower_first, names_something, question,
                              short_phrase, upper_first)
from .teacher_route import route
from .teacher_why import as_cards, ask

_NAME = r"[A-Z][a-z][\w\-]+"


def _is_drug(word: str) -> bool:
    """A rare word, as drug names are ("sirolimus", not "testosterone" alone: both rare; not "it")."""
    return bool(re.fullmatch(r"[A-Za-z][\w\-]{3,}", word)) and zipf(word.lower()) < 3.0


# --- what it is and how it comes -----------------------------------------------------------------

_DERIVED = re.compile(
    rf"^(?P<drug>{_NAME}) (?:is|was) (?:(?:a|an|the) (?:[\w\-()]+ ){{0,4}}?(?:derivative|analogue|analog) of|"
    r"(?:a |an )?(?:[\w\-]+ )*?(?:compound|drug|molecule|agent) (?:which|that) (?:was|is) derived from|derived from) "
    r"(?P<parent>[a-z][\w\-]+)\b")
_FORMS = re.compile(
    rf"^(?P<drug>{_NAME}) is (?:available|supplied|marketed) as (?P<forms>an? [\w\- ]{{2,30}}? "
    r"(?P<noun>depot|implant|injection|tablet|capsule|patch|gel|spray)s?(?:,| and| or) (?:as )?an? [\w\- ]{2,40}?"
    r"(?P=noun)s?)\.?$")


def _derived(s: Sentence, text: str) -> list[Draft]:
    """ "Everolimus is the 40-O-(2-hydroxyethyl) derivative of sirolimus and works ..." -> "Of which
    drug is everolimus a derivative?" -> "Sirolimus"; "X is a synthetic compound which was derived
    from flutamide" -> "From which drug was X derived?"."""
    m = _DERIVED.match(text)
    if m is None or not _is_drug(m.group("parent")) or m.group("parent").lower() == m.group("drug").lower():
        return []
    drug, parent = lower_first(m.group("drug")), m.group("parent")
    if "derived from" in m.group(0):
        return as_cards(ask(s, "why", f"From which drug was {drug} derived?", upper_first(parent)))
    noun = "an analogue" if "analog" in m.group(0) else "a derivative"
    return as_cards(ask(s, "why", f"Of which drug is {drug} {noun}?", upper_first(parent)))


def _forms(s: Sentence, text: str) -> list[Draft]:
    """ "Goserelin is available as a 1-month depot and a long-acting 3-month depot" -> "In which two
    forms is goserelin available?" -> "A 1-month depot and a long-acting 3-month depot"."""
    m = _FORMS.match(text)
    if m is None:
        return []
    forms = m.group("forms")
    return as_cards(ask(s, "why", f"In which two forms is {lower_first(m.group('drug'))} available?",
                    upper_first(forms)))


# --- where it binds, how it acts -----------------------------------------------------------------

_BINDS_SITE = re.compile(
    rf"^(?P<drug>{_NAME}) binds (?:to )?(?P<site>(?:domain|subdomain|exon|site|region) [IVX\d]+) of (?:the )?"
    r"(?P<target>[^,;]{5,70}?)\.?$")
_BOUND = re.compile(
    r"^(?P<ctx>In (?:plasma|blood|serum|the circulation), )?(?P<drug>[A-Za-z][a-z][\w\-]+) is (?P<adv>largely|mainly|mostly|primarily|"
    r"predominantly|extensively) (?:protein[- ])?bound (?:to|by) (?P<what>[^,;]{3,50}?)\.?$")
_MANNER = re.compile(
    rf"^(?P<drug>{_NAME}) (?P<verb>[a-z]+s) (?P<obj>[^,;]{{5,80}}?) in an? (?P<manner>[\w\-]+(?: \([^()]{{3,30}}\))?) "
    r"(?:manner|fashion|way)\.?$")


_MORE_SELECTIVE = re.compile(
    r"^Compared (?:to|with) (?P<other>[a-z][\w\-]+), (?P<drug>[A-Za-z][a-z][\w\-]+) is more selective for (?:the )?"
    r"(?P<target>[\w\-α-ω]+)(?P<noun>(?: [a-z]+){0,2}?)(?:,| than|\.?$)")


_TISSUE_SELECTIVE = re.compile(
    r"^(?:Even though|Although|While|Whereas) (?:it|(?P<drug>[a-z][\w\-]+)) (?:is|acts as) an? (?P<first>antagonist|agonist) "
    r"(?:in|on|at) (?:the )?(?P<t1>[a-z]+(?: tissue)?),? (?:it|(?P=drug)) (?:acts|is) (?:as )?(?:an? )?"
    r"(?P<second>partial agonist|agonist|antagonist|partial antagonist) (?:on|in|at) (?:the )?(?P<t2>[a-z]+(?: tissue)?)\b")


def _tissue_selective(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """ "Even though it is an antagonist in breast tissue it acts as partial agonist on the endometrium"
    (in the article on X) -> "X is an antagonist in breast tissue: how does it act on the
    endometrium?" -> "As a partial agonist"."""
    m = _TISSUE_SELECTIVE.match(text)
    name = m and (m.group("drug") or drug)
    if m is None or not name or m.group("first") in m.group("second"):
        return []
    name = upper_first(name)
    second = m.group("second")
    prompt = f"{name} is an {m.group('first')} in {m.group('t1')}: how does it act on the {m.group('t2')}?"
    return as_cards(ask(s, "why", prompt, f"As a {second}"))


def _binds(s: Sentence, text: str) -> list[Draft]:
    """ "Trastuzumab binds to domain IV of the extracellular segment of the HER2/neu receptor" ->
    "Which domain of the extracellular segment of the HER2/neu receptor does trastuzumab bind
    to?" -> "Domain IV"; "Compared to rapamycin, everolimus is more selective for the mTORC1 protein
    complex" -> "Compared with rapamycin, for which protein complex is everolimus more selective?"; "In plasma, estradiol is largely bound to SHBG and albumin" -> "In plasma,
    to what is estradiol largely bound?"; "Goserelin stimulates the production of ... in a
    non-pulsatile (non-physiological) manner" -> "In what manner does goserelin stimulate ...?"."""
    m = _BINDS_SITE.match(text)
    if m:
        kind = m.group("site").split()[0]
        prompt = f"Which {kind} of the {m.group('target')} does {lower_first(m.group('drug'))} bind to?"
        site = m.group("site")
        return as_cards(ask(s, "why", prompt, upper_first(site)))
    m = _MORE_SELECTIVE.match(text)
    if m and _is_drug(m.group("other")):
        noun = m.group("noun").strip() or "target"
        prompt = f"Compared with {m.group('other')}, for which {noun} is {lower_first(m.group('drug'))} more selective?"
        return as_cards(ask(s, "why", prompt, m.group("target")))
    m = _BOUND.match(text)
    if m:
        what = short_phrase(m.group("what"), 8)
        if re.fullmatch(r"(?:serum |plasma )?albumin", what or "", re.I):
            # Albumin alone carries most drugs: readers of three readings kept no such card.
            # A carrier of its own is asked ("SHBG and albumin").
            return []
        ctx = m.group("ctx") or ""
        prompt = f"{ctx}to what is {lower_first(m.group('drug'))} {m.group('adv')} bound?"
        return as_cards(ask(s, "why", upper_first(prompt), what))
    m = _MANNER.match(text)
    if m:
        verb = m.group("verb")
        base = verb[:-3] + "y" if verb.endswith("ies") else verb[:-2] if verb.endswith(("sses", "shes", "ches")) else verb[:-1]
        if clean_prompt_part(m.group("obj"), 2) is None:
            return []
        manner = m.group("manner")
        prompt = f"In what manner does {lower_first(m.group('drug'))} {base} {m.group('obj')}?"
        return as_cards(ask(s, "why", prompt, upper_first(manner)))
    return []


_UNLIKE = re.compile(
    r"^Unlike (?:the )?(?:[\w\-]+ ){0,3}?(?P<other>[a-z][\w\-]+), (?P<drug>[a-z][\w\-]+|[A-Z][a-z][\w\-]+) "
    r"(?P<neg>does not|is not associated with|has not been associated with|is not) (?P<verb>(?<=does not )[a-z]+ )?"
    r"(?P<what>[^,;]{4,80}?)(?: and (?:in addition |also )?[a-z]+s\b.*| like .*)?\.?$")


# "In addition, unlike GnRH analogues and CPA, X monotherapy is not associated with decreased bone mineral density"
_UNLIKE_OTHERS = re.compile(
    r"^(?:(?:In addition|Moreover|Furthermore|Also|Additionally), )?[Uu]nlike (?P<others>(?:[A-Za-z][\w\-]+ )?"
    r"[a-z][\w\-]+s(?: and [A-Z][\w\-]+)?), (?P<drug>[a-z][\w\-]+|[A-Z][a-z][\w\-]+)(?P<how> monotherapy| alone)? "
    r"(?:is not|has not been) associated with (?P<what>[^,;]{4,80}?)\.?$")


def _unlike(s: Sentence, text: str) -> list[Draft]:
    """ "Unlike the first-generation NSAA bicalutamide, enzalutamide does not promote translocation of AR
    to the cell nucleus and in addition prevents ..." -> "Unlike bicalutamide, what does enzalutamide
    not promote?" -> "Translocation of AR to the cell nucleus"; "Unlike enzalutamide, bicalutamide is not
    associated with seizures ..." -> "Unlike enzalutamide, what is bicalutamide not associated with?"."""
    m = _UNLIKE.match(text)
    if m is None:
        o = _UNLIKE_OTHERS.match(text)
        if o is None or not _is_drug(o.group("drug")) or not DOCUMENT_DRUG or \
                o.group("drug").lower() != DOCUMENT_DRUG[0].lower():
            return []
        prompt = f"Unlike {o.group('others')}, what is {lower_first(o.group('drug'))}{o.group('how') or ''} not associated with?"
        return as_cards(ask(s, "why", prompt, short_phrase(o.group("what"), 10)))
    if not _is_drug(m.group("other")) or not _is_drug(m.group("drug")):
        return []
    drug, other = lower_first(m.group("drug")), m.group("other")
    what = short_phrase(m.group("what"), 10)
    if m.group("neg") == "does not":
        if not m.group("verb"):
            return []
        prompt = f"Unlike {other}, what does {drug} not {m.group('verb').strip()}?"
    elif "associated" in m.group("neg"):
        prompt = f"Unlike {other}, what is {drug} not associated with?"
    else:
        return []
    return as_cards(ask(s, "why", prompt, what))


# --- side effects and interactions ---------------------------------------------------------------

_MOST_COMMON_BEING = re.compile(
    r"^(?P<ctx>In (?:[a-z]+ )?(?:men|women|children|adults|patients), )?(?:[^,]*?, )?(?:a variety of |several |many )?"
    r"(?P<what>side effects|adverse effects)\b[^,;]*?\b(?P<drug>[a-z][\w\-]+) (?:treatment|therapy|use)\b, "
    r"with (?P<list>[^,;]{3,80}?) being the most (?P<how>common|frequent)\.?$")
_WEAKEN = re.compile(
    r"(?:^|that |, )(?:taking )?(?:the )?(?P<cls>(?:\(?[\w\-]+\)? ){0,7}?)(?P<list>[a-z][\w\-]+(?: \([A-Z][\w\-]+\))?"
    r"(?:, [a-z][\w\-]+(?: \([A-Z][\w\-]+\))?)*,? and [a-z][\w\-]+(?: \([A-Z][\w\-]+\))?) (?:can|may|might|could) "
    r"(?P<verb>decrease|reduce|impair|lower|diminish|weaken) the (?P<what>effectiveness|efficacy|effect|effects|"
    r"activity|benefit) of (?P<drug>[a-z][\w\-]+)\b")


_CAUSING_LIKE = re.compile(
    r"^(?P<ctx>(?:For|In) (?:some )?(?:[a-z]+ )?(?:men|women|patients|people), )?(?:[^,]*? )?(?:lead to|leads to|result in|"
    r"results in|cause|causes|produce|produces) (?P<state>(?:supraphysiologic(?:al)?|high|elevated|excess|low|reduced|"
    r"deficient) (?:levels|concentrations) of [a-z][\w\-]+), causing (?P<category>side effects|symptoms|effects) "
    r"(?:like|such as) (?P<list>[^,;]+?(?:,[^,;]+?)*)\.?$")


def _caused_effects(s: Sentence, text: str) -> list[Draft]:
    """ "For some men, this can lead to supraphysiologic levels of estradiol, causing side effects like
    water retention or gynecomastia" -> "In men, give two examples of side effects of
    supraphysiologic levels of estradiol." (typed, item by item)."""
    m = _CAUSING_LIKE.match(text)
    if m is None:
        return []
    items = [i.strip() for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", drop_asides(m.group("list"))) if i.strip()]
    if not 2 <= len(items) <= 4 or any(len(i.split()) > 4 for i in items):
        return []
    ctx = m.group("ctx") or ""
    who = re.search(r"\b(?:men|women|patients|people)\b", ctx)
    lead = f"In {who.group(0)}, give" if who else "Give"
    need = min(2, len(items))
    prompt = question(f"{lead} two examples of {m.group('category')} of {m.group('state')}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return []
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return [make_draft("list", "typed", data, s, prompt)]


def _side_effects(s: Sentence, text: str) -> list[Draft]:
    """ "In men, ... a variety of side effects may occur during bicalutamide treatment, with breast
    pain/tenderness and gynecomastia being the most common" -> "In men, which side effects of
    bicalutamide are the most common?" -> "Breast pain/tenderness and gynecomastia"."""
    m = _MOST_COMMON_BEING.match(text)
    if m is None or not _is_drug(m.group("drug")):
        return []
    listed = short_phrase(m.group("list"), 8)
    ctx = m.group("ctx") or ""
    prompt = f"{ctx}which {m.group('what')} of {m.group('drug')} are the most {m.group('how')}?"
    return as_cards(ask(s, "why", upper_first(prompt), listed))


def _weakening_drugs(s: Sentence, text: str) -> list[Draft]:
    """ "... taking the SSRI antidepressants paroxetine (Paxil), fluoxetine (Prozac), and sertraline
    (Zoloft) can decrease the effectiveness of tamoxifen" -> "Name three antidepressants that can
    decrease the effectiveness of tamoxifen." (typed, item by item)."""
    m = _WEAKEN.search(text)
    if m is None or not _is_drug(m.group("drug")):
        return []
    items = [re.sub(r"\s*\(.*?\)", "", i).strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list"))]
    if not 2 <= len(items) <= 5 or not all(_is_drug(i) for i in items):
        return []
    words = [w for w in re.findall(r"[A-Za-z][\w\-]+", m.group("cls") or "") if w.lower().endswith("s") and w.islower()]
    category = words[-1] if words else "drugs"
    need = min(3, len(items))
    number = {2: "two", 3: "three"}[need]
    prompt = question(f"Name {number} {category} that can {m.group('verb')} the {m.group('what')} of {m.group('drug')}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return []
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return [make_draft("list", "typed", data, s, prompt)]


# --- selecting patients, course, combination -----------------------------------------------------

_GOLD_STANDARD = re.compile(
    r"^(?P<test>[^,;]{3,60}?) is (?:viewed|considered|regarded|seen|accepted) (?:as )?(?:being )?the [\"“]?gold[ \-]standard[\"”]? "
    r"(?P<noun>technique|test|method|assay|investigation) (?:in|for) (?P<purpose>[^,;]{5,80}?)(?:,|\.?$)")
_ACCEPTED_COURSE = re.compile(
    r"^(?P<length>(?:One|Two|Three|Four|Five|Six|Ten|Twelve) (?:years?|months?|weeks?)) of (?:treatment|therapy) is "
    r"(?:generally |usually |widely |now )?(?:accepted|recommended|standard)\b")
_COMBINED = re.compile(
    rf"^(?P<drug>{_NAME}) (?:was|is|has been) (?:approved|indicated)\b[^,;]*? (?:either )?in combination with "
    r"(?P<partner>[a-z][\w\-]+) or as (?:a )?monotherapy\b")


_SETTING_KIND = re.compile(r"\b(?P<kind>adjuvant|neoadjuvant|add-on|maintenance|first-line|second-line) "
                           r"(?:[\w\-]+ )?(?:treatment|therapy)\b", re.I)
_SETTING_WHEN = re.compile(r"\b(?P<when>(?:after|before|following) (?:surgery|resection|chemotherapy|radiotherapy)"
                           r"(?: (?:for|of|in) (?:[\w\-]+ ){0,3}?(?:cancer|disease|tumou?rs?))?|"
                           r"(?:in|for) (?:early|advanced|metastatic|locally advanced)(?:[\- ]stage)? "
                           r"(?:[\w\-]+ ){0,2}?(?:cancer|disease))\b", re.I)


def course_setting(text: str) -> tuple[str, str]:
    """The setting a course of treatment is told for, from the sentence before ("The optimal
    duration of add-on X treatment after surgery for early breast cancer is unknown. One year of
    treatment is generally accepted ..."): ("After surgery for early breast cancer", "add-on ").
    Without it "one year" reads as the length of every use of the drug."""
    when = _SETTING_WHEN.search(text)
    kind = _SETTING_KIND.search(text)
    return (upper_first(when.group("when")) if when else "",
            kind.group("kind").lower() + " " if kind else "")


def _selection(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """ "FISH is viewed as being the "gold standard" technique in identifying patients who would
    benefit from X" -> "What is the gold-standard technique for identifying patients who would
    benefit from X?"; "One year of treatment is generally accepted" (in the article on X) -> "What
    length of X treatment is generally accepted?"; "X was approved either in combination with
    fulvestrant or as a monotherapy for women with ..." -> "Apart from monotherapy, with which
    drug is X approved in combination?"."""
    m = _GOLD_STANDARD.match(text)
    if m and names_something(m.group("test")):
        purpose = m.group("purpose")
        if clean_prompt_part(purpose, 3) is None:
            return []
        test = drop_asides(m.group("test")) if len(m.group("test").split()) > 6 else m.group("test")
        prompt = f"What is the gold-standard {m.group('noun')} for {purpose}?"
        return as_cards(ask(s, "why", prompt, test))
    m = _ACCEPTED_COURSE.match(text)
    if m and drug:
        verb = "recommended" if "recommended" in m.group(0) else "accepted"
        before = s.previous or s.before
        when, kind = course_setting(before.text if before is not None else "")
        prompt = f"What length of {kind}{lower_first(drug)} treatment is generally {verb}?"
        return as_cards(ask(s, "action", f"{when}, {lower_first(prompt)}" if when else prompt, m.group("length")))
    m = _COMBINED.match(text)
    if m and _is_drug(m.group("partner")):
        # (for whom stays out of the prompt: it is what the drug's indication card asks)
        prompt = f"Apart from monotherapy, with which drug is {lower_first(m.group('drug'))} approved in combination?"
        partner = m.group("partner")
        return as_cards(ask(s, "why", prompt, upper_first(partner)))
    return []


def profile(s: Sentence, text: str, drug: str | None) -> list[Draft]:
    """This module's cards for one sentence (its text with a leading "It" resolved); ``drug`` is
    the article's drug, for a sentence that does not name it."""
    return (route(s, text) or _derived(s, text) or _forms(s, text) or _binds(s, text) or _unlike(s, text) or
            _tissue_selective(s, text, drug) or
            _side_effects(s, text) or
            _caused_effects(s, text) or _weakening_drugs(s, text) or _selection(s, text, drug))
