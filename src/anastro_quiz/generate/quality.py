"""Automatic checks over generated cards: the measuring instrument for the generator.

Each check (in :mod:`.quality_checks` and :mod:`.quality_grounding`) is a small function
``check(card, doc) -> str | None`` that returns a short reason when the card trips it
(``None`` when it passes). A
:class:`CardView` is one study item as a student sees it (prompt with its blank, answer,
options, quote); a :class:`SourceText` is the article the card was made from (its
sentences and table rows, its subject words). :func:`assess` runs every check over decks
and sums them per deck: card kinds, answer shares, the share of teacher kinds.

The checks read only what a student sees, never the generator's internals, so they keep
measuring while the generator changes. They are cues, not proof: a flag says "look here".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..deck_model import Deck
from .quality_checks import (CHECKS, answer_in_prompt, dangling_pronoun, duplicate_options, fixed_term_half, flags,
                             leftovers, long_answer, long_prompt, mixed_options, subject_answer, torn, trivia,
                             true_false_options, variant_options)
from .quality_grounding import false_disagreement, negated, ungrounded, unsupported_true_false
from .quality_views import CardView, SourceText, flatten
from .kinds import CARD_KINDS, TEACHER_KINDS
from .quality_text import phrase_in, stem, tokens

__all__ = ["CHECKS", "OPTION_CHECKS", "Assessment", "CardReport", "CardView", "SourceText", "TEACHER_KINDS",
           "answer_in_prompt", "assess", "card_kind", "dangling_pronoun", "duplicate_options", "false_disagreement",
           "fixed_term_half", "flags", "flatten", "leftovers", "long_answer", "long_prompt", "mixed_options", "negated",
           "quiz_options", "subject_answer", "torn", "trivia", "true_false_options", "ungrounded",
           "unsupported_true_false", "variant_options", "views_of"]



def card_kind(card_id: str, tags: Iterable[str], type_: str) -> str:
    """A card's kind: the prefix of its id (``why-3fa2…``), else a kind tag, else its type."""
    m = re.match(r"^([a-z]+)-[0-9a-f]{6,}$", card_id)
    if m:
        return m.group(1)
    for tag in tags:
        if tag in CARD_KINDS:
            return tag
    return type_


def views_of(deck: Deck) -> list[CardView]:
    """Every study item of a deck as a :class:`CardView` (a cloze with two deletions gives two)."""
    out = []
    for card in deck.cards:
        kind = card_kind(card.id, card.tags, card.type)
        for item in card.items(deck.id):
            out.append(CardView(card.id, kind, card.type, item.prompt, item.answer,
                                item.source.quote if item.source else "", item.source.document if item.source else "",
                                item.choices if card.type == "choice" else (), item.items, item.explanation or ""))
    return out


# --- per-deck figures --------------------------------------------------------------------

MAX_ANSWER_SHARE = 0.05


@dataclass
class CardReport:
    """One card (all its study items) and the checks it trips."""

    deck: str
    views: list[CardView]
    flags: dict[str, str]

    @property
    def kind(self) -> str:
        return self.views[0].kind


@dataclass
class Assessment:
    """The checks over a set of decks: per card, and the figures a benchmark prints."""

    cards: list[CardReport]

    def kinds(self) -> Counter[str]:
        return Counter(c.kind for c in self.cards)

    def flagged(self, check: str) -> int:
        """How many cards trip ``check``."""
        return sum(check in c.flags for c in self.cards)

    def answers(self) -> Counter[str]:
        """How often each answer is asked (true/false keys left out), words stemmed."""
        return Counter(" ".join(stem(w) for w in tokens(v.answer)) for c in self.cards for v in c.views
                       if v.type != "true_false" and tokens(v.answer))

    def top_answer(self) -> tuple[str, float]:
        """The most frequent answer and its share of the answers."""
        counts = self.answers()
        if not counts:
            return "", 0.0
        answer, n = max(sorted(counts.items()), key=lambda kv: kv[1])
        return answer, n / sum(counts.values())

    def overused_answers(self) -> dict[str, float]:
        """Answers asked more than once and making up more than 5% of the answers."""
        counts = self.answers()
        total = sum(counts.values())
        return {a: n / total for a, n in counts.items() if n >= 2 and n / total > MAX_ANSWER_SHARE}

    def repeats(self) -> list[tuple[str, str]]:
        """Near-duplicates, as (card, the earlier card it repeats): the same question, or the
        same answer asked from the same quote (a cloze and a choice card of one blank)."""
        seen: dict[tuple, str] = {}
        out = []
        for c in self.cards:
            v = c.views[0]
            keys = [("prompt", " ".join(tokens(v.prompt)))]
            if v.type != "true_false":
                keys.append(("answer", v.document, v.quote, " ".join(stem(w) for w in tokens(v.answer))))
            earlier = next((seen[k] for k in keys if k in seen), None)
            if earlier is not None:
                out.append((v.card_id, earlier))
            for k in keys:
                seen.setdefault(k, v.card_id)
        return out

    def overlaps(self) -> list[tuple[str, str]]:
        """Near-duplicates of a looser kind, as (card, the card it contains): two cards of one
        quote where one answer holds the other ("Compare the dose in women and men" beside
        "In men, what is the dose?" from the same table row)."""
        views = [c.views[0] for c in self.cards if c.views[0].type != "true_false"]
        out = []
        for a in views:
            for b in views:
                if b.card_id != a.card_id and b.quote == a.quote and len(tokens(b.answer)) >= 2 \
                        and len(tokens(a.answer)) > len(tokens(b.answer)) and phrase_in(b.answer, a.answer):
                    out.append((a.card_id, b.card_id))
                    break
        return out

    def leaks(self) -> list[tuple[str, str]]:
        """Cards that show another card's answer, as (card, the card whose answer it shows): a
        sibling from the same quote, or a figure with its unit ("20 mg", "1 to 2 years"; a bare
        percentage recurs by chance) asked elsewhere in the same document."""
        views = [c.views[0] for c in self.cards]
        out = []
        for a in views:
            prompt = re.sub(r"_{3,}|\[\.\.\.\]", " ", a.prompt)
            for b in views:
                if b.card_id == a.card_id or b.type == "true_false" or b.document != a.document:
                    continue
                figure = re.search(r"\d", b.answer) and re.search(r"[^\W\d_]", b.answer)  # "20 mg", not "7%"
                if (b.quote == a.quote or figure) and phrase_in(b.answer, prompt):
                    out.append((a.card_id, b.card_id))
                    break
        return out

    def reasons(self, check: str) -> Counter[str]:
        """How many cards trip ``check`` for each kind of reason ("range torn", "unit torn")."""
        return Counter(c.flags[check].split(":")[0] for c in self.cards if check in c.flags)

    def teacher_share(self) -> float:
        """Share of why/how, chain, comparison, enumeration and clinical-action cards."""
        return sum(c.kind in TEACHER_KINDS for c in self.cards) / len(self.cards) if self.cards else 0.0

    def figures(self) -> dict:
        """The numbers a benchmark table shows, as plain data (for ``--json``)."""
        top, share = self.top_answer()
        out = {"cards": len(self.cards), "kinds": dict(sorted(self.kinds().items())),
               "top_answer": top, "top_answer_share": round(share, 4),
               "overused_answers": {a: round(s, 4) for a, s in sorted(self.overused_answers().items())},
               "teacher_share": round(self.teacher_share(), 4), "repeats": len(self.repeats()),
               "overlaps": len(self.overlaps()),
               "leaks": len(self.leaks())}
        out.update({name: self.flagged(name) for name in CHECKS})
        out["reasons"] = {name: dict(sorted(self.reasons(name).items())) for name in ("leftovers", "torn", "trivia")
                          if self.flagged(name)}
        return out


OPTION_CHECKS = ("duplicate_options", "variant_options", "true_false_options", "mixed_options")


def quiz_options(decks: Iterable[Deck], seed: int = 0) -> tuple[int, list[tuple[str, str, str]]]:
    """Quiz mode's own options, judged by the same checks as choice cards: every item that
    quiz mode can ask as a choice question is asked so (seeded, so runs agree). Returns how
    many choice questions there were and, for each one with bad options, (card, check, reason)."""
    import random

    from ..quiz import make_question

    asked, bad = 0, []
    for deck in decks:
        pool = deck.items()
        for item in pool:
            if item.type == "true_false":
                continue
            q = make_question(item, pool, random.Random(f"{seed}:{item.deck_id}:{item.id}"), prefer="choice")
            if q is None or q.kind != "choice" or q.orders:
                continue  # a flashcard only, or a chain's own steps in other orders (no distractors)
            asked += 1
            view = CardView(item.card_id, card_kind(item.card_id, item.tags, item.type), "choice", q.prompt, q.answer,
                            choices=q.options)
            for name in OPTION_CHECKS:
                reason = CHECKS[name](view, None)
                if reason:
                    bad.append((item.card_id, name, reason))
                    break
    return asked, bad


def assess(decks: Iterable[Deck], sources: dict[str, str]) -> Assessment:
    """Run every check over every card of ``decks``; ``sources`` maps a document name (as
    cards cite it) to its text (all the documents the decks were generated from together)."""
    docs = {name: SourceText.of(name, text) for name, text in sources.items()}
    for doc in docs.values():  # articles read together may state what one of them leaves out
        doc.related = [u for other in docs.values() if other is not doc for u in other.units]
    reports = []
    for deck in decks:
        by_card: dict[str, list[CardView]] = {}
        for view in views_of(deck):
            by_card.setdefault(view.card_id, []).append(view)
        for views in by_card.values():
            found: dict[str, str] = {}
            for view in views:
                for name, reason in flags(view, docs.get(view.document)).items():
                    found.setdefault(name, reason)
            reports.append(CardReport(deck.id, views, found))
    return Assessment(reports)
