"""Stage 4, drug interactions a teacher asks: what one drug does to another's levels, with the
figures when the text gives them, and what an enzyme's inhibitors and inducers do to the drug.

Three sentence shapes, each read only when the sentence says the thing plainly:

- "<Drug> was found to decrease serum concentrations of the aromatase inhibitors A and B by
  90% and 50%, respectively" (also "has been found/shown to") -> "By how much did <drug>
  decrease serum concentrations of A and B, respectively?" -> "90% and 50%". The drug that acts is a name (not
  "it", not "this study"), each drug acted on is one or two rare words; two figures need two
  drugs and "respectively". A figure the article calls not clinically important in the next
  sentence is asked with that verdict ("..., and does it matter clinically?" -> "27%; not thought to be
  clinically important"); one its own sentence calls so is not asked.
- "Tamoxifen induces the metabolism of letrozole and significantly reduces its concentrations" ->
  "What does tamoxifen do to letrozole concentrations, and how?" -> "Significantly reduces them,
  by inducing letrozole's metabolism".
- "Inhibitors of this enzyme (such as ketoconazole) are expected to increase its blood plasma
  concentrations. Conversely, CYP3A4 inducers lower plasma concentrations of abemaciclib, as has
  been shown in a study with rifampicin.": the enzyme must be named (in the sentence, or as "this
  enzyme" after "metabolized by the liver enzyme CYP3A4" earlier in it), the drug whose levels
  move must be the article's, the second sentence must open with "Conversely," and tell the other
  side, and each side must name its example drug. One card asks both and quotes both sentences:
  "What do ketoconazole and rifampicin do to abemaciclib plasma concentrations?" ->
  "Ketoconazole (CYP3A4 inhibitor) increases them; rifampicin (CYP3A4 inducer) lowers them".
  What a class does without its examples ("What do CYP3A4 inducers do to ...?" -> "Lower them")
  is no card: inducers lower what the enzyme clears by definition, so it is a guess; knowing
  which drug is which is the fact.
- The drugs of a class the article finds safe to combine ("Patients taking the SSRIs Celexa
  (citalopram), Lexapro (escitalopram), and Luvox (fluvoxamine) did not have an increased risk of
  recurrence" -> "Name three SSRIs that did not increase the risk of recurrence in patients taking
  tamoxifen." -> citalopram, escitalopram, fluvoxamine: the generic names, not the brands).
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .vocabulary import zipf
from .teacher_clauses import CONNECTIVE, DOCUMENT_DRUG, drug_names, lower_first, question, upper_first

_UP = ("increase", "raise", "elevate")
_VERB = r"(?P<verb>increase|raise|elevate|decrease|reduce|lower)(?:s|d)?"
_LEVELS = r"(?:levels?|concentrations?|exposure|AUC|area-under-the-curve levels)"
_MEASURE = rf"(?P<measure>(?:[\w\-]+ ){{0,3}}?{_LEVELS})"
_FIGURE = r"\d+(?:\.\d+)?%"

# "<ctx>, enzalutamide was found to decrease serum concentrations of the aromatase inhibitors
# anastrozole and exemestane by 90% and 50%, respectively, ..."
_BY_FIGURES = re.compile(
    rf"(?:^|, )(?P<who>[A-Za-z][\w\-]+) (?:(?:has|have) been|was|were) (?:found|shown|reported) to {_VERB} "
    rf"{_MEASURE} of (?:the (?P<cls>(?:[\w\-]+ ){{0,3}}(?:inhibitors|antagonists|agonists|drugs|medications|substrates|"
    rf"antiandrogens|antiestrogens|hormones|metabolites)) )?(?P<drugs>[\w\-]+(?: [\w\-]+)?(?:, [\w\-]+)*(?:,? and [\w\-]+)?) "
    rf"by (?P<a>{_FIGURE})(?: and (?P<b>{_FIGURE}))?(?P<resp>, respectively)?(?=[,.;]|$)")

# "However, tamoxifen induces the metabolism of letrozole and significantly reduces its concentrations."
_THROUGH_METABOLISM = re.compile(
    r"^(?P<who>[A-Za-z][\w\-]+) (?P<how>induces|inhibits) the metabolism of (?P<whom>[a-z][\w\-]+) and "
    r"(?P<adv>significantly |markedly |substantially )?(?P<verb>reduces|lowers|decreases|increases|raises) "
    r"its (?P<what>(?:plasma |serum |blood )?(?:concentrations|levels|exposure))\.?$")

_ENZYME = r"(?:CYP\d[A-Z]\d{1,2}|UGT\d[A-Z]\d{1,2}|P-glycoprotein)"
_MODULATOR = re.compile(
    rf"(?:^|, )(?:(?P<enz1>{_ENZYME}) (?P<kind1>inhibitors|inducers)|(?:strong |potent )?(?P<kind2>inhibitors|inducers) "
    rf"of (?:(?P<enz2>{_ENZYME})|this enzyme))(?: \((?:such as|e\.g\.,?|like) (?P<ex1>[\w\-]+)\))?"
    rf"(?: such as (?P<ex2>[\w\-]+))? (?:are expected to |may |can |will )?{_VERB} "
    rf"(?:(?P<its>its|the) )?(?P<measure>(?:blood |serum |circulating )?(?:plasma )?{_LEVELS})"
    rf"(?: of (?P<drug>[\w\-]+))?(?P<rest>[^.;]*)")
_THIS_ENZYME = re.compile(rf"\bmetaboli[sz]ed (?:mainly |mostly |primarily |almost exclusively )?by (?:the )?"
                          rf"(?:liver |hepatic )?(?:enzyme )?(?P<enz>{_ENZYME})\b")
_SHOWN_WITH = re.compile(r"\bshown in a (?:clinical )?study with (?P<ex>[\w\-]+)")


# "Patients taking the SSRIs Celexa (citalopram), Lexapro (escitalopram), and Luvox (fluvoxamine) did not have an
# increased risk of recurrence, due to ...": the drugs of a class that are safe to combine, in the drug's article
_SAFE_ONES = re.compile(r"^(?:Patients|Women|Men|People) (?:taking|on|who took) the (?P<cls>[A-Z]{2,6}s) "
                        r"(?P<list>[^;]+?),? (?:did|do) not have an increased risk of (?P<what>[a-z]+(?: [a-z]+)?)\b")
_ONE_NAME = re.compile(r"^(?:[A-Z][\w\-]+ \((?P<generic>[a-z][\w\-]+)\)|(?P<plain>[a-z][\w\-]+))$")


def _safe_ones(s: Sentence) -> Draft | None:
    m = _SAFE_ONES.match(s.text)
    if m is None or not DOCUMENT_DRUG:
        return None
    names = []
    for item in re.split(r",? and |, ", m.group("list")):
        one = _ONE_NAME.match(item.strip())
        if one is None:
            return None
        names.append(one.group("generic") or one.group("plain"))
    count = {2: "two", 3: "three", 4: "four"}.get(len(names))
    if count is None:
        return None
    prompt = question(f"Name {count} {m.group('cls')} that did not increase the risk of {m.group('what')} in "
                      f"patients taking {DOCUMENT_DRUG[0]}.")
    if prompt is None or any(contains_answer(prompt, n) for n in names):
        return None
    data = {"prompt": prompt, "answer": ", ".join(names), "items": names, "need": len(names)}
    return make_draft("list", "typed", data, s, prompt)


def interaction_drafts(doc) -> list[Draft]:
    """Every interaction card the document's sentences support (see the module docstring)."""
    out: list[Draft] = []
    sentences = [s for s in doc.sentences if s.lost is None and s.clause_of is None and 8 <= len(s.text.split()) <= 60]
    following = {id(s.previous): s for s in sentences if s.previous is not None}
    paired: set[str] = set()
    for s in sentences:
        after = following.get(id(s))
        d = _by_figures(s, after) or _through_metabolism(s) or _safe_ones(s)
        if d is not None:
            out.append(d)
            continue
        side = _modulator(s) if s.text not in paired else None
        if side is None:
            continue
        other = _modulator(after) if after is not None and after.text.startswith("Conversely, ") else None
        if other is not None and other["enzyme"] == side["enzyme"] and other["kind"] != side["kind"] and \
                other["up"] != side["up"] and other["drug"] == side["drug"] and side["example"] and other["example"]:
            paired.add(after.text)
            d = _both_sides(s, after, side, other)
            if d is not None:
                out.append(d)
    return out


# "..., so the decrease in anastrozole levels is not thought to be clinically important": the
# article itself says the figure does not matter
_NOT_IMPORTANT = re.compile(r"\bnot (?:thought|considered|believed|expected) to be clinically (?:important|significant|"
                            r"relevant)|\bconsidered (?:to )?not (?:to )?be clinically (?:important|significant|relevant)|"
                            r"\bnot clinically (?:important|significant|relevant)\b", re.I)


def _by_figures(s: Sentence, after: Sentence | None) -> Draft | None:
    m = _BY_FIGURES.search(s.text)
    if m is None or zipf(m.group("who").lower()) >= 3.5:
        return None  # "it was found", "this was found": whose effect, unsaid
    drugs = drug_names(m.group("drugs"))
    if drugs is None or (m.group("b") is not None) != (len(drugs) == 2 and m.group("resp") is not None):
        return None  # two figures belong to two drugs, named and told "respectively"
    prompt = f"By how much did {m.group('who')} {m.group('verb')} {m.group('measure')} of {' and '.join(drugs)}" + \
        (", respectively?" if m.group("b") else "?")
    if _NOT_IMPORTANT.search(s.text[m.end():]):
        return None
    if after is not None and _NOT_IMPORTANT.search(after.text):
        return _with_its_verdict(s, after, prompt, m.group("a")) if m.group("b") is None else None
    if m.group("b"):
        answer = f"{m.group('a')} and {m.group('b')}"
        accept = [f"{m.group('a').rstrip('%')} and {m.group('b')}", f"{m.group('a')}, {m.group('b')}"]
    else:
        answer, accept = m.group("a"), []
    return _typed(s, prompt, answer, accept)


def _through_metabolism(s: Sentence) -> Draft | None:
    """"Tamoxifen induces the metabolism of letrozole and significantly reduces its concentrations"
    -> "What does tamoxifen do to letrozole concentrations, and how?" -> "Significantly reduces
    them, by inducing letrozole's metabolism". Both drugs are named (rare words), one of them the
    article's."""
    m = _THROUGH_METABOLISM.match(CONNECTIVE.sub("", s.text))
    if m is None:
        return None
    who, whom = m.group("who"), m.group("whom")
    if zipf(who.lower()) >= 3.0 or zipf(whom) >= 3.0 or not DOCUMENT_DRUG or \
            DOCUMENT_DRUG[0].lower() not in (who.lower(), whom):
        return None
    change = f"{(m.group('adv') or '').strip()} {m.group('verb')}".strip()
    by = {"induces": "inducing", "inhibits": "inhibiting"}[m.group("how")]
    answer = f"{upper_first(change)} them, by {by} {whom}'s metabolism"
    prompt = f"What does {lower_first(who)} do to {whom} {m.group('what')}, and how?"
    return _basic(s, prompt, answer)


def _modulator(s: Sentence) -> dict | None:
    m = _MODULATOR.search(s.text)
    if m is None:
        return None
    enzyme = m.group("enz1") or m.group("enz2")
    if enzyme is None:
        this = _THIS_ENZYME.search(s.text[: m.start()])
        if this is None:
            return None
        enzyme = this.group("enz")
    drug = m.group("drug")
    if drug is None:
        if m.group("its") != "its":
            return None  # "increase the plasma concentrations": of what?
        owner = re.match(rf"^As ([\w\-]+) is (?:mainly |mostly |primarily )?metaboli[sz]ed\b", s.text)
        drug = owner.group(1) if owner else None
    if drug is None or not DOCUMENT_DRUG or drug.lower() != DOCUMENT_DRUG[0].lower():
        return None  # the drug whose levels move must be the article's, named
    example = m.group("ex1") or m.group("ex2")
    shown = _SHOWN_WITH.search(m.group("rest"))
    if example is None and shown is not None:
        example = shown.group("ex")
    measure = re.sub(r"^(?:blood|serum|circulating) ", "", m.group("measure"))
    return {"enzyme": enzyme, "kind": m.group("kind1") or m.group("kind2"), "up": m.group("verb") in _UP,
            "example": example, "drug": drug.lower(), "measure": measure}


def _moves(side: dict) -> str:
    """What the modulator does to the levels ("increases", "lowers")."""
    return "increases" if side["up"] else "lowers"


def _both_sides(s: Sentence, after: Sentence, side: dict, other: dict) -> Draft | None:
    """The drugs a prescriber meets, and what each is: the enzyme stays in the answer, where the
    card on which enzyme metabolizes the drug cannot read it."""
    first, second = (side, other) if side["kind"] == "inhibitors" else (other, side)
    enzyme = side["enzyme"]
    prompt = f"What do {first['example']} and {second['example']} do to {side['drug']} {side['measure']}?"
    answer = (f"{upper_first(first['example'])} ({enzyme} {first['kind'][:-1]}) {_moves(first)} them; "
              f"{second['example']} ({enzyme} {second['kind'][:-1]}) {_moves(second)} them")
    d = _basic(s, prompt, answer)
    if d is not None:
        d.quote = f"{s.text} {after.text}"  # two sentences of one paragraph, verbatim
    return d


def _with_its_verdict(s: Sentence, after: Sentence, prompt: str, figure: str) -> Draft | None:
    """"However, tamoxifen has been found to decrease steady-state area-under-the-curve levels of X by 27%.
    But estradiol levels were not significantly different ..., so the decrease in X levels is not thought
    to be clinically important." -> "By how much did tamoxifen decrease ... of X, and does it matter
    clinically?" -> "27%; not thought to be clinically important" (both sentences quoted): the figure
    alone would teach a change the article says does not matter."""
    verdict = _NOT_IMPORTANT.search(after.text).group(0)
    d = _basic(s, prompt.rstrip("?") + ", and does it matter clinically?", f"{figure}; {verdict}")
    if d is not None:
        d.quote = f"{s.text} {after.text}"  # two sentences of one paragraph, verbatim
    return d


def _basic(s: Sentence, prompt: str, answer: str) -> Draft | None:
    prompt = question(prompt)
    if prompt is None or contains_answer(prompt, answer):
        return None
    return make_draft("why", "basic", {"prompt": upper_first(prompt), "answer": answer}, s, prompt)


def _typed(s: Sentence, prompt: str, answer: str, accept: list[str]) -> Draft | None:
    prompt = question(prompt)
    if prompt is None or contains_answer(prompt, answer):
        return None
    accept = sorted({a for a in accept if a != answer})
    data = {"prompt": upper_first(prompt), "answer": answer}
    if accept:
        data["accept"] = accept
    return make_draft("number", "typed", data, s, prompt)
