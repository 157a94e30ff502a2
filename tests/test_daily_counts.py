"""Home's counts (issue 14): what the daily limits count of today's reviews is kept per deck
(schema 11) and the deck list counts only what it shows, and both give the numbers of counting
every card and every review again, whatever happened to the collection."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from anastro_quiz.clock import study_day
from anastro_quiz.collection import Collection, DeckSummary
from anastro_quiz.curation import keep
from anastro_quiz.scheduler import Rating
from anastro_quiz.settings import DailyLimits
from anastro_quiz.siblings import SiblingRules
from anastro_quiz.store import Store
from anastro_quiz.today import LEARN_AHEAD, offered_today

import rawdb

PLAIN_CARDS = 40


def _plain_deck(folder, cards=PLAIN_CARDS, skip=()):
    lines = ["id: plain", "title: Plain deck", "cards:"]
    lines += [f"  - {{id: p{n}, type: basic, prompt: Question {n}?, answer: Answer {n}}}"
              for n in range(cards) if n not in skip]
    (folder / "plain.yaml").write_text("\n".join(lines) + "\n")


def _done_counted(store, day) -> dict[str, tuple[int, int]]:
    """Per deck, the slow way: every study review of ``day`` in the log, by the card's state before."""
    new, reviewed = Counter(), Counter()
    for r in store.review_records():
        if r["day"] == day.isoformat() and r["mode"] == "review" and not r["undone"]:
            new[r["deck"]] += r["fsrs_state_before"] == 0
            reviewed[r["deck"]] += r["fsrs_state_before"] == 2
    return {deck: (new[deck], reviewed[deck]) for deck in new | reviewed if new[deck] or reviewed[deck]}


def _summaries_counted(coll: Collection) -> list[DeckSummary]:
    """The deck list the straightforward way: every card's schedule row, today's counts from
    the whole log, the limits applied, siblings kept apart as a session keeps them."""
    now = coll.now()
    done = _done_counted(coll.store, study_day(now))
    assert coll.store.done_today(study_day(now)) == done
    mastery = coll.mastery_by_deck(now)
    out = []
    for deck in coll.decks.values():
        rows = [r for r in coll.store.deck_rows(deck.id) if not r.suspended]
        free = [r for r in rows if not r.buried_at(now)]
        kept = coll.store.kept_keys([deck.id])
        unseen = sum(r.fsrs_state == 0 for r in free)
        studyable = sum(r.fsrs_state == 0 and (r.deck, r.card_id) in kept for r in free) \
            if coll.holds_uncurated(deck.id) else unseen
        learning = sum(r.fsrs_state in (1, 3) and r.due <= (now + LEARN_AHEAD).isoformat() for r in free)
        due = sum(r.fsrs_state == 2 and r.due <= now.isoformat() for r in free)
        room_new, room_reviews = coll.study_limits(deck.id).room_today(*done.get(deck.id, (0, 0)))
        new, due = min(studyable, room_new), min(due, room_reviews)
        if (new or due) and coll.siblings(deck.id) != SiblingRules(False, False) and deck.sibling_cards():
            due_rows, new_rows = offered_today(coll, deck.id, now, done, learning=False)
            new, due = len(new_rows), len(due_rows)
        everything = coll.store.deck_rows(deck.id)
        out.append(DeckSummary(deck.id, deck.title, new, learning, due, len(everything),
                               sum(r.suspended for r in everything), mastery.get(deck.id, 0.0),
                               unseen=unseen, waiting=unseen - studyable))
    return out


def _grade_some(coll, rng, clock, grades):
    session = coll.start_session()
    for _ in range(grades):
        if session.finished:
            break
        action = rng.choices(["grade", "undo", "bury", "suspend"], [8, 2, 1, 1])[0]
        if action == "grade":
            session.grade(rng.choice(list(Rating)))
        elif action == "undo" and session.can_undo:
            session.undo()
        elif action in ("bury", "suspend"):
            getattr(session, action)()
        clock.advance(minutes=rng.choice((1, 4, 12)))
    session.finish()


def test_the_deck_list_is_what_counting_every_card_and_review_gives(tmp_path, deck_dir, clock):
    _plain_deck(deck_dir)
    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    coll.save_limits(DailyLimits(new_per_day=6, reviews_per_day=4), "plain")
    coll.save_limits(DailyLimits(new_per_day=3, reviews_per_day=2), "sample")
    rng = random.Random(11)
    checked = Counter()
    try:
        for day in range(12):
            for sitting in range(3):
                _grade_some(coll, rng, clock, grades=rng.randint(2, 9))
                for later in (timedelta(0), timedelta(minutes=9), timedelta(minutes=25)):
                    clock.now += later
                    summaries = coll.deck_summaries()
                    assert summaries == _summaries_counted(coll)
                    for s in summaries:
                        checked.update({"new": s.new > 0, "learning": s.learning > 0, "due": s.due > 0,
                                        "suspended": s.suspended > 0, "waiting": s.waiting > 0})
                    checked["buried"] += any(r.buried_at(clock.now) for r in coll.store.deck_rows(None))
            if day == 3:  # a card studied and then removed from its deck (orphaned, history kept)
                coll.close()
                _plain_deck(deck_dir, skip={0, 1, 2})
                coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
            if day == 5:  # never-studied cards wait until kept in curation
                coll.save_holds_uncurated(True, "plain")
                for n in range(30, 34):
                    keep(coll, "plain", f"p{n}")
            if day == 8:
                coll.save_siblings(SiblingRules(bury_new=True, bury_reviews=False), "sample")
            clock.now = clock.now.replace(hour=9) + timedelta(days=1)
        clock.advance(days=120)  # more reviews due than the limit lets through
        summaries = coll.deck_summaries()
        assert summaries == _summaries_counted(coll)
        assert [s.due for s in summaries if s.id == "plain"] == [4]
    finally:
        coll.close()
    assert all(checked[kind] for kind in ("new", "learning", "due", "suspended", "waiting", "buried")), checked


def test_todays_counts_follow_drills_undos_and_a_merge(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    today = study_day(clock.now)
    session = coll.start_session()
    for rating in (Rating.Good, Rating.Again, Rating.Easy, Rating.Good):
        session.grade(rating)
    session.undo()
    drill = coll.start_session(mode="drill", items=list(coll.items.values())[:2])
    drill.grade(Rating.Good)
    assert coll.store.done_today(today) == _done_counted(coll.store, today) == {"sample": (3, 0)}
    coll.close()

    other = Collection.open(tmp_path / "b.db", [deck_dir], clock=clock)
    session = other.start_session()
    for _ in range(5):
        session.grade(Rating.Good)
    other.close()
    with Store.open(tmp_path / "a.db") as store:
        store.merge(tmp_path / "b.db")  # inserted in bulk: counted per day and deck at the end
        assert store.done_today(today) == _done_counted(store, today)
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    try:
        coll.start_session().grade(Rating.Good)  # the per-review trigger is back after the merge
        assert coll.store.done_today(today) == _done_counted(coll.store, today)
    finally:
        coll.close()


def test_a_version_10_database_gets_its_counts_of_today(tmp_path, deck_dir, clock):
    path = rawdb.old_database(tmp_path / "old.db", 10)
    day = study_day(clock.now).isoformat()
    rawdb.write(path, *[("INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, mode, fsrs_state_before,"
                         " undone) VALUES (?, 'sample', ?, 3, ?, ?, ?, ?, ?)",
                         (f"r{n}", f"card{n % 3}", clock.now.isoformat(), day, mode, before, undone))
                        for n, (mode, before, undone) in enumerate(
                            [("review", 0, 0), ("review", 2, 0), ("review", 2, 1), ("drill", 0, 0), ("review", 1, 0)])])
    coll = Collection.open(path, [deck_dir], clock=clock)
    try:
        assert coll.store.done_today(study_day(clock.now)) == {"sample": (1, 1)} == _done_counted(
            coll.store, study_day(clock.now))
    finally:
        coll.close()
