"""The whole generator: documents in, topic decks out (no file is written here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..decks import CLOZE_RE, Deck
from . import cards as C
from . import table_cards
from .clean import InputError, clean_lines, read_document
from .extract import (NUMBER_RE, Fact, Sentence, acronym_facts, definition_facts, key_terms, list_contrasts,
                      numeric_facts, sentences_of, table_facts, words)
from .structure import parse_blocks
from .topics import TopicRules, assign, load_rules

MAX_CARDS_PER_QUOTE = 3
SIMILAR = 90  # rapidfuzz ratio above which two questions in one deck ask the same thing


@dataclass
class Document:
    """One parsed article: its text, sentences, key terms and facts."""

    name: str
    text: str
    sentences: list[Sentence]
    terms: dict[str, float]
    facts: list[Fact] = field(default_factory=list)


def read(path: str | Path) -> Document:
    """Run stages 1-3 on one file; :class:`InputError` if it has nothing to learn from."""
    path = Path(path)
    text = read_document(path)
    blocks = parse_blocks(clean_lines(text))
    sentences = sentences_of(blocks, path.name)
    if not any(s.usable for s in sentences) and not any(b.kind == "table" for b in blocks):
        raise InputError(f"{path}: no usable sentences (is this an article in English prose?)")
    terms = key_terms(sentences)
    doc = Document(path.name, text, sentences, terms)
    for s in sentences:
        if s.lost is None:
            doc.facts += numeric_facts(s) + definition_facts(s, terms) + acronym_facts(s)
    for b in blocks:
        if b.kind == "table":
            doc.facts += table_facts(b, path.name)
    doc.facts += list_contrasts(sentences)
    return doc


def drafts_for(doc: Document, pool: dict[str, set[str]]) -> list[C.Draft]:
    """Stage 4 for one document: every candidate card, before pruning."""
    by_text = {s.text: s for s in doc.sentences if s.usable}
    spelled: dict[str, str] = {}
    for s in doc.sentences:
        for w in words(s.text):
            spelled.setdefault(w.lower(), w)
    families = C.term_families(doc.terms, spelled)
    out: list[C.Draft] = C.number_cards([f for f in doc.facts if f.kind == "number"], by_text, pool)
    for s in doc.sentences:
        out += C.term_cards(s, doc.terms, families)
    for f in doc.facts:
        if f.kind in ("definition", "named", "role", "acronym"):
            d = C.definition_card(f)
        elif f.kind == "cell":
            d = table_cards.cell_card(f)
        elif f.kind == "contrast":
            d = table_cards.contrast_card(f)
        else:
            if f.kind == "item":
                out += C.item_cards(f)
            continue
        if d is not None:
            out.append(d)
    return out


def prune(drafts: list[C.Draft], topic_of: dict[int, str]) -> list[C.Draft]:
    """Drop cards that ask what an earlier card in the same deck already asks."""
    kept: list[C.Draft] = []
    per_quote: Counter[str] = Counter()
    asked: dict[str, list[tuple[str, str]]] = {}
    defined: set[tuple[str, str]] = set()
    answered: set[tuple[str, str]] = set()
    for d in drafts:
        topic = topic_of[id(d)]
        answer = C.normalise(str(d.data.get("answer", d.data.get("text", ""))))
        key = (topic, answer) if d.kind == "define" else None
        if key and key in defined:
            continue
        if per_quote[d.quote] >= MAX_CARDS_PER_QUOTE:
            continue
        said = C.normalise(" ".join(m.group(2) for m in CLOZE_RE.finditer(str(d.data.get("text", ""))))) or answer
        if (d.quote, said) in answered:  # "What is responsible for X?" and "_____ are responsible for X"
            continue
        # Near-identical questions from different sentences ask the same thing; two blanks in
        # one sentence ("6.1% ... 7.2%") ask different things.
        if any(fuzz.ratio(d.ask, other) >= SIMILAR for other, quote in asked.get(topic, ()) if quote != d.quote):
            continue
        if d.ask in {a for a, _ in asked.get(topic, ())}:
            continue
        kept.append(d)
        per_quote[d.quote] += 1
        asked.setdefault(topic, []).append((d.ask, d.quote))
        answered.add((d.quote, said))
        if key:
            defined.add(key)
    return kept


def _figures(text: str) -> set[str]:
    return {C.normalise(m.group(0)) for m in NUMBER_RE.finditer(text)}


def note_disagreements(drafts: list[C.Draft]) -> None:
    """Articles can disagree: when two articles' tables give the same row for the same people
    ("Standard Dosage" / "Typical Dosage" in men) with different figures, each card names its
    table and its explanation gives the other article's figures, so a student knows which
    source says what instead of meeting two answers to one question."""
    cells: dict[tuple[str, ...], list[C.Draft]] = {}
    for d in drafts:
        if d.same_as and _figures(d.cell):
            cells.setdefault(d.same_as, []).append(d)
    for group in cells.values():
        for d in group:
            others = [o for o in group if o.document != d.document and _figures(o.cell) != _figures(d.cell)]
            if not others:
                continue
            prompt = d.data["prompt"]
            d.data["prompt"] = f"According to the table “{d.heading}”, {prompt[0].lower()}{prompt[1:]}"
            note = "; ".join(f"the table “{o.heading}” in {o.document} gives: {o.cell}" for o in others)
            d.data["explanation"] = (d.data.get("explanation", "") + " " if d.data.get("explanation") else "") + \
                f"Sources differ: {note}"


def generate_decks(paths: list[str | Path], rules: TopicRules | None = None) -> list[Deck]:
    """Read documents and return one deck per topic that received cards (deterministic)."""
    if not paths:
        raise InputError("no documents given")
    rules = rules or load_rules()
    docs = [read(p) for p in paths]
    names = [d.name for d in docs]
    if len(set(names)) != len(names):
        raise InputError("two documents share a file name; card sources could not tell them apart")
    pool: dict[str, set[str]] = {}
    for doc in docs:
        for f in doc.facts:
            if f.kind == "number":
                pool.setdefault(f.extra["unit"], set()).add(f.answer)
    drafts: list[C.Draft] = []
    for doc in docs:
        drafts += drafts_for(doc, pool)
    if not drafts:
        raise InputError("no facts found to make cards from: " + ", ".join(names))
    note_disagreements(drafts)
    texts = {d.name: d.text for d in docs}
    order = {t.id: i for i, t in enumerate(rules.topics)}
    drafts.sort(key=lambda d: (names.index(d.document), texts[d.document].find(d.quote), d.kind, d.ask))
    topic_of = {id(d): assign(_question(d), f"{d.quote} {d.heading}", rules) for d in drafts}
    kept = prune(drafts, topic_of)
    decks: dict[str, Deck] = {}
    for d in kept:
        topic = next(t for t in rules.topics if t.id == topic_of[id(d)])
        deck = decks.setdefault(topic.id, Deck(topic.id, topic.title, topic.description))
        deck.cards.append(d.card(topic.id))
        if {"document": d.document} not in deck.sources:
            deck.sources.append({"document": d.document})
    for deck in decks.values():
        deck.sources.sort(key=lambda s: names.index(s["document"]))
    return sorted(decks.values(), key=lambda deck: order[deck.id])


def _question(d: C.Draft) -> str:
    data = d.data
    return " ".join(str(data.get(k, "")) for k in ("prompt", "answer", "text", "statement"))
