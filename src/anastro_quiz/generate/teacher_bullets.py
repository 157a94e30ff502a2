"""Stage 4, an enumeration told as a bulleted list under a lead ending in a colon, which the
sentence-by-sentence builders cannot see whole: under a heading "Resistance mechanisms in prostate
cancer", "Currently, several mechanisms have been found:" then "- AR mutations", "- AR splice
variants", ... -> "Name two resistance mechanisms to enzalutamide in prostate cancer." keyed with
the items.

What the items are comes from the lead's plural noun ("several mechanisms"), made precise by the
heading that names it ("Resistance mechanisms in prostate cancer"); without such a heading the
lead must name the drug. The quote is the lead and its items, each as the article has it, joined
by "; " (as a table row is quoted cell by cell). Every item must be a short name: a list of uses
with their approval dates and doses, or of whole sentences, is no list to recall.
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .list_items import MAX_ANY_TWO, MAX_NAMED
from .teacher_clauses import DOCUMENT_DRUG, drop_asides, names_drug, question
from .teacher_lists import domain_things

MAX_ITEM_WORDS = 10
_LEAD = re.compile(r"\b(?:several|various|many|some|a number of|the following|these|numerous) (?P<noun>[a-z]+s)\b"
                   r"[^:]*:$")


def bullet_lists(doc) -> list[Draft]:
    """A "Name two/three" card for each bulleted list whose lead and heading say what it lists."""
    if not DOCUMENT_DRUG:
        return []
    drug = DOCUMENT_DRUG[0].lower()
    out: list[Draft] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind != "paragraph" or not block.text.rstrip().endswith(":"):
            continue
        items = []
        for b in blocks[i + 1:]:
            if b.kind != "item" or b.heading != block.heading:
                break
            items.append(b.text)  # (its body drops a leading Title-Case label: "Interleukin 6 ...")
        lead = next((s for s in doc.sentences if s.text.endswith(":") and s.text in block.text
                     and block.text.rstrip().endswith(s.text)), None)
        d = _card(lead, items, drug) if lead is not None and lead.lost is None else None
        if d is not None:
            out.append(d)
    return out


def _card(lead: Sentence, bodies: list[str], drug: str) -> Draft | None:
    m = _LEAD.search(lead.text)
    if m is None or not 3 <= len(bodies) <= MAX_ANY_TWO:
        return None
    if any(re.search(r"\b(?:19|20)\d\d\b", b) for b in bodies):
        return None  # uses with their approval dates: a history of approvals, not a list to recall
    items = [drop_asides(b).strip(" .;") for b in bodies]
    if any(not 1 <= len(i.split()) <= MAX_ITEM_WORDS or re.search(r"[;:]", i) for i in items) or not domain_things(items):
        return None
    noun = m.group("noun")
    named = re.match(rf"^(?P<category>(?:[\w\-]+ )?{re.escape(noun)})(?P<setting> in [\w\- ]{{3,40}})?$", lead.heading, re.I)
    if named:
        category = named.group("category").lower()
        link = "to" if category.startswith("resistance ") else "of"
        prompt_end = f"{category} {link} {drug}{named.group('setting') or ''}"
    elif names_drug(lead.text, drug):
        prompt_end = f"{noun} of {drug}"
    else:
        return None  # "several mechanisms" of what, unsaid
    need = 2 if len(items) > MAX_NAMED else 3
    prompt = question(f"Name {'two' if need == 2 else 'three'} {prompt_end}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    quote = lead.text + " " + "; ".join(b.strip() for b in bodies)
    source = Sentence(quote, lead.document, lead.section, lead.heading, page=lead.page)
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return make_draft("list", "typed", data, source, prompt)
