"""pysbd's sentence segmenter, with its last step done without a regular expression per sentence.

pysbd finds each sentence it made back in the original text (keeping the whitespace after
it, dropping any it cannot find) with ``re.finditer(re.escape(sentence) + r"\\s*", text)``:
one new pattern per sentence. Compiling them was a third of pysbd's time on new text, and
each one pushed a fixed rule out of ``re``'s 512-pattern cache, to be compiled again. The
same search with ``str.find`` gives the same sentences.
"""

from __future__ import annotations

import re

import pysbd
from pysbd.utils import TextSpan


class Segmenter(pysbd.Segmenter):
    """``pysbd.Segmenter`` whose sentences are found in the text with ``str.find``."""

    def sentences_with_char_spans(self, sentences):
        text = self.original_text
        spans = []
        prior_end = 0
        for sent in sentences:
            for start, end in _matches(text, sent):
                if end > prior_end:  # the first match past the sentence before, as pysbd takes
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
        return spans


def _matches(text: str, sent: str):
    r"""The spans ``re.finditer(re.escape(sent) + r"\s*", text)`` yields, left to right."""
    if not sent:  # the pattern is r"\s*" alone, with its empty matches: leave that to re
        yield from (m.span() for m in re.finditer(r"\s*", text))
        return
    start = text.find(sent)
    while start != -1:
        end = _after_whitespace(text, start + len(sent))
        yield start, end
        start = text.find(sent, end)  # finditer's matches do not overlap


def _after_whitespace(text: str, i: int) -> int:
    r"""Where the run of whitespace (``\s*``; ``str.isspace`` is the same test) at ``i`` ends."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i
