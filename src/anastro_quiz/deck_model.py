"""The deck model: authored cards, the study items they expand into, and deck problems.

A deck file holds metadata and authored *cards*. A card expands into one or more
*study items*, the unit that is scheduled and shown: a cloze card yields one item per
deletion (``c1``, ``c2``...), a reverse card yields a forward and a backward item.
YAML reading and validation live in :mod:`anastro_quiz.decks`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

CARD_TYPES = ("basic", "reverse", "cloze", "choice", "typed", "true_false")
MULTI_ITEM_TYPES = ("reverse", "cloze")  # the card types whose items are siblings (".reverse", ".c2")
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
BLANK = "[...]"
LINE_KEY = "__line__"
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


@dataclass(frozen=True)
class DeckProblem:
    """One thing wrong with a deck file, reported as ``file:line: card-id: message``.

    ``line`` is None for a problem with the whole file (missing, unreadable): ``file: message``."""

    path: str
    line: int | None
    card_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
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
    page: int | None = None  # the page of a paged document (PDF) the quote is on

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.document, "quote": self.quote}
        if self.page is not None:
            out["page"] = self.page
        return out

    @property
    def where(self) -> str:
        """The document, and its page when known: "paper.pdf, p. 4"."""
        return f"{self.document}, p. {self.page}" if self.page is not None else self.document


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
    # A list answer (typed cards with ``items``): the items, and how many of them a reply needs.
    items: tuple[str, ...] = ()
    need: int | None = None
    content_hash: str = ""
    # A cloze item's whole sentence once answered: plain text and this item's answers in turn
    # (odd indices are the answers), so the reveal shows the completed sentence.
    completed: tuple[str, ...] = ()

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
            "items": list(self.items),
            "need": self.need,
            "tags": list(self.tags),
            "explanation": self.explanation,
            "source": self.source.to_dict() if self.source else None,
        }


# What json.dumps(data, sort_keys=True, ensure_ascii=False, default=str) makes, from one
# encoder (dumps builds one per call: a first import hashes 100,000 cards).
_HASHED_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class Card:
    """A card as authored in YAML (fields depend on ``type``)."""

    id: str
    type: str
    data: dict[str, Any]
    line: int = 0
    known_hash: str | None = field(default=None, repr=False, compare=False)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(t) for t in self.data.get("tags") or ())

    @property
    def source(self) -> Source | None:
        src = self.data.get("source")
        if isinstance(src, dict) and src.get("document") and src.get("quote"):
            page = src.get("page")
            return Source(str(src["document"]), str(src["quote"]),
                          page if isinstance(page, int) and not isinstance(page, bool) else None)
        return None

    def content_hash(self) -> str:
        """A short hash of the card's fields: the store uses it to notice edited cards."""
        if self.known_hash is None:  # computed once; the deck cache stores it across runs
            payload = _HASHED_JSON.encode(self.data)
            self.known_hash = hashlib.sha256(payload.encode()).hexdigest()[:16]
        return self.known_hash

    def item_ids(self) -> list[str]:
        """The ids of the study items :meth:`items` makes, in order, without making them (a
        sync needs only these: a first import of 100,000 cards built every item for them)."""
        if self.type == "cloze":
            return [f"{self.id}.c{n}" for n in cloze_numbers(str(self.data["text"]))]
        if self.type == "reverse":
            return [self.id, f"{self.id}.reverse"]
        return [self.id]

    def items(self, deck_id: str) -> list[StudyItem]:
        """Expand this card into the study items it produces (ids: :meth:`item_ids`)."""
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
                StudyItem(id=item_id, prompt=prompt, answer=answer,
                          completed=cloze_completed(str(d["text"]), n), **common)
                for item_id, (n, prompt, answer) in zip(self.item_ids(), cloze_deletions(str(d["text"])))
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
        prompt, answer = str(d["prompt"]), answer_text(d["answer"])
        if self.type == "choice":
            return [
                StudyItem(
                    id=self.id,
                    prompt=prompt,
                    answer=answer,
                    choices=tuple(answer_text(c) for c in d["choices"]),
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
                    accept=tuple(answer_text(a) for a in d.get("accept") or ()),
                    tolerance=float(tol) if tol is not None else None,
                    items=tuple(answer_text(i) for i in d.get("items") or ()),
                    need=int(d["need"]) if d.get("need") is not None else None,
                    **common,
                )
            ]
        items = [StudyItem(id=self.id, prompt=prompt, answer=answer, **common)]
        if self.type == "reverse":
            items.append(StudyItem(id=self.item_ids()[1], prompt=answer, answer=prompt, **common))
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

    def sync_rows(self) -> list[tuple[str, str, str, int]]:
        """``(deck, item id, content hash, position)`` of every study item: what the store records."""
        return self.sync_data()[0]

    def sync_data(self) -> tuple[list[tuple[str, str, str, int]], list[tuple[str, str, str]]]:
        """:meth:`sync_rows`, and ``(deck, item id, tag)`` for every tag of every study item
        (the store keeps them for statistics); read from the cards, no study item is made."""
        rows, tags = [], []
        for card in self.cards:
            content_hash, card_tags = card.content_hash(), card.tags
            for item_id in card.item_ids():
                rows.append((self.id, item_id, content_hash, len(rows)))
                tags += [(self.id, item_id, tag) for tag in card_tags]
        return rows, tags

    def card(self, card_id: str) -> Card | None:
        """The card with id ``card_id``, or ``None``."""
        index = self.__dict__.get("_by_id")
        if index is None or index[0] is not self.cards:  # built again if the list was replaced
            index = self.__dict__["_by_id"] = (self.cards, {c.id: c for c in self.cards})
        return index[1].get(card_id)

    def sibling_cards(self) -> frozenset[str]:
        """Ids of the cards that expand into more than one study item (reverse and cloze cards)."""
        return frozenset(c.id for c in self.cards if c.type in MULTI_ITEM_TYPES)

    def known_digest(self) -> str | None:
        """The digest if known without reading the cards (a deck from the cache), else ``None``."""
        return None

    def digest(self) -> str:
        """A hash of :meth:`sync_rows`: equal digests mean the store needs no sync for this deck."""
        return rows_digest(self.sync_rows())

    def source_title(self, source: "Source") -> str:
        """What a card's source is called: the ``title`` its deck's ``sources`` entry gives the
        document (the article's heading), with the page when known; else the file name."""
        title = next((str(entry["title"]).strip() for entry in self.sources
                      if isinstance(entry, dict) and entry.get("document") == source.document
                      and str(entry.get("title") or "").strip()), "")
        if not title:
            return source.where
        return f"{title}, p. {source.page}" if source.page is not None else title

    def source_path(self, document: str) -> Path | None:
        """Where a cited document lives: next to the deck or in its ``sources/`` folder.

        Never outside the deck's folder: a document that is absolute, climbs with ``..``, or
        resolves elsewhere (through a symbolic link) is not found, so it is never opened.
        """
        if self.path is None or document_name_problem(document) is not None:
            return None
        folder = self.path.parent.resolve()
        for candidate in (folder / "sources" / document, folder / document):
            real = candidate.resolve()
            if real.is_relative_to(folder) and real.is_file():
                return real
        return None


def rows_digest(rows: list[tuple[str, str, str, int]]) -> str:
    """The digest of a deck's sync rows (see :meth:`Deck.digest`)."""
    text = "\n".join(f"{deck}\t{item}\t{content_hash}\t{position}" for deck, item, content_hash, position in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=4096)  # asked once per card: a deck cites a few documents
def document_name_problem(document: str) -> str | None:
    """Why ``document`` cannot name a source file inside a deck's folder, or ``None`` if it can."""
    if "\0" in document:
        return "contains a NUL character"
    if PurePosixPath(document).is_absolute() or PureWindowsPath(document).is_absolute() \
            or PureWindowsPath(document).drive or document.startswith(("/", "\\")):
        return "is an absolute path"
    if ".." in PureWindowsPath(document).parts:  # splits on / and \\ alike
        return "climbs out with '..'"
    return None


def cloze_numbers(text: str) -> list[int]:
    """The deletion numbers of a cloze text, in order (one study item each)."""
    return sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)})


def cloze_deletions(text: str) -> list[tuple[int, str, str]]:
    """Return ``(n, prompt, answer)`` per deletion number, other deletions shown filled in."""
    out = []
    for n in cloze_numbers(text):
        answers: list[str] = []

        def render(m: re.Match[str], n: int = n, answers: list[str] = answers) -> str:
            if int(m.group(1)) == n:
                answers.append(m.group(2))
                return f"[{m.group(3)}]" if m.group(3) else BLANK
            return m.group(2)

        prompt = CLOZE_RE.sub(render, text)
        out.append((n, prompt, ", ".join(answers)))
    return out


def cloze_completed(text: str, n: int) -> tuple[str, ...]:
    """The cloze ``text`` with every deletion filled in, split so that deletion ``n``'s answers
    stand at the odd indices: ``("", "RANKL", " and M-CSF drive osteoclasts")``."""
    parts: list[str] = []
    plain, last = "", 0
    for m in CLOZE_RE.finditer(text):
        plain += text[last:m.start()]
        last = m.end()
        if int(m.group(1)) == n:
            parts += [plain, m.group(2)]
            plain = ""
        else:
            plain += m.group(2)
    return tuple(parts + [plain + text[last:]])


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def answer_text(value: Any) -> str:
    """An answer (or choice) as text: YAML's ``5.0`` is written ``5``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
