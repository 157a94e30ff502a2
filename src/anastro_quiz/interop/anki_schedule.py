"""An Anki card's schedule as this tool's FSRS state, for cards Anki scheduled without a
review log in the package ("Forget history", shared decks with scheduling, a log trimmed).

Anki keeps, per card: its type (learning, review, relearning), its due (a day number from
the collection's creation for review and day-learning cards, a time in seconds for
learning steps due today), its interval, lapses, and, with FSRS on, the memory state in
``cards.data`` (``s`` stability in days, ``d`` difficulty 1-10, ``lrt`` the last review's
time). :func:`state_of` turns that into a ``fsrs.Card`` due when Anki has it due. A card
Anki scheduled with SM-2 has no memory state: its stability is taken as its interval (FSRS
defines stability as the days until recall falls to 90%, the retention SM-2's intervals
aim at) and its difficulty as the middle of the scale (5), and it is counted as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..clock import iso
from ..scheduler import CardState, dump_state
from .anki_package import AnkiCard

DAY = 86_400
MID_DIFFICULTY = 5.0
LEARNING, REVIEW, RELEARNING = 1, 2, 3  # Anki's card types, which are py-fsrs's states too
DAY_LEARN_QUEUE = 3


@dataclass(frozen=True)
class KeptSchedule:
    """What the store writes for a card with no review: the state (JSON), its FSRS state number,
    the due time (ISO 8601) and lapses; ``sm2``: no FSRS memory state in Anki (see module doc)."""

    state: str
    fsrs_state: int
    due: str
    lapses: int
    sm2: bool


def state_of(card: AnkiCard, crt: int) -> KeptSchedule | None:
    """The schedule of a card Anki has studied (not new), or ``None`` for a new or unknown one."""
    import fsrs

    if card.type not in (LEARNING, REVIEW, RELEARNING):
        return None
    day_number = card.type == REVIEW or card.queue == DAY_LEARN_QUEUE
    due = datetime.fromtimestamp(crt + card.due * DAY if day_number else card.due, timezone.utc)
    memory = card.data
    sm2 = not (_number(memory.get("s")) and _number(memory.get("d")))
    # a card given a due date by hand ("Set due date" on a new card) may have no interval yet
    interval = card.ivl or max(1, round((due - datetime.now(timezone.utc)).total_seconds() / DAY))
    stability = float(memory["s"]) if not sm2 else float(interval)
    difficulty = min(10.0, max(1.0, float(memory["d"]))) if not sm2 else MID_DIFFICULTY
    if _number(memory.get("lrt")):
        last = datetime.fromtimestamp(int(memory["lrt"]), timezone.utc)
    else:
        last = due - timedelta(days=interval) if card.type == REVIEW else min(due, datetime.now(timezone.utc))
    state: CardState = fsrs.Card(card_id=0, state=fsrs.State(card.type), step=None if card.type == REVIEW else 0,
                                 stability=stability, difficulty=difficulty, due=due, last_review=last)
    return KeptSchedule(dump_state(state), card.type, iso(due), card.lapses, sm2)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
