"""Words and how rare they are: word tokens, their frequency in general English (wordfreq), acronyms,
and the key terms of one document (rare and repeated words, the answers worth asking)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9α-ω\-]*[A-Za-z0-9α-ω]|[A-Z]")
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9α-ω\-]*$")


def words(text: str) -> list[str]:
    """Word tokens, with possessive endings removed (a token never holds an apostrophe, so
    "drug's" gives "drug": the lone "s" is no token)."""
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 17)  # a textbook's vocabulary: 20,000 words were too few for 1 MB of new text
def zipf(word: str) -> float:
    """How common a word is in general English (wordfreq Zipf scale, 0 = unknown)."""
    from wordfreq import zipf_frequency

    if _PLAIN_LOWER.fullmatch(word) and word not in _frequencies():
        return 0.0  # what wordfreq gives a plain word it does not list, known without tokenizing it
    return zipf_frequency(word, "en")


_PLAIN_LOWER = re.compile(r"[a-z]+")  # one token to wordfreq, looked up as it stands


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")  # the "best" list, the one zipf_frequency reads


@lru_cache(maxsize=1 << 17)  # asked of every word of every sentence, several times over
def is_acronym(word: str) -> bool:
    """Two or more capitals and nothing lower-case except Greek letters or a plural s."""
    return bool(_ACRONYM.match(word)) and not re.search(r"[a-z]{2}", word)


def key_terms(sentences: list[str]) -> dict[str, float]:
    """Domain terms of one document (the text of its sentences) with a salience score (rarer
    and more repeated = higher).

    The document's dominant subject (in a quarter of its sentences or more) is left
    out: it is the answer to nothing.
    """
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for s in sentences:
        for w in set(words(s)):
            counts[w.lower()] += 1
            spelled.setdefault(w.lower(), w)
    limit = max(4, len(sentences) * 15 // 100)
    terms: dict[str, float] = {}
    for low, n in counts.items():
        word = spelled[low]
        if n > limit or len(low) < 3:
            continue
        if is_acronym(word):
            terms[low] = 3.0 + n
            continue
        if len(low) < 5 or low.endswith("ly") or not low.isalpha() and "-" not in low:
            continue
        z = zipf(low)
        if z < 3.0 or (z < 4.0 and n >= 3):
            adjective = re.search(r"(al|ive|ous|ic|ary|ed|ing|ible|able)$", low) is not None
            terms[low] = (5.0 - z) + 0.3 * min(n, 5) - (2.0 if adjective else 0.0)
    return terms
