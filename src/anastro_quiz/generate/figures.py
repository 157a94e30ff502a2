"""Compact questions for reported figures: "ATAC trial, five years: reduction in BMD in the
total hip?" instead of three sentences with a blank.

A figure is worth a compact card when its sentence says what changed ("The reduction was
approximately 7.2% in the total hip", "bone mineral density fell by 3.4% over two years in
women", "Tamoxifen decreases IGF-1 levels by 17 to 38%"). The question names who or what
reported it (a named trial or study from the sentence or the context it leans on, or the
sentence's subject), the duration and population when the text gives them, the change and
where it was measured. When any part cannot be read off the text, no compact question is
made and the card keeps its sentence.
"""

from __future__ import annotations

import re

from .vocabulary import zipf

_QUALIFIER = r"(?:(?:approximately|about|around|roughly|nearly|only|almost|up to|~|≈)\s+)?"
_CHANGE_NOUN = re.compile(
    rf"\b(?P<change>reductions?|decreases?|declines?|loss(?:es)?|increases?|rises?|drops?|gains?|"
    rf"improvements?|changes?|falls?)\s+(?:(?:in|of)\s+(?P<measure>[\w\-]+(?:\s+[\w\-]+){{0,3}}?)\s+)?"
    rf"(?:was|were|is|are|of|by)\s+{_QUALIFIER}$", re.I)
_PAST_VERB = {"fell": "fall", "rose": "rise", "decreased": "decrease", "increased": "increase", "dropped": "drop",
              "declined": "decline", "improved": "improvement", "reduced": "reduction", "lowered": "reduction",
              "grew": "growth", "was reduced": "reduction", "was increased": "increase", "were reduced": "reduction"}
_VERB_BY = re.compile(
    rf"(?P<what>\b[\w\-]+(?:\s+[\w\-]+){{0,3}}?)\s+(?P<verb>{'|'.join(sorted(_PAST_VERB, key=len, reverse=True))})"
    rf"\s+by\s+{_QUALIFIER}$", re.I)
_PRESENT = {"decrease": "decrease", "reduce": "reduction", "increase": "increase", "lower": "reduction",
            "raise": "increase", "improve": "improvement", "cut": "reduction"}
_ACTIVE_BY = re.compile(
    rf"^(?P<subject>[A-Z][\w\-]+)(?:\s+[\w\-]+){{0,4}}?\s+(?P<verb>{'|'.join(_PRESENT)})(?:s|d|es)?\s+"
    rf"(?P<what>[\w\-]+(?:\s+[\w\-]+){{0,3}}?)\s+(?:\((?P<acr>[^()]*)\)\s+)?(?P<rest>[\w\-]+\s+)?by\s+{_QUALIFIER}$")
_WHERE = re.compile(r"^\s*(?:in|at)\s+(?P<where>(?:the\s+)?[\w\-]+(?:\s+[\w\-]+){0,2}?)"
                    r"(?=\s+and\b|\s*[,.;)]|\s+over\b|\s+after\b|\s+compared\b|\s+with\b|\s+in\b|$)")
_WHO = re.compile(r"\b(?:in|among)\s+(?P<who>(?:(?:postmenopausal|premenopausal|older|elderly|healthy|young)\s+)?"
                  r"(?:women|men|patients|children|adults|volunteers|participants)"
                  r"(?:\s+and\s+(?:women|men|children|adults))?(?:\s+(?:with|taking|on|receiving|treated with)\s+[\w\-]+(?:\s+[\w\-]+){0,2})?)(?=[,.;)]|\s+and\b|$)")
_GROUP = re.compile(r"\b(?:postmenopausal|premenopausal|older|elderly|healthy|young|obese) (?:women|men|adults|volunteers|patients)\b")
_DURATION = re.compile(r"\b(?:for|over|after)\s+(?P<d>(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
                       r"\s+(?:years?|months?|weeks?|days?))\b", re.I)
_STUDY = re.compile(r"\((?P<acr>[A-Z][A-Z0-9\-]{1,9})\)\s+(?P<akind>trial|study)\b|"
                    r"\b(?:the\s+)?(?P<name>[A-Z][A-Za-z0-9\-]*[A-Z0-9][A-Za-z0-9\-]*(?:\s+[0-9\-]+)?)\s+"
                    r"(?:\([^()]*\)\s+)?(?P<kind>trial|study|substudy)\b|\b(?P<year>(?:19|20)\d\d)\s+(?P<ykind>study|trial)\b")
_MEASURE_IN_CONTEXT = re.compile(r"\b(?:decreases?|reductions?|increases?|changes?|loss(?:es)?|declines?)\s+in\s+"
                                 r"(?P<m>[A-Z][A-Za-z0-9\-]{1,9}|[a-z][\w\-]+(?:\s+[a-z][\w\-]+){0,2}?)(?=[,.;]|\s+(?:and|over|after|compared)\b|$)")


_EARLIER_FIGURE = re.compile(r"-?\d+(?:\.\d+)?\s?%?\s+(?:in|at)\s+[^,;]+?(?:,\s*(?:and\s+)?|\s+and\s+)$")


_PROPERTY = re.compile(
    rf"^(?:The\s+)?(?P<what>[a-z][\w\-]*(?:\s+[\w\-]+){{0,4}}?)\s+of\s+(?P<of>[A-Za-z(][\w\-()]*(?:\s+[\w\-()]+){{0,2}}?)"
    rf"(?:\s+in\s+(?P<in>humans|adults|women|men|children|patients))?\s+(?:is|was|are|were)\s+{_QUALIFIER}"
    rf"(?:(?:typically|usually|generally|reported(?:ly)?(?: to be)?)\s+)?$")
_HAS_PROPERTY = re.compile(
    rf"^(?P<of>[A-Z][\w\-]+)(?:\s+[\w\-,]+){{0,6}}?\s+has\s+an?\s+(?:(?:long|short|relatively long|relatively short)\s+)?"
    rf"(?P<what>[a-z][\w\-]*(?:\s+[\w\-]+){{0,3}}?)\s+of\s+{_QUALIFIER}(?:(?:typically|usually|generally)\s+)?$")
# "Its elimination half-life is 18.3 hours": whose, the caller reads off the sentence before
_ITS_PROPERTY = re.compile(rf"^Its\s+(?P<what>[a-z][\w\-]*(?:\s+[\w\-]+){{0,3}}?)\s+(?:is|was)\s+{_QUALIFIER}"
                           rf"(?:(?:typically|usually|generally)\s+)?$")
# What may follow the figure and still leave it the sentence's point: a bracket, "on average",
# the spread around it (", with a range of 4 to 11 days"), the patients it holds for
_PROPERTY_TAIL = re.compile(r"^\s*(?:\([^()]*\))?\s*(?:on average|on mean)?\s*"
                            r"(?:,\s+with an? (?:range|spread) of [^,;()]+?(?=[.;]|$))?\s*"
                            r"(?:(?P<qual>in\s+(?:patients|people|adults|women|men|children)"
                            r"(?:\s+[\w\-]+){0,5}))?\s*(?:[.;]|,\s+(?:which|suggesting|indicating)\b.*)?\s*$")


_NOT_PROPERTIES = ("use", "effect", "effects", "risk", "rate", "number", "dose", "dosage", "form", "forms", "group",
                   "results")


def property_question(sentence: str, start: int, end: int, owner: str | None = None) -> str | None:
    """"The elimination half-life of anastrozole is 40 to 50 hours." -> "Anastrozole: elimination
    half-life?"; "Goserelin ... has a serum elimination half-life of two to four hours in
    patients with normal renal function." -> "Goserelin: serum elimination half-life in patients
    with normal renal function?"; "Tamoxifen has a long elimination half-life of typically 5 to 7
    days, with a range of 4 to 11 days." -> "Tamoxifen: elimination half-life?" (the typical
    figure is the one to recall). "Its elimination half-life is ..." is asked only with its
    ``owner`` (the subject the sentence before names). ``None`` unless the figure ends its
    sentence (a bracket, "on average", its range or a patient group may follow)."""
    before, after = sentence[:start], sentence[end:]
    tail = _PROPERTY_TAIL.match(after)
    if tail is None:
        return None
    m = _PROPERTY.match(before) or _HAS_PROPERTY.match(before)
    if m is None and owner is not None:
        its = _ITS_PROPERTY.match(before)
        if its is not None and its.group("what").split()[0] not in _NOT_PROPERTIES:
            return f"{owner[:1].upper() + owner[1:]}: {its.group('what')}" + \
                (f" {tail.group('qual')}?" if tail.group("qual") else "?")
    if m is None or m.group("what").split()[0] in _NOT_PROPERTIES:
        return None
    if zipf(m.group("of").split()[0].lower()) >= 4.5:  # "of death", "of the drug": not a thing with properties
        return None
    owner = m.group("of")
    owner = owner[:1].upper() + owner[1:]
    what = m.group("what")
    if m.groupdict().get("in"):
        what += f" in {m.group('in')}"
    if tail.group("qual"):
        what += f" {tail.group('qual')}"
    return f"{owner}: {what}?"


# "Gynecomastia occurs in up to 80% of men treated with bicalutamide monotherapy, and is of
# mild-to-moderate severity in more than 90% of affected men."
_INCIDENCE_BEFORE = re.compile(r"^(?P<effect>[A-Z][a-z][\w\-]*(?: [a-z][\w\-]*){0,2}) (?:occurs|develops|is seen) in "
                               r"(?P<qual>up to|about|approximately|around|roughly|nearly)? ?$")
_INCIDENCE_AFTER = re.compile(r"^ of (?P<who>men|women|patients|people|children) (?:treated with|taking|receiving|on) "
                              r"(?P<drug>[a-z][\w\-]+(?: monotherapy| alone)?)(?=,)")
_SECOND_FIGURE = re.compile(r"\d+(?:\.\d+)?\s?%")


def incidence_question(sentence: str, start: int, end: int) -> str | None:
    """"Gynecomastia occurs in up to 80% of men treated with bicalutamide monotherapy, and is of
    mild-to-moderate severity in more than 90% of affected men." -> "Gynecomastia with bicalutamide
    monotherapy: in up to what share of men does it occur?". Only when another figure follows (the
    sentence blanked would show it, and the compact question leaves it out); ``None`` otherwise."""
    before, after = _INCIDENCE_BEFORE.match(sentence[:start]), _INCIDENCE_AFTER.match(sentence[end:])
    if before is None or after is None or not _SECOND_FIGURE.search(sentence[end + after.end():]):
        return None
    qual = f"in {before.group('qual')} what share" if before.group("qual") else "in what share"
    return f"{before.group('effect')} with {after.group('drug')}: {qual} of {after.group('who')} does it occur?"


def compact_question(sentence: str, start: int, end: int, context: str = "", owner: str | None = None) -> str | None:
    """A short question for the figure at ``sentence[start:end]``, or ``None``.

    ``context`` is the text the sentence leans on ("In a bone substudy of this trial, ...");
    ``owner`` is what a leading "Its" stands for, when the caller knows.
    """
    prop = property_question(sentence, start, end, owner) or incidence_question(sentence, start, end)
    if prop is not None:
        return prop
    before, after = sentence[:start], sentence[end:]
    change = measure = lead = None
    # "... was 6.1% in the lumbar spine and [7.2%] in the total hip": the change is stated once
    listed = _EARLIER_FIGURE.search(before)
    m = _CHANGE_NOUN.search(before) or (_CHANGE_NOUN.search(before[: listed.start()]) if listed else None)
    if m:
        change = m.group("change").lower().rstrip("s") if not m.group("change").lower().startswith("loss") else "loss"
        measure = m.group("measure")
    else:
        m = _VERB_BY.search(before)
        if m and not re.match(r"(?i)^(?:the|a|an|it|this|these|which|that)$", m.group("what")):
            change, measure = _PAST_VERB[m.group("verb").lower()], _trim(m.group("what"))
        else:
            m = _ACTIVE_BY.search(before)
            if m is None:
                return None
            change, measure, lead = _PRESENT[m.group("verb").lower()], m.group("what"), m.group("subject")
            if m.group("acr"):  # "insulin-like growth factor 1 (IGF-1) levels": the short name reads better
                measure = m.group("acr")
            if m.group("rest"):
                measure += " " + m.group("rest").strip()
    where = _WHERE.match(after)
    if measure is None:
        found = _MEASURE_IN_CONTEXT.search(context + " " + before)
        measure = found.group("m") if found else None
    study = _STUDY.search(before) or _STUDY.search(context)
    if lead is None and study is not None:
        lead = _study_name(study)
    if lead is None:
        return None
    duration = _DURATION.search(sentence) or _DURATION.search(context)
    who = _WHO.search(after) or _WHO.search(before)
    group = _GROUP.search(context) if who is None else None
    head = lead + (f", {group.group(0)}" if group else "")
    head += f", {duration.group('d')}" if duration and duration.group(0) not in sentence[start:end] else ""
    if where and who and where.group("where") in who.group("who"):
        where = None  # "in women and men" says who, not where
    if measure is None and where is None:
        return None
    what = f"{change} in {measure}" if measure else change
    if where:
        what += f" in {where.group('where')}"
    if who and who.group("who") not in what:
        what += f" in {who.group('who')}"
    question = f"{head}: {what}?"
    if len(question.split()) > 22:
        return None
    return question


def _study_name(study: re.Match[str]) -> str:
    """"ATAC trial" from "(ATAC) trial", "2009 study" from "A 2009 study", "FACE trial"."""
    if study.group("acr"):
        return f"{study.group('acr')} {study.group('akind')}"
    if study.group("year"):
        return f"{study.group('year')} {study.group('ykind')}"
    return f"{study.group('name')} {study.group('kind')}"


def _trim(phrase: str) -> str:
    """The measure from the words before the verb, without a leading preposition phrase."""
    words = phrase.split()
    while words and words[0].lower() in ("in", "the", "a", "an", "of", "and", "its", "their", "mean", "average"):
        words = words[1:]
    return " ".join(words)


OUTCOME = re.compile(
    r"\b(?:led to|leads to|resulted in|results in|caused|causes|showed|shows|produced|produces|found)\s+"
    r"(?P<change>an?\s+(?:(?:statistically\s+)?(?:significant|marked|small|modest|large|notable|dose-dependent)\s+)?"
    r"(?:decrease|increase|reduction|rise|drop|decline|improvement|loss|gain|worsening))\s+in\s+"
    r"(?P<what>[\w\-]+(?:\s+[\w\-]+){0,4}?)(?P<versus>\s+(?:compared (?:to|with)|versus|vs\.?|relative to)\s+"
    r"(?:the\s+)?[\w\-]+(?:\s+group)?)?(?=\s+over\b|\s+after\b|\s+in\b|[,.;]|$)")


# What a study gave: "the effects of 1 mg of anastrozole daily" -> anastrozole 1 mg daily
_REGIMEN = re.compile(r"\b(?P<dose>\d+(?:\.\d+)?\s?(?:mg|µg|mcg|g))\s+of\s+(?P<drug>[a-z][\w\-]{3,})\s+"
                      r"(?P<often>(?:once |twice )?(?:daily|weekly|a day|a week|per day|per week))\b")


def outcome_question(sentence: str, context: str = "") -> tuple[str, str] | None:
    """A reported outcome as a question and a short answer: "2009 study, anastrozole 1 mg daily,
    older men, one year: what happened to posterior-anterior spine BMD?" -> "A statistically
    significant decrease (compared to the placebo group)": the study, what it gave (when the text
    says), to whom and for how long. ``None`` unless a named study reported it."""
    m = OUTCOME.search(sentence)
    if m is None:
        return None
    study = _STUDY.search(sentence) or _STUDY.search(context)
    if study is None:
        return None
    lead = _study_name(study)
    group = _GROUP.search(sentence) or _GROUP.search(context)
    duration = _DURATION.search(sentence[m.end():]) or _DURATION.search(context)
    regimen = _REGIMEN.search(sentence) or _REGIMEN.search(context)
    head = lead + (f", {regimen.group('drug')} {regimen.group('dose')} {regimen.group('often')}" if regimen else "") + \
        (f", {group.group(0)}" if group else "") + (f", {duration.group('d')}" if duration else "")
    answer = m.group("change")[0].upper() + m.group("change")[1:]
    if m.group("versus"):
        answer += f" ({m.group('versus').strip()})"
    question = f"{head}: what happened to {m.group('what')}?"
    return (question, answer) if len(question.split()) <= 22 else None
