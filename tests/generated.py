"""What the generator makes of an invented article, for the generator's tests: the cards, and
each card as a student sees it."""

from __future__ import annotations

from pathlib import Path

from anastro_quiz.generate import generate_decks


def generated_cards(tmp_path: Path, text: str, name: str = "drug.md") -> list:
    """Every card the generator makes from ``text`` saved as ``tmp_path / name`` (the suffix
    decides how it is read: ``.md`` as Markdown, ``.txt`` as plain text)."""
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    return [card for deck in generate_decks([doc]) for card in deck.cards]


def front(card) -> str:
    """What the card shows first: its question, cloze text or statement."""
    return str(card.data.get("prompt") or card.data.get("text") or card.data.get("statement"))


def generated_fronts(tmp_path: Path, text: str, name: str = "drug.md") -> list[str]:
    """What each card the generator makes from ``text`` shows first (see :func:`generated_cards`)."""
    return [front(card) for card in generated_cards(tmp_path, text, name)]


def questions_and_answers(cards) -> dict[str, str]:
    """Each card's question (or cloze text) and its answer (or list of items)."""
    return {str(c.data.get("prompt") or c.data.get("text")): str(c.data.get("answer") or c.data.get("items"))
            for c in cards}
