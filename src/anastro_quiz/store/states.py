"""A review's FSRS states as the log stores them (schema 13): columns, not JSON text.

Each review holds the card's state before and after it. Up to schema 12 both were the JSON
text of ``fsrs.Card.to_dict()`` (366 of a review row's ~500 bytes); now each is seven
columns, :data:`BEFORE` and :data:`AFTER`: the FSRS state and step, stability and
difficulty, due and last review as microseconds since 1970 (UTC), and the text itself only
for a state the columns cannot give back exactly (``state_before``/``state_after``, else
NULL). :func:`encode` turns the text into the columns and keeps the text whenever
:func:`decode` of the columns would not give it back character for character, so nothing
is lost; :func:`decode` gives the text back. A state in Python is the tuple of its seven
columns (:data:`NO_STATE`: none, a card never reviewed).

Two states are the same text exactly when their canonical tuples (:func:`canonical`) are
equal: a replay compares states as tuples, without writing or parsing any JSON.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Sequence

_PARTS = ("state", "step", "stability", "difficulty", "due_us", "last_review_us")
#: The columns of the state before a review, and after it, in the order of a state tuple.
BEFORE = tuple(f"before_{part}" for part in _PARTS) + ("state_before",)
AFTER = tuple(f"after_{part}" for part in _PARTS) + ("state_after",)
#: No state (a card never reviewed): every column NULL.
NO_STATE: tuple = (None,) * 7
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ZERO, _MICROSECOND = timedelta(0), timedelta(microseconds=1)
# SQLite's 64-bit integers, and REAL values it stores as they are (NaN becomes NULL; a
# float with no fraction may be stored as an integer, which gives -0.0 back as 0.0).
_INT_RANGE = range(-2 ** 63, 2 ** 63)


def _micros(text: Any) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.utcoffset() != timedelta(0):
        return None
    delta = moment - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _moment(micros: int) -> str:
    return (_EPOCH + timedelta(microseconds=micros)).isoformat()


def _real(value: Any) -> bool:
    return type(value) is float and math.isfinite(value) and (value != 0 or math.copysign(1.0, value) > 0)


def _small_int(value: Any) -> bool:
    return type(value) is int and value in _INT_RANGE


def _text(state: int, step: int | None, stability: float | None, difficulty: float | None, due_us: int,
          last_us: int | None) -> str:
    # json.dumps(Card.to_dict(), separators=(",", ":")) for such a card (scheduler.dump_state)
    return (f'{{"card_id":0,"state":{state},"step":{"null" if step is None else step},'
            f'"stability":{"null" if stability is None else repr(stability)},'
            f'"difficulty":{"null" if difficulty is None else repr(difficulty)},"due":"{_moment(due_us)}",'
            f'"last_review":{"null" if last_us is None else chr(34) + _moment(last_us) + chr(34)}}}')


# The text dump_state writes for the usual card, read without the JSON parser (a migration
# encodes two states a review, and would parse each with json otherwise); whatever it reads is
# still checked by writing the text again.
_USUAL = re.compile(r'\{"card_id":0,"state":(-?\d+),"step":(null|-?\d+),"stability":([-+.\deE]+),'
                    r'"difficulty":([-+.\deE]+),"due":"([^"]+)","last_review":"([^"]+)"\}')


def _usual(text: str) -> tuple | None:
    """The columns of ``text`` if it is the usual card's text exactly as :func:`_text` writes
    it (each part as it would be written again), else ``None``."""
    found = _USUAL.fullmatch(text)
    if found is None:
        return None
    state, step, stability, difficulty, due, last = found.groups()
    try:
        values = (int(state), None if step == "null" else int(step), float(stability), float(difficulty))
        moments = (datetime.fromisoformat(due), datetime.fromisoformat(last))
    except ValueError:
        return None
    if (str(values[0]) != state or (values[1] is not None and str(values[1]) != step)
            or repr(values[2]) != stability or repr(values[3]) != difficulty
            or moments[0].isoformat() != due or moments[1].isoformat() != last
            or moments[0].utcoffset() != _ZERO or moments[1].utcoffset() != _ZERO
            or not (_real(values[2]) and _real(values[3]) and _small_int(values[0])
                    and (values[1] is None or _small_int(values[1])))):
        return None
    return (*values, (moments[0] - _EPOCH) // _MICROSECOND, (moments[1] - _EPOCH) // _MICROSECOND)


def encode(text: str | None) -> tuple:
    """The seven columns of the stored state ``text`` (JSON, or ``None``: :data:`NO_STATE`).
    The text is kept in the last one unless :func:`decode` gives it back exactly from the others."""
    if text is None:
        return NO_STATE
    columns = _usual(text) if type(text) is str else None
    if columns is not None:
        return (*columns, None)
    columns = _columns(text)
    if columns is not None and _text(*columns) == text:
        return (*columns, None)
    return (None,) * 6 + (text,)


def _columns(text: str) -> tuple | None:
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(value, dict) or list(value) != ["card_id", "state", "step", "stability", "difficulty", "due",
                                                      "last_review"] or value["card_id"] != 0:
        return None
    state, step, stability, difficulty = value["state"], value["step"], value["stability"], value["difficulty"]
    due, last = _micros(value["due"]), _micros(value["last_review"])
    if not _small_int(state) or not (step is None or _small_int(step)) or due is None \
            or (last is None and value["last_review"] is not None) \
            or not (stability is None or _real(stability)) or not (difficulty is None or _real(difficulty)):
        return None
    return (state, step, stability, difficulty, due, last)


def decode(columns: Sequence[Any]) -> str | None:
    """The stored state's JSON text from its seven columns (``None``: no state)."""
    if columns[6] is not None:
        return columns[6]
    if columns[4] is None:
        return None
    return _text(*columns[:6])


def canonical(columns: Sequence[Any]) -> tuple:
    """The tuple :func:`encode` makes of the state these columns hold: equal tuples, equal texts.
    (A row written with only the text, by an older copy or by hand, holds the same state as one
    of ours with the columns.)"""
    if columns[6] is None:
        return tuple(columns) if columns[4] is not None else NO_STATE
    return encode(columns[6])


def encode_card(card: Any) -> tuple:
    """:func:`encode` of ``scheduler.dump_state(card)``, without writing the JSON for the usual
    card (a replay encodes one state a review)."""
    stability, difficulty, step, due, last = card.stability, card.difficulty, card.step, card.due, card.last_review
    if (card.card_id == 0 and type(card.card_id) is int and _real(stability) and _real(difficulty)
            and (step is None or _small_int(step)) and type(due) is datetime and type(last) is datetime
            and due.utcoffset() == timedelta(0) and last.utcoffset() == timedelta(0)
            and type(getattr(card.state, "value", None)) is int):
        return (card.state.value, step, stability, difficulty, _us(due), _us(last), None)
    from ..scheduler import dump_state

    return encode(dump_state(card))


def _us(moment: datetime) -> int:
    delta = moment - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
