"""The database schema as forward migrations, one function per version.

``PRAGMA user_version`` records the version a database has reached; :class:`Store`
runs every migration above it in order, each in its own transaction. Whether a file is
ours at all (``PRAGMA application_id``, its tables) is :mod:`.identity`'s question.
What the triggers made here keep, done for many rows at once, is :mod:`.bulk`'s; it
reads the SQL they share from here (``count_by_day``, ``TAG_RECALL``, ...). Schema 13, which
rewrites the review log, is :mod:`.compact_log`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .compact_log import compact_log_v13

if TYPE_CHECKING:
    import sqlite_utils


SCHEMA_VERSION = 13


def _create_v1(db: sqlite_utils.Database) -> None:
    db["cards"].create({"deck": str, "card_id": str, "content_hash": str, "position": int, "orphaned": int,
                        "added_at": str, "changed_at": str}, pk=("deck", "card_id"))
    db["schedule"].create({"deck": str, "card_id": str, "state": str, "fsrs_state": int, "due": str,
                           "lapses": int, "reps": int, "suspended": int, "buried_until": str, "leech": int},
                          pk=("deck", "card_id"), not_null={"fsrs_state", "lapses", "reps", "suspended", "leech"},
                          defaults={"lapses": 0, "reps": 0, "suspended": 0, "leech": 0, "fsrs_state": 0})
    db["schedule"].create_index(["fsrs_state", "due"])
    db["schedule"].create_index(["deck", "fsrs_state", "due"])
    db["reviews"].create({"id": str, "deck": str, "card_id": str, "rating": int, "reviewed_at": str, "day": str,
                          "duration_ms": int, "mode": str, "session_id": str, "fsrs_state_before": int,
                          "state_before": str, "fsrs_state_after": int, "state_after": str, "due_after": str,
                          "undone": int}, pk="id", not_null={"undone"}, defaults={"undone": 0})
    db["reviews"].create_index(["deck", "card_id", "reviewed_at"])
    db["reviews"].create_index(["day"])
    db["reviews"].create_index(["reviewed_at"])
    db["sessions"].create({"id": str, "decks": str, "mode": str, "started_at": str, "ended_at": str}, pk="id")
    db["quiz_runs"].create({"id": str, "decks": str, "questions": int, "time_limit_s": int, "started_at": str,
                            "finished_at": str, "score": int}, pk="id")
    db["quiz_answers"].create({"id": str, "run_id": str, "deck": str, "card_id": str, "type": str, "given": str,
                               "expected": str, "correct": int, "answered_at": str, "duration_ms": int},
                              pk="id", foreign_keys=[("run_id", "quiz_runs", "id")])
    db["settings"].create({"scope": str, "key": str, "value": str}, pk=("scope", "key"))


def _covering_review_indexes_v2(db: sqlite_utils.Database) -> None:
    # Stats scan the whole review log (reviews per day, totals) and the recent part of it
    # (true retention). With indexes holding every column those queries read, SQLite never
    # visits the wide rows (two JSON states each): 20x faster at a million reviews.
    db.execute("CREATE INDEX idx_reviews_day_mode_undone ON reviews (day, mode, undone)")
    db.execute("CREATE INDEX idx_reviews_reviewed_at_cover"
               " ON reviews (reviewed_at, mode, undone, fsrs_state_before, rating)")
    db.execute("DROP INDEX IF EXISTS idx_reviews_day")  # prefixes of the two above
    db.execute("DROP INDEX IF EXISTS idx_reviews_reviewed_at")


def _kept_cards_v3(db: sqlite_utils.Database) -> None:
    # Study items a person kept in the curation view ("New from generator"); card_id is the
    # item id, as in ``schedule``. Rejected cards leave their deck file, so need no row.
    db["kept_cards"].create({"deck": str, "card_id": str, "kept_at": str}, pk=("deck", "card_id"))


# The two fields of the stored FSRS state that predicted recall depends on, kept in columns
# by triggers whoever writes ``schedule.state`` (a grade, an undo, a merge's replay): the
# stability, and the last review as milliseconds since 1970 (whole numbers: no date parsing).
RECALL_COLUMNS = ("stability=json_extract(NEW.state, '$.stability'), last_review_ms=CAST(ROUND("
                  "(julianday(json_extract(NEW.state, '$.last_review')) - 2440587.5) * 86400000) AS INTEGER)")


def _recall_columns_and_digests_v4(db: sqlite_utils.Database) -> None:
    # Home's counts and mastery (mean predicted recall per deck) are aggregates SQLite
    # computes from one covering index, instead of parsing every card's JSON state in
    # Python (1.2 s per Home load at 100,000 cards).
    db.execute("ALTER TABLE schedule ADD COLUMN stability REAL")
    db.execute("ALTER TABLE schedule ADD COLUMN last_review_ms INTEGER")
    for event in ("UPDATE OF state", "INSERT"):
        name = "schedule_recall_" + event.split()[0].lower()
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON schedule BEGIN UPDATE schedule SET {RECALL_COLUMNS}"
                   " WHERE deck=NEW.deck AND card_id=NEW.card_id; END")
    db.execute("UPDATE schedule SET state=state WHERE state IS NOT NULL")  # fills the columns (trigger)
    db.execute("CREATE INDEX idx_schedule_deck_overview ON schedule"
               " (deck, fsrs_state, suspended, due, buried_until, stability, last_review_ms)")
    db.execute("CREATE INDEX idx_cards_orphaned ON cards (deck, card_id) WHERE orphaned=1")
    # The digest of each deck's study items as last synced (Deck.digest): a launch syncs
    # only the decks whose digest changed, so an unchanged collection reads no card.
    db["deck_digests"].create({"deck": str, "digest": str}, pk="deck")


# A review counts in statistics unless undone or a drill answer (store.queries.COUNTED_REVIEWS).
_COUNTED = "{row}.undone=0 AND {row}.mode!='drill'"
_DAY_PLUS = ("INSERT INTO review_days (day, reviews) SELECT NEW.day, 1 WHERE " + _COUNTED.format(row="NEW")
             + " ON CONFLICT (day) DO UPDATE SET reviews=reviews+1;")
_DAY_MINUS = "UPDATE review_days SET reviews=reviews-1 WHERE day=OLD.day AND " + _COUNTED.format(row="OLD") + ";"


def _tags_days_leeches_v5(db: sqlite_utils.Database) -> None:
    # Statistics without reading every card or review (issue 14): each study item's tags
    # (synced with its deck, for mastery by topic in SQL), the counted reviews per study
    # day (kept by triggers, for the heatmap, streak and totals; a million reviews took
    # 0.2 s to group at every `stats`), and an index of the leeches.
    db["card_tags"].create({"deck": str, "card_id": str, "tag": str}, pk=("deck", "card_id", "tag"))
    db["review_days"].create({"day": str, "reviews": int}, pk="day", not_null={"reviews"})
    db.execute("INSERT INTO review_days (day, reviews) SELECT day, COUNT(*) FROM reviews"
               f" WHERE {_COUNTED.format(row='reviews')} GROUP BY day")
    db.execute(f"CREATE TRIGGER review_days_insert AFTER INSERT ON reviews BEGIN {_DAY_PLUS} END")
    db.execute(f"CREATE TRIGGER review_days_update AFTER UPDATE OF undone, mode, day ON reviews BEGIN"
               f" {_DAY_MINUS} {_DAY_PLUS} END")
    db.execute(f"CREATE TRIGGER review_days_delete AFTER DELETE ON reviews BEGIN {_DAY_MINUS} END")
    db.execute("CREATE INDEX idx_schedule_leeches ON schedule (lapses, deck, card_id) WHERE leech=1")
    db.execute("DELETE FROM deck_digests")  # the next launch syncs every deck, filling card_tags


TAG_RECALL = ("(stability, last_review_ms)=(SELECT s.stability, s.last_review_ms FROM schedule s"
               " WHERE s.deck=card_tags.deck AND s.card_id=card_tags.card_id)")
# The moment (ms) a card stops being mastered: mastered at U while the whole days since its
# last review, (U - last_review_ms) / 86400000, stay within its stability (mastery._MASTERED).
MASTERED_UNTIL = ("CASE WHEN {row}.stability IS NULL OR {row}.last_review_ms IS NULL OR {row}.stability<0 THEN NULL"
                   " ELSE {row}.last_review_ms + (CAST({row}.stability AS INTEGER) + 1) * 86400000 END")
_AT = "(SELECT until_ms FROM mastery_at)"
_DELTA = (f"COALESCE(NEW.mastered_until_ms>{_AT}, 0) - COALESCE(OLD.mastered_until_ms>{_AT}, 0)")
_NOT_ORPHANED = ("NOT EXISTS (SELECT 1 FROM cards c WHERE c.deck=NEW.deck AND c.card_id=NEW.card_id"
                 " AND c.orphaned=1)")
# Whatever changes which cards or tags are counted (a sync, a merge's new cards) drops the
# kept counts; the next read counts again.
_RECOUNT_AFTER = {"schedule": ("INSERT", "DELETE", "UPDATE OF deck, card_id"),
                  "cards": ("INSERT", "DELETE", "UPDATE OF deck, card_id, orphaned"),
                  "card_tags": ("INSERT", "DELETE", "UPDATE OF deck, card_id, tag")}


# True retention's reviews (review mode, a card in the review state) and those recalled.
_RETAINED = "{row}.mode='review' AND {row}.fsrs_state_before=2"
_DAY_COLUMNS = ("reviews", "retention_reviews", "retention_recalled")


def _day_change(row: str, sign: str) -> str:
    retained = _RETAINED.format(row=row)
    values = ("1", f"COALESCE({retained}, 0)", f"COALESCE({retained} AND {row}.rating>1, 0)")
    if sign == "+":
        return (f"INSERT INTO review_days (day, {', '.join(_DAY_COLUMNS)}) SELECT {row}.day, {', '.join(values)}"
                f" WHERE {_COUNTED.format(row=row)} ON CONFLICT (day) DO UPDATE SET "
                + ", ".join(f"{c}={c}+excluded.{c}" for c in _DAY_COLUMNS) + ";")
    minus = ", ".join(f"{c}={c}-{v}" for c, v in zip(_DAY_COLUMNS, values))
    return f"UPDATE review_days SET {minus} WHERE day={row}.day AND {_COUNTED.format(row=row)};"


def count_by_day(since_rowid: str) -> str:
    """``review_days``' counts of the reviews after rowid ``since_rowid`` (a parameter), added in."""
    retained = _RETAINED.format(row="r")
    values = ("COUNT(*)", f"SUM(COALESCE({retained}, 0))", f"SUM(COALESCE({retained} AND r.rating>1, 0))")
    # NOT INDEXED: the new rows read in rowid order and sorted by day took a third of the time
    # of walking the day index and looking up each one's rating (a million reviews: 4.3 -> 1.3 s)
    return (f"INSERT INTO review_days (day, {', '.join(_DAY_COLUMNS)}) SELECT r.day, {', '.join(values)}"
            f" FROM reviews r NOT INDEXED WHERE r.rowid>{since_rowid} AND {_COUNTED.format(row='r')} GROUP BY r.day"
            " ON CONFLICT (day) DO UPDATE SET " + ", ".join(f"{c}={c}+excluded.{c}" for c in _DAY_COLUMNS))


def _retention_days_v6(db: sqlite_utils.Database) -> None:
    # True retention over 7 and 30 days read the review log's recent part (0.03 s of
    # `stats` at 100,000 cards and 1M reviews): ``review_days`` also counts, per study
    # day, the reviews true retention looks at and those recalled, kept by the same triggers.
    db.execute("ALTER TABLE review_days ADD COLUMN retention_reviews INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE review_days ADD COLUMN retention_recalled INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE review_days SET (retention_reviews, retention_recalled)=(SELECT COUNT(*),"
               " COALESCE(SUM(r.rating>1), 0) FROM reviews r WHERE r.day=review_days.day AND "
               + _COUNTED.format(row="r") + " AND " + _RETAINED.format(row="r") + ")")
    for name in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER review_days_{name}")
    db.execute(f"CREATE TRIGGER review_days_insert AFTER INSERT ON reviews BEGIN {_day_change('NEW', '+')} END")
    db.execute("CREATE TRIGGER review_days_update AFTER UPDATE OF undone, mode, day, fsrs_state_before, rating"
               f" ON reviews BEGIN {_day_change('OLD', '-')} {_day_change('NEW', '+')} END")
    db.execute(f"CREATE TRIGGER review_days_delete AFTER DELETE ON reviews BEGIN {_day_change('OLD', '-')} END")


_TAG_RECALL_UPDATE = ("CREATE TRIGGER card_tags_recall_update AFTER UPDATE OF stability, last_review_ms ON schedule"
                      "{when} BEGIN UPDATE card_tags SET stability=NEW.stability, last_review_ms=NEW.last_review_ms"
                      " WHERE deck=NEW.deck AND card_id=NEW.card_id;"
                      f" UPDATE schedule SET mastered_until_ms={MASTERED_UNTIL.format(row='NEW')}"
                      " WHERE rowid=NEW.rowid; END")


def _mastery_v6(db: sqlite_utils.Database) -> None:
    # Mastery without reading every card (issue 14: mastery by topic was 0.24 s of a 0.38 s
    # `stats` at 100,000 cards). Each tag row carries its card's stability and last review
    # (copied from ``schedule`` by triggers, one covering index: a count without a join),
    # each schedule row the moment its mastery ends, and the counts per deck and per
    # (deck, tag) are kept for one moment (``mastery_at``): a grade moves them by triggers,
    # a later moment by the few cards whose mastery ended in between (an index range).
    db.execute("ALTER TABLE card_tags ADD COLUMN stability REAL")
    db.execute("ALTER TABLE card_tags ADD COLUMN last_review_ms INTEGER")
    db.execute(f"UPDATE card_tags SET {TAG_RECALL}")
    db.execute("CREATE TRIGGER card_tags_recall_insert AFTER INSERT ON card_tags BEGIN"
               f" UPDATE card_tags SET {TAG_RECALL} WHERE rowid=NEW.rowid; END")
    db.execute(_TAG_RECALL_UPDATE.format(when=""))
    db.execute("CREATE INDEX idx_card_tags_mastery ON card_tags (tag, deck, stability, last_review_ms)")
    db.execute("ALTER TABLE schedule ADD COLUMN mastered_until_ms INTEGER")
    db.execute(f"UPDATE schedule SET mastered_until_ms={MASTERED_UNTIL.format(row='schedule')}")
    db.execute("CREATE INDEX idx_schedule_mastered_until ON schedule (mastered_until_ms, deck, card_id)"
               " WHERE mastered_until_ms IS NOT NULL")
    db.execute("CREATE TABLE mastery_at (id INTEGER PRIMARY KEY CHECK (id=1), until_ms INTEGER NOT NULL)")
    db.execute("CREATE TABLE mastery_decks (deck TEXT PRIMARY KEY, cards INTEGER NOT NULL, mastered INTEGER NOT NULL)")
    db.execute("CREATE TABLE mastery_tags (deck TEXT, tag TEXT, cards INTEGER NOT NULL, mastered INTEGER NOT NULL,"
               " PRIMARY KEY (deck, tag))")
    db.execute("CREATE TRIGGER mastery_follows_schedule AFTER UPDATE OF mastered_until_ms ON schedule"
               f" WHEN EXISTS (SELECT 1 FROM mastery_at) AND {_NOT_ORPHANED} BEGIN"
               f" UPDATE mastery_decks SET mastered=mastered+({_DELTA}) WHERE deck=NEW.deck;"
               f" UPDATE mastery_tags SET mastered=mastered+({_DELTA}) WHERE deck=NEW.deck AND tag IN"
               " (SELECT tag FROM card_tags WHERE deck=NEW.deck AND card_id=NEW.card_id); END")
    for table, events in _RECOUNT_AFTER.items():
        for n, event in enumerate(events):
            db.execute(f"CREATE TRIGGER mastery_recount_{table}_{n} AFTER {event} ON {table}"
                       " WHEN EXISTS (SELECT 1 FROM mastery_at) BEGIN DELETE FROM mastery_at; END")


_STATE_KEY = "deck={row}.deck AND fsrs_state={row}.fsrs_state AND suspended={row}.suspended"
_STATE_PLUS = ("INSERT INTO state_counts (deck, fsrs_state, suspended, cards) VALUES (NEW.deck, NEW.fsrs_state,"
               " NEW.suspended, 1) ON CONFLICT (deck, fsrs_state, suspended) DO UPDATE SET cards=cards+1;")
_STATE_MINUS = f"UPDATE state_counts SET cards=cards-1 WHERE {_STATE_KEY.format(row='OLD')};"


def _state_counts_v6(db: sqlite_utils.Database) -> None:
    # Cards per deck, FSRS state and suspension, kept by triggers: Home's counts and
    # `stats` read a few rows instead of counting every card (0.01 s at 100,000 cards).
    db.execute("CREATE TABLE state_counts (deck TEXT, fsrs_state INTEGER, suspended INTEGER,"
               " cards INTEGER NOT NULL, PRIMARY KEY (deck, fsrs_state, suspended))")
    db.execute("INSERT INTO state_counts SELECT deck, fsrs_state, suspended, COUNT(*) FROM schedule"
               " GROUP BY deck, fsrs_state, suspended")
    db.execute(f"CREATE TRIGGER state_counts_insert AFTER INSERT ON schedule BEGIN {_STATE_PLUS} END")
    db.execute(f"CREATE TRIGGER state_counts_delete AFTER DELETE ON schedule BEGIN {_STATE_MINUS} END")
    db.execute("CREATE TRIGGER state_counts_update AFTER UPDATE OF deck, fsrs_state, suspended ON schedule"
               " WHEN NOT (NEW.deck IS OLD.deck AND NEW.fsrs_state IS OLD.fsrs_state AND NEW.suspended IS OLD.suspended)"
               f" BEGIN {_STATE_MINUS} {_STATE_PLUS} END")


def _stats_aggregates_v6(db: sqlite_utils.Database) -> None:
    _retention_days_v6(db)
    _state_counts_v6(db)
    _mastery_v6(db)


def _marked_v7(db: sqlite_utils.Database) -> None:
    # Anki's "marked" (its * key): a card the learner flagged to look at again; no queue reads it.
    db.execute("ALTER TABLE schedule ADD COLUMN marked INTEGER NOT NULL DEFAULT 0")


def _quiet_new_cards_v8(db: sqlite_utils.Database) -> None:
    # A first import inserts 100,000 never-studied cards: their stability and last review
    # stay empty, so the recall triggers need not run for them (they were most of the
    # insert's time), nor for an update that leaves both as they were.
    db.execute("DROP TRIGGER schedule_recall_insert")
    db.execute("CREATE TRIGGER schedule_recall_insert AFTER INSERT ON schedule WHEN NEW.state IS NOT NULL BEGIN"
               f" UPDATE schedule SET {RECALL_COLUMNS} WHERE deck=NEW.deck AND card_id=NEW.card_id; END")
    db.execute("DROP TRIGGER card_tags_recall_insert")  # a new card's tags: its schedule row comes later
    db.execute("CREATE TRIGGER card_tags_recall_insert AFTER INSERT ON card_tags WHEN EXISTS (SELECT 1 FROM schedule s"
               " WHERE s.deck=NEW.deck AND s.card_id=NEW.card_id AND s.last_review_ms IS NOT NULL) BEGIN"
               f" UPDATE card_tags SET {TAG_RECALL} WHERE rowid=NEW.rowid; END")
    db.execute("DROP TRIGGER card_tags_recall_update")
    db.execute(_TAG_RECALL_UPDATE.format(when=" WHEN NEW.stability IS NOT OLD.stability"
                                              " OR NEW.last_review_ms IS NOT OLD.last_review_ms"))


def _today_cover_v9(db: sqlite_utils.Database) -> None:
    # Home's and a session's "done today" read deck, card and state of today's reviews: a
    # covering index makes that one range of it (the rows hold two JSON states each).
    db.execute("CREATE INDEX idx_reviews_day_cover ON reviews (day, mode, undone, deck, card_id, fsrs_state_before)")
    db.execute("DROP INDEX IF EXISTS idx_reviews_day_mode_undone")  # its prefix


def _due_cover_v10(db: sqlite_utils.Database) -> None:
    # Load balancing counts the cards due on each day of a grade's fuzz range: a covering
    # index makes each count one range of it (at 100,000 cards it read 16,000 wide rows and
    # computed a date for each, 90 ms per grade).
    db.execute("CREATE INDEX idx_schedule_due_cover ON schedule (fsrs_state, suspended, due)")


# A study review (review mode, not undone) of a card new before it, and of a card in the review
# state: what the daily limits count (Home's counts and every session read them per deck).
_DECK_DAY = "{row}.mode='review' AND {row}.undone=0"
_DECK_DAY_VALUES = ("COALESCE({row}.fsrs_state_before=0, 0)", "COALESCE({row}.fsrs_state_before=2, 0)")


def count_by_deck_day(since_rowid: str) -> str:
    """``review_deck_days``' counts of the reviews after rowid ``since_rowid``, added in."""
    new, reviewed = (v.format(row="r") for v in _DECK_DAY_VALUES)
    return ("INSERT INTO review_deck_days (day, deck, new_cards, reviews) SELECT r.day, r.deck,"
            f" SUM({new}), SUM({reviewed}) FROM reviews r WHERE r.rowid>{since_rowid} AND {_DECK_DAY.format(row='r')}"
            " GROUP BY r.day, r.deck ON CONFLICT (day, deck) DO UPDATE SET new_cards=new_cards+excluded.new_cards,"
            " reviews=reviews+excluded.reviews")


def _deck_day_change(row: str, sign: str) -> str:
    new, reviewed = (v.format(row=row) for v in _DECK_DAY_VALUES)
    if sign == "+":
        return (f"INSERT INTO review_deck_days (day, deck, new_cards, reviews) SELECT {row}.day, {row}.deck, {new},"
                f" {reviewed} WHERE {_DECK_DAY.format(row=row)} ON CONFLICT (day, deck) DO UPDATE SET"
                " new_cards=new_cards+excluded.new_cards, reviews=reviews+excluded.reviews;")
    return (f"UPDATE review_deck_days SET new_cards=new_cards-{new}, reviews=reviews-{reviewed}"
            f" WHERE day={row}.day AND deck={row}.deck AND {_DECK_DAY.format(row=row)};")


def _deck_days_and_buried_v11(db: sqlite_utils.Database) -> None:
    # Home's counts at 100,000 cards read every review of the day for the daily limits
    # (17,000 in the benchmark, 3 ms) and every never-studied card for the buried ones:
    # per study day and deck, the new cards introduced and the reviews of review-state
    # cards are kept by triggers, and buried cards have an index of their own (few are buried
    # at a time; the rows keep a past buried_until, so the index is read from now on).
    db.execute("CREATE TABLE review_deck_days (day TEXT, deck TEXT, new_cards INTEGER NOT NULL,"
               " reviews INTEGER NOT NULL, PRIMARY KEY (day, deck))")
    db.execute(count_by_deck_day("0"))
    db.execute(f"CREATE TRIGGER review_deck_days_insert AFTER INSERT ON reviews BEGIN {_deck_day_change('NEW', '+')} END")
    db.execute("CREATE TRIGGER review_deck_days_update AFTER UPDATE OF undone, mode, day, deck, fsrs_state_before"
               f" ON reviews BEGIN {_deck_day_change('OLD', '-')} {_deck_day_change('NEW', '+')} END")
    db.execute(f"CREATE TRIGGER review_deck_days_delete AFTER DELETE ON reviews BEGIN {_deck_day_change('OLD', '-')} END")
    db.execute("CREATE INDEX idx_schedule_buried ON schedule (buried_until, deck, fsrs_state, suspended, due)"
               " WHERE buried_until IS NOT NULL")


# Kept while every study day up to ``through`` stays as it was: a change on such a day (a
# merge or an import of older reviews, a new day start) drops the row, and the next read counts
# again from every day. Today's grades come after ``through`` and keep it.
_STREAK_STALE = "DELETE FROM streak_upto;"
_UPTO = "(SELECT through FROM streak_upto)"


def _streak_upto_v12(db: sqlite_utils.Database) -> None:
    # Home's streak read all 14,667 study days of the 100,000-card benchmark at every launch
    # (and walked them in Python, ~25 ms): up to a past day, the longest run of study days and
    # the run ending on that day are kept, so a launch reads only the days after it.
    db.execute("CREATE TABLE streak_upto (id INTEGER PRIMARY KEY CHECK (id=1), through TEXT NOT NULL,"
               " longest INTEGER NOT NULL, run INTEGER NOT NULL)")
    db.execute(f"CREATE TRIGGER streak_upto_day_insert AFTER INSERT ON review_days WHEN NEW.day<={_UPTO}"
               f" BEGIN {_STREAK_STALE} END")
    db.execute("CREATE TRIGGER streak_upto_day_update AFTER UPDATE OF day, reviews ON review_days"
               f" WHEN ((OLD.reviews>0)!=(NEW.reviews>0) OR OLD.day!=NEW.day) AND MIN(OLD.day, NEW.day)<={_UPTO}"
               f" BEGIN {_STREAK_STALE} END")
    db.execute(f"CREATE TRIGGER streak_upto_day_delete AFTER DELETE ON review_days WHEN OLD.day<={_UPTO}"
               f" BEGIN {_STREAK_STALE} END")


#: The migrations that rewrite every review (run with the log's pages written once: db.py); each
#: takes ``progress(done, total, stage)`` too, called as it goes (``stage`` says it in words).
REWRITE_THE_LOG = {13}

MIGRATIONS = {1: _create_v1, 2: _covering_review_indexes_v2, 3: _kept_cards_v3, 4: _recall_columns_and_digests_v4,
              5: _tags_days_leeches_v5, 6: _stats_aggregates_v6, 7: _marked_v7, 8: _quiet_new_cards_v8, 9: _today_cover_v9, 10: _due_cover_v10,
              11: _deck_days_and_buried_v11, 12: _streak_upto_v12,
              13: compact_log_v13}
