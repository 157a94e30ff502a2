"""Grading list answers ("Name two of ..."): each expected item found in what was typed, in any
order and fuzzily as :func:`grading.grade_typed` compares one answer; an item named by its head
alone or with a qualifier more counts, but as Hard."""

from __future__ import annotations

from .answer_parts import alternatives, examples, split_items
from .grading import FUNCTION_WORDS, NEGATIONS, Grade, compare, normalize, stem, zipf

MAX_SPAN = 3  # an expected item may itself hold a separator: "nausea and vomiting"


def grade_items(given: str, items: list[str] | tuple[str, ...], need: int | None = None,
                answer: str | None = None) -> Grade:
    """Grade a list answer: each expected item found (in any order, fuzzily as in
    :func:`grade_typed`) counts; ``need`` items (default: all) make it right. The note says
    "2 of 3" and names what was missing; a wrong extra item makes a right answer Hard."""
    items = list(items)
    need = max(1, min(need or len(items), len(items)))
    expected = answer or ", ".join(items)
    parts = split_items(given)
    if not parts:
        return Grade(False, False, expected, None, 0.0, "no answer given", 0, need)
    used = [False] * len(parts)
    matched: list[str] = []
    exact = True
    # Longer items first, so "hot flashes and night sweats" is not split into two near misses.
    for item in sorted(items, key=lambda t: -len(t)):
        hit = _find(item, parts, used)
        if hit is None:
            continue
        start, length, result = hit
        for k in range(start, start + length):
            used[k] = True
        # More examples of the same item ("nausea, vomiting" for "GI effects (nausea, vomiting)")
        # are that item named again, not extra items.
        for example in examples(item):
            while (again := _find(example, parts, used, spans=False)) is not None:
                used[again[0]] = True
        matched.append(item)
        exact = exact and result.exact
    # Then, for what is still missing, an item named by its head alone ("fibroids" for "uterine
    # fibroids") or with a qualifier more ("serious liver damage"): right, but not exact (Hard).
    loose: list[str] = []
    for item in [t for t in items if t not in matched]:
        at = _loosely(item, items, parts, used)
        if at is not None:
            used[at] = True
            matched.append(item)
            loose.append(f"{parts[at]} = {item}")
            exact = False
    found = min(len(matched), need)
    extra = [p for p, u in zip(parts, used) if not u]
    missing = [t for t in items if t not in matched]
    note = f"{found} of {need}"
    if found < need and missing:
        label = "missing" if len(items) == need else "also right"
        note += f"; {label}: " + ", ".join(missing)
    if loose:
        note += "; taken as: " + ", ".join(loose)
    if extra:
        note += "; not in the list: " + ", ".join(extra)
    correct = found >= need
    if correct and extra:
        exact = False
    similarity = 100.0 * found / need
    return Grade(correct, correct and exact, expected, expected if correct else None, similarity, note, found, need)


def _find(item: str, parts: list[str], used: list[bool], spans: bool = True) -> tuple[int, int, Grade] | None:
    """The first run of unused given parts (longest first; one part unless ``spans``) that
    matches ``item``."""
    for length in range(min(MAX_SPAN if spans else 1, len(parts)), 0, -1):
        for start in range(len(parts) - length + 1):
            if any(used[start:start + length]):
                continue
            text = " and ".join(parts[start:start + length])
            for alternative in alternatives(item):
                result = compare(text, normalize(text), alternative, None, key_words=False)
                if result.correct:
                    return start, length, result
    return None


MAX_QUALIFIERS = 2  # words a named item may add to its list item ("serious liver damage")


def _loosely(item: str, items: list[str], parts: list[str], used: list[bool]) -> int | None:
    """The first unused given part that names ``item`` loosely: its head, the last key word, alone,
    when no other item of the list ends in it ("fibroids": "uterine fibroids"; "cancer" names
    neither "breast cancer" nor "prostate cancer"); or every key word of it and at most
    :data:`MAX_QUALIFIERS` more, none a negation ("serious liver damage")."""
    others = {_key_stems(a)[-1:] for other in items if other != item for a in alternatives(other)}
    for alternative in alternatives(item):
        key = _key_stems(alternative)
        if not key:
            continue
        head = normalize(alternative).split()[-1]
        # a head that names one thing, not a kind ("fibroids", not "pain", "damage", "thinning")
        telling_head = len(key) > 1 and key[-1:] not in others and _rare(head)
        for at, part in enumerate(parts):
            if used[at]:
                continue
            words = _key_stems(part)
            if telling_head and words == key[-1:]:
                return at
            extra = [w for w in words if w not in key]
            if set(key) <= set(words) and len(extra) <= MAX_QUALIFIERS and not NEGATIONS & set(normalize(part).split()):
                return at
    return None


def _rare(word: str) -> bool:
    """A word rare enough in English (wordfreq Zipf under 3) to name one thing on its own."""
    return zipf(word) < 3.0


def _key_stems(text: str) -> tuple[str, ...]:
    """The stems of a phrase's words less function words, in order."""
    return tuple(stem(w) for w in normalize(text).split() if w not in FUNCTION_WORDS)
