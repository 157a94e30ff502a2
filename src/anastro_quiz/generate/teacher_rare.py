"""Stage 4, the rare adverse effects an article names as such: "Rarely, it has been associated
with cases of serious liver damage, serious lung toxicity, and sensitivity to light." (after a
sentence that opens with the drug's name) -> "Name two rare adverse effects of bicalutamide." ->
"liver damage, lung toxicity, sensitivity to light", two of them needed ("serious" stays in the
quote: the grader takes "serious liver damage" too, as Hard); one item -> "Which rare adverse effect can X cause?".

The drug is the sentence's subject, or the name the sentence before opens with when it says
"it"; nothing else stands in for "it". Rare effects are asked apart from the common ones because
a teacher asks them apart: they are the ones a prescriber warns of.
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import finite_verb, lead_name, lower_first, question

_RARELY = re.compile(
    r"^(?:Rarely|In rare cases|On rare occasions), (?P<who>it|[A-Z][a-z][\w\-]+) "
    r"(?:has been associated with|is associated with|has been linked to|can cause|may cause|causes|has caused|"
    r"can lead to|may lead to) (?:cases of |reports of )?(?P<list>[^;:()]+?)\.?$")


def rare_effects(s: Sentence) -> Draft | None:
    """The card for a sentence that names a drug's rare adverse effects (see the module docstring)."""
    m = _RARELY.match(s.text)
    if m is None:
        return None
    drug = m.group("who")
    if drug == "it":
        before = s.previous.text if s.previous is not None and s.previous.lost is None else ""
        drug = lead_name(before) if before else None
        if drug is None:
            return None
    listed = m.group("list").strip()
    items = _items(listed)
    if items is None and len(listed.split()) <= 4 and not re.search(r",| and | or ", listed):
        answer = listed[:1].upper() + listed[1:]
        prompt = question(f"Which rare adverse effect can {lower_first(drug)} cause?")
        if prompt is None or contains_answer(prompt, answer):
            return None
        return make_draft("why", "basic", {"prompt": prompt, "answer": answer}, s, prompt)
    if items is None or len(items) < 2:
        return None
    need = 2 if len(items) >= 3 else len(items)
    prompt = question(f"Name two rare adverse effects of {lower_first(drug)}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return make_draft("list", "typed", data, s, prompt)


def _items(listed: str) -> list[str] | None:
    """ "serious liver damage, serious lung toxicity, and sensitivity to light" -> its three
    items; ``None`` unless it is a list of two to four short noun phrases (no verb, no figure)."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", listed) if p.strip()]
    if not 2 <= len(parts) <= 4:
        return None
    for p in parts:
        words = p.split()
        if not 1 <= len(words) <= 5 or re.search(r"\d", p) or finite_verb(["x"] + words) is not None or \
                re.match(r"^(?:it|they|this|these|other|others|more)\b", p, re.I):
            return None
    # "serious liver damage": the degree is the article's, "liver damage" is what a student names
    return [re.sub(r"^(?:serious|severe|significant)\s+", "", p) for p in parts]
