"""pysbd's sentence segmenter, with two steps done without needless regular expressions.

pysbd finds each sentence it made back in the original text (keeping the whitespace after
it, dropping any it cannot find) with ``re.finditer(re.escape(sentence) + r"\\s*", text)``:
one new pattern per sentence. Compiling them was a third of pysbd's time on new text, and
each one pushed a fixed rule out of ``re``'s 512-pattern cache, to be compiled again. The
same search with ``str.find`` gives the same sentences.

Its abbreviation step (the biggest part of pysbd's time) tries each of 188 abbreviations that
appears anywhere in a line ("al" is in "also"): two searches and a substitution per occurrence,
with patterns made from the matched text. Every substitution replaces the period right after
the abbreviation, so an abbreviation of letters and digits never followed by a period in a
line changes nothing there and is skipped (:class:`_AbbreviationReplacer`).
"""

from __future__ import annotations

import re

import pysbd
from pysbd.lang.english import English
from pysbd.utils import TextSpan

from ..patterns import FOLDS_TO_ASCII


class Segmenter(pysbd.Segmenter):
    """``pysbd.Segmenter`` whose sentences are found in the text with ``str.find``, and whose
    English abbreviation step skips abbreviations that cannot change a line."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.language_module is English:
            self.language_module = _English

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


# An abbreviation written as a plain word: pysbd's patterns for it match it literally (the ones
# with a period inside, "e.g", "ph.d", take "." as any character, so they always take pysbd's path).
_PLAIN = re.compile(r"[a-z0-9]+")


class _AbbreviationReplacer(English.AbbreviationReplacer):
    """pysbd's English abbreviation step, run only for the abbreviations that can change a line.

    For a plain abbreviation, each substitution pysbd makes needs the abbreviation as found
    (case-insensitively) followed by a period, and the step only ever replaces periods, so one
    that is not in the line lower-cased followed by "." changes nothing. That holds unless the
    line has a character ``re.I`` takes for an ASCII letter: such a line is left to pysbd whole."""

    def search_for_abbreviations_in_string(self, text):
        if FOLDS_TO_ASCII.search(text):
            return super().search_for_abbreviations_in_string(text)
        lowered = text.lower()
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in lowered or (_PLAIN.fullmatch(stripped) and stripped + "." not in lowered):
                continue
            # from here on pysbd's own loop body (pysbd 0.3.4, AbbreviationReplacer)
            abbrev_match = re.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


class _English(English):
    AbbreviationReplacer = _AbbreviationReplacer
