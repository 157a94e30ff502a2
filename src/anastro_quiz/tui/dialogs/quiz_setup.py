"""Choose what a quiz covers: decks, optional topics, question count, optional time limit."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from ...numbers import plural
from ...quiz import flashcard_only
from ..widgets.tick_list import TickList


# What make_question asks (see quiz.py): a chain's steps are never asked typed.
ASKS = 'Asks: choose one, true/false, typed; chains: "in which order?"'


@dataclass
class QuizSetup:
    deck_ids: list[str]
    questions: int = 10
    time_limit_s: int | None = None
    tags: list[str] = field(default_factory=list)


class QuizSetupDialog(ModalScreen[QuizSetup | None]):
    """Dismisses with a :class:`QuizSetup`, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "start", "Start quiz")]

    def __init__(self, collection, preselect: str | None = None) -> None:
        super().__init__()
        self.collection = collection
        self.preselect = preselect

    def compose(self) -> ComposeResult:
        decks = self.collection.decks.values()
        tags = sorted({t for i in self.collection.items.values() for t in i.tags})
        with Vertical(id="quiz-setup", classes="dialog"):
            yield Static("New quiz", classes="dialog-title")
            with Horizontal(id="quiz-lists"):
                yield TickList(*[(d.title, d.id, self.preselect in (None, d.id)) for d in decks], id="quiz-decks")
                yield TickList(*[(t, t) for t in tags], id="quiz-tags")
            yield Static("", id="quiz-ticked")
            yield Static(ASKS, id="quiz-asks")
            with Horizontal(classes="form-row"):
                yield Label("Questions")
                yield Input("10", id="quiz-count", type="integer", compact=True)
                yield Label("Minutes (0 = no limit)")
                yield Input("0", id="quiz-minutes", type="integer", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Start", id="quiz-start", variant="primary", compact=True)
                yield Button("Cancel", id="quiz-cancel", compact=True)
            yield Static("Space ticks a deck or topic · Ctrl+S starts · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#quiz-decks").border_title = "Decks"
        self.query_one("#quiz-tags").border_title = "Topics (optional)"
        self.query_one("#quiz-decks").focus()
        self._show_ticked()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._show_ticked()

    def _show_ticked(self) -> None:
        """What is ticked, in words: the boxes alone are easy to misread."""
        decks = self.query_one("#quiz-decks", SelectionList)
        tags = self.query_one("#quiz-tags", SelectionList)
        topics = (f"topics: {', '.join(map(str, tags.selected))}" if tags.selected
                  else "every topic" if tags.option_count else "")
        left_out = self._flashcards_only(decks.selected, tags.selected)
        self.query_one("#quiz-ticked", Static).update(
            f"Ticked: {len(decks.selected)} of {plural(decks.option_count, 'deck')}" + (f" · {topics}" if topics else "")
            + (f" · {plural(left_out, 'card')} left out (flashcard only)" if left_out else ""))

    def _flashcards_only(self, deck_ids, tags) -> int:
        """How many of the ticked cards the quiz leaves out: chains it cannot ask (quiz.flashcard_only)."""
        decks, wanted = set(deck_ids), set(tags)
        pool = [i for (d, _c), i in self.collection.items.items() if d in decks]
        return len(flashcard_only((i for i in pool if not wanted or wanted.intersection(i.tags)), pool))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "quiz-start":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        decks = list(self.query_one("#quiz-decks", SelectionList).selected)
        tags = list(self.query_one("#quiz-tags", SelectionList).selected)
        try:
            count = int(self.query_one("#quiz-count", Input).value or 0)
            minutes = int(self.query_one("#quiz-minutes", Input).value or 0)
        except ValueError:
            count = minutes = -1
        if not decks:
            self.notify("Tick at least one deck.", severity="warning")
        elif count < 1 or minutes < 0:
            self.notify("Questions must be 1 or more; minutes 0 or more.", severity="warning")
        else:
            self.dismiss(QuizSetup(decks, count, minutes * 60 or None, tags))
