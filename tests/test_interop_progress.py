"""Review-log CSV export/reading, merging progress databases, backup."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.interop import InteropError
from anastro_quiz.interop.progress import parse_review_log, read_review_log
from anastro_quiz.scheduler import Scheduler, dump_state
from anastro_quiz.store import Store
from conftest import FakeClock

import rawdb



SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "review-log-sample.csv"


def _study(coll: Collection, clock: FakeClock, days: int, pattern: list[int], max_per_day: int = 50) -> None:
    """Study every day for ``days`` days, grading with ``pattern`` in rotation."""
    n = 0
    for _ in range(days):
        session = coll.start_session()
        graded = 0
        while session.current is not None and graded < max_per_day:
            session.grade(pattern[n % len(pattern)], duration_ms=1500 + n)
            n += 1
            graded += 1
            clock.advance(minutes=2)
        session.finish()
        clock.advance(days=1)


def _open(path: Path, deck_dir: Path, clock: FakeClock) -> Collection:
    from anastro_quiz.siblings import SiblingRules

    coll = Collection.open(path, [deck_dir], clock=clock)
    # Merges are about the review log: every card may be studied any day (siblings not kept apart).
    coll.save_siblings(SiblingRules(bury_new=False, bury_reviews=False))
    return coll


def _make_pair(tmp_path: Path, deck_dir: Path) -> tuple[Path, Path]:
    """Two copies that studied the same decks on different machines, partly the same cards."""
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    clock_a = FakeClock(datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
    a = _open(a_path, deck_dir, clock_a)
    _study(a, clock_a, days=6, pattern=[3, 3, 1, 4, 2, 3])
    a.close()
    clock_b = FakeClock(datetime(2026, 3, 1, 21, 0, tzinfo=timezone.utc))
    b = _open(b_path, deck_dir, clock_b)
    _study(b, clock_b, days=4, pattern=[1, 3, 3, 2])
    b.close()
    return a_path, b_path


def _dump(path: Path) -> tuple[list, list]:
    """Every review and schedule row of the file at ``path``, read as another program would."""
    reviews = rawdb.rows(path, "SELECT * FROM reviews ORDER BY id")  # the states as stored, column by column
    schedule = rawdb.rows(path, "SELECT deck, card_id, state, fsrs_state, due, reps, lapses, leech FROM schedule "
                                "ORDER BY deck, card_id")
    return reviews, schedule


def _copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst


def _merge(into: Path, other: Path, *extra: str):
    return CliRunner().invoke(cli, ["--db", str(into), "progress", "merge", str(other), *extra],
                              catch_exceptions=False)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- review-log CSV --------------------------------------------------------------


def test_progress_export_columns_and_undone_left_out(collection, clock, tmp_path):
    session = collection.start_session()
    session.grade(3, duration_ms=1200)
    clock.advance(seconds=30)
    session.grade(1, duration_ms=800)
    clock.advance(seconds=30)
    session.grade(4)
    session.undo()
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(cli, ["--db", str(collection.store.path), "progress", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0] == "card_id,review_rating,review_time,review_duration,deck,review_id,mode"
    assert len(lines) == 3
    reviews = read_review_log(out)
    assert [r.rating for r in reviews] == [3, 1]
    assert reviews[0].duration_ms == 1200 and reviews[0].deck == "sample" and len(reviews[0].review_id) == 36
    assert reviews[0].time == clock.now - timedelta(seconds=60)

    stdout = CliRunner().invoke(cli, ["--db", str(collection.store.path), "progress", "export"])
    assert stdout.output.splitlines() == lines


def test_progress_export_card_ids_unique_across_decks(tmp_path, deck_dir, clock):
    """Two decks with the same card ids: exported card_ids are deck/card, so tools grouping by
    card_id (the py-fsrs convention) keep the histories apart; both forms read back."""
    text = (deck_dir / "all_types.yaml").read_text()
    (deck_dir / "twin.yaml").write_text(text.replace("id: sample\n", "id: twin\n", 1))
    coll = _open(tmp_path / "p.db", deck_dir, clock)
    for deck in ("sample", "twin"):
        session = coll.start_session([deck])
        first = session.current.card_id
        session.grade(3, duration_ms=1000)
        session.finish()
        clock.advance(minutes=1)
    coll.close()
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "progress", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in out.read_text().splitlines()[1:]]
    assert [r[0] for r in rows] == [f"sample/{first}", f"twin/{first}"]
    assert [r[4] for r in rows] == ["sample", "twin"]
    new_form = read_review_log(out)
    assert [r.card_key for r in new_form] == [("sample", first), ("twin", first)]
    # the old bare form (deck in its own column) and the new form without a deck column
    old = "\n".join([",".join(["card_id"] + out.read_text().splitlines()[0].split(",")[1:])]
                    + [",".join([r[0].split("/", 1)[1]] + r[1:]) for r in rows]) + "\n"
    assert [r.card_key for r in parse_review_log(old)] == [("sample", first), ("twin", first)]
    bare = GOOD + "".join(f"{r[0]},{r[1]},{r[2]},{r[3]}\n" for r in rows)
    assert [r.card_key for r in parse_review_log(bare)] == [("sample", first), ("twin", first)]
    with pytest.raises(InteropError, match="names deck 'sample' but the deck column says 'twin'"):
        parse_review_log(GOOD.strip() + ",deck\n" + f"sample/{first},3,2024-01-01T00:00:00Z,1,twin\n")


GOOD = "card_id,review_rating,review_time,review_duration\n"


@pytest.mark.parametrize("text, message", [
    ("card_id,review_rating,review_time\nx,3,2024-01-01T00:00:00+00:00\n", "missing column review_duration"),
    ("card,rating\n1,2\n", "missing columns card_id, review_rating, review_time"),
    (GOOD + "x,5,2024-01-01T00:00:00+00:00,10\n", "unknown rating '5'"),
    (GOOD + "x,Good,2024-01-01T00:00:00+00:00,10\n", "unknown rating 'Good'"),
    (GOOD + "x,0,2024-01-01T00:00:00+00:00,10\n", "unknown rating '0'"),
    (GOOD + "x,3,2024-01-02T00:00:00+00:00,10\ny,3,2024-01-01T00:00:00+00:00,10\n", ":3: review_time"),
    (GOOD + "x,3,2024-01-01T00:00:00,10\n", "not an ISO 8601 time in UTC"),
    (GOOD + "x,3,2024-01-01T00:00:00+02:00,10\n", "not an ISO 8601 time in UTC"),
    (GOOD + "x,3,yesterday,10\n", "not an ISO 8601 time in UTC"),
    (GOOD + "x,3,2024-01-01T00:00:00Z,soon\n", "not a number of ms"),
    (GOOD + ",3,2024-01-01T00:00:00Z,1\n", "empty card_id"),
])
def test_review_log_bad_input(text, message):
    with pytest.raises(InteropError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_review_log(text)


def test_review_log_accepts_z_and_empty_duration():
    reviews = parse_review_log(GOOD + "x,3,2024-01-01T00:00:00Z,\nx,1,2024-01-01T00:00:00.5+00:00,12\n")
    assert [r.rating for r in reviews] == [3, 1]
    assert reviews[0].duration_ms is None and reviews[1].time.tzinfo is not None


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared/data/review-log-sample.csv is not present")
def test_sample_review_log_reads():
    reviews = read_review_log(SAMPLE)
    assert len(reviews) == 12_580
    assert len({r.card_id for r in reviews}) == 1_205


# --- merge -----------------------------------------------------------------------


def test_merge_is_order_independent_idempotent_and_lossless(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    (a_reviews, _), (b_reviews, _) = _dump(a), _dump(b)
    ab, ba = _copy(a, tmp_path / "ab.db"), _copy(b, tmp_path / "ba.db")

    result = _merge(ab, b)
    assert result.exit_code == 0, result.output
    assert f"{len(b_reviews)} new reviews" in result.output
    assert _merge(ba, a).exit_code == 0

    ab_dump, ba_dump = _dump(ab), _dump(ba)
    assert ab_dump == ba_dump  # A+B equals B+A, reviews and card states alike
    ids = {r[0] for r in ab_dump[0]}
    assert ids == {r[0] for r in a_reviews} | {r[0] for r in b_reviews}  # no review lost

    before = _dump(ab)
    again = _merge(ab, b)
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert _dump(ab) == before
    assert _merge(ab, ba).exit_code == 0
    assert _dump(ab) == before


def test_merge_rebuilds_states_by_replaying_in_time_order(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    ab = _copy(a, tmp_path / "ab.db")
    assert _merge(ab, b).exit_code == 0
    sched = Scheduler(enable_fuzzing=False)
    with Store.open(ab) as store:
        rows = [r for r in store.schedule_rows() if r.state is not None]
        log = list(store.review_log(mode="review"))
    assert rows
    for row in rows:
        history = [r for r in log if r.card_key == (row.deck, row.card_id)]
        assert row.reps == len(history)
        card = sched.new_state(history[0].time)
        for review in history:
            card, _ = sched.review(card, review.rating, review.time)
        replayed, stored = json.loads(dump_state(card)), json.loads(row.state)
        for key in ("stability", "difficulty", "state", "step", "last_review"):
            assert replayed[key] == stored[key], (row.card_id, key)


def test_merge_keeps_cards_reviewed_on_one_side_exactly(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    empty = tmp_path / "empty.db"
    _open(empty, deck_dir, FakeClock()).close()
    assert _merge(empty, a).exit_code == 0
    a_reviews, a_schedule = _dump(a)
    e_reviews, e_schedule = _dump(empty)
    assert e_reviews == a_reviews
    assert e_schedule == a_schedule


def test_merge_into_new_database_and_undone_propagates(tmp_path, deck_dir):
    a, _ = _make_pair(tmp_path, deck_dir)
    fresh = tmp_path / "sub" / "fresh.db"
    assert _merge(fresh, a).exit_code == 0
    assert len(_dump(fresh)[0]) == len(_dump(a)[0])

    # Undo the last review on A after the merge; merging again carries the undo over.
    clock = FakeClock(datetime(2026, 4, 1, tzinfo=timezone.utc))
    coll = _open(a, deck_dir, clock)
    session = coll.start_session()
    session.grade(3)
    session.grade(3)
    session.undo()
    coll.close()
    result = _merge(fresh, a, "--json")
    import json

    report = json.loads(result.output)
    # counted as stats counts: one review, and the undone answer copied for the log
    assert (report["added"], report["added_undone"], report["undone"]) == (1, 1, 0)
    a_reviews, a_schedule = _dump(a)
    f_reviews, f_schedule = _dump(fresh)
    assert [r[:6] for r in f_reviews] == [r[:6] for r in a_reviews]
    assert f_schedule == a_schedule


def test_merge_propagates_undo_of_an_already_merged_review(tmp_path, deck_dir):
    clock = FakeClock(datetime(2026, 4, 1, tzinfo=timezone.utc))
    a = tmp_path / "a.db"
    coll = _open(a, deck_dir, clock)
    session = coll.start_session()
    session.grade(3)
    coll.close()
    b = _copy(a, tmp_path / "b.db")
    coll = _open(a, deck_dir, clock)
    # Undo it on A through the store (as the session's undo would).
    [review] = coll.store.review_log()
    review_id = review.review_id
    coll.store.undo_review(review_id)
    coll.close()
    result = _merge(b, a, "--json")
    import json

    assert json.loads(result.output)["undone"] == 1
    assert _dump(b) == _dump(a)


def test_merge_already_here_counts_reviews_as_stats_does(tmp_path, deck_dir):
    import json

    clock = FakeClock(datetime(2026, 4, 1, tzinfo=timezone.utc))
    a = tmp_path / "a.db"
    coll = _open(a, deck_dir, clock)
    session = coll.start_session()
    for _ in range(3):
        session.grade(3)
    session.undo()  # two reviews and one undone
    coll.close()
    b = _copy(a, tmp_path / "b.db")
    with Store.open(b) as store:
        counted = store.review_count()
    assert counted == 2
    report = json.loads(_merge(b, a, "--json").output)
    assert report["already_present"] == counted and not report["added"]
    assert "2 already here" in _merge(b, a).output
    # into a new database: "new reviews" are the two stats counts, the undone answer said apart
    fresh = tmp_path / "fresh.db"
    text = _merge(fresh, a).output
    assert "2 new reviews (and 1 answer undone there, kept in the log)" in text, text
    with Store.open(fresh) as store:
        assert store.review_count() == 2


def test_merge_reports_settings_conflicts_without_choosing(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    with Store.open(a) as store:
        store.set_setting("scheduler", {"desired_retention": 0.85})
        store.set_setting("limits", {"new_per_day": 5})
    with Store.open(b) as store:
        store.set_setting("scheduler", {"desired_retention": 0.95})
    result = _merge(a, b)
    assert result.exit_code == 0
    text = result.output  # stdout and stderr together
    assert "global/scheduler: differs" in text and "0.85" in text and "0.95" in text
    assert "global/limits: only set here" in text
    with Store.open(a) as store:
        assert store.get_setting("scheduler") == {"desired_retention": 0.85}


def _newer_schema(tmp_path: Path, a: Path) -> Path:
    newer = _copy(a, tmp_path / "newer.db")
    rawdb.write(newer, "PRAGMA user_version=99")
    return newer


def _foreign(tmp_path: Path, _a: Path) -> Path:
    path = tmp_path / "foreign.db"
    rawdb.write(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    return path


def _text(tmp_path: Path, _a: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all\n" * 10)
    return path


def _missing(tmp_path: Path, _a: Path) -> Path:
    return tmp_path / "nope.db"


def _folder(tmp_path: Path, _a: Path) -> Path:
    path = tmp_path / "folder.db"
    path.mkdir()
    return path


@pytest.mark.parametrize("make, message", [
    (_newer_schema, "newer anastro-quiz"),
    (_foreign, "not an anastro-quiz one"),
    (_text, "not an anastro-quiz database"),
    (_missing, "does not exist"),
    (_folder, "is a folder"),
])
def test_merge_bad_input_is_refused_and_nothing_written(tmp_path, deck_dir, make, message):
    a, _ = _make_pair(tmp_path, deck_dir)
    other = make(tmp_path, a)
    target = _copy(a, tmp_path / "target.db")
    digest = _sha(target)
    result = _merge(target, other)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert _sha(target) == digest
    # A database that did not exist yet is not created either.
    ghost = tmp_path / "ghost.db"
    assert _merge(ghost, other).exit_code == 2
    assert not ghost.exists()


def test_merge_with_itself_is_refused(tmp_path, deck_dir):
    a, _ = _make_pair(tmp_path, deck_dir)
    result = _merge(a, a)
    assert result.exit_code == 2 and "is this database" in result.output


def test_merge_api_on_stores(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    with Store.open(a) as store:
        report = store.merge(b)
        assert report.added > 0 and report.cards_rebuilt > 0 and not report.mismatched
        report = store.merge(b)
        assert not report.changed


# --- backup ----------------------------------------------------------------------


def test_backup_while_open_is_consistent(collection, clock, tmp_path):
    session = collection.start_session()
    for _ in range(3):
        session.grade(3, duration_ms=1000)
        clock.advance(minutes=1)
    out = tmp_path / "copy.db"
    db = collection.store.path
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 reviews" in result.output
    with Store.open(out) as copy:
        assert copy.review_count() == 3 and copy.integrity_check() == "ok"
    assert not Path(str(out) + "-wal").exists()
    session.grade(3)  # the app keeps working while and after the backup is taken
    assert collection.store.review_count() == 4

    again = CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(out), "--force"]).exit_code == 0
    with Store.open(out) as copy:
        assert copy.review_count() == 4


def test_backup_counts_reviews_as_stats_does(collection, clock, deck_dir, tmp_path):
    session = collection.start_session()
    for _ in range(3):
        session.grade(3, duration_ms=1000)
        clock.advance(minutes=1)
    session.undo()  # an undone review stays in the log (undone=1) but is no longer a review
    db = collection.store.path
    stats = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(deck_dir), "stats", "--json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["reviews"]["total"] == 2 == collection.store.review_count()
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(tmp_path / "copy.db")])
    assert result.exit_code == 0, result.output
    assert "(2 reviews," in result.output


def test_backup_default_location_and_folder_target(collection, tmp_path):
    db = collection.store.path
    result = CliRunner().invoke(cli, ["--db", str(db), "backup"])
    assert result.exit_code == 0, result.output
    made = list((db.parent / "backups").glob("progress-*.db"))
    assert len(made) == 1
    folder = tmp_path / "bk"
    folder.mkdir()
    assert CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(folder)]).exit_code == 0
    assert len(list(folder.glob("progress-*.db"))) == 1


def test_backup_without_database_or_of_foreign_file(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "backup"])
    assert result.exit_code == 2 and "no database" in result.output
    text = tmp_path / "x.db"
    text.write_text("hello")
    result = CliRunner().invoke(cli, ["--db", str(text), "backup", "-o", str(tmp_path / "y.db")])
    assert result.exit_code == 2 and not (tmp_path / "y.db").exists()


def test_merge_from_a_copy_that_is_open_and_studying(tmp_path, deck_dir):
    a, _ = _make_pair(tmp_path, deck_dir)
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc))
    live = _open(tmp_path / "live.db", deck_dir, clock)
    session = live.start_session()
    for _ in range(3):
        session.grade(3, duration_ms=900)
        clock.advance(minutes=1)
    try:
        result = _merge(a, tmp_path / "live.db", "--json")
        assert result.exit_code == 0, result.output
        import json

        assert json.loads(result.output)["added"] == 3
    finally:
        live.close()


def test_merge_into_a_busy_database_writes_nothing(tmp_path, deck_dir):
    a, b = _make_pair(tmp_path, deck_dir)
    before = _dump(a)
    with rawdb.write_locked(a):
        result = _merge(a, b)
    assert result.exit_code == 2 and "busy" in result.output
    assert _dump(a) == before


def test_progress_export_unknown_deck_is_an_error(collection, tmp_path):
    session = collection.start_session()
    session.grade(3)
    db = str(collection.store.path)
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(cli, ["--db", db, "progress", "export", "--deck", "nope", "-o", str(out)])
    assert result.exit_code == 2
    assert "unknown deck id: nope" in result.output and "sample" in result.output
    assert not out.exists()
    assert CliRunner().invoke(cli, ["--db", db, "progress", "export", "--deck", "nope"]).exit_code == 2
    ok = CliRunner().invoke(cli, ["--db", db, "progress", "export", "--deck", "sample"])
    assert ok.exit_code == 0 and len(ok.output.splitlines()) == 2


def test_progress_export_without_database(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "progress", "export"])
    assert result.exit_code == 2 and "no database" in result.output
    assert not (tmp_path / "none.db").exists()
