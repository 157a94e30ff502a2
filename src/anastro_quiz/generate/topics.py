"""Stage 6: sort cards into topics.

By default topics come from the document itself: its top-level headings ("Medical uses",
"Side effects", "Pharmacology" become topics titled as the text titles them), and where a
document has no headings, its most salient key terms. Each document becomes one deck and
each card is tagged with its topic, so a quiz can be filtered by topic.

A user can instead pass a topic file (``generate --topics FILE``): keyword rules that sort
cards from all documents into one deck per topic. The bundled decks are built that way,
from ``decks/sources/topics.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..patterns import whole
from .clean import InputError

OVERVIEW = "Overview"
# Headings that open a document rather than a topic ("## Main" in Wikipedia exports).
_LEAD_HEADINGS = {"main", "introduction", "summary", "abstract", "overview", "lead"}


@dataclass(frozen=True)
class Topic:
    """One topic deck: id, title, description and weighted keyword patterns."""

    id: str
    title: str
    description: str
    keywords: tuple[tuple[re.Pattern[str], float], ...]


@dataclass(frozen=True)
class TopicRules:
    """All topics in file order, the fallback topic and the minimum score to win a card."""

    topics: tuple[Topic, ...]
    fallback: str
    min_score: float


@lru_cache(maxsize=8)
def load_rules(path: Path) -> TopicRules:
    """Read topic rules from YAML (keywords match at word starts, case-insensitively).

    A file that is not valid rules raises :class:`InputError` naming the file and what is wrong.
    """
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the topic file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the topic file is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("topics"), list) or not raw["topics"]:
        raise InputError(f"{path}: a topic file needs a 'topics:' list (see README, Generating decks)")
    topics = []
    for i, t in enumerate(raw["topics"], 1):
        if not isinstance(t, dict) or not t.get("id") or not t.get("title"):
            raise InputError(f"{path}: topic {i} needs an 'id' and a 'title'")
        keywords = t.get("keywords") or {}
        if not isinstance(keywords, dict):
            raise InputError(f"{path}: topic {t['id']!r}: 'keywords' must map words to weights")
        try:
            compiled = tuple((re.compile(rf"(?<![\w-]){re.escape(str(k))}", re.I), float(w))
                             for k, w in keywords.items())
        except (TypeError, ValueError):
            raise InputError(f"{path}: topic {t['id']!r}: keyword weights must be numbers") from None
        topics.append(Topic(str(t["id"]), str(t["title"]), str(t.get("description", "")), compiled))
    fallback = str(raw.get("fallback", topics[-1].id))
    if fallback not in {t.id for t in topics}:
        raise InputError(f"{path}: fallback {fallback!r} is not one of the topics")
    return TopicRules(tuple(topics), fallback, float(raw.get("min_score", 1)))


try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def score(topic: Topic, question: str, context: str) -> float:
    """Weighted keyword hits: the question and answer count double, quote and heading once."""
    total = 0.0
    for pattern, weight in topic.keywords:
        total += weight * (2 * bool(pattern.search(question)) + bool(pattern.search(context)))
    return total


def assign(question: str, context: str, rules: TopicRules) -> str:
    """The id of the best-scoring topic, or the fallback when none scores enough."""
    best, best_score = rules.fallback, rules.min_score - 1e-9
    for topic in rules.topics:
        s = score(topic, question, context)
        if s > best_score:
            best, best_score = topic.id, s
    return best


# --- topics from the document's structure ---------------------------------------------


def slug(text: str) -> str:
    """A deck id or tag from a title: "Medical uses" -> "medical-uses" (ASCII, lower case)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "topic"


def heading_title(text: str) -> str:
    """A heading as a topic title: markdown marks and a closing question mark removed."""
    title = re.sub(r"^#+\s*", "", text).strip().rstrip("?:").strip()
    return title[:1].upper() + title[1:] if title else title


def is_lead(heading: str) -> bool:
    return heading_title(heading).lower() in _LEAD_HEADINGS


@dataclass(frozen=True)
class HeadingOutline:
    """Which top-level topic each heading of one document belongs to."""

    title: str  # the document's title (its single level-1 heading), or ""
    top_of: dict[str, str]  # heading text -> topic title

    def topic(self, heading: str) -> str:
        if not heading:
            return OVERVIEW
        return self.top_of.get(heading, heading_title(heading) or OVERVIEW)


def outline(blocks) -> HeadingOutline:
    """Map every heading to its top-level ancestor.

    The top level is the shallowest heading level below a single document title (``# Title``);
    headings without a level (plain text) are each a topic of their own.
    """
    headings = [b for b in blocks if b.kind == "heading"]
    levels = [_level(b) for b in headings]
    title = ""
    ones = [b for b, lv in zip(headings, levels) if lv == 1]
    if len(ones) == 1:
        title = heading_title(ones[0].text)
    body_levels = [lv for lv in levels if lv > 1 or (lv == 1 and len(ones) > 1)]
    top = min(body_levels, default=0)
    top_of: dict[str, str] = {}
    current = OVERVIEW
    for b, lv in zip(headings, levels):
        text = b.text.strip()
        if lv == 1 and len(ones) == 1:
            current = OVERVIEW
        elif lv == 0 or lv <= top:
            current = OVERVIEW if is_lead(text) else heading_title(text)
        top_of.setdefault(text, current)
    return HeadingOutline(title, top_of)


def _level(block) -> int:
    level = getattr(block, "level", 0) or 0
    if not level:
        m = re.match(r"^(#+)\s", block.text)
        level = len(m.group(1)) if m else 0
    return level


def term_topics(quotes: list[str], terms: dict[str, float], spelled: dict[str, str], k: int) -> dict[str, str]:
    """For a document without headings: topics named after its ``k`` most salient key terms
    (salience x how many sentences use it); each quote goes to the first such term it uses."""
    counts = {t: sum(1 for q in quotes if whole(t, r"\w", re.I).search(q)) for t in terms}
    ranked = sorted((t for t in terms if counts[t] >= 2), key=lambda t: (-terms[t] * counts[t], t))[:k]
    out = {}
    for q in quotes:
        for t in ranked:
            if whole(t, r"\w", re.I).search(q):
                word = spelled.get(t, t)
                out[q] = word[:1].upper() + word[1:]
                break
        else:
            out[q] = OVERVIEW
    return out
