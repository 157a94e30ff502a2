"""Stage 4, table rows: a teacher's question per cell, and men/women contrasts.

A flattened table row becomes one basic card per cell ("In men on TRT, what is the
typical dosage?") built from the row label and the column's population, with a short
answer and the full cell in the explanation; rows whose men and women cells differ
become true/false contrasts.
"""

from __future__ import annotations

import hashlib
import re

from .cards import Draft, _draft, _phrase, contains_answer
from .extract import Fact, is_acronym

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
    who = _phrase(m.group("who"))
    qualifier = (m.group("qualifier") or "").split()
    generic = len(qualifier) > 1 and qualifier[-1].lower() in _GENERIC_TAIL
    core = _phrase(" ".join(qualifier[:-1] if generic else qualifier))
    if not qualifier:
        phrase = f"in {who}"
    elif is_acronym(qualifier[0]) or re.search(r"\bdose\b|-dose\b|therapy\b", core, re.I):
        phrase = f"in {who} on {core}"  # a treatment: "on TRT", "on high-dose anastrozole"
    elif len(core.split()) == 1 and re.search(r"(?:al|ic)$", core):
        phrase = f"in {who} ({core} use)"  # an adjective alone: "(oncological use)"
    elif generic:
        phrase = f"in {who} ({_phrase(' '.join(qualifier))})"  # "(fertility care)"
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
    what = _phrase(label)
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


def cell_card(fact: Fact) -> Draft | None:
    """Basic Q/A for one table cell: "In women (oncological use), what is the standard dosage?"."""
    prompt = cell_question(fact.subject, fact.extra["column"])
    if prompt is None:  # a column that names no population: the old "row, column?" form
        prompt = f"{fact.heading}: {fact.subject}, {_column(fact.extra['column'])}?".lstrip(": ")
    answer = short_answer(fact.answer)
    if contains_answer(prompt, answer) or len(answer.split()) < 2:
        return None
    data = {"prompt": prompt, "answer": answer}
    if answer != fact.answer.strip().rstrip("."):
        data["explanation"] = f"The full table entry: {fact.answer.strip()}"
    draft = _draft("table", "basic", data, fact, prompt)
    who = population(fact.extra["column"])
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


def contrast_card(fact: Fact) -> Draft:
    """True/false on a row: a cell stated for its own column, or swapped to the other one."""
    cols, cells = fact.extra["columns"], fact.extra["cells"]
    swap = int(hashlib.sha1(fact.quote.encode()).hexdigest(), 16) % 2 == 1
    shown, claimed = cells[0], 1 if swap else 0
    who = _who(cols[claimed])
    statement = f"{who[0].upper()}{who[1:]}, {_phrase(fact.subject)}: {_lower_first(short_answer(shown))}."
    data: dict = {"statement": statement, "answer": not swap}
    if swap:
        data["explanation"] = f"That is the entry {_who(cols[0])}; {_who(cols[1])}: {cells[1]}"
    return _draft("contrast", "true_false", data, fact, statement)
