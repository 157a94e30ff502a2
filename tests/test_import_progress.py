"""Long work shows progress on a terminal, never when piped (issue 14): a first import of
big decks draws a bar on stderr as each deck file is read, a merge as cards are rebuilt."""

from __future__ import annotations

import io
import sys

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.cli import progress_bar
from anastro_quiz.collection import Collection
from anastro_quiz.decks import load_decks


def _three_decks(deck_dir):
    for n in (2, 3):
        text = (deck_dir / "all_types.yaml").read_text(encoding="utf-8").replace("id: sample", f"id: sample{n}", 1)
        (deck_dir / f"copy{n}.yaml").write_text(text, encoding="utf-8")
    return deck_dir


def test_loading_decks_reports_each_file(deck_dir):
    _three_decks(deck_dir)
    seen = []
    decks = load_decks([deck_dir], progress=lambda done, total, name: seen.append((done, total, name)))
    assert len(decks) == 3
    assert seen == [(0, 3, "all_types.yaml"), (1, 3, "copy2.yaml"), (2, 3, "copy3.yaml"), (3, 3, "")]


def test_a_bar_on_a_terminal_and_none_when_piped(tmp_path, deck_dir, monkeypatch):
    _three_decks(deck_dir)
    args = ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "decks"]
    piped = CliRunner().invoke(cli, args)
    assert piped.exit_code == 0, piped.output
    assert "Reading decks" not in piped.output



def test_the_bar_on_a_terminal_follows_the_deck_files(tmp_path, deck_dir, monkeypatch):
    _three_decks(deck_dir)
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.setattr(progress_bar, "DELAY", 0.0)
    with progress_bar.terminal_progress("Reading decks") as step:
        Collection.open(tmp_path / "p.db", [deck_dir], progress=step).close()
    assert "Reading decks" in tty.getvalue() and "100%" in tty.getvalue(), tty.getvalue()


def test_a_merge_reports_the_cards_it_rebuilds(tmp_path, deck_dir, clock):
    from anastro_quiz.scheduler import Rating
    from anastro_quiz.store import Store

    Collection.open(tmp_path / "a.db", [deck_dir], clock=clock).close()
    other = Collection.open(tmp_path / "b.db", [deck_dir], clock=clock)
    session = other.start_session()
    for _ in range(3):
        session.grade(Rating.Good)
    other.close()
    seen = []
    with Store.open(tmp_path / "a.db") as store:
        report = store.merge(tmp_path / "b.db", progress=lambda done, total, name: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1] == (report.cards_rebuilt, report.cards_rebuilt) and report.cards_rebuilt > 0


def test_an_import_reports_the_cards_it_rebuilds(tmp_path, deck_dir, clock, monkeypatch):
    """`progress import` draws "Rebuilding cards" on a terminal as the imported cards are replayed."""
    from anastro_quiz.scheduler import Rating

    other = Collection.open(tmp_path / "b.db", [deck_dir], clock=clock)
    session = other.start_session()
    for _ in range(4):
        session.grade(Rating.Good)
    other.close()
    log = tmp_path / "log.csv"
    exported = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "--decks", str(deck_dir), "progress", "export",
                                        "-o", str(log)])
    assert exported.exit_code == 0, exported.output
    seen = []

    def recording(label, delay=None, **options):
        return _recorder(seen if label == "Rebuilding cards" else [])

    monkeypatch.setattr(progress_bar, "terminal_progress", recording)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "--decks", str(deck_dir), "progress", "import",
                                      str(log)])
    assert result.exit_code == 0, result.output
    rebuilt = int(result.output.split(" card")[0].rsplit(" ", 1)[1])
    assert rebuilt > 0 and seen[0] == (0, rebuilt) and seen[-1] == (rebuilt, rebuilt)


def _recorder(seen):
    from contextlib import contextmanager

    @contextmanager
    def bar():
        yield lambda done, total, name: seen.append((done, total))

    return bar()


class _Tty:
    """A terminal's stderr, captured."""

    def __init__(self):
        self.buffer = io.StringIO()

    def write(self, text):
        return self.buffer.write(text)

    def flush(self):
        pass

    def isatty(self):
        return True

    def getvalue(self):
        return self.buffer.getvalue()
