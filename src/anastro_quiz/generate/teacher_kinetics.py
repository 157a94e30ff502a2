"""Stage 4, how the body clears a drug, as a teacher asks it: by which route it is mainly
excreted ("Abemaciclib is excreted mainly via the feces (81%) and to a small extent via the urine
(3%)" -> "By which route is abemaciclib mainly excreted?" -> "Feces", its share, 81% of a dose, told
beside the answer).

Read only when the sentence names the drug and says which route is the main one ("mainly",
"primarily", "predominantly", "mostly", "largely"): "is excreted in bile and feces" or "in
similar proportions in feces and urine" names no main route, so there is no card. The drug's
half-life is a figure card (:func:`.figures.property_question`).

How the body mainly clears it, when the article says so ("is eliminated predominantly by metabolism
in the liver (83 to 85%)" -> "How is anastrozole mainly eliminated?" -> "By metabolism in the
liver"); beside that sentence the main route of excretion is not asked (:func:`excretion_beside_metabolism`):
what leaves mainly in urine is then the metabolites, and "mainly excreted in urine" alone reads as
the drug's main way out, against the article's own statement of what is main (the eleventh reading).

The share of a hormone or drug that circulates free, when the article says it ("Only about 2.21% (±
0.04%) of estradiol is free and biologically active." -> "What share of estradiol is free and
biologically active?" -> "About 2%", 2.21% accepted; the twelfth reading listed it among what no card
asked, the fifteenth read the hundredths of an "about" figure as over-precise).
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, question, readable_sentences

_ROUTE = r"(?P<route>feces|faeces|urine|bile|kidneys)"
_EXCRETED = re.compile(
    rf"^(?P<drug>[A-Z][a-z][\w\-]+) is excreted (?:(?P<how>mainly|primarily|predominantly|mostly|largely) )?"
    rf"(?:via|in|through|by) (?:the )?(?:(?P<how2>mainly|primarily|predominantly|mostly|largely) )?"
    rf"(?:(?:via|in|through|by) (?:the )?)?{_ROUTE}(?: \((?P<share>\d+(?:\.\d+)?%)\))?(?!\w)")


def _is_document_drug(drug: str) -> bool:
    """Whether ``drug`` is the article's own drug: a metabolite's or another drug's route or
    clearance is a side note."""
    return bool(DOCUMENT_DRUG) and drug.lower() == DOCUMENT_DRUG[0].lower()


def excretion(s: Sentence, text: str) -> Draft | None:
    """The main route of excretion of the article's drug, with its share when the text gives it."""
    m = _EXCRETED.match(text)
    if m is None or not (m.group("how") or m.group("how2")):
        return None
    drug = m.group("drug")
    if not _is_document_drug(drug):
        return None
    route = {"faeces": "feces", "kidneys": "urine (by the kidneys)"}.get(m.group("route"), m.group("route"))
    answer = route[:1].upper() + route[1:]
    prompt = question(f"By which route is {drug.lower()} mainly excreted?")
    if prompt is None or contains_answer(prompt, answer):
        return None
    data = {"prompt": prompt, "answer": answer}
    if m.group("share"):
        # beside the answer, not in it: quiz mode offers one basic card's answer as another's
        # option, and "Feces (81%)" is a figure among the uses of the drug
        data["explanation"] = f"{m.group('share')} of a dose."
    return make_draft("why", "basic", data, s, prompt)


_HOW = r"(?:mainly|primarily|predominantly|mostly|largely)"
_SHARE = r"\d+(?:\.\d+)?\s?%?(?:\s?(?:to|–|-)\s?\d+(?:\.\d+)?)?\s?%"
_ELIMINATED = re.compile(
    rf"^(?P<drug>[A-Z][a-z][\w\-]+) is (?:eliminated|cleared) {_HOW} (?:by|via|through) "
    rf"(?P<means>hepatic metabolism|metabolism(?: in the liver| by the liver)?)(?: \((?P<share>{_SHARE})\))?(?!\w)")


def _eliminated(text: str) -> re.Match | None:
    m = _ELIMINATED.match(text)
    return m if m is not None and _is_document_drug(m.group("drug")) else None


def elimination(s: Sentence, text: str) -> Draft | None:
    """How the article's drug is mainly cleared, when that is metabolism (with its share beside it)."""
    m = _eliminated(text)
    if m is None:
        return None
    means = {"hepatic metabolism": "metabolism in the liver", "metabolism by the liver": "metabolism in the liver"}.get(
        m.group("means"), m.group("means"))
    prompt = question(f"How is {m.group('drug').lower()} mainly eliminated?")
    if prompt is None:
        return None
    data = {"prompt": prompt, "answer": f"By {means}"}
    if m.group("share"):
        data["explanation"] = f"{m.group('share')} of a dose."
    return make_draft("why", "basic", data, s, prompt)


def excretion_beside_metabolism(drafts: list[Draft], doc) -> list[Draft]:
    """No "By which route is X mainly excreted?" in an article that says X is eliminated mainly by
    metabolism: two "mainly"s, and the card's reads as the one the article puts second."""
    if not any(_eliminated(text) for _, text in readable_sentences(doc)):
        return drafts
    return [d for d in drafts if not re.match(r"^By which route is \S+ mainly excreted\?$", str(d.data.get("prompt", "")))]


_FREE = re.compile(
    r"^(?:Only )?(?P<about>about |approximately |around |roughly )?(?P<n>\d+(?:\.\d+)?) ?%(?: \([^()]*\))? of "
    r"(?:(?:circulating|plasma|serum) )?(?P<what>[a-z][\w\-]+) (?:in (?:plasma|serum|the circulation) )?"
    r"(?:is|circulates) (?:free|unbound)(?P<active> and (?:biologically )?active)?\.?$")


def free_fraction(s: Sentence, text: str) -> Draft | None:
    """What share of a substance circulates free (see the module docstring). The bracketed spread goes."""
    m = _FREE.match(text)
    if m is None:
        return None
    prompt = question(f"What share of {m.group('what')} is free{m.group('active') or ''}?")
    if prompt is None:
        return None
    n = m.group("n")
    if m.group("about") and re.search(r"\.\d\d", n):
        # "about 2.21% (± 0.04%)": what a student recalls is about 2% (the fifteenth reading read the
        # hundredths as over-precise); the quote shows them, and the grader takes them
        answer = f"About {round(float(n))}%"
    else:
        answer = f"{'About ' if m.group('about') else ''}{n}%"
    accept = sorted({f"{n}%", f"{float(n):.1f}%", f"{round(float(n))}%"} - {answer})
    return make_draft("number", "typed", {"prompt": prompt, "answer": answer, "accept": accept}, s, prompt)
