"""Stage 4, how the body clears a drug, as a teacher asks it: by which route it is mainly
excreted ("Abemaciclib is excreted mainly via the feces (81%) and to a small extent via the urine
(3%)" -> "By which route is abemaciclib mainly excreted?" -> "Feces", its share, 81% of a dose, told
beside the answer).

Read only when the sentence names the drug and says which route is the main one ("mainly",
"primarily", "predominantly", "mostly", "largely"): "is excreted in bile and feces" or "in
similar proportions in feces and urine" names no main route, so there is no card. The drug's
half-life is a figure card (:func:`.figures.property_question`).
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, question

_ROUTE = r"(?P<route>feces|faeces|urine|bile|kidneys)"
_EXCRETED = re.compile(
    rf"^(?P<drug>[A-Z][a-z][\w\-]+) is excreted (?:(?P<how>mainly|primarily|predominantly|mostly|largely) )?"
    rf"(?:via|in|through|by) (?:the )?(?:(?P<how2>mainly|primarily|predominantly|mostly|largely) )?"
    rf"(?:(?:via|in|through|by) (?:the )?)?{_ROUTE}(?: \((?P<share>\d+(?:\.\d+)?%)\))?(?!\w)")


def excretion(s: Sentence, text: str) -> Draft | None:
    """The main route of excretion of the article's drug, with its share when the text gives it."""
    m = _EXCRETED.match(text)
    if m is None or not (m.group("how") or m.group("how2")):
        return None
    drug = m.group("drug")
    if not DOCUMENT_DRUG or drug.lower() != DOCUMENT_DRUG[0].lower():
        return None  # a metabolite's or another drug's route is a side note
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
