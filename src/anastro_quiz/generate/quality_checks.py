"""The per-card checks of :mod:`.quality`: what a student sees (those that hold a card against
its source are in :mod:`.quality_grounding`).

Each check is ``check(card, doc) -> str | None``: a short reason when the card trips it,
``None`` when it passes. :data:`CHECKS` names them all, in the order a report lists them.
"""

from __future__ import annotations

import re
from typing import Callable

from .quality_grounding import false_disagreement, ungrounded, unsupported_true_false
from .quality_text import (STOPWORDS, content_words, option_form, phrase_in, same_stem, stem, tokens, zipf)
from .quality_views import BLANK_SHOWN, CardView, SourceText


# --- per-card checks -------------------------------------------------------------------------

_LEFTOVERS = [
    ("HTML tag", re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")),
    ("HTML entity", re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,5}|#x[0-9A-Fa-f]{2,4});")),
    ("citation marker", re.compile(r"\[\s*\d+(?:\s*[,–\-]\s*\d+)*\s*\]|\[(?:[a-z]|note \d+|citation needed|"
                                   r"clarification needed|better source needed|failed verification|page needed|"
                                   r"full citation needed|medical citation needed|verification needed|dubious[^\]]*|"
                                   r"according to whom\??|when\??|who\??|which\??|by whom\??|vague)\]", re.I)),
    ("pipe", re.compile(r"\|")),
    ("markdown", re.compile(r"\*\*|~~|`|(?<![_\w])__(?=[^\W\d_])|^\s*#+\s|\s#{1,6}\s|\[[^\]]+\]\([^)]*\)|!\[", re.M)),
    ("wiki markup", re.compile(r"\[\[|\]\]|\{\{|\}\}")),
    ("∞", re.compile(r"∞")),
]


def leftovers(card: CardView, doc: SourceText | None = None) -> str | None:
    """Scraping leftovers in what the card shows: HTML tags or entities, citation markers
    ("[2]", "[citation needed]"), pipe characters, markdown ("**", "# "), wiki markup, "∞"."""
    for text in card.shown:
        for name, pattern in _LEFTOVERS:
            m = pattern.search(text)
            if m:
                return f"{name}: {m.group(0).strip()!r}"
    return None


_TORN_PROMPT = [
    ("range torn", re.compile(rf"\d\s*[–—\-]\s*{BLANK_SHOWN}|{BLANK_SHOWN}\s*[–—]\s*\d|{BLANK_SHOWN}-\d")),
    ("range torn", re.compile(rf"(?<!from )\b\d+(?:\.\d+)?\s*(?:%|[a-zA-Zµ]+)?\s+to\s+{BLANK_SHOWN}")),
    ("sign torn", re.compile(rf"[−\-+±≈~<>≤≥]{BLANK_SHOWN}")),
    ("unit torn", re.compile(rf"{BLANK_SHOWN}(?:/|%|[A-Za-zµμ])|(?:[A-Za-zµμ]/|\d){BLANK_SHOWN}")),
    ("word torn", re.compile(rf"{BLANK_SHOWN}[–\-]\w|\w[–\-]{BLANK_SHOWN}")),
]


def torn(card: CardView, doc: SourceText | None = None) -> str | None:
    """A range, sign, unit or compound torn by the blank ("2–_____", "_____–3", "−_____",
    "_____/day", "[...]–Albright"), or a figure answer whose sign or range partner the quote
    has but the answer lost ("54%" from "−54%", "3 years" from "2–3 years")."""
    for name, pattern in _TORN_PROMPT:
        m = pattern.search(card.prompt)
        if m:
            return f"{name}: {m.group(0)!r}"
    answer = card.answer.strip()
    if card.quote and re.match(r"\d", answer):
        spots = [m.start() for m in re.finditer(re.escape(answer), card.quote)]
        if spots and all(_sign_before(card.quote, i) for i in spots):
            return f"sign lost: answer {answer!r}, quote has {card.quote[spots[0] - 1:spots[0] + len(answer)]!r}"
        ranged = all(re.search(r"\d\s*[–—\-]\s*$", card.quote[:i]) for i in spots)
        if spots and ranged and not re.search(r"[–—]", answer):
            return f"range lost: answer {answer!r}"
    return None


def _sign_before(text: str, i: int) -> bool:
    return i > 0 and text[i - 1] in "−-+±" and (i == 1 or not text[i - 2].isalnum())


def answer_in_prompt(card: CardView, doc: SourceText | None = None) -> str | None:
    """The prompt gives the answer away: the answer (or a one-word answer's stem, or every
    content word of a short answer) is visible in the prompt or the cloze's filled-in context;
    for a list card, any of its items."""
    if card.type == "true_false":
        return None
    prompt = re.sub(BLANK_SHOWN, " ", card.prompt)
    wanted = list(card.items) or [card.answer]
    for answer in wanted:
        if phrase_in(answer, prompt):
            return f"answer {answer!r} is in the prompt"
        words = tokens(answer)
        if len(words) == 1 and len(words[0]) >= 6 and not words[0][0].isdigit():
            root = words[0][: max(5, len(words[0]) - 3)]
            hit = next((w for w in tokens(prompt) if w.startswith(root)), None)
            if hit:
                return f"answer {answer!r} shows as {hit!r}"
        content = content_words(answer)
        if 2 <= len(content) <= 4 and content <= content_words(prompt):
            return f"every word of {answer!r} is in the prompt"
    return None


MAX_PROMPT_WORDS = 40


def long_prompt(card: CardView, doc: SourceText | None = None) -> str | None:
    """A prompt over 40 words: too long to read at a glance."""
    n = len(card.prompt.split())
    return f"{n} words" if n > MAX_PROMPT_WORDS else None


_PRONOUN = r"(?:it|its|it's|this|these|those|they|their|them|he|she|his|her|such)"
_LABEL = r"(?:[A-Z][^:.?]{0,40}:\s+)?"  # "Antiandrogenic activity: This is ..." starts with "This" too
_DANGLING_START = re.compile(rf"^\W*{_LABEL}(?:{_PRONOUN}|the (?:drug|medication|trial|study|agent|compound|latter|former)|"
                             rf"this \w+|these \w+)\b", re.I)
_PRONOUN_QUESTION = re.compile(r"^\W*(?:what|which|how|why|when|where|who|whom)\s+(?:\w+\s+)?"
                               r"(?:it|this|they|these|its|their)\b", re.I)
_PRONOUN_SUBJECT = re.compile(rf"^\W*(?:{_PRONOUN}|this \w+|these \w+)\b", re.I)
_UNNAMED_DRUG = re.compile(r"\b(?:the|this) (?:drug|medication|medicine|agent|compound)\b", re.I)


def dangling_pronoun(card: CardView, doc: SourceText | None = None) -> str | None:
    """The prompt leans on a subject it does not name: it starts with a pronoun ("It is…",
    "This trial…", "The drug…", also after a label: "Activity: This is…"), asks "What does
    it…?", opens with the blank where the source sentence's subject was a pronoun ("[...] is
    taken as 1 mg once daily"), or says "the medication" without naming the article's drug."""
    text = card.prompt.strip()
    m = _DANGLING_START.match(text) or _PRONOUN_QUESTION.match(text)
    if m:
        return f"starts {m.group(0).strip()!r}"
    if re.match(rf"^\W*{BLANK_SHOWN}", text):
        if re.fullmatch(_PRONOUN, card.answer.strip(), re.I) or _PRONOUN_SUBJECT.match(card.quote):
            return "blank at the start where the source's subject is a pronoun"
    m = _UNNAMED_DRUG.search(text)
    if m and doc is not None and not any(stem(w) in doc.subjects for w in tokens(text)):
        return f"{m.group(0)!r} without naming it"
    return None


def subject_answer(card: CardView, doc: SourceText | None = None) -> str | None:
    """The answer is the document's own subject word (its title, brand name or most used
    rare word): as an answer it tests nothing."""
    if doc is None or card.type == "true_false" or card.items:
        return None
    words = tokens(card.answer)
    if words and len(words) <= 2 and all(stem(w) in doc.subjects for w in words):
        return f"answer {card.answer!r} is the article's subject"
    return None


def duplicate_options(card: CardView, doc: SourceText | None = None) -> str | None:
    """Two options of a choice card are the same once case, spacing and punctuation go."""
    seen: dict[str, str] = {}
    for option in card.choices:
        key = " ".join(tokens(option))
        if key in seen:
            return f"{seen[key]!r} and {option!r}"
        seen[key] = option
    return None


def variant_options(card: CardView, doc: SourceText | None = None) -> str | None:
    """An option that is the answer in another number ("osteoclast" for "osteoclasts") or
    that contains the answer whole, or is contained in it: two right answers, or a giveaway."""
    answer = " ".join(tokens(card.answer))
    for option in card.choices:
        o = " ".join(tokens(option))
        if not o or o == answer:
            continue
        if same_stem(o, answer):
            return f"{option!r} is a variant of {card.answer!r}"
        if not re.search(r"\d", o + answer) and (phrase_in(card.answer, option) or phrase_in(option, card.answer)):
            return f"{option!r} overlaps {card.answer!r}"
    return None


def true_false_options(card: CardView, doc: SourceText | None = None) -> str | None:
    """A choice card offering "True" or "False" among its options."""
    if card.type == "true_false":
        return None
    hit = next((o for o in card.choices if o.strip().lower() in ("true", "false")), None)
    return f"option {hit!r}" if hit else None


def mixed_options(card: CardView, doc: SourceText | None = None) -> str | None:
    """Options of a different kind from the answer: a number among words, a spelled-out
    number among figures ("five years" among "2 years"), or another unit ("mg" among "%")."""
    want = option_form(card.answer)
    for option in card.choices:
        form = option_form(option)
        if form != want:
            return f"{option!r} ({form[0]}{' ' + form[1] if form[1] else ''}) vs answer {card.answer!r}"
    return None

MAX_ANSWER_WORDS = 12


def long_answer(card: CardView, doc: SourceText | None = None) -> str | None:
    """An answer too long to recall: over 12 words (per part of a comparison's "A: x; B: y"
    or per link of a chain's "A → B → C"), a list's items counted each on its own."""
    parts = list(card.items) or re.split(r"[;→]", card.answer)
    longest = max((len(p.split()) for p in parts), default=0)
    return f"{longest} words" if longest > MAX_ANSWER_WORDS else None


_INSTITUTION = re.compile(r"\b(?:administration|agency|organi[sz]ation|service|association|society|institute|"
                          r"department|commission|council|committee|authority|college|university|foundation|"
                          r"network|board|union|nations|states|kingdom|office|bureau|centers?|centres?)$", re.I)


def trivia(card: CardView, doc: SourceText | None = None) -> str | None:
    """Trivia, not pharmacology: a bare year as the answer ("1995", a citation's or an
    approval's date), or an institution's acronym to expand ("What does FDA stand for?":
    the expansion names an agency, or is all everyday words)."""
    answer = card.answer.strip()
    if re.fullmatch(r"(?:in\s+)?(?:1[89]|20)\d\d", answer, re.I):
        return f"year: answer {answer!r}"
    if re.search(r"\bstand for\?$", card.prompt):
        content = [w for w in tokens(answer) if w not in ("and", "of", "for", "the", "on", "in")]
        if _INSTITUTION.search(answer) or (content and all(zipf(w) >= 4.5 for w in content)):
            return f"institution: {answer!r}"
    return None


_GENERIC_HEADS = frozenset("inhibitor inhibitors agonist agonists antagonist antagonists receptor receptors enzyme "
                           "enzymes modulator modulators blocker blockers analogue analogues analog analogs".split())
_BLANK_AT = re.compile(rf"(?P<before>\S*)\s*{BLANK_SHOWN}\s*(?P<after>\S*)")


def fixed_term_half(card: CardView, doc: SourceText | None = None) -> str | None:
    """The blank is half of a fixed term that the other half gives away: "aromatase [...]"
    -> inhibitor, "PARP [...]", "Phase [...]" -> III, "[...] CI" -> 95%."""
    answer = card.answer.strip().lower()
    for m in _BLANK_AT.finditer(card.prompt):
        before, after = m.group("before"), m.group("after").strip(".,;:)")
        if after == "CI" and re.fullmatch(r"\d+(?:\.\d+)?%", answer):
            return f"'{card.answer} CI'"
        if before.lower() in ("phase", "type", "grade", "stage") and re.fullmatch(r"[ivx]+|\d+[a-z]?", answer):
            return f"'{before} {card.answer}'"
        if before[-1:].isalnum() and before.lower() not in STOPWORDS and answer in _GENERIC_HEADS:
            return f"'{before} {card.answer}'"
    return None

Check = Callable[[CardView, "SourceText | None"], "str | None"]
CHECKS: dict[str, Check] = {
    "leftovers": leftovers,
    "torn": torn,
    "answer_in_prompt": answer_in_prompt,
    "long_prompt": long_prompt,
    "dangling_pronoun": dangling_pronoun,
    "subject_answer": subject_answer,
    "duplicate_options": duplicate_options,
    "variant_options": variant_options,
    "true_false_options": true_false_options,
    "mixed_options": mixed_options,
    "unsupported_true_false": unsupported_true_false,
    "long_answer": long_answer,
    "ungrounded": ungrounded,
    "trivia": trivia,
    "fixed_term_half": fixed_term_half,
    "false_disagreement": false_disagreement,
}


def flags(card: CardView, doc: SourceText | None = None) -> dict[str, str]:
    """Every check the card trips, with its reason."""
    out = {}
    for name, check in CHECKS.items():
        reason = check(card, doc)
        if reason:
            out[name] = reason
    return out
