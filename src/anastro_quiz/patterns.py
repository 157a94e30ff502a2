"""Regular expressions built at run time (around a term, an answer, an option), compiled once.

``re`` keeps only the last 512 patterns it compiled and drops the oldest first, so a long
input, which builds one pattern per new term or sentence, keeps evicting the fixed ones
(pysbd's rules among them) and recompiles them: on 2 MB of new text a third of the
generator's time went to compiling. Patterns made here are kept in their own cache.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, kept for the next call with the same pattern."""
    return re.compile(pattern, flags)


def whole(text: str, edge: str = r"\w\-", flags: int = 0) -> re.Pattern[str]:
    """``text`` (escaped) not inside a longer word: no character of ``edge`` on either side."""
    return compiled(rf"(?<![{edge}]){re.escape(text)}(?![{edge}])", flags)
