"""A drug's common side effects when the article lists more of them than a "Name three ..." key
holds: "Common side effects of X (≥10% incidence) include A, B, ..., T" in its lead or its
side-effects section, "Side effects that occurred in 20% or more of patients were ...", "X may
cause A, B, ..." -> "Name two common side effects of X.", keyed with every item of every such list
the article gives (any two of them are right, graded item by item as other "Name two" cards are).
Read by :mod:`teacher`, after the article's other lists (:mod:`teacher_lists`), which ask the
shorter lists themselves.
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .list_items import MAX_NAMED, glossed, list_items
from .teacher_clauses import lower_first, question
from .teacher_lists import document_subject

MAX_KEY = 30  # a key past this is the article's whole adverse-event table, not a list to recall from
_NOUN = r"(?:side|adverse) (?:effects|reactions|events)"
# "Common side effects of X (≥10% incidence) include", "Other "common" side effects reported in clinical
# trials have included", "Side effects that occurred in 20% or more of patients were"
_LISTED = re.compile(
    rf"^(?P<other>Other |Some of )?(?:the )?(?P<adj>(?:most )?common |frequent |notable |\"common\" |“common” )?"
    rf"(?P<noun>{_NOUN})(?: of (?P<owner>[A-Za-z][\w\-]+))?(?P<rest> [^,;]{{0,70}}?)? "
    r"(?:include|includes|included|have included|has included|are|were) (?P<list>.+?)\.?$", re.I)
_CAUSES = re.compile(r"^(?P<owner>[A-Z][\w\-]+) (?:may cause|can cause|commonly causes|causes) (?P<list>.+?)\.?$")
_SIDE_EFFECTS_HEADING = re.compile(rf"\b{_NOUN}\b", re.I)
# a list about some patients or one trial, not the drug's ("in men", "in patients with NETs", "in the
# ATAC trial"); "in clinical trials" is where every common side effect is counted
_NARROWED = re.compile(r"\b(?:in|among) (?:the )?(?:men|women|children|patients with|elderly)\b|\btrial\b(?!s)", re.I)
# items the sentence marks as not common: "difficulty urinating (isolated cases)", "..., and, less commonly, seizures"
_RARELY = r"(?:infrequent|rare|rarely|uncommon|isolated cases?|occasional(?:ly)?)"
_NOT_COMMON_ITEM = re.compile(rf"\s*\({_RARELY}\)", re.I)
_NOT_COMMON_TAIL = re.compile(r",?\s*(?:and,?\s+|or,?\s+)?(?:less commonly|rarely|uncommonly|occasionally|in rare cases)\b.*$",
                              re.I)
# a card already asks the drug's side effects ("Name three side effects of olaparib"), unless only its
# serious or rare ones
_ASKED = re.compile(rf"\b{_NOUN}\b", re.I)
_NOT_COMMON_ASKED = re.compile(r"\b(?:serious|severe|rare|uncommon|long-term)\b", re.I)


def common_side_effects(doc, lists: list[Draft]) -> list[Draft]:
    """ "Name two common side effects of X." keyed with every item of the article's lists of X's
    common side effects, when together they hold more than :data:`MAX_NAMED` (fewer are asked
    whole by :mod:`teacher_lists`) and no card of ``lists`` asks X's side effects already."""
    subject = document_subject(doc)
    if not subject or len(subject.split()) != 1:
        return []
    if any(_ASKED.search(p) and not _NOT_COMMON_ASKED.search(p) for p in (str(d.data.get("prompt", "")) for d in lists)):
        return []
    lead = doc.sentences[0].section if doc.sentences else None
    items: list[str] = []
    quotes, common = [], False
    for s in doc.sentences:
        if s.lost is not None:
            continue
        found = _listed(s, subject, lead)
        if found is None:
            continue
        listed, said_common = found
        new = [i for i in listed if _plain(i) not in {_plain(x) for x in items}]
        if new:
            items += new
            quotes.append(s)
            common = common or said_common
    if not common or len(items) <= MAX_NAMED or len(items) > MAX_KEY:
        # "Side effects include A, ..., F": some of them, and a reply naming one the article tells
        # elsewhere would be marked wrong; the common ones are a set the key can hold
        return []
    items = _unglossed_items(items)
    prompt = question(f"Name two common side effects of {lower_first(subject)}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return []
    main = max(quotes, key=lambda s: len(s.text))  # the longest list is the one to show in its context
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 2}
    others = " ".join(s.text for s in quotes if s is not main)
    if others:
        data["explanation"] = others
    return [make_draft("list", "typed", data, main, prompt)]


def _listed(s, subject: str, lead: str | None) -> tuple[list[str], bool] | None:
    """The items of one sentence's list of ``subject``'s side effects, and whether it says they
    are the common ones; ``None`` for any other sentence (serious or rare effects, a narrowed
    population, a list not all short names)."""
    in_section = bool(_SIDE_EFFECTS_HEADING.search(f"{s.heading} {s.section}"))
    m = _LISTED.match(s.text)
    if m is not None:
        owner = m.group("owner")
        if owner and owner.lower() != subject.lower() or not owner and not in_section and s.section != lead:
            return None
        rest = m.group("rest") or ""
        adj = (m.group("adj") or "").strip().strip('"“”').lower()
        if _NARROWED.search(rest) or m.group("other") and not adj:  # "Other side effects in men include ..."
            return None
        common = "common" in adj or "frequent" in adj or bool(re.search(r"\d\s*%", rest))
    else:
        m = _CAUSES.match(s.text)
        if m is None or m.group("owner").lower() != subject.lower() or not in_section:
            return None
        common = False
    # "bone pain, ..., difficulty urinating (isolated cases), ...": the items not set apart are the usual ones
    common = common or bool(_NOT_COMMON_ITEM.search(m.group("list")) or _NOT_COMMON_TAIL.search(m.group("list")))
    items = _items(m.group("list"))
    return (items, common) if items else None


def _items(listed: str) -> list[str] | None:
    """ "diarrhea, nausea and vomiting, leukopenia (low white cell count) including neutropenia, ...,
    difficulty urinating (isolated cases), and, less commonly, seizures": the common ones, each a
    short name ("nausea", "vomiting", "leukopenia (neutropenia)"), the rest left out."""
    listed = _NOT_COMMON_TAIL.sub("", listed)
    glosses = {}

    def gloss(m: re.Match) -> str:
        glosses[re.sub(r"^(?:and|or)\s+", "", m.group(1).strip()).lower()] = m.group(2).strip()
        return m.group(1)
    # "leukopenia (low white cell count) including neutropenia": the example is the gloss a reply may name
    listed = re.sub(r"\s*\([^()]*\)\s+including\s+", " including ", listed)
    listed = re.sub(r"([\w\-/ ]+?) including ([^,]+)", r"\1 (\2)", listed)
    listed = re.sub(rf"(?<![\w\-/ ])\s*([\w\-/][\w\-/ ]*?) \((?!{_RARELY}\))(?:such as )?([^()]+)\)",
                    gloss, listed)
    parts = [p for p in re.split(r",\s*(?:and\s+|or\s+)?", listed) if p.strip()]
    if len(parts) >= 2:  # "..., decreased erections and reduced sexual desire": the last "and" divides too
        parts = parts[:-1] + re.split(r"\s+(?:and|or)\s+", parts[-1])
    kept = [p.strip() for p in parts if not _NOT_COMMON_ITEM.search(p)]
    named = list_items(", ".join(kept), most=MAX_KEY, commas_only=True)
    if named is None:
        return None
    out = []
    for item in named:
        pair = re.fullmatch(r"([a-z]+) and ([a-z]+)", item)
        slash = re.fullmatch(r"((?:[\w\-]+ )*)([a-z]+)/([a-z]+)", item)
        if pair:  # "nausea and vomiting": two side effects, either one named is right
            out += list(pair.groups())
        elif slash:  # "breast pain/tenderness": breast pain, breast tenderness
            out += [slash.group(1) + slash.group(2), slash.group(1) + slash.group(3)]
        else:
            out.append(glossed(item, glosses[item.lower()]) if item.lower() in glosses else item)
    return out


def _unglossed_items(items: list[str]) -> list[str]:
    """Each item's gloss without the examples the key lists as items of their own: "flu-like symptoms
    (fever, chills)" beside "fever" -> "flu-like symptoms (chills)", so that "fever, chills" names two
    items, not one item twice."""
    own = {_plain(i) for i in items}
    out = []
    for item in items:
        m = re.fullmatch(r"(?P<item>[^()]+) \((?P<examples>[^()]+)\)", item)
        named = [e.strip() for e in m.group("examples").split(",")] if m else []
        if named and any(e.lower() in own for e in named):
            rest = [e for e in named if e.lower() not in own]
            item = f"{m.group('item')} ({', '.join(rest)})" if rest else m.group("item")
        out.append(item)
    return out


def _plain(item: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", item).lower()
