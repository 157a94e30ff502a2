"""What a card in a deck file must hold: its type's required fields, and each field of the
right kind (read by :func:`anastro_quiz.decks.parse_deck`, which reports every problem at once)."""

from __future__ import annotations

from typing import Any

from .deck_model import CARD_TYPES, CLOZE_RE, answer_text, document_name_problem

_REQUIRED = {
    "basic": ("prompt", "answer"),
    "reverse": ("prompt", "answer"),
    "cloze": ("text",),
    "choice": ("prompt", "answer", "choices"),
    "typed": ("prompt", "answer"),
    "true_false": ("statement", "answer"),
}


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() != ""


def check_card(card_id: str, data: dict[str, Any], line: int, report) -> None:
    """Report (``report(line, card_id, message)``) each way one card's fields break the deck format."""
    odd = [k for k in data if not isinstance(k, str)]
    if odd:  # "&anchor: value" or "1: x" makes a key that is not a field name
        report(line, card_id, f"field names must be text, not {odd[0]!r}")
        return
    ctype = data.get("type")
    if ctype not in CARD_TYPES:
        report(line, card_id, f"unknown type {ctype!r} (expected one of: {', '.join(CARD_TYPES)})")
        return
    for key in _REQUIRED[ctype]:
        if key not in data or data[key] is None:
            report(line, card_id, f"missing field '{key}' for a {ctype} card")
    if any(key not in data or data[key] is None for key in _REQUIRED[ctype]):
        return
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        report(line, card_id, "'tags' must be a list of strings")
    src = data.get("source")
    if src is not None and not (
        isinstance(src, dict) and _is_text(src.get("document")) and _is_text(src.get("quote"))
    ):
        report(line, card_id, "'source' must have 'document' and 'quote'")
    elif src is not None and (why := document_name_problem(str(src["document"]))) is not None:
        report(line, card_id, f"'source' document {str(src['document'])!r} {why}: it must be a file "
                              "in the deck's folder or its sources/ folder")
    elif src is not None and src.get("page") is not None and not (
        isinstance(src["page"], int) and not isinstance(src["page"], bool) and src["page"] >= 1
    ):
        report(line, card_id, "'source' page must be a whole number from 1")
    if "explanation" in data and data["explanation"] is not None and not isinstance(data["explanation"], str):
        report(line, card_id, "'explanation' must be text")

    if ctype == "cloze":
        text = data["text"]
        if not isinstance(text, str) or not CLOZE_RE.search(text):
            report(line, card_id, "cloze 'text' has no deletion like {{c1::answer}}")
        elif any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
            report(line, card_id, "empty cloze deletion")
        return
    if ctype == "true_false":
        if not isinstance(data["answer"], bool):
            report(line, card_id, "true_false 'answer' must be true or false")
        if not _is_text(data["statement"]):
            report(line, card_id, "'statement' must be text")
        return
    for key in ("prompt", "answer"):
        if not _is_text(data[key]):
            report(line, card_id, f"'{key}' must be non-empty text")
    if ctype == "choice":
        choices = data["choices"]
        if not isinstance(choices, list) or not all(_is_text(c) for c in choices):
            report(line, card_id, "'choices' must be a list of text")
            return
        texts = [answer_text(c) for c in choices]
        if len(set(texts)) != len(texts):
            report(line, card_id, "'choices' contains duplicates")
        if len(set(texts)) < 2:
            report(line, card_id, "a choice card needs at least two distinct choices")
        if _is_text(data["answer"]) and answer_text(data["answer"]) not in texts:
            report(line, card_id, "the answer is not among its choices")
    if ctype == "typed":
        accept = data.get("accept", [])
        if not isinstance(accept, list) or not all(_is_text(a) for a in accept):
            report(line, card_id, "'accept' must be a list of text")
        tol = data.get("tolerance")
        if tol is not None and (isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0):
            report(line, card_id, "'tolerance' must be a non-negative number")
        _check_items(card_id, data, line, report)


def _check_items(card_id: str, data: dict[str, Any], line: int, report) -> None:
    """A list answer: ``items`` (two or more distinct texts) and ``need`` (how many a reply must name)."""
    if "items" not in data:
        if "need" in data:
            report(line, card_id, "'need' is only meaningful with 'items'")
        return
    items = data["items"]
    if not isinstance(items, list) or not all(_is_text(i) for i in items):
        report(line, card_id, "'items' must be a list of text")
        return
    texts = [answer_text(i).strip().lower() for i in items]
    if len(set(texts)) < 2:
        report(line, card_id, "'items' needs at least two distinct items")
    elif len(set(texts)) != len(texts):
        report(line, card_id, "'items' contains duplicates")
    need = data.get("need")
    if need is not None and (isinstance(need, bool) or not isinstance(need, int) or not 1 <= need <= len(items)):
        report(line, card_id, f"'need' must be a whole number from 1 to {len(items)} (the number of items)")
