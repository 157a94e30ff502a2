"""Stage 5: sort cards into topic decks using the keyword rules in ``topics.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("topics.yaml")


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


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> TopicRules:
    """Read topic rules from YAML (keywords match at word starts, case-insensitively)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics = tuple(
        Topic(t["id"], t["title"], t.get("description", ""),
              tuple((re.compile(rf"(?<![\w-]){re.escape(str(k))}", re.I), float(w))
                    for k, w in (t.get("keywords") or {}).items()))
        for t in raw["topics"])
    return TopicRules(topics, raw.get("fallback", topics[-1].id), float(raw.get("min_score", 1)))


def score(topic: Topic, question: str, context: str) -> float:
    """Weighted keyword hits: the question and answer count double, quote and heading once."""
    total = 0.0
    for pattern, weight in topic.keywords:
        total += weight * (2 * bool(pattern.search(question)) + bool(pattern.search(context)))
    return total


def assign(question: str, context: str, rules: TopicRules | None = None) -> str:
    """The id of the best-scoring topic, or the fallback when none scores enough."""
    rules = rules or load_rules()
    best, best_score = rules.fallback, rules.min_score - 1e-9
    for topic in rules.topics:
        s = score(topic, question, context)
        if s > best_score:
            best, best_score = topic.id, s
    return best
