"""Long sentences cut into clauses, so a key mechanism or outcome sentence of 60 words is
asked clause by clause instead of being dropped (:func:`..extract.sentences_of` uses it)."""

from __future__ import annotations

import re

MAX_WORDS = 50  # longer sentences are asked clause by clause
MIN_CLAUSE_WORDS = 6
# Where a long sentence can be cut, strongest first: a semicolon, a spaced dash or a colon
# (the second piece starts after it), then a comma before a clause-opening word (the second
# piece starts at that word: ", which ...", ", whereas ...", ", and thereby ...").
_HARD_CUTS = re.compile(r"(?:;|\s[–—]|:)\s+(?=\S)")
_SOFT_CUTS = re.compile(r",\s+(?=(?:which|whereas|while|although|though|but|yet|thereby|thus|leading to|"
                        r"resulting in|so that|and (?:thereby|thus|therefore|then|also|is|are|was|were|has|have|"
                        r"it|they|this|these|the|its|their|in|at|on)|as well as|including|such as)\b)")
_ANY_COMMA = re.compile(r",\s+(?=\S)")
_AND = re.compile(r"\s+(?=(?:and|or)\s)")  # the last resort: a coordinated second half


def clauses(sentence: str) -> list[str]:
    """A sentence of at most :data:`MAX_WORDS` words as it is; a longer one cut into clauses
    at the strongest cut nearest its middle, again until every piece is short enough. Each
    piece is a verbatim substring of the sentence (separators at its end trimmed), so it can
    stand as a card's quote; a sentence with no cut leaving two pieces of six words or more
    stays whole (and too long to ask)."""
    if len(sentence.split()) <= MAX_WORDS:
        return [sentence]
    aside = _trailing_aside(sentence)
    if aside is not None:
        return clauses(sentence[:aside].rstrip(" ,")) + clauses(sentence[aside:].strip())
    for cuts in (_HARD_CUTS, _SOFT_CUTS, _ANY_COMMA, _AND):
        best: tuple[float, int, int] | None = None
        middle = len(sentence) / 2
        for m in cuts.finditer(sentence):
            left, right = sentence[: m.start()], sentence[m.end():]
            if min(len(left.split()), len(right.split())) < MIN_CLAUSE_WORDS:
                continue
            if best is None or abs(m.start() - middle) < best[0]:
                best = (abs(m.start() - middle), m.start(), m.end())
        if best is not None:
            left = sentence[: best[1]].rstrip(" ;:,–—")
            return clauses(left) + clauses(sentence[best[2]:].strip())
    return [sentence]


def _trailing_aside(sentence: str) -> int | None:
    """Where a closing bracketed remark of six words or more opens ("... inhibition of the GABAA
    receptor in the CNS (it has been found to inhibit the receptor in vitro (IC50 = 3.6 μM) and
    ...)."): the remark is a piece of its own, so the claim before it is not torn at an "and"."""
    text = sentence.rstrip().rstrip(".").rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            inside, left = text[i + 1:-1], text[:i]
            if min(len(inside.split()), len(left.split())) < MIN_CLAUSE_WORDS:
                return None
            return i
    return None


LONG_PROMPT_WORDS = 28  # a card's sentence longer than this is cut to the clause of its blank
_PRONOUN_START = re.compile(r"^(?:it|its|they|their|them|this|these|that|those|such|which|who|but|and|or)\b", re.I)


def clause_with_blank(text: str, blank: str) -> str:
    """A long card sentence whose blank sits in one of its semicolon clauses, cut to that clause
    ("X increases the [...], endometrial polyps and cancer; using X with Y might increase
    bleeding after 1 to 2 years, but ..." -> "X increases the [...], endometrial polyps and
    cancer."): the other clause is another fact, and makes the card too long to read at a
    glance. A clause that would not stand alone (too short, opening with a pronoun) keeps the
    sentence whole; so does a heading label ("Goserelin: ...") whose clause is not the first."""
    if len(text.split()) <= LONG_PROMPT_WORDS or ";" not in text:
        return text
    pieces = re.split(r";\s+", text)
    holding = [i for i, piece in enumerate(pieces) if blank in piece]
    if len(holding) != 1:
        return text
    i = holding[0]
    piece = pieces[i].strip().rstrip(".")
    if len(piece.split()) < MIN_CLAUSE_WORDS or (i and (_PRONOUN_START.match(piece) or
                                                        re.match(r"^[^:]{1,60}:\s", text))):
        return text
    end = "?" if text.rstrip().endswith("?") and i == len(pieces) - 1 else "."
    return piece[:1].upper() + piece[1:] + end


_POINTING_TAIL = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]+ing\b[^,;]*\b(?:this|these|those)\s+[a-z][\w\-]*[^,;]*\.?$")


def without_pointing_tail(text: str, blank: str) -> str:
    """"X works by {{c1::competitively}} binding to the enzyme, effectively blocking its ability to
    perform this conversion." -> "... binding to the enzyme.": a closing participle clause that
    points at a sentence the card does not show ("this conversion") is cut, when the blank is
    before it and what is left still reads as a sentence."""
    m = _POINTING_TAIL.search(text)
    if m is None or blank not in text[:m.start()] or len(text[:m.start()].split()) < MIN_CLAUSE_WORDS:
        return text
    return text[:m.start()].rstrip() + "."


_APPOSITIVE_TAIL = re.compile(r",\s+(?:the|a|an)\s+[^,]+$")


def on_an_aside(before: str) -> bool:
    """Whether examples that follow ``before`` hang on an appositive aside: "... antagonist of the
    androgen receptor (AR), the biological target of androgens like [...]" glosses a general word
    (androgens), while "... the signaling of crucial cytokines like [...]" is what the sentence says."""
    before = re.sub(r"\s*,?\s*(?:such as|like|including|e\.g\.)\s*$", "", before)
    return _APPOSITIVE_TAIL.search(before) is not None
