"""Which of a document's sentences can hold a word, found by looking the word up, not by searching
every sentence.

A few rules look, for each candidate card of some kind, for another sentence of the article
saying the same thing a second way (a second use of the drug in the same role, a second list of
its side effects). Each is a case-insensitive pattern built around a word of the card; searched
in every sentence, it costs the cards times the sentences, which grows with the square of the
article. Such a pattern can only match in a sentence holding that word as a space-separated
token, so the rules search only the sentences this index gives, in document order.
"""

from __future__ import annotations

from bisect import insort
from typing import Sequence

from ..patterns import FOLDS_TO_ASCII


def _edge(c: str) -> bool:
    return c.isalnum() or c in "_-"  # ``[\w\-]`` as ``re`` reads it on a str pattern


class SentenceIndex:
    """Each lower-cased space-separated token of each sentence, and the word at the token's end
    after its last character outside ``[\\w\\-]`` ("(side" ends in "side"), to the sentences holding
    it. A sentence holding one of :data:`FOLDS_TO_ASCII` (characters ``re.I`` takes for ASCII
    letters) is a candidate for every word."""

    def __init__(self, sentences: Sequence) -> None:
        self.sentences = sentences
        self._where: dict[str, list[int]] = {}
        self._folding: list[int] = []
        for i, s in enumerate(sentences):
            text = s.text
            if FOLDS_TO_ASCII.search(text):
                self._folding.append(i)
                continue
            keys = set()
            for token in text.lower().split(" "):
                keys.add(token)
                end = len(token)
                while end and _edge(token[end - 1]):
                    end -= 1
                if 0 < end < len(token):
                    keys.add(token[end:])
            for key in keys:
                self._where.setdefault(key, []).append(i)

    def holding(self, word: str, after_punctuation: bool = False) -> Sequence:
        """The sentences (in document order) in which ``word`` can be a whole space-separated token,
        compared case-insensitively as ``re.I`` compares: every sentence where a case-insensitive
        pattern needing ``word`` before a space, after another or at the start, can match. With
        ``after_punctuation``, also where ``word`` (before a space) ends a token after a character outside
        ``[\\w\\-]`` ("(side"). A word not all ASCII (or, after punctuation, not all of ``[\\w\\-]``)
        gives every sentence."""
        if not word.isascii() or " " in word or (after_punctuation and not all(map(_edge, word))):
            return self.sentences
        where = self._where.get(word.lower(), [])
        if self._folding:
            where = list(where)
            for i in self._folding:
                insort(where, i)
        return [self.sentences[i] for i in where]


_last: list = []  # [sentences, index] of the last document asked about


def index_of(sentences: Sequence) -> SentenceIndex:
    """The :class:`SentenceIndex` of ``sentences`` (made once per document: rules ask in turn)."""
    if not _last or _last[0] is not sentences or len(_last[1].sentences) != len(sentences):
        _last[:] = [sentences, SentenceIndex(list(sentences))]
    return _last[1]
