"""A merge that brings most of a log keeps the cards whose reviews chain as logged without
replaying them (``ReplayStore.replay_as_logged``, one pass in the order the log was written).
Here on a crafted log of every kind a real one holds (reviews written out of time order,
ties, undone answers, drills, lapses up to a leech, a broken chain, a missing due, a stale
"before" FSRS state): the pass keeps exactly the cards stepping each review through
``CardReplay`` keeps, with the same schedules and rewrites, and the merge ends exactly as the
plain replay (one card at a time) ends."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from anastro_quiz.store import Store
from anastro_quiz.store import replay as replay_module
from anastro_quiz.store.replay import REPLAY_COLUMNS, CardReplay

import rawdb
from test_bulk_history import _dump, _use_the_plain_path

_START = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
KINDS = ("in order", "swapped", "swapped, state kept", "tie in id order", "tie against id order", "undone", "undone first", "drill",
         "lapses", "leech", "broken chain", "no due", "stale fsrs before", "no time",
         "no time first")


def _state(fsrs: int, stability: float, at: datetime) -> str:
    due = at + timedelta(days=stability)
    return (f'{{"card_id":0,"state":{fsrs},"step":{"null" if fsrs == 2 else 0},"stability":{stability},'
            f'"difficulty":5.0,"due":"{due.isoformat()}","last_review":"{at.isoformat()}"}}')


def _card_log(card: str, kind: str, rng: random.Random) -> list[tuple]:
    """One card's reviews, as ``(id, card_id, rating, reviewed_at, mode, undone, state_before,
    fsrs_state_before, state_after, fsrs_state_after, due_after)``, in the order written."""
    count = {"lapses": 12, "leech": 18}.get(kind) or rng.randint(3, 6)
    at, before, before_fsrs, rows = _START + timedelta(hours=rng.randint(0, 500)), None, 0, []
    for n in range(count):
        at += timedelta(hours=rng.randint(1, 40))
        if kind == "leech":
            rating = 1 if n % 2 else 3  # Again on every review-state card: eight lapses or more
        elif kind == "lapses":
            rating = 1 if n in (3, 7) else 3
        else:
            rating = rng.choice((1, 2, 3, 3, 4))
        fsrs = 3 if rating == 1 and before_fsrs == 2 else 2 if n else 1
        after = _state(fsrs, round(1 + n * 1.7, 4), at)
        rows.append([f"{card}-{n:02d}", card, rating, at.isoformat(timespec="microseconds"), "review", 0,
                     before, before_fsrs, after, fsrs, (at + timedelta(days=1 + n)).isoformat(timespec="microseconds")])
        before, before_fsrs = after, fsrs
    middle = len(rows) // 2
    if kind == "swapped":
        rows[middle], rows[middle + 1] = rows[middle + 1], rows[middle]
    elif kind == "swapped, state kept":  # the chain holds either way; only the times tell the order
        for row in rows[middle:middle + 3]:
            row[6], row[7] = rows[middle][6], rows[middle][7]
        for row in rows[middle:middle + 2]:
            row[8], row[9] = row[6], row[7]
        rows[middle], rows[middle + 1] = rows[middle + 1], rows[middle]
    elif kind.startswith("tie"):
        rows[middle + 1][3] = rows[middle][3]  # the same moment: ids decide
        if kind == "tie against id order":
            rows[middle][0], rows[middle + 1][0] = rows[middle + 1][0], rows[middle][0]
    elif kind == "undone":  # an answer taken back: the next one starts from the state before it
        undone = list(rows[middle])
        undone[0], undone[5], undone[8], undone[9] = f"{card}-undone", 1, _state(3, 0.5, _START), 3
        undone[3] = (datetime.fromisoformat(undone[3]) - timedelta(minutes=2)).isoformat(timespec="microseconds")
        rows.insert(middle, undone)
    elif kind == "undone first":  # the replay starts from the state recorded before it
        rows[0][5] = 1
        rows[1][6], rows[1][7] = rows[0][6], rows[0][7]
    elif kind == "drill":
        drill = list(rows[middle])
        drill[0], drill[4], drill[8] = f"{card}-drill", "drill", _state(1, 9.9, _START)
        rows.insert(middle, drill)
    elif kind == "broken chain":  # recorded from a state the replay does not reach: recomputed
        rows[middle][6] = _state(2, 42.0, _START)
    elif kind == "no due":
        rows[middle][10] = None
    elif kind == "stale fsrs before":  # kept, and the review's "before" FSRS state rewritten
        rows[middle][7] = 0
    elif kind == "no time":
        rows[-1][3] = None
    elif kind == "no time first":
        rows[0][3] = None
    return [tuple(row) for row in rows]


def _crafted(path, kinds=KINDS, per_kind=6, seed=7) -> dict[tuple[str, str], str]:
    """A database whose log holds ``per_kind`` cards of each kind, interleaved as days of study
    interleave them; returns each card's kind."""
    rng = random.Random(seed)
    Store.open(path).close()
    logs, kind_of = [], {}
    for kind in kinds:
        for n in range(per_kind):
            card = f"{kind.replace(' ', '-')}-{n}"
            kind_of[("sample", card)] = kind
            logs.append(_card_log(card, kind, rng))
    written = []
    while any(logs):  # the cards' reviews interleaved, each card's in its own order
        log = rng.choice([log for log in logs if log])
        written.append(log.pop(0))
    rawdb.write(path, *[("INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, mode, undone, state_before,"
                         " fsrs_state_before, state_after, fsrs_state_after, due_after)"
                         " VALUES (?, 'sample', ?, ?, ?, substr(?, 1, 10), ?, ?, ?, ?, ?, ?, ?)",
                         (rid, card, rating, at, at, *rest)) for rid, card, rating, at, *rest in written])
    return kind_of


def _kept_by_stepping(store: Store, keys) -> dict:
    """The reference: each review stepped through ``CardReplay.step`` without a scheduler, in
    the order the log was written, a card dropped at its first review out of time order."""
    cards, last = {}, {}
    for deck, card_id, *review in rawdb.rows(store.path, f"SELECT deck, card_id, {', '.join(REPLAY_COLUMNS)}"
                                             " FROM reviews WHERE mode='review' ORDER BY rowid"):
        key = (deck, card_id)
        if key not in keys:
            continue
        card = cards.get(key, False)
        if card is False:
            card = cards[key] = CardReplay(review) if review[2] is not None else None
            if card is None:  # a first review with no time: never kept
                continue
        elif card is None or review[2] is None or (review[2], review[0]) <= last[key]:
            cards[key] = None
            continue
        last[key] = (review[2], review[0])
        if review[6] == 0 and not card.step(review, None):
            cards[key] = None
    return {key: (card.updates, card.schedule()) for key, card in cards.items() if card is not None}


def test_the_pass_keeps_the_cards_stepping_keeps_with_the_same_schedules(tmp_path):
    path = tmp_path / "log.db"
    kind_of = _crafted(path)
    asked = {key for key in kind_of if not key[1].endswith("-5")}  # a card of each kind not asked for
    with Store.open(path) as store:
        kept = {key: (card.updates, card.schedule()) for key, card in store.replay_as_logged(asked).items()}
        reference = _kept_by_stepping(store, asked)
    assert kept == reference
    kept_kinds = {kind_of[key] for key in kept}
    assert kept_kinds == {"in order", "tie in id order", "undone", "undone first", "drill", "lapses", "leech",
                          "stale fsrs before"}
    assert len(kept) == 5 * len(kept_kinds)
    schedules = {kind_of[key]: schedule for key, (_updates, schedule) in kept.items()}
    assert schedules["leech"][4] >= 8 and schedules["leech"][5] == 1  # lapses, leech
    assert schedules["lapses"][4] == 2 and schedules["lapses"][5] == 0
    assert all(updates for key, (updates, _s) in kept.items() if kind_of[key] == "stale fsrs before")
    assert not any(updates for key, (updates, _s) in kept.items() if kind_of[key] != "stale fsrs before")


def test_a_merge_of_the_crafted_log_ends_as_the_plain_replay_ends(tmp_path, monkeypatch):
    """Every card rebuilt: those kept as logged written by the pass (and the schedule's indexes
    made again once), the others replayed through the scheduler."""
    source = tmp_path / "source.db"
    _crafted(source, kinds=[kind for kind in KINDS if not kind.startswith("no time")])  # a review with no time is refused
    monkeypatch.setattr(replay_module, "BULK_CARDS", 1)
    with Store.open(tmp_path / "bulk.db") as store:
        bulk_report = store.merge(source).to_dict()
    _use_the_plain_path(monkeypatch)
    with Store.open(tmp_path / "plain.db") as store:
        plain_report = store.merge(source).to_dict()
    bulk, plain = _dump(tmp_path / "bulk.db"), _dump(tmp_path / "plain.db")
    assert bulk == plain
    assert {**bulk_report, "other": ""} == {**plain_report, "other": ""}
    assert bulk_report["cards_rebuilt"] == (len(KINDS) - 2) * 6
    assert rawdb.rows(tmp_path / "bulk.db", "SELECT card_id FROM schedule WHERE leech=1 ORDER BY card_id") == [
        (f"leech-{n}",) for n in range(6)]
