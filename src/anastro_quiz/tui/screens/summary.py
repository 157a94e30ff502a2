"""End of session: what was done, how well, what comes next; re-drill the misses, or undo the
session's last action, a grade or a bury or suspend (the session opens again on that card)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, Static

from ...session import SessionSummary, StudySession
from ...study_days import due_forecast
from ..shared_keys import key_footer
from .base import CoreScreen
from ...numbers import plural


@dataclass
class SummaryData:
    summary: SessionSummary
    deck_ids: list[str]
    mode: str
    due_tomorrow: int
    due_week: int
    session: StudySession | None = None  # the session summarised: u undoes its last action
    can_undo: bool = False
    undo_action: str | None = None  # what u takes back: "grade", "bury", "suspend", "mark" or "edit"


def load_summary(collection, session: StudySession) -> SummaryData:
    """Close ``session`` and gather its summary and the coming forecast (runs in a worker)."""
    summary = session.finish()
    forecast = due_forecast(collection, session.deck_ids, collection.now(), 8)
    return SummaryData(summary, session.deck_ids, session.mode, forecast[1].due,
                       sum(day.due for day in forecast[1:8]), session, session.can_undo, session.undo_action)


def format_duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


class SummaryScreen(CoreScreen):
    BINDINGS = [
        Binding("r", "redrill", "Re-drill missed", id="redrill"),
        Binding("u", "undo", "Undo", tooltip="Take back the session's last action (a grade, bury or suspend): "
                "its card is shown again", id="undo"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="undo-ctrl"),
        Binding("q,escape,enter", "app.pop_screen", "Home", id="home"),
    ]
    HELP = "Re-drilling practises the cards you answered Again; it does not change their schedule."

    def __init__(self, data: SummaryData) -> None:
        super().__init__()
        self.data = data

    def compose(self) -> ComposeResult:
        s, d = self.data.summary, self.data
        per_review = f" ({s.seconds / s.reviewed:.0f}s per review)" if s.reviewed else ""
        recall = f"{s.recall_rate:.0%}" if s.recall_rate is not None else "–"
        grades = " · ".join(f"{name} {count}" for name, count in s.grades.items())
        missed = len(s.again_items)
        yield Header()
        with Vertical(id="summary", classes="panel"):
            yield Static(Content.from_markup("[b]$title[/]", title="Drill finished" if d.mode == "drill"
                                             else "Session finished"), classes="panel-title")
            yield Static(Content.from_markup(
                "Cards reviewed  [b]$n[/] ($reviews)\nTime            [b]$t[/]$per\nGrades          $grades\n"
                "Recall rate     [b]$recall[/]\nComing due      [b]$tom[/] tomorrow · [b]$week[/] in the next 7 days",
                n=s.cards, reviews=plural(s.reviewed, "review"), t=format_duration(s.seconds), per=per_review, grades=grades, recall=recall,
                tom=d.due_tomorrow, week=d.due_week), id="summary-body")
            hint = (f"Press r to re-drill the {plural(missed, 'card')} you missed, or Enter to go home." if missed
                    else "No misses. Press Enter to go home.")
            if d.can_undo and d.undo_action:  # a session can end on a bury as well as a grade
                hint += f" u takes back the last {d.undo_action}."
            if self.app.preview_day is not None:  # said again where the reviews are counted
                hint += f" This was a preview of {self.app.preview_day}: these reviews are not kept."
            yield Static(hint, id="summary-hint")
        yield key_footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "redrill" and not self.data.summary.again_items:
            return None  # shown greyed out: there is nothing to re-drill
        if action == "undo" and not self.data.can_undo:
            return None
        return True

    def action_undo(self) -> None:
        """Undo the session's last action (its last grade, as a rule) and go back to Review
        on that card; the session goes on from there and is summarised again when it ends."""
        session = self.data.session
        if session is None or not self.data.can_undo:
            return
        # Review undoes it in the session's worker (the one place the session changes), then shows the card.
        if self.app.resume_session(session, replace=self, undo_first=True):
            self.data.can_undo = False  # pressed twice: one undo

    def action_redrill(self) -> None:
        items = list(self.data.summary.again_items)
        deck_ids = self.data.deck_ids

        def start() -> StudySession:
            return StudySession(self.collection, deck_ids, mode="drill", items=items)

        # Through the app, which starts one session at a time (r pressed twice: one drill).
        self.app.open_session(start, replace=self, name="start re-drill")
