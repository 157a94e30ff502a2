"""Quiz: one question at a time, answered by choosing an option or typing; optional countdown.

The quiz changes only in this screen's workers (``save_answer``, ``finish``); while one runs
(``busy``) the UI thread does not read the quiz."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, OptionList, Static

from ...numbers import plural
from ...quiz import Quiz, QuizAnswer, QuizResult
from ..shared_keys import key_footer, space_enter
from ..work import Reply, change
from .base import CoreScreen


class QuizScreen(CoreScreen):
    BINDINGS = [
        *[Binding(str(n), f"pick({n})", f"Option {n}", show=False) for n in range(1, 10)],
        # Space/Enter never answer (see shared_keys.SPACE_ENTER_RULE): before an answer they say how.
        *space_enter("how_to_answer", "Before an answer: says how to answer (never picks)", "next",
                     "Next question", show_before=False),
        Binding("escape", "end", "End quiz", id="end-quiz"),
    ]

    def __init__(self, quiz: Quiz) -> None:
        super().__init__()
        self.quiz = quiz
        self.feedback: QuizAnswer | None = None
        self.busy = False
        self._time_up_told = False
        self._shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-status"):
            yield Static("", id="quiz-position")
            yield Static("", id="quiz-timer")
        with VerticalScroll(id="card"):
            # Fewer questions than asked for (small decks): said at once, and kept in sight, above
            # the question (not as a toast: at 80x24 one lands on the options, where you click).
            yield Static(self.quiz.shortfall_note() or "", id="quiz-note")
            yield Static("", id="quiz-prompt")
            options = OptionList(id="quiz-options")
            options.can_focus = False  # as in Review: 1-9 or a click picks, keys stay with the screen
            yield options
            yield Input(placeholder="Type your answer, then Enter", id="quiz-typed")
            yield Static("", id="quiz-feedback")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = f"Quiz · {plural(len(self.quiz.questions), 'question')}"
        note = self.query_one("#quiz-note", Static)
        note.display = self.quiz.short
        if self.quiz.time_limit_s:
            self.set_interval(1, self.tick)
        self.show_question()
        self.tick()

    def tick(self) -> None:
        left = self.quiz.seconds_left()  # from the start time and the limit, fixed when it began
        if left is None:
            return
        minutes, seconds = divmod(int(left), 60)
        self.query_one("#quiz-timer", Static).update(f"{minutes:02d}:{seconds:02d} left")
        if left <= 0 and not self.busy and not self.quiz.finished:
            if not self._time_up_told:
                self._time_up_told = True
                self.notify("Time is up.")
            self.action_end()  # retried every second if saving the result fails

    def show_question(self) -> None:
        question = self.quiz.current
        if question is None:
            self.action_end()
            return
        self.feedback = None
        score = sum(a.correct for a in self.quiz.answers)
        self.query_one("#quiz-position", Static).update(
            f"Question {self.quiz.position + 1} of {len(self.quiz.questions)} · score {score}")
        kind = "choose the right order" if question.orders else \
            {"choice": "choose one", "true_false": "true or false?", "typed": "type the answer"}[question.kind]
        self.query_one("#quiz-prompt", Static).update(
            Content.from_markup("[$text-muted]$kind[/]\n\n[b]$prompt[/]", kind=kind, prompt=question.prompt))
        options = self.query_one("#quiz-options", OptionList)
        options.clear_options()
        options.add_options([Content(f"{n}. {question.shown(text)}") for n, text in enumerate(question.options, start=1)])
        options.display = question.kind != "typed"
        options.disabled = False
        typed = self.query_one("#quiz-typed", Input)
        typed.display = question.kind == "typed"
        typed.disabled = question.kind != "typed"
        typed.value = ""
        self.query_one("#quiz-feedback", Static).display = False
        if question.kind == "typed":
            typed.focus()
        else:
            options.highlighted = None  # nothing is chosen until you choose it
            self.set_focus(None)
        self._shown_at = time.monotonic()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space/Enter: "next" once an answer shows, otherwise the hint (never a pick)."""
        if action == "next":
            return self.feedback is not None
        if action == "how_to_answer":
            return self.feedback is None
        return True

    def submit(self, given: str) -> None:
        if self.busy or self.feedback is not None or self.quiz.current is None:
            return
        self.busy = True
        self.save_answer(given, int((time.monotonic() - self._shown_at) * 1000))

    @dataclass
    class Answered(Reply):
        answer: QuizAnswer

    @change(name="save answer", group="quiz")
    def save_answer(self, given: str, duration_ms: int) -> None:
        self.post_message(self.Answered(self.database(lambda: self.quiz.answer(given, duration_ms))))

    def work_failed(self, worker) -> None:
        """Saving failed (the app notifies why): nothing was recorded, so the question stays
        open to answer again, and Esc still ends the quiz."""
        self.busy = False

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        self.show_feedback(message.answer)

    def show_feedback(self, answer: QuizAnswer) -> None:
        self.busy = False
        self.feedback = answer
        question = answer.question
        self.query_one("#quiz-options", OptionList).disabled = True
        self.query_one("#quiz-typed", Input).disabled = True
        self.set_focus(None)
        if answer.correct:
            text = Content.from_markup("[b $success]✓ Correct[/] $note", note="" if answer.note == "correct" else
                                       f"({answer.note})")
        else:
            right = f"{question.shown(question.answer)}: {question.answer}" if question.orders else question.answer
            text = Content.from_markup("[b $error]✗ Not right[/] · you answered: $given\nAnswer: [b]$answer[/]",
                                       given=question.shown(answer.given) if answer.given else "(nothing)", answer=right)
        hint = Content.from_markup("\n[$text-muted]Space or Enter: next question[/]")
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(text + hint)
        feedback.display = True
        self.query_one("#card", VerticalScroll).scroll_end(animate=False)
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        question = None if self.busy else self.quiz.current
        if question is not None:
            self.submit(question.options[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def action_pick(self, number: int) -> None:
        question = None if self.busy else self.quiz.current
        if question is not None and question.kind != "typed" and number <= len(question.options):
            self.submit(question.options[number - 1])

    def action_next(self) -> None:
        if self.feedback is not None and not self.busy:
            self.show_question()

    def action_how_to_answer(self) -> None:
        """Space/Enter before an answer: say how to answer; nothing is recorded."""
        question = None if self.busy else self.quiz.current
        if question is None:
            return
        if question.kind == "typed":
            self.query_one("#quiz-typed", Input).focus()
            hint = "Type the answer, then Enter."
        else:
            hint = f"Pick an answer: 1-{len(question.options)} (or click it)."
        # Said under the options, not as a toast, which would cover the options it speaks of.
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(Content.from_markup("[$text-muted]$hint[/]", hint=hint))
        feedback.display = True
        self.query_one("#card", VerticalScroll).scroll_end(animate=False)

    def action_end(self) -> None:
        """Finish now (unanswered questions score zero) and show the results."""
        if self.busy:
            return
        self.busy = True
        self.finish()

    @dataclass
    class Finished(Reply):
        result: QuizResult

    @change(name="finish quiz", group="quiz")
    def finish(self) -> None:
        self.post_message(self.Finished(self.database(self.quiz.finish)))

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        from .quiz_results import QuizResultsScreen

        self.app.switch_screen(QuizResultsScreen(self.quiz, message.result))
