"""Chains of steps ("A → B → C") asked in a quiz as "in which order?" (no UI).

Nobody types a chain as written, so a quiz lists its steps, shuffled and lettered, and offers
four orders of the letters, one right ("B → A → C"). The options are stored and checked as the
steps written out, so a result or a quiz's history reads without the letters.
"""

from __future__ import annotations

import random
import string
from typing import TYPE_CHECKING, Sequence

from .grading import normalize

if TYPE_CHECKING:
    from .decks import StudyItem

STEP = "→"
ORDER_QUESTION = "In which order?"


def chain_steps(item: StudyItem) -> list[str]:
    """The steps of a chain card's answer ("A → B → C"), or ``[]`` for any other card."""
    if "chain" not in item.tags or STEP not in item.answer:
        return []
    steps = [step.strip() for step in item.answer.split(STEP)]
    return steps if all(steps) else []


def _cased(step: str, first: bool) -> str:
    """A step written for its place: capital first, lower-case after ("LH secretion" and "ATAC"
    keep theirs), so neither an option nor the listed steps tell by a capital which comes first."""
    word = step.split()[0]
    if word[1:] != word[1:].lower() or any(ch.isdigit() for ch in word):
        return step
    return (step[0].upper() if first else step[0].lower()) + step[1:]


def ordered(steps: Sequence[str]) -> str:
    """Steps written as a chain: "A → b → c"."""
    return f" {STEP} ".join(_cased(step, n == 0) for n, step in enumerate(steps))


def order_question(steps: Sequence[str], rng: random.Random, wrong: int) -> tuple[list[str], str, list[str]] | None:
    """``(listed, right, options)``: the steps as listed (shuffled), the right order written out,
    and it among ``wrong`` wrong orders, shuffled; ``None`` when the steps do not give that many
    orders (fewer than three, or repeating one another).

    Every order is as likely to be listed, and the wrong orders are drawn evenly from all the
    wrong ones, so neither the listing nor how the options resemble one another points to the
    right one (near misses only would: the right order is then the one next to all of them)."""
    if len({normalize(s) for s in steps}) < len(steps) or len(steps) < 3:
        return None
    right = ordered(steps)
    seen, options = {normalize(right)}, [right]
    for _attempt in range(200):  # 3 steps have 5 wrong orders; more have plenty
        if len(options) > wrong:
            break
        order = list(steps)
        rng.shuffle(order)
        text = ordered(order)
        if normalize(text) not in seen:
            seen.add(normalize(text))
            options.append(text)
    listed = list(steps)
    rng.shuffle(listed)
    rng.shuffle(options)
    return [_cased(s, True) for s in listed], right, options


def letters(option: str, listed: Sequence[str]) -> str:
    """An order written out, in the letters of the listed steps: "B → A → C"."""
    names = {normalize(step): string.ascii_uppercase[n] for n, step in enumerate(listed)}
    return f" {STEP} ".join(names.get(normalize(step), "?") for step in option.split(STEP))


def lettered(listed: Sequence[str]) -> str:
    """The listed steps, one a line: "A. Balance of bone remodeling disrupted"."""
    return "\n".join(f"{string.ascii_uppercase[n]}. {step}" for n, step in enumerate(listed))
