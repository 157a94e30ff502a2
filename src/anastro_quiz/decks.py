"""Decks as YAML: loading (through :mod:`.deck_yaml`'s guarded loader, line numbers kept),
validation (each card's fields by :mod:`.card_checks`), and writing.

Every problem found while loading is a :class:`DeckProblem` naming file, line and card;
:func:`validate_paths` reports them all at once. The model itself (``Deck``, ``Card``,
``StudyItem``) lives in :mod:`anastro_quiz.deck_model` and is re-exported here, so
``anastro_quiz.decks`` is the one import callers need.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Iterable

from .bulk import gc_paused  # noqa: F401 - re-exported: callers pause the collector for bulk loads
from .card_checks import check_card
from .deck_model import (  # noqa: F401 - re-exported: this module is the deck API
    BLANK,
    CARD_TYPES,
    CLOZE_RE,
    ID_RE,
    LINE_KEY,
    Card,
    Deck,
    DeckError,
    DeckProblem,
    Source,
    StudyItem,
    answer_text,
    cloze_deletions,
    document_name_problem,
)

# --- loading -----------------------------------------------------------------


def parse_deck(text: str, path: str | Path = "<string>") -> tuple[Deck | None, list[DeckProblem]]:
    """Parse deck YAML, returning the deck (if usable at all) and every problem found."""
    # PyYAML and the guarded loader are imported here, not with the module: a launch whose
    # decks all come from the deck cache parses no YAML and never pays for them.
    import yaml

    from .deck_yaml import LineLoader, ShapeError

    name = str(path)
    try:
        raw = yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [DeckProblem(name, line, None, f"invalid YAML: {problem}")]
    except ShapeError as exc:
        return None, [DeckProblem(name, exc.line, None, f"invalid YAML: {exc.message}")]
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
    title = clean_text(title) if isinstance(title, str) else title
    description = clean_text(str(raw.get("description") or ""))
    if not isinstance(title, str) or not title.strip():
        report(top_line, None, "deck 'title' is missing")
    sources = raw.get("sources") or []
    if not isinstance(sources, list):
        report(top_line, None, "'sources' must be a list")
        sources = []
    sources = [_strip_lines(s) if isinstance(s, dict) else {"document": clean_text(str(s))} for s in sources]
    for entry in sources:
        if (why := document_name_problem(str(entry.get("document", "")))) is not None:
            report(top_line, None, f"'sources' document {str(entry['document'])!r} {why}: it must be a "
                                   "file in the deck's folder or its sources/ folder")
    raw_cards = raw.get("cards")
    if not isinstance(raw_cards, list) or not raw_cards:
        report(top_line, None, "'cards' must be a non-empty list")
        raw_cards = []

    # Text with no control character and no backslash (so no escape that makes one) gives
    # only clean strings: its cards need their line markers dropped, nothing cleaned; and
    # with no '*' (no alias) no value is shared, so they are dropped where they are.
    strip = _strip_lines
    if "\\" not in text and not _CONTROL_RE.search(text):
        strip = _drop_lines if "*" in text else _drop_lines_in_place
    cards: list[Card] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw_cards, start=1):
        if not isinstance(entry, dict):
            report(top_line, None, f"card #{index} is not a mapping")
            continue
        line = entry.pop(LINE_KEY, top_line)
        data = strip(entry)
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
        check_card(card_id, data, line, report)
        if len(problems) == before:
            cards.append(Card(id=card_id, type=data["type"], data=data, line=line))

    if deck_id is None or problems:
        return (Deck(deck_id, str(title or deck_id), description, sources, cards)
                if deck_id else None), problems
    deck = Deck(deck_id, str(title), description, sources, cards)
    return deck, problems


# C0 and C1 control characters other than tab and newline, and DEL: an ESC sequence in a
# title or prompt would otherwise reach the terminal from the app and from ``decks``.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newline kept); the one place deck text is cleaned."""
    return _CONTROL_RE.sub("", text) if _CONTROL_RE.search(text) else text


def _strip_lines(value: Any) -> Any:
    """A card's (or source's) fields without the line markers, every text cleaned (:func:`clean_text`)."""
    if isinstance(value, dict):
        return {clean_text(k) if isinstance(k, str) else k: _strip_lines(v)
                for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    if isinstance(value, str):
        return clean_text(value)
    return value


def _drop_lines(value: Any) -> Any:
    """:func:`_strip_lines` for values known to hold no control character: the markers go."""
    if isinstance(value, dict):
        return {k: _drop_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_drop_lines(v) for v in value]
    return value


def _drop_lines_in_place(value: Any) -> Any:
    """:func:`_drop_lines` without copying, for values no other value shares (no YAML alias)."""
    if isinstance(value, dict):
        value.pop(LINE_KEY, None)
        values = value.values()
    elif isinstance(value, list):
        values = value
    else:
        return value
    for v in values:
        if isinstance(v, (dict, list)):
            _drop_lines_in_place(v)
    return value


def load_deck(path: str | Path) -> Deck:
    """Load one deck file or raise :class:`DeckError` listing every problem.

    An unchanged file comes from the deck cache, its cards unread until first used."""
    from . import deck_cache

    path = Path(path)
    cached = deck_cache.read(path, _parse_file) if path.is_file() else None
    if cached is not None:
        return cached
    deck = _parse_file(path)
    cache_deck(deck)
    return deck


def _parse_file(path: Path) -> Deck:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DeckError([DeckProblem(str(path), None, None, "not a UTF-8 text file")]) from None
    except OSError as exc:
        raise DeckError([DeckProblem(str(path), None, None, f"cannot read: {exc.strerror}")]) from None
    deck, problems = parse_deck(text, path)
    if problems or deck is None:
        raise DeckError(problems)
    deck.path = path
    return deck


def cache_deck(deck: Deck) -> None:
    """Store a deck just parsed from ``deck.path`` in the deck cache (e.g. after an edit wrote it)."""
    from . import deck_cache

    deck_cache.write(deck)


def deck_files(paths: Iterable[str | Path]) -> list[Path]:
    """Deck files under the given files or folders (``*.yaml``/``*.yml``, not recursive into sources)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            # Dot files are not decks (.rejected.yaml lists rejected cards; editors' temporary files).
            found.extend(sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file()
                                and not x.name.startswith(".")))
        else:
            found.append(p)
    return found


def missing_paths(paths: Iterable[str | Path]) -> list[DeckProblem]:
    """A problem for each deck file or folder in ``paths`` that does not exist, worded as
    every command and the app say it."""
    return [DeckProblem(str(p), None, None, "no such file or folder") for p in map(Path, paths) if not p.exists()]


Progress = Callable[[int, int, str], None]  # (files done, files in all, the file's name)


def _load_all(paths: Iterable[str | Path], progress: Progress | None = None) -> tuple[list[Deck], list[DeckProblem]]:
    with gc_paused():
        return _load_all_now(list(paths), progress)


def _load_all_now(paths: list[str | Path], progress: Progress | None = None) -> tuple[list[Deck], list[DeckProblem]]:
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    owners: dict[str, str] = {}
    files = deck_files(paths)
    if not files:
        problems.extend(DeckProblem(str(p), None, None, "no deck files found") for p in paths)
    for done, f in enumerate(files, 1):
        if progress is not None:
            progress(done - 1, len(files), f.name)
        if not f.exists():
            problems.extend(missing_paths([f]))
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
    if progress is not None and files:
        progress(len(files), len(files), "")
    return decks, problems


def validate_paths(paths: Iterable[str | Path]) -> list[DeckProblem]:
    """Every problem in every deck under ``paths``, including deck ids used twice."""
    return _load_all(paths)[1]


def load_decks(paths: Iterable[str | Path], progress: Progress | None = None) -> list[Deck]:
    """Load every deck under ``paths``; raise :class:`DeckError` with all problems if any.

    ``progress(done, total, name)`` is called before each deck file (a first import of big
    decks parses for seconds; the CLI shows a bar)."""
    decks, problems = _load_all(paths, progress)
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
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C one where libyaml is built in
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
