"""Progress that moves between machines: the review-log CSV, written and read.

**Review-log CSV.** The columns ``card_id,review_rating,review_time,review_duration`` are
the py-fsrs format (``card_id`` is written ``deck/card`` so it is unique across decks; the
reader also takes the older bare card id with the deck in the ``deck`` column) (rating 1 Again .. 4 Easy, ISO 8601 UTC time, duration in ms); this
tool adds ``deck``, ``review_id`` (the review's UUID) and ``mode``. :func:`read_review_log`
checks a CSV strictly: missing columns, unknown ratings, times out of order or not in
UTC are errors naming the line.

:func:`map_review_log` maps a read log onto the cards of the decks in use for
``progress import``, which records it with :meth:`anastro_quiz.store.Store.import_history`.
Merging another copy's database is the store's: :meth:`anastro_quiz.store.Store.merge`.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from ..clock import iso
from ..store import LoggedReview, Store
from . import InteropError, write_text_output
from ..numbers import noun, plural

__all__ = ["LoggedReview", "export_review_log", "map_review_log", "parse_review_log", "read_review_log",
           "write_review_log"]

LOG_COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")
EXTRA_COLUMNS = ("deck", "review_id", "mode")
RATINGS = {1, 2, 3, 4}

# --- review-log CSV ------------------------------------------------------------


def write_review_log(reviews: Iterable[LoggedReview], out) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOG_COLUMNS + EXTRA_COLUMNS)
    count = 0
    for r in reviews:
        writer.writerow([qualified_card_id(r.deck, r.card_id), r.rating, iso(r.time), "" if r.duration_ms is None else r.duration_ms,
                         r.deck, r.review_id, r.mode])
        count += 1
    return count


def qualified_card_id(deck: str, card_id: str) -> str:
    """The exported ``card_id``: ``deck/card``, unique across decks (ids never contain ``/``)."""
    return f"{deck}/{card_id}" if deck else card_id


def split_card_id(card_id: str, deck: str) -> tuple[str, str]:
    """``(deck, card)`` from an exported ``card_id`` in the new ``deck/card`` form or the old bare
    form (then the ``deck`` column says the deck)."""
    if "/" in card_id:
        prefix, _, bare = card_id.partition("/")
        if deck and prefix != deck:
            raise ValueError(f"card_id {card_id!r} names deck {prefix!r} but the deck column says {deck!r}")
        return prefix, bare
    return deck, card_id


def export_review_log(store: Store, path: str | Path | None, decks: Iterable[str] | None = None
                      ) -> tuple[int, str | None]:
    """Write the review log CSV to ``path`` (atomically), or return it as text if ``path`` is ``None``.

    A deck id in ``decks`` that this database has never seen (no cards, no reviews) is an error.
    """
    if decks is not None:
        decks = list(decks)
        known = store.known_decks()
        unknown = sorted(set(decks) - known)
        if unknown:
            raise InteropError(f"unknown deck {noun(len(unknown), 'id')}: {', '.join(unknown)} (decks in this database: "
                               f"{', '.join(sorted(known)) or 'none'})")
    buffer = io.StringIO()
    count = write_review_log(store.review_log(decks), buffer)
    if path is None:
        return count, buffer.getvalue()
    write_text_output(Path(path), buffer.getvalue(), what="review log")
    return count, None


def parse_utc(text: str) -> datetime | None:
    """An ISO 8601 time with a UTC offset (``Z`` or ``+00:00``), else ``None``."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is timezone.utc:  # what "+00:00" gives: already the answer
        return moment
    if moment.tzinfo is None or moment.utcoffset() != timezone.utc.utcoffset(None):
        return None
    return moment.astimezone(timezone.utc)


def read_review_log(path: str | Path) -> list[LoggedReview]:
    """Read and check a review-log CSV; raise :class:`InteropError` naming the first bad line."""
    path = Path(path)
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give a review-log CSV file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InteropError(f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise InteropError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_review_log(text, str(path))


def parse_review_log(text: str, name: str = "<csv>") -> list[LoggedReview]:
    # csv.reader with the columns' positions, not DictReader (a dict per row: a third of
    # reading a million-row log). As DictReader: blank lines are skipped, a short row's
    # missing fields read as empty, a column named twice is read from its last place.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in LOG_COLUMNS if c not in header]
    if missing:
        raise InteropError(
            f"{name}: missing {noun(len(missing), 'column')} {', '.join(missing)}; a review log needs the columns "
            f"{','.join(LOG_COLUMNS)} (the py-fsrs format)"
        )
    place = {column: at for at, column in enumerate(header)}
    columns = [place.get(column) for column in LOG_COLUMNS + EXTRA_COLUMNS]
    out: list[LoggedReview] = []
    previous: datetime | None = None
    for fields in reader:
        if not fields:
            continue
        width = len(fields)
        raw_card, raw_rating, raw_time, raw_duration, raw_deck, raw_id, raw_mode = (
            fields[at] if at is not None and at < width else "" for at in columns)
        line = reader.line_num
        card_id = raw_card.strip()
        try:
            deck, card_id = split_card_id(card_id, raw_deck.strip())
        except ValueError as exc:
            raise InteropError(f"{name}:{line}: {exc}") from None
        if not card_id:
            raise InteropError(f"{name}:{line}: empty card_id")
        raw_rating = raw_rating.strip()
        try:
            rating = int(raw_rating)
        except ValueError:
            rating = 0
        if rating not in RATINGS:
            raise InteropError(f"{name}:{line}: unknown rating {raw_rating!r} (expected 1 Again, 2 Hard, "
                               "3 Good or 4 Easy)")
        moment = parse_utc(raw_time)
        if moment is None:
            raise InteropError(f"{name}:{line}: review_time {raw_time!r} is not an ISO 8601 time in UTC "
                               "(like 2024-03-29T20:32:32.250000+00:00)")
        if previous is not None and moment < previous:
            raise InteropError(f"{name}:{line}: review_time {raw_time} is earlier than the line before; "
                               "a review log must be in time order")
        previous = moment
        raw_duration = raw_duration.strip()
        try:
            duration = int(float(raw_duration)) if raw_duration else None
        except ValueError:
            raise InteropError(f"{name}:{line}: review_duration {raw_duration!r} is not a number of ms") from None
        if duration is not None and duration < 0:
            raise InteropError(f"{name}:{line}: negative review_duration")
        out.append(LoggedReview(card_id, rating, moment, duration, deck, raw_id.strip(), (raw_mode or "review").strip()))
    return out


# --- review-log CSV in (``progress import``) ---------------------------------------

_LOG_NAMESPACE = uuid.UUID("0b7f6c1e-3c55-4e44-a0f6-2f4d0e6b9a13")


def map_review_log(reviews: list[LoggedReview], items: Iterable[tuple[str, str]]
                   ) -> tuple[list[LoggedReview], list[str]]:
    """Reviews whose card is one of ``items`` (``(deck, item id)``, the decks in use), and a line
    per card id that could not be mapped, saying why and how many rows it had.

    A ``card_id`` is ``deck/card`` (this tool's export), or a bare id: with the ``deck``
    column it names that deck's card; without it (a py-fsrs log), the one card of that id
    in any deck in use, and an id that several decks use is ambiguous. A review without a
    ``review_id`` gets a UUID from its card, rating and time, so importing twice adds nothing.
    """
    known = set(items)
    by_id: dict[str, list[str]] = {}
    for deck, item in known:
        by_id.setdefault(item, []).append(deck)
    mapped: list[LoggedReview] = []
    problems: dict[str, tuple[str, int]] = {}
    for r in reviews:
        label = qualified_card_id(r.deck, r.card_id)
        if r.deck:
            key = (r.deck, r.card_id) if (r.deck, r.card_id) in known else None
            why = f"no card {r.card_id!r} in deck {r.deck!r} among the decks in use"
        else:
            decks = by_id.get(r.card_id, [])
            key = (decks[0], r.card_id) if len(decks) == 1 else None
            why = (f"card id used by {len(decks)} decks ({', '.join(sorted(decks))}); write it deck/card"
                   if decks else "no card with this id in the decks in use")
        if key is None:
            problems[label] = (why, problems.get(label, (why, 0))[1] + 1)
            continue
        review_id = r.review_id or str(uuid.uuid5(_LOG_NAMESPACE, f"{key[0]}/{key[1]}:{r.rating}:{iso(r.time)}"))
        mapped.append(LoggedReview(key[1], r.rating, r.time, r.duration_ms, key[0], review_id, r.mode or "review"))
    lines = [f"card_id {label!r} ({plural(count, 'row')}): {why}" for label, (why, count) in sorted(problems.items())]
    return mapped, lines
