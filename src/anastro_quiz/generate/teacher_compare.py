"""Stage 4, teacher's comparison cards: two populations in one card.

A table row whose cells differ between two population columns ("Typical Dosage": 1 mg daily
in women, 0.5 mg twice weekly in men), or two parallel list items ("In Women: the primary
goal is X" / "In Men: ... is Y"), becomes "Compare the typical dosage in women ... and in men
..." -> "Women ...: 1 mg daily; men ...: 0.5 mg twice weekly". Rows whose cells say the
same thing give no card; cells too long to read at a glance are cut to their first clause.
"""

from __future__ import annotations

import re

from .cards import Draft, make_draft, plain_words
from .facts import Fact
from .table_cards import population, short_answer
from .teacher_clauses import lower_first, short_phrase

# --- comparisons -------------------------------------------------------------------------------


def compare_drafts(facts: list[Fact]) -> list[Draft]:
    """One card per table row that differs between two populations, and per pair of parallel
    list items ("In women: the goal is X" / "In men: the goal is Y"): "Compare ... in A and B"."""
    out = []
    for f in facts:
        if f.kind == "contrast":
            out += _row_comparison(f)
    out += _item_comparisons([f for f in facts if f.kind == "item"])
    return out


def _who(column: str) -> str | None:
    who = population(column)
    return who[0][3:] if who and who[0].startswith("in ") else None


MAX_PART_WORDS = 12  # "Women on adjuvant therapy: 2.5 mg daily": each side reads at a glance


def _cell_answer(cell: str, limit: int) -> str | None:
    answer = short_answer(cell)
    if len(answer.split()) <= limit:
        return answer
    cut = short_phrase(answer, limit)
    if cut is not None and not re.search(r"\d", cut) and re.search(r"\d", answer):
        # "Long-term, often for 5 years or more as part of adjuvant cancer therapy" cut to "Long-term"
        # loses the figure that says how long: the cell without its closing purpose keeps it
        head = re.split(r"\s+(?:as part of|as|in order to|during)\s+", answer)[0].strip(" ,")
        if re.search(r"\d", head) and len(head.split()) <= limit:
            return head
    return cut


def _row_comparison(f: Fact) -> list[Draft]:
    cols, cells = f.detail.columns, f.detail.cells
    people = [_who(c) for c in cols]
    if None in people or len(set(people)) != 2:
        return []
    labels = _labels(people)
    answers = [_cell_answer(c, MAX_PART_WORDS - len(p.split())) for c, p in zip(cells, labels)]
    if None in answers:
        return _listed_cells(f, people, cells)
    if plain_words(answers[0]) == plain_words(answers[1]) or _both_fall_short(answers) or \
            any(_HEDGED.match(a) for a in answers):
        return []
    implied = [_lasts_as_long_as(a, people) for a in answers]
    if any(implied):
        return _the_other_half(f, people, answers, implied)
    what = _with_its_domain(_phrase_lower(f.subject), cells)
    prompt = f"Compare the {what} in {people[0]} and in {people[1]}."
    answer = f"{_cap(labels[0])}: {answers[0]}; {labels[1]}: {answers[1]}"
    return [make_draft("compare", "basic", {"prompt": prompt, "answer": answer}, f, prompt)]


# A side told as a possibility ("Potential for long-term bone density reduction if not monitored"): no
# fact to recall, hard to grade (read WEAK in the tenth and twelfth readings)
_HEDGED = re.compile(r"^(?:(?:a |the )?(?:potential|possible|possibility)\b|(?:may|might|could|can) )", re.I)
# "Ongoing for the duration of TRT" in the column of men on TRT: how long is what the column's name says
_AS_LONG_AS = re.compile(r"\bfor (?:as long as (?:the )?|the (?:whole |entire )?(?:duration|length|course) of (?:the )?)"
                         r"(?P<what>[\w\-]+)", re.I)


def _lasts_as_long_as(answer: str, people: list[str | None]) -> bool:
    """A side that says it lasts as long as the therapy its population is named by (the thirteenth
    reading: "for the duration of TRT" is given away by "in men on TRT"; only the other half teaches)."""
    m = _AS_LONG_AS.search(answer)
    return bool(m and re.search(rf"(?<![\w\-]){re.escape(m.group('what'))}(?![\w\-])", " ".join(map(str, people)), re.I))


def _the_other_half(f: Fact, people: list[str], answers: list[str], implied: list[bool]) -> list[Draft]:
    """The row asked for the side that teaches, alone: "In women (oncological use), what is the
    duration of therapy?" -> "Long-term, often for 5 years or more" (the men's "for the duration of TRT"
    goes); no card when both sides are implied."""
    if all(implied):
        return []
    who, answer = next((p, a) for p, a, gone in zip(people, answers, implied) if not gone)
    prompt = f"In {who}, what is the {_phrase_lower(f.subject)}?"
    d = make_draft("action", "basic", {"prompt": prompt, "answer": _cap(answer)}, f, prompt)
    d.cell = f.detail.cells[answers.index(answer)]
    return [d]


# A row label whose head says only that something worries ("Primary Concern", "Main risk")
_WORRY_HEAD = re.compile(r"\b(?:concerns?|risks?|worry|worries|dangers?|problems?|complications?)$", re.I)
# The body system a cell is about, by the words that name it (a small lexicon, not a parser)
_DOMAINS = {
    "bone": re.compile(r"\b(?:bones?|osteopor\w*|osteopeni\w*|fractures?|BMD|skeletal|skeleton)\b", re.I),
    "cardiovascular": re.compile(r"\b(?:heart|cardiac|cardiovascular|ischa?emic|myocardial|strokes?|vascular)\b", re.I),
    "liver": re.compile(r"\b(?:liver|hepatic|hepatotoxic\w*|jaundice)\b", re.I),
    "kidney": re.compile(r"\b(?:kidneys?|renal|nephrotoxic\w*)\b", re.I),
}


def _with_its_domain(what: str, cells: list[str]) -> str:
    """"Compare the primary concern in women ... and in men ..." asks what worries, not about
    what: when both cells are about one body system ("High risk of osteoporosis and fractures" /
    "Potential for long-term bone density reduction"), the label names it: "the primary bone
    concern" (the tenth reading: the prompt never says it means bone)."""
    if not _WORRY_HEAD.search(what) or any(p.search(what) for p in _DOMAINS.values()):
        return what
    shared = [name for name, p in _DOMAINS.items() if all(p.search(c) for c in cells)]
    if len(shared) != 1:
        return what
    head, _, last = what.rpartition(" ")
    return f"{head} {shared[0]} {last}".strip()


# "Unable to compensate for", "may be insufficient to offset": a side saying that something fails
# to keep up with something else
_FALLS_SHORT = re.compile(r"\b(?:unable|insufficient|inadequate|cannot|can't|fails? to|not enough|too little)\b", re.I)


def _both_fall_short(answers: list[str]) -> bool:
    """"Osteoblast activity: women, unable to compensate for the high resorption rate; men, supported
    by testosterone, but may be insufficient to offset resorption": both sides say one thing (it
    does not keep up with the same process), so the row is no comparison, only a long answer to
    copy (the tenth reading); the sides must name that process alike."""
    if not all(_FALLS_SHORT.search(a) for a in answers):
        return False
    tails = [set(plain_words(_FALLS_SHORT.split(a, 1)[1]).split()) for a in answers]
    return any(len(w) >= 6 and w in tails[1] for w in tails[0])


def _listed_cells(f: Fact, people: list[str], cells: list[str]) -> list[Draft]:
    """A row whose cell lists more than one side of a comparison can hold ("Serum estradiol levels,
    testosterone levels, lipid panels, symptoms of ...") is asked as that cell's list: "Name
    three key monitoring parameters in men on TRT" (never one item of it as the whole answer).
    The row is then no comparison, so the other side's list is asked too when it is one ("Tumor
    markers, bone mineral density, cardiovascular health" for the women beside them)."""
    lists = [(cell, who, _cell_items(cell)) for cell, who in zip(cells, people)]
    if not any(items and len(cell.split()) > MAX_PART_WORDS - 1 for cell, _, items in lists):
        return []
    out = []
    for cell, who, items in lists:
        if items:
            prompt = f"Name three {_phrase_lower(f.subject)} in {who}."
            data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 3}
            d = make_draft("list", "typed", data, f, prompt)
            d.cell = cell  # a table cell: the card names whose table it is, as a comparison does
            out.append(d)
    return out


def _cell_items(cell: str) -> list[str] | None:
    """The three to five short items a cell lists by commas, else ``None``."""
    items = [re.sub(r"^(?:and|or)\s+", "", i.strip()) for i in cell.strip().rstrip(".").split(",")]
    return items if 3 <= len(items) <= 5 and all(1 <= len(i.split()) <= 6 for i in items) else None


_HEAD = re.compile(r"\b(?:women|men|girls|boys|children|adults|patients|people)\b", re.I)


def _labels(people: list[str]) -> list[str]:
    """Short labels for the answer, the prompt naming the populations in full: "postmenopausal
    women with breast cancer" / "men on TRT" -> "women" / "men" when those words tell them apart."""
    heads = [m.group(0).lower() if (m := _HEAD.search(p)) else "" for p in people]
    return heads if all(heads) and len(set(heads)) == len(heads) else people


def _item_comparisons(items: list[Fact]) -> list[Draft]:
    by_subject: dict[str, list[Fact]] = {}
    for f in items:
        by_subject.setdefault(f.subject.lower(), []).append(f)
    out = []
    for group in by_subject.values():
        if len(group) != 2:
            continue
        a, b = group
        la, lb = (_label(f.detail.label) for f in (a, b))
        if not la or not lb or plain_words(a.answer) == plain_words(b.answer):
            continue
        subject = lower_first(a.subject)
        prompt = f"Compare {subject} {la} and {lb}."
        answer = f"{_cap(la)}: {a.answer}; {lb}: {b.answer}"
        out.append(make_draft("compare", "basic", {"prompt": prompt, "answer": answer,
                                                   "explanation": f"{b.detail.label}: {b.quote}"}, a, prompt))
    return out


def _label(label: str) -> str:
    """"In Women" -> "in women"; "For Men on TRT" -> "for men on TRT"."""
    words = label.split()
    if not words or words[0].lower() not in ("in", "for", "among"):
        return ""
    return " ".join(w if re.search(r"[A-Z]{2}", w) else w.lower() for w in words)


def _phrase_lower(title: str) -> str:
    return " ".join(w if re.search(r"[A-Z]{2}", w) else w.lower() for w in title.split())


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]
