"""Stage 4, table rows and parallel list items: a question per cell, and men/women contrasts.

A flattened table row becomes one basic card per cell ("In men on TRT, what is the
typical dosage?") built from the row label and the column's population, with a short
answer and the full cell in the explanation; rows whose men and women cells differ
become true/false contrasts, keyed False only where :mod:`.contrast` finds the document
contradicting the swapped statement.
"""

from __future__ import annotations

import hashlib
import re

from . import contrast
from .cards import Draft, make_draft, running_text, contains_answer
from .vocabulary import is_acronym
from .facts import Fact

def _column(name: str) -> str:
    return name[0].lower() + name[1:] if name[:2].isalpha() and not name[:2].isupper() else name


_COLUMN = re.compile(r"^(?P<lead>[A-Z][\w\-]*(?: [\w\-]+){0,2}?) (?:in|for) (?P<who>[A-Z][\w\- ]*?)"
                     r"(?: \((?P<qualifier>[^()]+)\))?$")
_GENERIC_TAIL = {"support", "management", "use", "care"}


def population(column: str) -> tuple[str, str] | None:
    """Who a table column is about, as a phrase, and the column's lead word:
    "Use in Men (TRT Support)" -> ("in men on TRT", "use"), "Use in Postmenopausal Women (Breast
    Cancer)" -> ("in postmenopausal women with breast cancer", "use"), "Response in Women
    (High-Dose Anastrozole)" -> ("in women on high-dose anastrozole", "response")."""
    m = _COLUMN.match(column.strip())
    if m is None:
        return None
    who = running_text(m.group("who"))
    qualifier = (m.group("qualifier") or "").split()
    generic = len(qualifier) > 1 and qualifier[-1].lower() in _GENERIC_TAIL
    core = running_text(" ".join(qualifier[:-1] if generic else qualifier))
    if not qualifier:
        phrase = f"in {who}"
    elif is_acronym(qualifier[0]) or re.search(r"\bdose\b|-dose\b|therapy\b", core, re.I):
        phrase = f"in {who} on {core}"  # a treatment: "on TRT", "on high-dose anastrozole"
    elif len(core.split()) == 1 and re.search(r"(?:al|ic)$", core):
        phrase = f"in {who} ({core} use)"  # an adjective alone: "(oncological use)"
    elif generic:
        phrase = f"in {who} ({running_text(' '.join(qualifier))})"  # "(fertility care)"
    else:
        phrase = f"in {who} with {core}"  # a condition: "with breast cancer"
    return phrase, m.group("lead").lower()


def _plural(noun_phrase: str) -> bool:
    last = noun_phrase.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "sis", "us"))


def cell_question(label: str, column: str) -> str | None:
    """A teacher's question for one table cell from its row label and column header:
    ("Observed Effect on BMD", "Use in Men (TRT Management)") -> "In men on TRT, what is the
    observed effect on BMD?". ``None`` when the column header does not name a population."""
    who = population(column)
    if who is None:
        return None
    phrase, lead = who
    what = running_text(label)
    if lead in ("response", "responses", "change", "changes"):
        question = f"what happens to {'' if _plural(what) else 'the '}{what}?"
    elif lead in ("considerations", "consideration", "concerns", "risks"):
        question = f"what are the {lead} for {what}?"
    else:
        question = f"what {'are' if _plural(what) else 'is'} the {what}?"
    return f"{phrase[0].upper()}{phrase[1:]}, {question}"


_EXAMPLE = re.compile(r"\s*\((?:e\.g\.|i\.e\.|for example)[^()]*\)")
MAX_ANSWER_WORDS = 12


def short_answer(cell: str) -> str:
    """A table cell cut to what a student can recall: bracketed examples dropped from a long
    cell, then the first clause of several that says something (two words like "Highly
    variable" do not), the full cell going to the explanation. Never reworded."""
    text = cell.strip().rstrip(".")
    if len(text.split()) <= MAX_ANSWER_WORDS:
        return text
    text = _EXAMPLE.sub("", text)
    if len(text.split()) <= MAX_ANSWER_WORDS:
        return text
    clauses = [c.strip() for c in re.split(r";\s+|\.\s+(?=[A-Z])", text) if c.strip()]
    for clause in clauses:
        if len(clause.split()) >= 3:
            return clause[0].upper() + clause[1:]
    return text


# A row label that says only that something worries, about nothing named ("Primary Concern")
_BARE_WORRY = re.compile(r"^(?:(?:primary|main|key|major|chief|principal|biggest) )?(?:concerns?|risks?|worry|worries|"
                         r"dangers?|problems?|complications?)$", re.I)


def cell_card(fact: Fact) -> Draft | None:
    """Basic Q/A for one table cell: "In women (oncological use), what is the standard dosage?". Not
    for a row whose label names no topic ("In women ..., what is the primary concern?": the rubric's
    vague prompt); such a row is asked, if at all, as a comparison that names the body system."""
    if _BARE_WORRY.match(fact.subject.strip()):
        return None
    prompt = cell_question(fact.subject, fact.detail.column)
    if prompt is None:  # a column that names no population: the old "row, column?" form
        prompt = f"{fact.heading}: {fact.subject}, {_column(fact.detail.column)}?".lstrip(": ")
    answer = short_answer(fact.answer)
    if contains_answer(prompt, answer) or len(answer.split()) < 2:
        return None
    data = {"prompt": prompt, "answer": answer}
    if answer != fact.answer.strip().rstrip("."):
        data["explanation"] = f"The full table entry: {fact.answer.strip()}"
    draft = make_draft("table", "basic", data, fact, prompt)
    who = population(fact.detail.column)
    if who is not None:
        draft.same_as = (who[0].split(" on ")[0].split(" with ")[0].split(" (")[0].split()[-1],
                         fact.subject.split()[-1].lower())
        draft.cell = fact.answer.strip()
    return draft


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _who(column: str) -> str:
    who = population(column)
    return who[0] if who else _column(column)


def document_evidence(doc) -> list[contrast.Evidence]:
    """Every sentence and table cell of a document (``pipeline.Document``) and of the documents
    read with it (:func:`read_together`), with the populations each speaks about: where a
    true/false key looks for support. A student reads them side by side: a row keyed False in
    one article must not be stated of the same people by the other."""
    own = _evidence_of(doc)
    return own + [e for key in _TOGETHER.get(_key(doc), ()) if key != _key(doc) for e in _EVIDENCE.get(key, [])]


def read_together(docs) -> None:
    """Declare the documents of one run, so each one's true/false keys consult all of them."""
    _TOGETHER.clear()
    for doc in docs:
        _evidence_of(doc)
    keys = [_key(doc) for doc in docs]
    for key in keys:
        _TOGETHER[key] = keys


def _key(doc) -> tuple[str, str]:
    return (doc.name, doc.text)


def _evidence_of(doc) -> list[contrast.Evidence]:
    key = _key(doc)
    if key not in _EVIDENCE:
        if len(_EVIDENCE) > 64:
            _EVIDENCE.clear()
        cells = [(_who(f.detail.column), f.answer) for f in doc.facts if f.kind == "cell"]
        _EVIDENCE[key] = contrast.evidence(doc.sentences, cells)
    return _EVIDENCE[key]


_EVIDENCE: dict[tuple[str, str], list[contrast.Evidence]] = {}
_TOGETHER: dict[tuple[str, str], list[tuple[str, str]]] = {}


def contrast_card(fact: Fact, doc, swap: bool | None = None) -> Draft:
    """True/false on a row: a cell stated for its own column, or (``swap``; by default half the
    rows, by hash) a cell stated for the other column, keyed False only if the document
    contradicts it there. Where nothing contradicts it, the row gets the true statement."""
    cols, cells = fact.detail.columns, fact.detail.cells
    label = fact.subject
    if swap is None:
        swap = int(hashlib.sha1(fact.quote.encode()).hexdigest(), 16) % 2 == 1
    if swap:
        found = document_evidence(doc)
        for shown, claimed in ((0, 1), (1, 0)):
            who = _who(cols[claimed])
            reason = contrast.false_key(short_answer(cells[shown]), cells[claimed], label,
                                        contrast.group_words(who), found)
            if reason is None:
                continue
            statement = _statement(who, label, cells[shown])
            data = {"statement": statement, "answer": False,
                    "explanation": f"That is the entry {_who(cols[shown])}; {who}: {cells[claimed]}"}
            return make_draft("contrast", "true_false", data, fact, statement)
    statement = _statement(_who(cols[0]), label, cells[0])
    return make_draft("contrast", "true_false", {"statement": statement, "answer": True}, fact, statement)


def _statement(who: str, label: str, cell: str) -> str:
    return f"{who[0].upper()}{who[1:]}, {running_text(label)}: {_lower_first(short_answer(cell))}."


def item_cards(fact: Fact, doc) -> list[Draft]:
    """For parallel list items: a question per item, and (for one item of the group) a true/false
    statement that gives the item another item's value when the document contradicts that
    ("In Men, the primary goal is therapeutic suppression." where it is homeostatic balance)."""
    label, subject = fact.detail.label, fact.subject[0].lower() + fact.subject[1:]
    label = label.split()[0] + " " + running_text(" ".join(label.split()[1:])) if " " in label else label
    heading = "" if fact.heading.endswith("?") else fact.heading  # a question heading adds nothing
    prompt = f"{heading}: {label}, what {fact.detail.verb} {subject}?".lstrip(": ")
    drafts = [make_draft("item", "basic", {"prompt": prompt, "answer": fact.answer[0].upper() + fact.answer[1:]},
                         fact, prompt)]
    others = fact.detail.others
    if not others or fact.answer.lower() > min(o.lower() for o in others):
        return drafts  # one true/false per group of items: the mirrored one asks the same contrast
    group = contrast.group_words(label)
    found = document_evidence(doc)
    for other in others:
        if contrast.false_key(other, fact.answer, fact.subject, group, found) is None:
            continue
        statement = f"{label}, {subject} {fact.detail.verb} {other}."
        drafts.append(make_draft("contrast", "true_false",
                                 {"statement": statement, "answer": False,
                                  "explanation": f"{label}, {subject} {fact.detail.verb} {fact.answer}."},
                                 fact, statement))
        break
    return drafts


# "Symptoms are related to estrogen deficiency ∞ hot flashes, joint pain (arthralgia), vaginal
# dryness", "... without inducing symptoms of low estradiol (e.g. low libido, poor mood, joint pain)"
_SYMPTOMS = re.compile(
    r"\b[Ss]ymptoms (?:are )?(?:related to|of|due to) (?P<state>[a-z][\w\-]*(?: [a-z][\w\-]*){0,3}?)"
    r"(?:\s*(?:∞|:|—)\s*(?P<listed>[^.;]+)| \((?:e\.g\.|such as|for example),? (?P<examples>[^()]+)\))")
_SYMPTOM_ITEM = re.compile(r"^[a-z][\w\-]*(?: [a-z][\w\-]*){0,3}(?: \([^()]+\))?$")


def symptom_cards(fact: Fact) -> list[Draft]:
    """A table cell that lists the symptoms of a state, for its column's people: "In women
    (oncological use), name two symptoms of estrogen deficiency." -> the cell's items, two of them
    needed and graded item by item (the cell's list is examples, never all the symptoms there
    are, so a typed key of all of them would mark a right answer wrong). Three items at least."""
    who = population(fact.detail.column) if fact.detail is not None else None
    if who is None:
        return []
    out = []
    for m in _SYMPTOMS.finditer(fact.answer):
        listed = (m.group("listed") or m.group("examples")).strip(" .")
        items = [i.strip() for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?![^()]*\))", listed) if i.strip()]
        if not 3 <= len(items) <= 5 or not all(_SYMPTOM_ITEM.match(i) for i in items):
            continue
        phrase = who[0]
        prompt = f"{phrase[0].upper()}{phrase[1:]}, name two symptoms of {m.group('state')}."
        if any(contains_answer(prompt, re.sub(r"\s*\([^()]*\)", "", i)) for i in items):
            continue
        data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 2}
        out.append(make_draft("list", "typed", data, fact, prompt))
    return out
