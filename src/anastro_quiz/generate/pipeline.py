"""The whole generator: documents in, decks out (no file is written here).

Stages: read and clean (:mod:`.clean`, :mod:`.structure`), sentences and facts
(:mod:`.extract`), candidate cards (:mod:`.cards`, :mod:`.table_cards`), choosing what is
worth asking (:mod:`.select`) and topics (:mod:`.topics`).
"""

from __future__ import annotations

import re
from functools import cached_property
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from ..bulk import gc_paused
from ..decks import Deck
from . import cards as C
from . import choices, cloze, select, table_cards
from .agreement import note_disagreements
from .clauses import clause_with_blank, without_pointing_tail
from .clean import InputError
from .extract import (Sentence, acronym_facts, definition_facts, list_contrasts, locate_pages, numeric_facts,
                      sentences_of, table_facts)
from .vocabulary import key_terms, words, zipf
from .facts import Fact
from .lexicon import CONTINUES_PREVIOUS
from .naming import name_the_subject
from .prompt_signals import several_intervals
from .select import Skipped
from .readers import read_blocks
from .structure import Block
from .teacher import teacher_drafts
from .teacher_route import beside_its_figure
from .topics import OVERVIEW, HeadingOutline, TopicRules, assign, load_rules, outline, slug, term_topics

_BRAND = re.compile(r"\bbrand names?\s+(?P<names>[A-Z][\w\-]+(?:(?:,\s*|\s+(?:and|or)\s+)[A-Z][\w\-]+)*)")


@dataclass
class Document:
    """One parsed article: its text, blocks, sentences, key terms and facts."""

    name: str
    text: str
    sentences: list[Sentence]
    terms: dict[str, float]
    facts: list[Fact] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    outline: HeadingOutline = field(default_factory=lambda: HeadingOutline("", {}))
    by_terms: dict[str, str] = field(default_factory=dict)  # quote -> topic, for documents without headings

    @property
    def title(self) -> str:
        """The document's own title, or its file name made readable."""
        if self.outline.title:
            return self.outline.title
        stem = Path(self.name).stem.replace("_", " ").replace("-", " ").strip()
        return stem[:1].upper() + stem[1:] if stem else self.name

    @cached_property
    def subjects(self) -> set[str]:
        """The words naming what the document is about (title, brand names, its most used rare
        word): as an answer they test nothing."""
        out = {w.lower() for w in words(self.title) if len(w) >= 4}
        for s in self.sentences:
            m = _BRAND.search(s.text)
            if m:
                out |= {n.lower() for n in re.split(r",\s*|\s+(?:and|or)\s+", m.group("names"))}
        top = _most_used_rare_word(self.sentences, share=3)  # the drug is in a third of its sentences
        return out | {top} if top else out

    def frequent_terms(self, n: int = 5) -> set[str]:
        """The key terms used in the most sentences: the article's themes."""
        counts = Counter(w.lower() for s in self.sentences for w in set(words(s.text)) if w.lower() in self.terms)
        return {w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]}

    def section_of(self, d: C.Draft) -> str:
        """The topic (top-level section, or key-term cluster) a card's quote belongs to."""
        if self.by_terms:
            return self.by_terms.get(d.quote, OVERVIEW)
        return self.outline.topic(d.heading)

    def section_words(self) -> dict[str, int]:
        """Words of prose and table rows per section, for the default card budget."""
        out: Counter[str] = Counter()
        for s in self.sentences:
            key = self.by_terms.get(s.text, OVERVIEW) if self.by_terms else self.outline.topic(s.heading)
            out[key] += len(s.text.split())
        for b in self.blocks:
            if b.kind == "item":  # a list item is a fact of its own, however short
                key = OVERVIEW if self.by_terms else self.outline.topic(b.heading)
                out[key] += select.WORDS_PER_CARD
            if b.kind == "table" and b.table is not None:  # a row is worth a card of its own
                key = OVERVIEW if self.by_terms else self.outline.topic(b.heading)
                out[key] += select.WORDS_PER_CARD * len(b.table.rows) * max(1, len(b.table.columns))
        return dict(out)

    def lead_sentences(self) -> set[str]:
        """The first sentence under each heading: sections open with their point."""
        out, seen = set(), set()
        for s in self.sentences:
            if s.heading not in seen and s.usable:
                seen.add(s.heading)
                out.add(s.text)
        return out

    def pointed_at(self) -> set[str]:
        """Sentences that a following sentence refers back to ("This trial ...")."""
        return {s.before.text for s in self.sentences if s.before is not None and CONTINUES_PREVIOUS.search(s.text)}


def read(path: str | Path) -> Document:
    """Read, clean and split one file; :class:`InputError` if it has nothing to learn from."""
    path = Path(path)
    reading = read_blocks(path)
    text, blocks = reading.text, reading.blocks
    sentences = sentences_of(blocks, path.name)
    if not any(s.usable for s in sentences) and not any(b.kind == "table" for b in blocks):
        raise InputError(f"{path}: no usable sentences (is this an article in English prose?)")
    terms = key_terms([s.text for s in sentences])
    doc = Document(path.name, text, sentences, terms, blocks=blocks, outline=outline(blocks))
    if not any(b.kind == "heading" for b in blocks):
        spelled = {w.lower(): w for s in sentences for w in words(s.text)}
        k = max(2, min(8, len(sentences) // 10))
        doc.by_terms = term_topics([s.text for s in sentences], terms, spelled, k)
    for s in sentences:
        if s.lost is None:
            doc.facts += numeric_facts(s) + definition_facts(s, terms) + acronym_facts(s)
    for b in blocks:
        if b.kind == "table":
            doc.facts += table_facts(b, path.name)
    doc.facts += list_contrasts(sentences)
    locate_pages(doc.facts, sentences, blocks)
    return doc


def _name(document: str) -> str:
    return document.replace("\\", "/").rsplit("/", 1)[-1]


def drafts_for(doc: Document, pool: choices.FigurePool) -> list[C.Draft]:
    """Stage 4 for one document: every candidate card, before pruning."""
    by_text = {s.text: s for s in doc.sentences if s.usable}
    spelled: dict[str, str] = {}
    for s in doc.sentences:
        for w in words(s.text):
            spelled.setdefault(w.lower(), w)
    families = choices.term_families(doc.terms, spelled, doc.sentences)
    out: list[C.Draft] = C.number_cards([f for f in doc.facts if f.kind == "number"], by_text, pool)
    out += C.outcome_cards(doc.sentences)
    proper = cloze.proper_names(doc.sentences)
    for s in doc.sentences:
        out += cloze.term_cards(s, doc.terms, families, proper)
        out += cloze.effect_cards(s, doc.terms)
        out += cloze.example_cards(s, doc.terms)
    for f in doc.facts:
        if f.kind in ("definition", "gloss", "named", "role", "acronym"):
            d = C.definition_card(f)
        elif f.kind == "cell":
            d = table_cards.cell_card(f)
            out += table_cards.symptom_cards(f)
        elif f.kind == "contrast":
            d = table_cards.contrast_card(f, doc)
        else:
            if f.kind == "item":
                out += table_cards.item_cards(f, doc)
            continue
        if d is not None:
            out.append(d)
    out += teacher_drafts(doc)
    if several_intervals(doc.text):  # "every [28 days]" beside "a 1-month and a 3-month depot": two right keys
        out = [d for d in out if not (d.kind == "number" and re.search(r"\bevery _____", str(d.data.get("prompt", ""))))]
    out = beside_its_figure(out)
    for d in out:
        _cut_to_blank(d)
    return out


@dataclass
class Generation:
    """What one run produced: the decks, and every candidate that did not make it, with why."""

    decks: list[Deck]
    skipped: list[Skipped]
    documents: list[Document]


@gc_paused()  # it builds no reference cycles: the collector's full passes only walked its growing heap
def generate(paths: list[str | Path], topics: str | Path | None = None, max_cards: int | None = None,
             progress: Callable[[int, int, str], None] | None = None,
             titles: Mapping[str, str] | None = None) -> Generation:
    """Read documents and build decks (deterministic; nothing is written).

    Without ``topics`` each document becomes one deck whose cards are tagged with the
    document's own top-level sections; with a topic file, cards from all documents are sorted
    into one deck per topic. ``max_cards`` caps the cards per document; by default each
    section gets a budget from its length. ``progress(done, total, stage)`` is called before
    each stage: reading each document, drafting cards from each, choosing the cards.
    ``titles`` names documents by file name (``{"a1b2.txt": "Anastrozole and
    bone"}``): a page saved without its heading gets its title in the decks' ``sources``
    (and, without topics, as its deck's title); the cards are made from the text alone.
    """
    if not paths:
        raise InputError("no documents given")
    rules = load_rules(Path(topics)) if topics is not None else None
    names = [_name(str(p)) for p in paths]
    if len(set(names)) != len(names):
        raise InputError("two documents share a file name; card sources could not tell them apart")
    unknown = sorted(set(titles or {}) - set(names))
    if unknown:
        raise InputError("a title is given for a document not generated from: " + ", ".join(unknown))
    stages = 2 * len(paths) + 1

    def step(done: int, stage: str) -> None:
        if progress:
            progress(done, stages, stage)

    docs = []
    for n, p in enumerate(paths):
        step(n, f"reading {_name(str(p))}")
        docs.append(read(p))
    table_cards.read_together(docs)
    pool = choices.number_pool(f for doc in docs for f in doc.facts)
    drafts: list[C.Draft] = []
    shared = _main_subject(docs)
    for n, doc in enumerate(docs):
        step(len(docs) + n, f"drafting cards from {doc.name}")
        drafts += name_the_subject(drafts_for(doc, pool), doc, doc.outline.title or shared)
    if not drafts:
        raise InputError("no facts found to make cards from: " + ", ".join(names))
    note_disagreements(drafts)
    by_name = {d.name: d for d in docs}
    section_of = {id(d): by_name[d.document].section_of(d) for d in drafts}
    group_of = {id(d): f"{d.document}\x1f{section_of[id(d)]}" for d in drafts}
    budgets = {f"{doc.name}\x1f{sec}": select.section_budget(n, sec) for doc in docs for sec, n in doc.section_words().items()}
    ctx = select.Context(terms={t: v for doc in docs for t, v in doc.terms.items()},
                         subjects=set().union(*(doc.subjects for doc in docs)),
                         frequent=set().union(*(doc.frequent_terms() for doc in docs)),
                         lead_sentences=set().union(*(doc.lead_sentences() for doc in docs)),
                         pointed_at=set().union(*(doc.pointed_at() for doc in docs)), section_of=section_of)
    step(stages - 1, f"choosing among {len(drafts)} drafts")
    kept, skipped = select.choose(drafts, ctx, group_of, budgets, max_cards)
    if not kept:
        raise InputError("nothing worth a card in: " + ", ".join(names) + " (is this an article to learn from?)")
    for doc in docs:  # its own article's expansion first, then the others' (studied together)
        _gloss_acronyms([d for d in kept if d.document == doc.name], [doc] + [o for o in docs if o is not doc])
    texts = {d.name: d.text for d in docs}
    kept.sort(key=lambda d: (names.index(d.document), texts[d.document].find(d.quote), d.kind, d.ask))
    own_titles = {d.name: d.outline.title for d in docs if d.outline.title} | dict(titles or {})
    if rules is not None:
        decks = _rule_decks(kept, rules, names, own_titles)
    else:
        decks = _document_decks(kept, docs, section_of, own_titles)
    step(stages, "")
    return Generation(decks, skipped, docs)


def generate_decks(paths: list[str | Path], topics: str | Path | None = None,
                   max_cards: int | None = None, titles: Mapping[str, str] | None = None) -> list[Deck]:
    """The decks of :func:`generate` (deterministic)."""
    return generate(paths, topics, max_cards, titles=titles).decks


def _most_used_rare_word(sentences: list[Sentence], share: int) -> str:
    """The rare word (wordfreq zipf < 3, five letters or more) most sentences use, lower case, if
    it is in at least one sentence in ``share``; "" otherwise."""
    counts: Counter[str] = Counter()
    for s in sentences:
        counts.update({w.lower() for w in words(s.text) if len(w) >= 5 and zipf(w.lower()) < 3.0})
    if not counts:
        return ""
    top = max(sorted(counts), key=lambda w: counts[w])
    return top if counts[top] * share >= len(sentences) else ""


def _main_subject(docs: list[Document]) -> str:
    """What untitled documents read together are about: the rare word most of their sentences use
    ("anastrozole" in two articles on it, though one uses "estradiol" more), if it is in one
    sentence in eight; "" if none is."""
    top = _most_used_rare_word([s for doc in docs for s in doc.sentences], share=8)
    return top[:1].upper() + top[1:]


def _cut_to_blank(d: C.Draft) -> None:
    """A long cloze sentence is shown as the clause holding its blank, without a closing clause that
    points at a sentence not shown ("..., blocking this conversion"); its quote stays whole. A
    figure's sentence stays whole: a figure in a long sentence is mostly a side figure of it, and
    its length is what tells selection so."""
    if d.type == "cloze" and isinstance(d.data.get("text"), str):
        d.data["text"] = without_pointing_tail(clause_with_blank(d.data["text"], "{{c"), "{{c")


def _gloss_acronyms(drafts: list[C.Draft], docs: list[Document]) -> None:
    """A card that shows an acronym the article expands says what it stands for in its explanation
    ("ATAC: Arimidex, Tamoxifen, Alone or in Combination"): learnt where it is used, instead of on
    a card of its own, which readers found trivial."""
    expansions: dict[str, str] = {}
    for f in (f for doc in docs for f in doc.facts):
        if f.kind == "acronym":
            expansions.setdefault(f.subject, f.answer)
    if not expansions:
        return
    for d in drafts:
        shown = " ".join(str(d.data.get(k, "")) for k in ("prompt", "answer", "text", "statement"))
        # either way round: "LDL" shown says what it stands for; "low-density lipoprotein" shown
        # gives the abbreviation the student will meet
        glosses = [f"{acr}: {exp}" for acr, exp in sorted(expansions.items())
                   if bool(re.search(rf"(?<![\w\-]){re.escape(acr)}(?![\w\-])", shown)) != (exp.lower() in shown.lower())]
        if glosses:
            before = d.data.get("explanation")
            d.data["explanation"] = (f"{before} " if before else "") + "; ".join(glosses) + "."


def _source_entry(document: str, title: str | None) -> dict[str, str]:
    """A deck's ``sources`` entry: the document, and its own title when it has one (the app
    names a source by it rather than by its file name)."""
    return {"document": document, "title": title} if title else {"document": document}


def _rule_decks(kept: list[C.Draft], rules: TopicRules, names: list[str],
                titles: dict[str, str] | None = None) -> list[Deck]:
    order = {t.id: i for i, t in enumerate(rules.topics)}
    decks: dict[str, Deck] = {}
    for d in kept:
        topic_id = assign(_question(d), f"{d.quote} {d.heading}", rules)
        topic = next(t for t in rules.topics if t.id == topic_id)
        deck = decks.setdefault(topic.id, Deck(topic.id, topic.title, topic.description))
        deck.cards.append(d.card(topic.id))
        if all(s["document"] != d.document for s in deck.sources):
            deck.sources.append(_source_entry(d.document, (titles or {}).get(d.document)))
    for deck in decks.values():
        deck.sources.sort(key=lambda s: names.index(s["document"]))
    return sorted(decks.values(), key=lambda deck: order[deck.id])


def _document_decks(kept: list[C.Draft], docs: list[Document], section_of: dict[int, str],
                    titles: dict[str, str]) -> list[Deck]:
    decks = []
    ids: set[str] = set()
    for doc in docs:
        cards = [d for d in kept if d.document == doc.name]
        if not cards:
            continue
        title = titles.get(doc.name) or doc.title
        deck_id = slug(title)
        while deck_id in ids:
            deck_id += "-2"
        ids.add(deck_id)
        sections: list[str] = []
        for d in cards:
            if section_of[id(d)] not in sections:
                sections.append(section_of[id(d)])
        deck = Deck(deck_id, title, f"Cards from {doc.name}, by section: " + "; ".join(sections) + ".")
        deck.sources.append(_source_entry(doc.name, titles.get(doc.name)))
        deck.cards = [d.card(slug(section_of[id(d)])) for d in cards]
        decks.append(deck)
    return decks


def _question(d: C.Draft) -> str:
    data = d.data
    return " ".join(str(data.get(k, "")) for k in ("prompt", "answer", "text", "statement"))
