"""Refusing documents not written in English: the generator's term salience (wordfreq's
English frequencies), sentence splitting and card templates are English only, so a German
article would give cards that ask nothing.

Detection uses langdetect with a fixed seed, so the same text always gets the same answer.
Loading its language profiles costs about a second, so text whose commonest words are
plainly English's ("the", "of", "and" make up a fifth or more of its words; about a third
in the corpus articles, near none in German) is accepted without it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..clean import InputError

SAMPLE_CHARS = 20_000  # a long sample is reliable; the whole of a book is not needed
MIN_CHARS = 40  # below this a guess is noise: the "nothing to learn from" checks decide
ACCEPT = 0.5  # English needs at least this probability in the detector's estimate
PLAINLY_ENGLISH = 0.2  # share of English function words above which no detector is needed
_FUNCTION_WORDS = frozenset("the of and to in is a that for it as with was on by are be this or from which an at "
                            "not its were has have can may".split())


def function_word_share(text: str) -> float:
    """The share of a text's words that are English's commonest function words."""
    words = re.findall(r"[^\W\d_]+", text[:SAMPLE_CHARS].lower())
    return sum(w in _FUNCTION_WORDS for w in words) / len(words) if words else 0.0


def languages(text: str) -> list[tuple[str, float]]:
    """The detector's estimate for ``text``: (ISO 639-1 code, probability), most likely first."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect samples at random; a fixed seed makes it repeatable
    try:
        return [(lang.lang, lang.prob) for lang in detect_langs(text[:SAMPLE_CHARS])]
    except LangDetectException:  # no letters at all
        return []


def check_english(path: Path, text: str) -> None:
    """Raise :class:`InputError` when ``text`` is not English."""
    if len(text.strip()) < MIN_CHARS or function_word_share(text) >= PLAINLY_ENGLISH:
        return
    found = languages(text)
    english = dict(found).get("en", 0.0)
    if english < ACCEPT:
        top = found[0][0] if found else "unknown"
        raise InputError(f"{path}: this document seems to be in {_NAMES.get(top, top)}, not English; "
                         "the generator reads English articles only")


_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
          "sv": "Swedish", "da": "Danish", "no": "Norwegian", "pl": "Polish", "ru": "Russian", "fi": "Finnish",
          "cs": "Czech", "tr": "Turkish", "zh-cn": "Chinese", "zh-tw": "Chinese", "ja": "Japanese",
          "ko": "Korean", "ar": "Arabic", "el": "Greek", "hu": "Hungarian", "ro": "Romanian"}
