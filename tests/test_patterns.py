"""Run-time patterns (a term, an answer) are compiled once and match as re would."""

from __future__ import annotations

import re

from anastro_quiz.patterns import compiled, whole


def test_whole_words_only_and_the_same_pattern_is_compiled_once():
    text = "Osteoclasts resorb bone; an osteoclast is a cell."
    assert whole("osteoclast").search(text).start() == text.index("an osteoclast") + 3
    assert whole("osteoclast").search("osteoclasts and pre-osteoclast-like cells") is None
    assert whole("HER2", r"\w").search("HER2-positive") is not None  # only word characters stop it
    assert whole("c++", r"\w", re.I).search("C++ code") is not None  # escaped, case folded
    assert compiled(r"\bx\b") is compiled(r"\bx\b")
