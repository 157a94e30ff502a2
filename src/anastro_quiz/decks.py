"""Deck model and YAML I/O.

A deck file holds metadata and authored *cards*. A card expands into one or more
*study items*, the unit that is scheduled and shown: a cloze card yields one item per
deletion (``c1``, ``c2``...), a reverse card yields a forward and a backward item.
Every problem found while loading is a :class:`DeckProblem` naming file, line and card.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

try:  # The C loader is several times faster on large decks.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

CARD_TYPES = ("basic", "reverse", "cloze", "choice", "typed", "true_false")
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
BLANK = "[...]"
LINE_KEY = "__line__"
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


@dataclass(frozen=True)
class DeckProblem:
    """One thing wrong with a deck file, reported as ``file:line: card-id: message``."""

    path: str
    line: int
    card_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.card_id}: {self.message}" if self.card_id else f"{where}: {self.message}"


class DeckError(Exception):
    """Raised when one or more deck files cannot be used; carries every problem found."""

    def __init__(self, problems: list[DeckProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Source:
    document: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {"document": self.document, "quote": self.quote}


@dataclass(frozen=True)
class StudyItem:
    """A single question as the learner sees it, keyed by ``(deck_id, id)``."""

    deck_id: str
    id: str
    card_id: str
    type: str
    prompt: str
    answer: str
    tags: tuple[str, ...] = ()
    source: Source | None = None
    explanation: str | None = None
    choices: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    tolerance: float | None = None
    content_hash: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck_id, self.id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "deck": self.deck_id,
            "id": self.id,
            "card": self.card_id,
            "type": self.type,
            "prompt": self.prompt,
            "answer": self.answer,
            "choices": list(self.choices),
            "accept": list(self.accept),
            "tolerance": self.tolerance,
            "tags": list(self.tags),
            "explanation": self.explanation,
            "source": self.source.to_dict() if self.source else None,
        }


@dataclass
class Card:
    """A card as authored in YAML (fields depend on ``type``)."""

    id: str
    type: str
    data: dict[str, Any]
    line: int = 0

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(t) for t in self.data.get("tags") or ())

    @property
    def source(self) -> Source | None:
        src = self.data.get("source")
        if isinstance(src, dict) and src.get("document") and src.get("quote"):
            return Source(str(src["document"]), str(src["quote"]))
        return None

    def content_hash(self) -> str:
        payload = json.dumps(self.data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def items(self, deck_id: str) -> list[StudyItem]:
        """Expand this card into the study items it produces."""
        d = self.data
        common = dict(
            deck_id=deck_id,
            card_id=self.id,
            type=self.type,
            tags=self.tags,
            source=self.source,
            explanation=_opt_str(d.get("explanation")),
            content_hash=self.content_hash(),
        )
        if self.type == "cloze":
            return [
                StudyItem(id=f"{self.id}.c{n}", prompt=prompt, answer=answer, **common)
                for n, prompt, answer in cloze_deletions(str(d["text"]))
            ]
        if self.type == "true_false":
            answer = "True" if d["answer"] else "False"
            return [
                StudyItem(
                    id=self.id,
                    prompt=str(d["statement"]),
                    answer=answer,
                    choices=("True", "False"),
                    **common,
                )
            ]
        prompt, answer = str(d["prompt"]), _answer_text(d["answer"])
        if self.type == "choice":
            return [
                StudyItem(
                    id=self.id,
                    prompt=prompt,
                    answer=answer,
                    choices=tuple(_answer_text(c) for c in d["choices"]),
                    **common,
                )
            ]
        if self.type == "typed":
            tol = d.get("tolerance")
            return [
                StudyItem(
                    id=self.id,
                    prompt=prompt,
                    answer=answer,
                    accept=tuple(_answer_text(a) for a in d.get("accept") or ()),
                    tolerance=float(tol) if tol is not None else None,
                    **common,
                )
            ]
        items = [StudyItem(id=self.id, prompt=prompt, answer=answer, **common)]
        if self.type == "reverse":
            items.append(StudyItem(id=f"{self.id}.reverse", prompt=answer, answer=prompt, **common))
        return items


@dataclass
class Deck:
    id: str
    title: str
    description: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    path: Path | None = None

    def items(self) -> list[StudyItem]:
        return [item for card in self.cards for item in card.items(self.id)]

    def source_path(self, document: str) -> Path | None:
        """Where a cited document lives: next to the deck or in its ``sources/`` folder."""
        if self.path is None:
            return None
        for candidate in (self.path.parent / "sources" / document, self.path.parent / document):
            if candidate.is_file():
                return candidate
        return None


def cloze_deletions(text: str) -> list[tuple[int, str, str]]:
    """Return ``(n, prompt, answer)`` per deletion number, other deletions shown filled in."""
    numbers = sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)})
    out = []
    for n in numbers:
        answers: list[str] = []

        def render(m: re.Match[str], n: int = n, answers: list[str] = answers) -> str:
            if int(m.group(1)) == n:
                answers.append(m.group(2))
                return f"[{m.group(3)}]" if m.group(3) else BLANK
            return m.group(2)

        prompt = CLOZE_RE.sub(render, text)
        out.append((n, prompt, ", ".join(answers)))
    return out


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _answer_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- loading -----------------------------------------------------------------


class _LineLoader(_BaseLoader):
    """Safe loader that records the line of every mapping, for error messages."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


_REQUIRED = {
    "basic": ("prompt", "answer"),
    "reverse": ("prompt", "answer"),
    "cloze": ("text",),
    "choice": ("prompt", "answer", "choices"),
    "typed": ("prompt", "answer"),
    "true_false": ("statement", "answer"),
}


def parse_deck(text: str, path: str | Path = "<string>") -> tuple[Deck | None, list[DeckProblem]]:
    """Parse deck YAML, returning the deck (if usable at all) and every problem found."""
    name = str(path)
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [DeckProblem(name, line, None, f"invalid YAML: {problem}")]
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. unhashable keys
        return None, [DeckProblem(name, 1, None, f"invalid YAML: {exc}")]
    problems: list[DeckProblem] = []

    def report(line: int, card_id: str | None, message: str) -> None:
        problems.append(DeckProblem(name, line, card_id, message))

    if not isinstance(raw, dict):
        report(1, None, "a deck must be a mapping with 'id', 'title' and 'cards'")
        return None, problems
    top_line = raw.pop(LINE_KEY, 1)
    deck_id = raw.get("id")
    if not isinstance(deck_id, str) or not ID_RE.match(deck_id):
        report(top_line, None, "deck 'id' is missing or not a simple identifier (letters, digits, - _ . :)")
        deck_id = None
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        report(top_line, None, "deck 'title' is missing")
    sources = raw.get("sources") or []
    if not isinstance(sources, list):
        report(top_line, None, "'sources' must be a list")
        sources = []
    sources = [_strip_lines(s) if isinstance(s, dict) else {"document": str(s)} for s in sources]
    raw_cards = raw.get("cards")
    if not isinstance(raw_cards, list) or not raw_cards:
        report(top_line, None, "'cards' must be a non-empty list")
        raw_cards = []

    cards: list[Card] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw_cards, start=1):
        if not isinstance(entry, dict):
            report(top_line, None, f"card #{index} is not a mapping")
            continue
        line = entry.pop(LINE_KEY, top_line)
        data = _strip_lines(entry)
        card_id = data.get("id")
        label = str(card_id) if card_id is not None else f"card #{index}"
        if not isinstance(card_id, (str, int)) or not ID_RE.match(str(card_id)):
            report(line, label, "missing or invalid 'id' (letters, digits, - _ . :)")
            continue
        card_id = str(card_id)
        if card_id in seen:
            report(line, card_id, f"duplicate id (first used on line {seen[card_id]})")
            continue
        seen[card_id] = line
        before = len(problems)
        _check_card(card_id, data, line, report)
        if len(problems) == before:
            cards.append(Card(id=card_id, type=data["type"], data=data, line=line))

    if deck_id is None or problems:
        return (Deck(deck_id, str(title or deck_id), str(raw.get("description") or ""), sources, cards)
                if deck_id else None), problems
    deck = Deck(deck_id, str(title), str(raw.get("description") or ""), sources, cards)
    return deck, problems


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() != ""


def _check_card(card_id: str, data: dict[str, Any], line: int, report) -> None:
    ctype = data.get("type")
    if ctype not in CARD_TYPES:
        report(line, card_id, f"unknown type {ctype!r} (expected one of: {', '.join(CARD_TYPES)})")
        return
    for key in _REQUIRED[ctype]:
        if key not in data or data[key] is None:
            report(line, card_id, f"missing field '{key}' for a {ctype} card")
    if any(key not in data or data[key] is None for key in _REQUIRED[ctype]):
        return
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        report(line, card_id, "'tags' must be a list of strings")
    src = data.get("source")
    if src is not None and not (
        isinstance(src, dict) and _is_text(src.get("document")) and _is_text(src.get("quote"))
    ):
        report(line, card_id, "'source' must have 'document' and 'quote'")
    if "explanation" in data and data["explanation"] is not None and not isinstance(data["explanation"], str):
        report(line, card_id, "'explanation' must be text")

    if ctype == "cloze":
        text = data["text"]
        if not isinstance(text, str) or not CLOZE_RE.search(text):
            report(line, card_id, "cloze 'text' has no deletion like {{c1::answer}}")
        elif any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
            report(line, card_id, "empty cloze deletion")
        return
    if ctype == "true_false":
        if not isinstance(data["answer"], bool):
            report(line, card_id, "true_false 'answer' must be true or false")
        if not _is_text(data["statement"]):
            report(line, card_id, "'statement' must be text")
        return
    for key in ("prompt", "answer"):
        if not _is_text(data[key]):
            report(line, card_id, f"'{key}' must be non-empty text")
    if ctype == "choice":
        choices = data["choices"]
        if not isinstance(choices, list) or not all(_is_text(c) for c in choices):
            report(line, card_id, "'choices' must be a list of text")
            return
        texts = [_answer_text(c) for c in choices]
        if len(set(texts)) != len(texts):
            report(line, card_id, "'choices' contains duplicates")
        if len(set(texts)) < 2:
            report(line, card_id, "a choice card needs at least two distinct choices")
        if _is_text(data["answer"]) and _answer_text(data["answer"]) not in texts:
            report(line, card_id, "the answer is not among its choices")
    if ctype == "typed":
        accept = data.get("accept", [])
        if not isinstance(accept, list) or not all(_is_text(a) for a in accept):
            report(line, card_id, "'accept' must be a list of text")
        tol = data.get("tolerance")
        if tol is not None and (isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0):
            report(line, card_id, "'tolerance' must be a non-negative number")


def load_deck(path: str | Path) -> Deck:
    """Load one deck file or raise :class:`DeckError` listing every problem."""
    from . import deck_cache

    path = Path(path)
    cached = deck_cache.read(path) if path.is_file() else None
    if cached is not None:
        return _deck_from_cache(cached, path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DeckError([DeckProblem(str(path), 1, None, "not a UTF-8 text file")]) from None
    except OSError as exc:
        raise DeckError([DeckProblem(str(path), 1, None, f"cannot read: {exc.strerror}")]) from None
    deck, problems = parse_deck(text, path)
    if problems or deck is None:
        raise DeckError(problems)
    deck.path = path
    deck_cache.write(path, {
        "id": deck.id, "title": deck.title, "description": deck.description, "sources": deck.sources,
        "cards": [[c.id, c.type, c.data, c.line] for c in deck.cards],
    })
    return deck


def _deck_from_cache(payload: dict[str, Any], path: Path) -> Deck:
    cards = [Card(id=i, type=t, data=d, line=line) for i, t, d, line in payload["cards"]]
    return Deck(payload["id"], payload["title"], payload["description"], payload["sources"], cards, path)


def deck_files(paths: Iterable[str | Path]) -> list[Path]:
    """Deck files under the given files or folders (``*.yaml``/``*.yml``, not recursive into sources)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file()))
        else:
            found.append(p)
    return found


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load.

    Parsing creates millions of long-lived objects and no reference cycles; with the
    collector on, its repeated full passes over the growing heap took about 70% of the
    time to load 100,000 cards. Reference counting still frees everything meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_all(paths: Iterable[str | Path]) -> tuple[list[Deck], list[DeckProblem]]:
    with gc_paused():
        return _load_all_now(list(paths))


def _load_all_now(paths: list[str | Path]) -> tuple[list[Deck], list[DeckProblem]]:
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    owners: dict[str, str] = {}
    files = deck_files(paths)
    if not files:
        problems.extend(DeckProblem(str(p), 1, None, "no deck files found") for p in paths)
    for f in files:
        if not f.exists():
            problems.append(DeckProblem(str(f), 1, None, "no such file"))
            continue
        try:
            deck = load_deck(f)
        except DeckError as exc:
            problems.extend(exc.problems)
            continue
        if deck.id in owners:
            problems.append(DeckProblem(str(f), 1, None, f"deck id {deck.id!r} is also used by {owners[deck.id]}"))
            continue
        owners[deck.id] = str(f)
        decks.append(deck)
    return decks, problems


def validate_paths(paths: Iterable[str | Path]) -> list[DeckProblem]:
    """Every problem in every deck under ``paths``, including deck ids used twice."""
    return _load_all(paths)[1]


def load_decks(paths: Iterable[str | Path]) -> list[Deck]:
    """Load every deck under ``paths``; raise :class:`DeckError` with all problems if any."""
    decks, problems = _load_all(paths)
    if problems:
        raise DeckError(problems)
    return decks


def dump_deck(deck: Deck) -> str:
    """Serialize a deck to YAML (stable key order, so generated files diff cleanly)."""
    doc: dict[str, Any] = {"id": deck.id, "title": deck.title}
    if deck.description:
        doc["description"] = deck.description
    if deck.sources:
        doc["sources"] = deck.sources
    doc["cards"] = [{"id": c.id, "type": c.type, **{k: v for k, v in c.data.items() if k not in ("id", "type")}}
                    for c in deck.cards]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
