"""Numbers written as words ("five years", "twice a day"): the one table of their values.

Readers that recognise only some of them (the generator's number facts, doses, choice
options) take their words from here with :func:`spelled`, so a word and its value are
written once for the whole tool.
"""

from __future__ import annotations

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
# How many times: "once a day" is 1 a day.
TIMES_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}


def spelled(*values: int) -> dict[str, int]:
    """The number words for ``values`` (word -> value), in ascending order of value."""
    wanted = set(values)
    unknown = wanted - set(NUMBER_WORDS.values())
    if unknown:
        raise ValueError(f"no number word for {sorted(unknown)}")
    return {word: value for word, value in NUMBER_WORDS.items() if value in wanted}


def noun(count: int, word: str, many: str | None = None) -> str:
    """``word`` for a count of one, else its plural (``many``, by default ``word + "s"``)."""
    return word if count == 1 else (many or word + "s")


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun, as a user reads it: ``plural(1, "card")`` is "1 card", 2 gives "2 cards"."""
    return f"{count} {noun(count, word, many)}"
