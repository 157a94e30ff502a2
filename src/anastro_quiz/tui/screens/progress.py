"""Progress: heatmap, due forecast, retention by week, cards by state, mastery, leeches, exam
readiness and the exam plan (made, previewed and followed here; see ``exam_planner``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, Select, Static, TabbedContent, TabPane

from ...clock import NotADay, date_of, study_day
from ...exam_plan import ExamPlan, PlanError, check_plan, check_topics
from ...exam_planner import PlanForecast, forecast_plan, make_plan
from ...stats import (CollectionStats, DueDay, Retention, WeekRetention, collection_stats, retention_by_week,
                      review_days)
from ..widgets.bars import labelled_bars, share_bar
from ..widgets.charts import draw_due_per_day, draw_weekly_retention
from ..widgets.heatmap import Heatmap
from ..shared_keys import key_footer
from ..work import Reply, change
from .base import CoreScreen
from ...numbers import noun

if TYPE_CHECKING:
    from ...errors import UserError
    from ...interop.simulate import Simulation


@dataclass
class ProgressData:
    stats: CollectionStats
    days: dict[str, int]
    weekly: list[WeekRetention]
    today: date
    plan: PlanForecast | None = None  # the exam plan in force, followed from the schedule as it is
    fit: str = ""  # the line about the scheduler fitting itself (autofit)


def load_progress(collection) -> ProgressData:
    from ...autofit import progress_line

    now = collection.now()
    plan = collection.exam_plan()
    return ProgressData(collection_stats(collection, now), review_days(collection),
                        retention_by_week(collection, now, 12), study_day(now),
                        forecast_plan(collection, plan, now) if plan is not None and plan.active(now) else None,
                        progress_line(collection))


ALL_DECKS = "__all__"
ALL_TOPICS = "__all_topics__"


def _rate(r: Retention) -> str:
    return f"{r.rate:.0%} of {r.reviews}" if r.rate is not None else "–"


class ProgressScreen(CoreScreen):
    BINDINGS = [
        Binding("q,escape", "app.pop_screen", "Back", id="back"),
        Binding("m", "app.merge", "Merge a copy", id="merge",
                tooltip="Merge another copy's progress (its progress.db) into this one"),
        Binding("left,h", "tab(-1)", "Prev tab", show=False),
        Binding("right,l", "tab(1)", "Next tab", show=False),
    ]
    HELP = ("The Simulate tab runs FSRS's simulator (optimizer extra). On the Exam tab, a date (YYYY-MM-DD) gives "
            "the predicted recall on that day; with a recall target, Preview plan shows an exam plan and "
            "Apply plan makes it (reviews brought forward so every card is at the target on the day).")
    TABS = ("overview", "heatmap", "forecast", "retention", "mastery", "exam", "simulate")

    def __init__(self) -> None:
        super().__init__()
        self.data: ProgressData | None = None

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot  # plotext is only paid for when this screen opens

        yield Header()
        with TabbedContent(id="progress-tabs"):
            with TabPane("Overview", id="overview"):
                yield VerticalScroll(Static("Loading…", id="overview-text"))
            with TabPane("Heatmap", id="heatmap"):
                yield Heatmap(id="heatmap-grid")
            with TabPane("Forecast", id="forecast"):
                yield PlotextPlot(id="forecast-plot")
            with TabPane("Retention", id="retention"):
                yield PlotextPlot(id="retention-plot")
            with TabPane("Mastery", id="mastery"):
                yield VerticalScroll(Static("", id="mastery-text"))
            with TabPane("Exam", id="exam"):
                with VerticalScroll():
                    with Horizontal(classes="form-row"):
                        yield Label("Exam date")
                        yield Input(id="exam-date", placeholder="YYYY-MM-DD", compact=True)
                        yield Label("Recall")
                        yield Input("0.9", id="exam-recall", compact=True)
                        yield Select([("All decks", ALL_DECKS)], id="exam-decks", value=ALL_DECKS,
                                     allow_blank=False, compact=True)
                        yield Select([("All topics", ALL_TOPICS)], id="exam-topics", value=ALL_TOPICS,
                                     allow_blank=False, compact=True)
                    with Horizontal(classes="buttons"):
                        yield Button("Preview plan", id="plan-preview", compact=True)
                        yield Button("Apply plan", id="plan-apply", variant="primary", compact=True)
                        yield Button("Clear plan", id="plan-clear", compact=True)
                    yield Static("", id="plan-text")
                    yield Static("", id="exam-text")
            with TabPane("Simulate", id="simulate"):
                with VerticalScroll():
                    with Horizontal(classes="buttons"):
                        yield Button("Simulate the next year", id="simulate-run", compact=True)
                    yield Static("", id="simulate-text")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        self.query_one("#progress-tabs").can_focus = True
        self.query_one("#exam-decks", Select).set_options(
            [("All decks", ALL_DECKS)] + [(d.title, d.id) for d in self.collection.decks.values()])
        self.load()

    @dataclass
    class Loaded(Reply):
        data: ProgressData

    @work(thread=True, exclusive=True, exit_on_error=False, group="load progress", name="load progress")
    def load(self) -> None:
        self.post_message(self.Loaded(self.database(lambda: load_progress(self.collection))))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not message.stale:
            self.show(message.data)

    def show(self, data: ProgressData) -> None:
        self.data = data
        s = data.stats
        cards = s.cards
        leeches = s.leeches
        leech_lines = "\n".join(f"  • {x.prompt[:70]}" for x in leeches[:20]) or "  none"
        self.query_one("#overview-text", Static).update(Content.from_markup(
            "[b]Cards[/]    new $new · learning $learn · review $rev · relearning $relearn · suspended $susp\n"
            "[b]Reviews[/]  $total in total · $today today\n"
            "[b]True retention[/]  7 days: $r7 · 30 days: $r30\n$fit\n"
            "[b]Streak[/]   $cur $days · longest $best\n\n[b]Leeches[/] ($n, cards you keep forgetting)\n$leeches",
            new=cards.new, learn=cards.learning, rev=cards.review, relearn=cards.relearning,
            susp=cards.suspended, total=s.reviews.total, today=s.reviews.today,
            r7=_rate(s.retention_7d), r30=_rate(s.retention_30d), fit=data.fit, cur=s.streak.current, days=noun(s.streak.current, "day"),
            best=s.streak.longest, n=len(leeches), leeches=leech_lines))
        self.query_one(Heatmap).show(data.days, data.today)
        self._draw_forecast(s.forecast)
        self._draw_retention(data.weekly)
        titles = {d.id: d.title for d in self.collection.decks.values()}
        mastery = s.mastery
        self.query_one("#mastery-text", Static).update(
            Content.from_markup("[b]Mastery by deck[/] (share of cards FSRS predicts you recall at 90% "
                                "a week from now; new and just-learnt cards are not mastered yet)\n")
            + labelled_bars({titles.get(k, k): v for k, v in mastery.decks.items()})
            + Content.from_markup("\n\n[b]Mastery by topic[/]\n") + labelled_bars(mastery.tags))
        topics = self.query_one("#exam-topics", Select)
        chosen = topics.value
        topics.set_options([("All topics", ALL_TOPICS)] + [(t, t) for t in sorted(mastery.tags)])
        topics.value = chosen if chosen in mastery.tags else ALL_TOPICS
        exam = self.query_one("#exam-date", Input)
        if data.plan is not None:
            plan = data.plan.plan
            exam.value = plan.exam.isoformat()
            self.query_one("#exam-recall", Input).value = f"{plan.recall:g}"
            if len(plan.decks) == 1 and plan.decks[0] in self.collection.decks:
                self.query_one("#exam-decks", Select).value = plan.decks[0]
            if len(plan.topics) == 1 and plan.topics[0] in mastery.tags:
                topics.value = plan.topics[0]
            self.show_plan(data.plan, "Exam plan in force")
        else:
            self.query_one("#plan-text", Static).update(Content.from_markup(
                "\n[$text-muted]No exam plan. Pick the date, the recall every card should have on the day "
                "and the decks, then Preview plan or Apply plan.[/]"))
        if not exam.value:
            exam.value = (data.today + timedelta(days=30)).isoformat()
        self.update_exam(exam.value)

    def _draw_forecast(self, forecast: list[DueDay]) -> None:
        from textual_plotext import PlotextPlot

        plot = self.query_one("#forecast-plot", PlotextPlot)
        draw_due_per_day(plot.plt, forecast)
        plot.refresh()

    def _draw_retention(self, weekly: list[WeekRetention]) -> None:
        from textual_plotext import PlotextPlot

        plot = self.query_one("#retention-plot", PlotextPlot)
        draw_weekly_retention(plot.plt, weekly)
        plot.refresh()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.update_exam(self.query_one("#exam-date", Input).value)

    # --- exam plan ---------------------------------------------------------------

    def typed_plan(self) -> ExamPlan | None:
        """The plan the Exam tab's fields describe, or ``None`` (and a warning) if they are wrong."""
        decks = self.query_one("#exam-decks", Select).value
        topic = self.query_one("#exam-topics", Select).value
        try:  # the topic is checked against the decks' cards in the worker (plan_exam)
            return check_plan(self.query_one("#exam-date", Input).value, self.query_one("#exam-recall", Input).value,
                              [] if decks in (ALL_DECKS, Select.BLANK) else [str(decks)],
                              list(self.collection.decks), self.collection.now(),
                              [] if topic in (ALL_TOPICS, Select.BLANK) else [str(topic)])
        except PlanError as exc:
            self.notify(str(exc), title="No plan", severity="warning")
            return None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "simulate-run":
            self.run_simulation()
            return
        if event.button.id == "plan-clear":
            if not self.app.refused_in_preview("drop the exam plan"):
                self.clear_plan()
            return
        if event.button.id == "plan-apply" and self.app.refused_in_preview("apply an exam plan"):
            return  # Preview plan still shows what the plan would do
        plan = self.typed_plan()
        if plan is None:
            return
        self.plan_exam(plan, event.button.id == "plan-apply")

    @dataclass
    class Planned(Reply):
        result: PlanForecast | PlanError
        applied: bool

    @change(name="exam plan", group="exam plan")
    def plan_exam(self, plan: ExamPlan, apply: bool) -> None:
        """Preview the plan, or apply it (never exclusive: an applied plan is always confirmed)."""
        collection = self.collection

        def job() -> PlanForecast | PlanError:
            try:
                check_topics(plan, collection.tags_of)
                result, moves = make_plan(collection, plan)
            except PlanError as exc:
                return exc
            if apply:
                collection.apply_exam_plan(result.plan, moves)  # calibrated by make_plan
            return result

        self.post_message(self.Planned(self.database(job), apply))

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        result, apply = message.result, message.applied
        if isinstance(result, PlanError):
            self.notify(str(result), title="No plan", severity="warning")
            return
        self.show_plan(result, "Exam plan saved" if apply else "Preview (nothing changed yet)")
        if apply:
            self.notify("Exam plan saved: reviews follow it until the exam.", timeout=3)

    @dataclass
    class PlanCleared(Reply):
        had_plan: bool

    @change(name="clear plan", group="clear plan")
    def clear_plan(self) -> None:
        self.post_message(self.PlanCleared(self.database(self.collection.clear_exam_plan)))

    @on(PlanCleared)
    def plan_cleared(self, message: PlanCleared) -> None:
        self.query_one("#plan-text", Static).update(Content.from_markup(
            "\n[$text-muted]$what[/]", what="Exam plan dropped (due dates it set stay)." if message.had_plan
            else "There was no exam plan."))

    def show_plan(self, result: PlanForecast, heading: str) -> None:
        plan = result.plan
        titles = ", ".join(self.collection.decks[d].title if d in self.collection.decks else d for d in plan.decks)
        if plan.topics:
            titles += f" · topics {', '.join(plan.topics)}"
        text = Content.from_markup(
            "\n[b]$heading[/]: exam $exam, recall $r or above · $titles\n"
            "Cards at or above $r on the day, keeping to the plan: ", heading=heading,
            exam=plan.exam.isoformat(), r=f"{plan.recall:g}", titles=titles)
        text += share_bar(result.predicted_share) + Content(f" ({result.at_or_above} of {result.cards})")
        record = result.calibration.describe() if result.calibration is not None else None
        if record:
            text += Content.from_markup("\n[$text-muted]$record[/]", record=record[0].upper() + record[1:])
        if result.pace_note():
            text += Content.from_markup("\n$pace", pace=result.pace_note()[0].upper() + result.pace_note()[1:])
        notes = []
        if result.new_late:
            notes.append(f"{result.new_late} new {noun(result.new_late, 'card')} too late at the daily new-card "
                         "limit (raise it in Settings)")
        if result.waiting:
            notes.append(f"{result.waiting} {noun(result.waiting, 'review')} waiting for room under the daily limit")
        if notes:
            text += Content.from_markup("\n[$warning]$notes[/]", notes="; ".join(notes))
        text += Content.from_markup("\n[b]Reviews per day until the exam[/]\n")
        top = max(result.reviews_per_day.values(), default=0) or 1
        lines = []
        for day, count in result.reviews_per_day.items():
            new = result.new_per_day.get(day, 0)
            lines.append(f"{day}  {'█' * round(20 * count / top):<20} {count}" + (f" + {new} new" if new else ""))
        self.query_one("#plan-text", Static).update(text + Content("\n".join(lines)))

    def update_exam(self, text: str) -> None:
        try:
            day = date_of(text)
        except NotADay as exc:
            self.notify(f"{exc}: type the exam date as YYYY-MM-DD.", severity="warning")
            return
        except ValueError:
            self.notify("Type the exam date as YYYY-MM-DD.", severity="warning")
            return
        today = study_day(self.collection.now())
        if day < today:
            self.notify(f"{day.isoformat()} has passed: type a date from today ({today.isoformat()}) on.",
                        severity="warning")
            return
        self.readiness(day)

    @dataclass
    class Readiness(Reply):
        day: date
        shares: dict[str, float]

    @work(thread=True, exclusive=True, exit_on_error=False, group="exam readiness", name="exam readiness")
    def readiness(self, day: date) -> None:
        # Noon local time on the exam day: the moment the learner would sit it.
        moment = datetime.combine(day, time(12)).astimezone()
        self.post_message(self.Readiness(day, self.database(lambda: self.collection.recall_by_deck(moment))))

    @on(Readiness)
    def _readiness(self, message: Readiness) -> None:
        if message.stale:
            return
        titles = {d.id: d.title for d in self.collection.decks.values()}
        self.query_one("#exam-text", Static).update(
            Content.from_markup("\n[b]Predicted recall on $day[/] (share of each deck you would remember)\n",
                                day=message.day.isoformat())
            + labelled_bars({titles.get(k, k): v for k, v in message.shares.items()})
            + Content.from_markup("\n\n[$text-muted]If you review nothing before then: every review you do "
                                  "raises it. Cards never studied count as forgotten.[/]"))

    @dataclass
    class Simulated(Reply):
        result: Simulation | UserError  # or the UserError saying why there is none

    @work(thread=True, exclusive=True, exit_on_error=False, group="simulate", name="simulate")
    def run_simulation(self) -> None:
        """FSRS's simulator over a year at the desired retention (``anastro-quiz simulate``)."""
        from ...errors import UserError
        from ...interop.simulate import simulate_collection

        collection = self.collection

        def job():
            try:
                return simulate_collection(collection, 365)
            except UserError as exc:  # the optimizer extra missing, or no cards: said, not failed
                return exc

        self.post_message(self.Simulated(self.database(job)))

    @on(Simulated)
    def _simulated(self, message: Simulated) -> None:
        from ...errors import UserError

        if message.stale:
            return
        result = message.result
        text = self.query_one("#simulate-text", Static)
        if isinstance(result, UserError):
            text.update(Content.from_markup("\n[$warning]$m[/]", m=str(result)))
            return
        text.update(Content.from_markup(
            "\n[b]$cards cards over 365 days at desired retention $r[/] (from your cards as they "
            "are, within the daily limits)\n$reviews reviews, $hours hours; $known cards memorised at the end\n"
            "Retention with the least study time per memorised card: [b]$best[/]",
            cards=result.cards, r=f"{result.retention:g}", reviews=result.total_reviews,
            hours=f"{sum(result.minutes_per_day) / 60:.1f}", known=f"{result.memorized_per_day[-1]:.0f}",
            best=f"{result.optimal_retention:.2f}"))

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        if isinstance(self.focused, Input):
            return
        index = self.TABS.index(tabs.active) if tabs.active in self.TABS else 0
        tabs.active = self.TABS[(index + step) % len(self.TABS)]
