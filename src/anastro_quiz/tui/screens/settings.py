"""Settings: desired retention, daily limits, learning steps, FSRS parameters, load balancing and
easy days, the hour study days start at; saved in the database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select, Static, Switch

from ...clock import check_day_start_hour
from ...collection import DailyLimits
from ...quantities import format_steps, parse_steps
from ...scheduler import SchedulerSettings
from ...settings import format_easy_days, parse_easy_days, parse_parameters
from ...siblings import SiblingRules
from ..shared_keys import key_footer
from ..work import Reply, change
from .base import CoreScreen
from .settings_optimize import OptimizeParameters
from .settings_reschedule import RescheduleOnChange

Loaded = tuple[SchedulerSettings, DailyLimits, bool, int, SiblingRules]

GLOBAL = "__global__"
FIELDS = [
    ("retention", "Desired retention (0.70-0.99)", "number"),
    ("new", "New cards per day", "integer"),
    ("reviews", "Reviews per day", "integer"),
    ("learning", "Learning steps (1m 10m 1h 1d)", "text"),
    ("relearning", "Relearning steps (10m 1d)", "text"),
    ("max-interval", "Maximum interval (days)", "integer"),
    ("parameters", "FSRS parameters (21 numbers)", "text"),
]


class SettingsScreen(OptimizeParameters, RescheduleOnChange, CoreScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+o", "optimize", "Optimize", id="optimize",
                tooltip="Fit the FSRS parameters to your reviews (of the deck in scope); Ctrl+S then saves them"),
        Binding("ctrl+r", "reset_deck", "Reset deck to global", tooltip="The deck in scope drops its own values",
                id="reset-deck"),
        Binding("escape", "leave", "Back", tooltip="Back; with unsaved edits, asks first", id="back"),
    ]
    HELP = ("'Applies to' picks every deck (global) or one deck, whose saved values override the global "
            "ones. The hour the study day starts is one for every deck (set it under global).")

    def __init__(self, deck_id: str | None = None) -> None:
        super().__init__()
        self.loaded: tuple[SchedulerSettings, DailyLimits, bool, int, SiblingRules] | None = None
        self._shown: dict[str, object] | None = None  # the form as last loaded or saved (see unsaved)
        self._leave_after_save = False  # Save chosen in the unsaved-changes question: leave once saved
        # Save chosen when 'Applies to' changed with edits: the scope to show once they are saved.
        self._scope_after_save: str | None = None
        self.deck_id = deck_id  # None: the global settings
        self.overrides: list[str] = []  # what the deck in scope has values of its own for

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings", classes="panel"):
            yield Static("Scheduling and daily limits", classes="panel-title")
            with Horizontal(classes="form-row"):
                yield Label("Applies to")
                yield Select([("All decks (global)", GLOBAL)], id="set-scope", value=GLOBAL,
                             allow_blank=False, compact=True)
            yield Static("", id="settings-scope-note")
            with Grid(id="settings-grid"):
                for key, label, kind in FIELDS:
                    yield Label(label)
                    yield Input(id=f"set-{key}", type=kind, compact=True,
                                placeholder="empty: FSRS defaults" if key == "parameters" else "")
                yield Label("Fuzz intervals")
                yield Switch(id="set-fuzz", animate=False)
                yield Label("Load balancing")
                yield Switch(id="set-balance", animate=False,
                             tooltip="A review goes to the day of its fuzz range with the fewest cards due")
                yield Label("Easy days (e.g. Sat Sun)")
                yield Input(id="set-easy-days", compact=True, placeholder="none",
                            tooltip="Days of the week kept light: reviews move off them, within the fuzz range")
                yield Label("New cards wait until kept (g)")
                yield Switch(id="set-hold", animate=False,
                             tooltip="Never-studied cards are introduced only once kept in New from generator")
                yield Label("Siblings of a card: new ones wait")
                yield Switch(id="set-bury-new", animate=False,
                             tooltip="A new side or cloze of a card studied today waits for another day")
                yield Label("Siblings of a card: reviews wait")
                yield Switch(id="set-bury-reviews", animate=False,
                             tooltip="A due side or cloze of a card studied today waits for another day")
                yield Label("Study day starts at (hour)")
                yield Input(id="set-day-start", type="integer", compact=True,
                            tooltip="0-23, local time, for every deck: a review before it counts for the day before")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="settings-save", variant="primary", compact=True)
                yield Button("Optimize parameters", id="settings-optimize", compact=True)
            yield Static("", id="settings-status")
            yield Static("", id="settings-optimized")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        scope = self.query_one("#set-scope", Select)
        scope.set_options([("All decks (global)", GLOBAL)] + [
            (f"Deck: {d.title}", d.id) for d in self.collection.decks.values()])
        scope.value = self.deck_id or GLOBAL
        self.load()
        if self.app.preview_day is not None:  # before any edit is typed
            self.notify(f"You are previewing {self.app.preview_day}: these settings are shown but cannot be "
                        "saved. Open the app without --today to change them.", title="Not kept in a preview",
                        severity="warning", timeout=8, markup=False)

    @dataclass
    class Read(Reply):
        loaded: Loaded
        overrides: list[str]  # the settings the deck in scope has values of its own for

    def load(self) -> None:
        self.read_settings(self.deck_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load settings", name="load settings")
    def read_settings(self, deck_id: str | None) -> None:
        c = self.collection
        self.post_message(self.Read(*self.database(lambda: ((
            c.scheduler_settings(deck_id), c.limits(deck_id), c.holds_uncurated(deck_id), c.day_start_hour(),
            c.siblings(deck_id)), c.deck_overrides(deck_id) if deck_id else []))))

    @on(Read)
    def _read(self, message: Read) -> None:
        if not message.stale:  # a scope chosen since asks again: its settings show
            self.overrides = message.overrides
            self._show_scope()
            self.show(message.loaded)

    def _show_scope(self) -> None:
        """Under "Applies to": whether a deck's values are its own or the global ones."""
        note = self.query_one("#settings-scope-note", Static)
        if self.deck_id is None:
            note.update("Every deck uses these, unless it has values of its own.")
        elif not self.overrides:
            note.update("This deck has no values of its own: every value shown is the global one.")
        else:
            note.update(f"This deck's own values ({', '.join(self.overrides)}) override the global ones; "
                        "Ctrl+R resets it to the global settings.")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reset_deck":
            return self.deck_id is not None and bool(self.overrides)
        return True

    def action_reset_deck(self) -> None:
        """Ctrl+R: the deck in scope takes every setting from the global ones again."""
        if self.deck_id is not None and self.overrides and not self.app.refused_in_preview("reset a deck's settings"):
            self.reset_deck(self.deck_id)

    @change(name="reset deck settings", group="save settings")
    def reset_deck(self, deck_id: str) -> None:
        self.database(lambda: self.collection.reset_deck_settings(deck_id))
        self.post_message(self.Reset(deck_id))

    @dataclass
    class Reset(Reply):
        deck_id: str

    @on(Reset)
    def _reset(self, message: Reset) -> None:
        self.notify(f"Deck {message.deck_id} uses the global settings again.", timeout=3)
        if message.deck_id == self.deck_id:
            self.load()

    def on_select_changed(self, event: Select.Changed) -> None:
        """'Applies to' changed: show that scope's settings; with unsaved edits, ask first
        (as Esc does), so picking another deck never throws them away without a word."""
        scope = GLOBAL if event.value in (GLOBAL, Select.BLANK) else str(event.value)
        if self._scope_id(scope) == self.deck_id:
            return
        if not self.unsaved:
            self._switch_scope(scope)
            return
        from ..dialogs.unsaved import UnsavedDialog

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self._switch_scope(scope)
            elif choice == "save":
                self._scope_after_save = scope
                self.action_save()
            else:
                self._keep_scope()

        text = (f"You changed the settings for {self._scope_name(self.deck_id)} without saving them. "
                f"Save them before showing {self._scope_name(self._scope_id(scope))}?")
        self.app.push_screen(UnsavedDialog(text), chosen)

    @staticmethod
    def _scope_id(scope: str) -> str | None:
        return None if scope == GLOBAL else scope

    def _scope_name(self, deck_id: str | None) -> str:
        if deck_id is None:
            return "all decks"
        deck = self.collection.decks.get(deck_id)
        return f"deck {deck.title if deck is not None else deck_id}"

    def _switch_scope(self, scope: str, status: str = "") -> None:
        self.deck_id = self._scope_id(scope)
        self.query_one("#settings-status", Static).update(status)
        self.load()

    def _keep_scope(self) -> None:
        """'Applies to' back on the scope whose edits are in the form (its change does nothing)."""
        self._scope_after_save = None
        self.query_one("#set-scope", Select).value = self.deck_id or GLOBAL

    def show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        settings, limits, hold, day_start, siblings = loaded
        values = {"retention": f"{settings.desired_retention:g}", "new": str(limits.new_per_day),
                  "reviews": str(limits.reviews_per_day), "learning": format_steps(settings.learning_steps_minutes),
                  "relearning": format_steps(settings.relearning_steps_minutes),
                  "max-interval": str(settings.maximum_interval_days),
                  "parameters": ", ".join(f"{p:g}" for p in settings.parameters or ())}
        for key, value in values.items():
            self.query_one(f"#set-{key}", Input).value = value
        self.query_one("#set-fuzz", Switch).value = settings.enable_fuzzing
        self.query_one("#set-balance", Switch).value = settings.load_balance
        self.query_one("#set-easy-days", Input).value = format_easy_days(settings.easy_days)
        self.query_one("#set-hold", Switch).value = hold
        self.query_one("#set-bury-new", Switch).value = siblings.bury_new
        self.query_one("#set-bury-reviews", Switch).value = siblings.bury_reviews
        day_field = self.query_one("#set-day-start", Input)
        day_field.value = str(day_start)
        day_field.disabled = self.deck_id is not None  # one hour for every deck: set it under global
        if not isinstance(self.focused, Select):
            self.query_one("#set-retention", Input).focus()
        self._shown = self._form_values()

    def _form_values(self) -> dict[str, object]:
        """Every field and switch as it stands, to tell whether anything was edited."""
        return {w.id: w.value for w in self.query("Input, Switch") if w.id}

    @property
    def unsaved(self) -> bool:
        """Whether the form holds edits not saved (nor loaded) yet."""
        return self._shown is not None and self._form_values() != self._shown

    def action_leave(self) -> None:
        """Esc: back, but never throwing edits away without a word."""
        if not self.unsaved:
            self.app.pop_screen()
            return
        if self.app.preview_day is not None:  # nothing to offer to save: say the edits go
            self.notify("Your edits are not kept: a preview saves nothing.", timeout=4, markup=False)
            self.app.pop_screen()
            return
        from ..dialogs.unsaved import UnsavedDialog

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.app.pop_screen()
            elif choice == "save":
                self._leave_after_save = True
                self.action_save()

        self.app.push_screen(UnsavedDialog(), chosen)

    def read_form(self) -> Loaded:
        """The settings as typed; raises ``ValueError`` with a readable message."""
        assert self.loaded is not None
        value = {key: self.query_one(f"#set-{key}", Input).value.strip() for key, _l, _k in FIELDS}
        try:
            retention = float(value["retention"])
            new, reviews, max_days = int(value["new"]), int(value["reviews"]), int(value["max-interval"])
        except ValueError:
            raise ValueError("retention must be a number; limits and the maximum interval whole numbers") from None
        parameters = parse_parameters(value["parameters"]) if value["parameters"] else None
        settings = replace(self.loaded[0], desired_retention=retention, learning_steps_minutes=parse_steps(value["learning"]),
                           relearning_steps_minutes=parse_steps(value["relearning"]), maximum_interval_days=max_days,
                           enable_fuzzing=self.query_one("#set-fuzz", Switch).value, parameters=parameters,
                           load_balance=self.query_one("#set-balance", Switch).value,
                           easy_days=parse_easy_days(self.query_one("#set-easy-days", Input).value))
        settings.validate()
        (limits := DailyLimits(new, reviews)).validate()
        day_start = check_day_start_hour(self.query_one("#set-day-start", Input).value)
        siblings = SiblingRules(self.query_one("#set-bury-new", Switch).value,
                                self.query_one("#set-bury-reviews", Switch).value)
        return settings, limits, self.query_one("#set-hold", Switch).value, day_start, siblings

    def action_save(self) -> None:
        if self.loaded is None:
            return
        if self.app.refused_in_preview("save settings"):
            self._not_saved("a preview saves nothing")
            return
        try:
            settings, limits, hold, day_start, siblings = self.read_form()
        except ValueError as exc:
            self._not_saved(str(exc))
            self.notify(str(exc), title="Not saved", severity="error")
            return

        old = self.loaded[0]
        # What moves due dates already given (easy days too: cards on a new one may move off it).
        moves_dates = ((settings.desired_retention, settings.parameters, sorted(settings.easy_days))
                       != (old.desired_retention, old.parameters, sorted(old.easy_days)))
        self.save((settings, limits, hold, day_start, siblings), self.deck_id, moves_dates)

    def _not_saved(self, why: str) -> None:
        """Save was refused: the edits stay in view, under their own scope, and the screen stays."""
        self._leave_after_save = False
        if self._scope_after_save is not None:
            self._keep_scope()
        self.query_one("#settings-status", Static).update(f"Not saved: {why}")  # never the old "Saved"

    @dataclass
    class Saved(Reply):
        saved: Loaded
        deck_id: str | None
        moves_dates: bool

    @change(name="save settings", group="save settings")
    def save(self, form: Loaded, deck_id: str | None, moves_dates: bool) -> None:
        settings, limits, hold, day_start, siblings = form
        c = self.collection

        def save() -> None:
            c.save_scheduler_settings(settings, deck_id)
            c.save_limits(limits, deck_id)
            c.save_holds_uncurated(hold, deck_id)
            c.save_siblings(siblings, deck_id)
            if deck_id is None:
                c.save_day_start_hour(day_start)

        self.database(save)
        self.post_message(self.Saved(form, deck_id, moves_dates))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        deck_id = message.deck_id
        self.loaded = message.saved
        self._shown = self._form_values()
        if deck_id is not None:
            self.overrides = sorted(set(self.overrides) | {"curation", "limits", "scheduler", "siblings"})
            self._show_scope()
        if self._leave_after_save and not message.moves_dates:
            self.app.pop_screen()  # saved from the unsaved-changes question: done here
            return
        self._leave_after_save = False
        said = f"Saved for deck {deck_id}." if deck_id else "Saved for all decks."
        self.query_one("#settings-status", Static).update(said)
        self.notify("Settings saved.", timeout=2)
        if self._scope_after_save is not None:  # saved before 'Applies to' shows another scope
            scope, self._scope_after_save = self._scope_after_save, None
            self._switch_scope(scope, status=said)
        if message.moves_dates:
            self.preview_reschedule(deck_id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "settings-optimize":
            self.action_optimize()
        else:
            self.action_save()
