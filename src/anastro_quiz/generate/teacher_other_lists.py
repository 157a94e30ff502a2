"""An enumeration card beside the article's other list of the same category ("Common side effects
include A, ..., F" in the lead, "Some of the common side effects of X are G, H and I" in a later
section): "Name two ..." takes both lists into its key (:func:`with_other_list`), and a card whose key
is one of two lists is not asked (:func:`listed_elsewhere`). Read by :mod:`teacher_lists`.
"""

from __future__ import annotations

import re

from .cards import Draft
from .list_items import MAX_ANY_TWO, glossed, list_items
from .sentence_index import index_of


def with_other_list(d: Draft, doc) -> Draft | None:
    """"Name two common side effects of X" from the lead's "Common side effects include A, ..., F",
    while a later section says "Some of the common side effects of X are G, H and I": any two of
    either list is right, so the key holds both (the other sentence in the explanation). ``None``
    when both do not fit in :data:`MAX_ANY_TWO`: a key of one list marks the other's items wrong."""
    m = _NAMED_CATEGORY.match(d.data["prompt"].replace("Name two of the most ", "Name two most ", 1))
    if m is None:
        return d
    owner = d.data["prompt"].rstrip(".").rsplit(" of ", 1)[-1]
    other = re.compile(rf"(?<![\w\-]){re.escape(m.group('category'))}(?: of {re.escape(owner)})? "
                       rf"(?:include|includes|are|were) (?P<rest>.+?)\.?$", re.I)
    items, seen, quotes = list(d.data["items"]), {plain for plain in map(str.lower, d.data["items"])}, []
    for s in doc.sentences:
        found = other.search(s.text) if s.text != d.quote and s.lost is None else None
        more = list_items(found.group("rest"), most=MAX_ANY_TWO) if found else None
        if not more:
            continue
        new = [i for i in more if i.lower() not in seen and not any(i.lower() in x for x in seen)]
        if not new:
            continue
        if len(items) + len(new) > MAX_ANY_TWO:
            return None
        gloss = re.search(r"\(such as ([^()]+)\)", found.group("rest"))
        for i in new:
            with_gloss = glossed(i, gloss.group(1)) if gloss and found.group("rest").find(i) < gloss.start() \
                and found.group("rest")[found.group("rest").find(i) + len(i):].lstrip().startswith("(") else i
            items.append(with_gloss)
            seen.add(i.lower())
        quotes.append(s.text)
    if not quotes:
        return d
    data = dict(d.data, answer=", ".join(items), items=items, explanation=" ".join(quotes))
    return Draft(**{**d.__dict__, "data": data})


_NAMED_CATEGORY = re.compile(r"^Name \w+ (?P<category>.+?) of [\w\-]+\.$")


def listed_elsewhere(d: Draft, doc) -> bool:
    """"Name three common side effects of X" from "Some of the common side effects of X are A, B and
    C", while the lead says "Common side effects include D, E, F, G, H and I": the key is one of the
    article's two lists, so a student naming the other's items is as right; so too where the other list
    names two or more the key lacks (the thirteenth reading: the lead's four beside a section's twenty)."""
    m = _NAMED_CATEGORY.match(str(d.data.get("prompt", "")))
    if m is None:
        return False
    owner = str(d.data["prompt"]).rstrip(".").rsplit(" of ", 1)[-1]
    items = {i.lower() for i in d.data.get("items", [])}
    other = re.compile(rf"(?<![\w\-]){re.escape(m.group('category'))}(?: of {re.escape(owner)})?(?: \([^()]{{1,40}}\))? "
                       rf"(?:include|includes|included|are|were)\b (?P<rest>.+)", re.I)
    category = m.group("category")
    for s in index_of(doc.sentences).holding(category.rsplit(" ", 1)[-1], after_punctuation=" " not in category):
        found = other.search(s.text) if s.text != d.quote else None
        rest = found.group("rest").lower() if found else None
        if rest is None:
            continue
        if not any(i in rest for i in items):
            return True
        listed = [i.strip(" .") for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", rest) if i.strip(" .")]
        if len([i for i in listed if not any(i.lower() in x or x in i.lower() for x in items)]) >= 2:
            return True
    return False
