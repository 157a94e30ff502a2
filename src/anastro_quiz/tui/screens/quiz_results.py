"""Quiz results: the score, every mistake with the right answer and its source; retry the misses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from ...quiz import Quiz, QuizResult
from ..shared_keys import key_footer
from .base import CoreScreen
from .summary import format_duration
from ...numbers import plural


def mistake_text(number: int, prompt: str, given: str | None, answer: str, source,
                 source_name: str = "") -> tuple[Content, Content]:
    """One mistake: the question; then what was given, the answer and its source (by title),
    shown indented under it (a wrapped line keeps the indent)."""
    given_text = "(no answer)" if given is None else (given or "(nothing)")
    question = Content.from_markup("[b]$n. $prompt[/]", n=number, prompt=prompt.replace("\n", " "))
    detail = Content.from_markup("[$error]you: $given[/]   [$success]answer: $answer[/]",
                                 given=given_text, answer=answer)
    if source is not None:
        detail += Content.from_markup("\n[$text-muted]source: $doc — “$quote”[/]", doc=source_name or source.where,
                                      quote=source.quote)
    return question, detail


class QuizResultsScreen(CoreScreen):
    BINDINGS = [
        Binding("r", "retry", "Retry mistakes", id="retry"),
        Binding("q,escape,enter", "app.pop_screen", "Home", id="home"),
    ]
    HELP = "Retrying asks the missed questions again as a new saved quiz."

    def __init__(self, quiz: Quiz, result: QuizResult) -> None:
        super().__init__()
        self.quiz = quiz
        self.result = result

    def compose(self) -> ComposeResult:
        r = self.result
        yield Header()
        with VerticalScroll(id="quiz-results", classes="panel"):
            yield Static(Content.from_markup(
                "[b]Score $score / $total[/] ($pct)   time $time   $missed to review",
                score=r.score, total=r.total, pct=f"{r.percent:.0%}", time=format_duration(r.seconds),
                missed=plural(len(r.missed_questions), "question")), id="quiz-score", classes="panel-title")
            if self.app.preview_day is not None:  # said where the score is, as a session's end says it
                yield Static(f"This was a preview of {self.app.preview_day}: this quiz's result is not kept.",
                             id="quiz-preview")
            if not r.missed_questions:
                yield Static("No mistakes. Well done.")
            missed = [(a.question, a.given) for a in r.mistakes] + [(q, None) for q in r.unanswered]
            for number, (q, given) in enumerate(missed, 1):
                question, detail = mistake_text(number, q.prompt, given, q.answer, q.item.source,
                                                self._source_name(q.item))
                with Vertical(classes="mistake"):
                    yield Static(question)
                    yield Static(detail, classes="mistake-detail")
        yield key_footer()

    def _source_name(self, item) -> str:
        deck = self.collection.decks.get(item.deck_id)
        return deck.source_title(item.source) if deck is not None and item.source is not None else ""

    def on_mount(self) -> None:
        self.sub_title = "Quiz results"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry" and not self.result.missed_questions:
            return None
        return True

    def action_retry(self) -> None:
        # Through the app, which starts one quiz at a time (r pressed twice: one retry).
        self.app.open_quiz(lambda: self.quiz.retry_mistakes(self.result), replace=self, name="retry mistakes")
