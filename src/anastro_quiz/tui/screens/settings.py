"""Settings: desired retention, daily limits, learning steps; saved in the database."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Static, Switch

from ...collection import DailyLimits
from ...scheduler import SchedulerSettings
from .base import CoreScreen

FIELDS = [
    ("retention", "Desired retention (0.70-0.99)", "number"),
    ("new", "New cards per day", "integer"),
    ("reviews", "Reviews per day", "integer"),
    ("learning", "Learning steps (minutes)", "text"),
    ("relearning", "Relearning steps (minutes)", "text"),
    ("max-interval", "Maximum interval (days)", "integer"),
]


def _steps(text: str) -> list[float]:
    try:
        return [float(x) for x in text.replace(",", " ").split()]
    except ValueError:
        raise ValueError(f"steps must be minutes separated by spaces, like '1 10' (got {text!r})") from None


def _fmt_steps(steps: list[float]) -> str:
    return " ".join(f"{s:g}" for s in steps)


class SettingsScreen(CoreScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]
    HELP = "Tab moves between fields; Ctrl+S (or Enter in a field) saves. Applies to every deck."

    def __init__(self) -> None:
        super().__init__()
        self.loaded: tuple[SchedulerSettings, DailyLimits] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings", classes="panel"):
            yield Static("Scheduling and daily limits (all decks)", classes="panel-title")
            with Grid(id="settings-grid"):
                for key, label, kind in FIELDS:
                    yield Label(label)
                    yield Input(id=f"set-{key}", type=kind, compact=True)
                yield Label("Fuzz intervals")
                yield Switch(id="set-fuzz", animate=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", id="settings-save", variant="primary", compact=True)
            yield Static("", id="settings-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        c = self.collection
        self.db(lambda: (c.scheduler_settings(), c.limits()), self.show, name="load settings")

    def show(self, loaded: tuple[SchedulerSettings, DailyLimits]) -> None:
        self.loaded = loaded
        settings, limits = loaded
        values = {"retention": f"{settings.desired_retention:g}", "new": str(limits.new_per_day),
                  "reviews": str(limits.reviews_per_day), "learning": _fmt_steps(settings.learning_steps_minutes),
                  "relearning": _fmt_steps(settings.relearning_steps_minutes),
                  "max-interval": str(settings.maximum_interval_days)}
        for key, value in values.items():
            self.query_one(f"#set-{key}", Input).value = value
        self.query_one("#set-fuzz", Switch).value = settings.enable_fuzzing
        self.query_one("#set-retention", Input).focus()

    def read_form(self) -> tuple[SchedulerSettings, DailyLimits]:
        """The settings as typed; raises ``ValueError`` with a readable message."""
        assert self.loaded is not None
        value = {key: self.query_one(f"#set-{key}", Input).value.strip() for key, _l, _k in FIELDS}
        try:
            retention = float(value["retention"])
            new, reviews, max_days = int(value["new"]), int(value["reviews"]), int(value["max-interval"])
        except ValueError:
            raise ValueError("retention must be a number; limits and the maximum interval whole numbers") from None
        settings = replace(self.loaded[0], desired_retention=retention, learning_steps_minutes=_steps(value["learning"]),
                           relearning_steps_minutes=_steps(value["relearning"]), maximum_interval_days=max_days,
                           enable_fuzzing=self.query_one("#set-fuzz", Switch).value)
        settings.validate()
        if new < 0 or reviews < 0:
            raise ValueError("daily limits cannot be negative")
        return settings, DailyLimits(new, reviews)

    def action_save(self) -> None:
        if self.loaded is None:
            return
        try:
            settings, limits = self.read_form()
        except ValueError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return

        def save() -> tuple[SchedulerSettings, DailyLimits]:
            self.collection.save_scheduler_settings(settings)
            self.collection.save_limits(limits)
            return settings, limits

        def saved(result: tuple[SchedulerSettings, DailyLimits]) -> None:
            self.loaded = result
            self.query_one("#settings-status", Static).update("Saved.")
            self.notify("Settings saved.", timeout=2)

        self.db(save, saved, name="save settings")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save()
