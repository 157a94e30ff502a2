"""Review: one card at a time; reveal, grade 1-4 (undo, mark, bury and suspend in
``review_actions``; source, explanation and edit in ``review_extras``).

Choice and true/false cards: before the answer shows, 1-9 (or a click) picks an option;
the pick reveals the answer, marks it right or wrong and proposes Good or Again, which
Enter accepts and 1-4 (now grades) override. Space reveals without picking.

The session changes in one place only, ``change_session`` (:mod:`.review_session`); the UI
thread reads what that worker reports (:class:`~.review_extras.Shown`), never the session.
"""

from __future__ import annotations

import time
from typing import Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, OptionList, ProgressBar, Static

from ...decks import StudyItem
from ...grading import Grade
from ...study_grading import grade_answer
from ...scheduler import Rating
from ...session import StudySession
from ..widgets.grade_bar import LABELS, GradeBar
from ..shared_keys import key_footer, space_enter
from .base import CoreScreen
from .review_extras import CardExtras, Shown, snapshot, undo_key_in
from .review_actions import CardActions
from .review_session import SessionLane

# Anki's default cap: a card left on screen while the learner is away should not
# count as ten minutes of study.
MAX_ANSWER_MS = 60_000


class ReviewScreen(SessionLane, CardActions, CardExtras, CoreScreen):
    """Studies one :class:`StudySession`; every grade is committed before the next card shows."""

    BINDINGS = [
        # Space/Enter: show the answer, then accept the proposed grade (Good unless a check
        # proposed another); never a pick (see shared_keys.SPACE_ENTER_RULE).
        *space_enter("reveal", "Show answer", "accept", "Accept grade"),
        # 1-9: pick an option on a choice card before the answer shows; 1-4 grade after.
        *[Binding(str(n), f"number({n})", f"Option {n} / grade", show=False) for n in range(1, 10)],
        # Typed cards keep letters for the answer: Ctrl+Z undoes there, Esc goes back, F1 helps.
        Binding("u", "undo", "Undo", id="undo"),
        Binding("ctrl+z", "undo", "Undo", id="undo-ctrl"),
        # Anki's keys work too: - buries, @ suspends; u takes either back.
        Binding("b,minus", "bury", "Bury", id="bury"),
        Binding("s,at", "suspend", "Suspend", id="suspend"),
        Binding("asterisk", "mark", "Mark", tooltip="Mark or unmark the card (Anki's *): a flag in Cards, "
                "found with is:marked", show=False, id="mark"),
        Binding("o", "source", "Source", tooltip="The source paragraph (after reveal)", id="source"),
        Binding("w", "explanation", "Why", tooltip="The card's explanation (after reveal)", id="explain"),
        Binding("e", "edit", "Edit", tooltip="Edit this card in its deck file (as in Anki)", id="edit"),
        Binding("i", "info", "Info", tooltip="Card info: review history, stability, difficulty, recall now",
                show=False, id="info"),
        Binding("q,escape", "leave", "Back", id="back"),
    ]
    HELP = "The grade buttons show the interval each grade gives."

    def __init__(self, session: StudySession, *, undo_first: bool = False) -> None:
        """``undo_first``: undo the session's last action before showing a card (``u`` on the
        summary of a session that ended)."""
        super().__init__()
        self._undo_first = undo_first
        #: Changed only in ``change_session``'s worker; deck_ids and mode are fixed at its start.
        self.session = session
        self.shown: Shown | None = None
        self.revealed = False
        self.busy = True  # until the first card arrives
        self.can_undo = False  # as the session's worker last reported
        self.typed_grade: Grade | None = None
        self.picked: int | None = None  # the option chosen on a choice or true/false card
        self._session_ended = False  # the session's end has been recorded (or is being)
        self._after_end: Callable[[], Any] | None = None  # quitting the app: what follows the end
        self._shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-status"):
            yield Static("", id="counts")
            yield ProgressBar(id="session-progress", show_eta=False)
        with VerticalScroll(id="card"):
            yield Static("", id="card-meta")
            yield Static("", id="prompt")
            options = OptionList(id="choices", compact=True)
            options.can_focus = False  # clicks pick; keys stay with the screen
            yield options
            yield Input(placeholder="Type your answer, then Enter", id="typed")
            yield Static("", id="answer")
            yield Static("", id="verdict")
            yield Static("", id="explanation")
        with Horizontal(id="reveal-bar"):
            button = Button("Show answer (Space)", id="reveal-button", compact=True)
            button.can_focus = False
            yield button
        yield GradeBar(id="grade-bar")
        # No Ctrl+P entry here (Ctrl+P still works): at 80 columns every study key fits.
        yield key_footer(palette=False)

    def on_mount(self) -> None:
        decks = self.collection.decks
        titles = [decks[d].title for d in self.session.deck_ids if d in decks]
        self.sub_title = ("Re-drill · " if self.session.mode == "drill" else "") + (
            titles[0] if len(titles) == 1 else f"{len(titles)} decks")
        self.first_card(undo=self._undo_first)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that work now are enabled, and the Footer shows just those."""
        item = self.shown.item if self.shown is not None else None
        if action == "reveal":
            return item is not None and not self.revealed
        if action == "accept":
            return item is not None and self.revealed
        if action == "undo":
            return self.can_undo
        if action in ("bury", "suspend", "mark"):
            # While the answer field has the keys, - and @ are typed (Textual does not know them as characters).
            return item is not None and not isinstance(self.focused, Input)
        if action == "source":
            return item is not None and self.revealed and item.source is not None
        if action == "explanation":
            return item is not None and self.revealed and bool(item.explanation)
        if action == "edit":
            return item is not None
        return True

    # --- drawing -------------------------------------------------------------

    def show_card(self, shown: Shown) -> None:
        self.busy = False
        self.shown = shown
        self.can_undo = shown.can_undo
        if shown.note:  # a typed card shown next takes the keys in its answer field, u included
            self.notify(undo_key_in(shown.note, typing=shown.item is not None and shown.item.type == "typed"),
                        timeout=2)
        # The counts first: after the last card is buried they say 0 left, not the 1 before it.
        remaining = shown.remaining
        self.query_one("#counts", Static).update(Content.from_markup(
            "[$primary]new $n[/] · [$warning]learn $l[/] · [$success]due $r[/]",
            n=remaining.new, l=remaining.learning, r=remaining.review))
        bar = self.query_one("#session-progress", ProgressBar)
        bar.update(total=shown.done + remaining.total, progress=shown.done)
        if shown.item is None:
            if shown.undo_action in ("bury", "suspend"):
                self._show_nothing_left()  # the last card was taken out: u can still bring it back
            else:
                self.finish()
            return
        item = shown.item
        self.revealed = False
        self.typed_grade = None
        self.draw_meta()
        self.query_one("#prompt", Static).update(Content(item.prompt))
        self.picked = None
        self._draw_choices(item)
        typed = self.query_one("#typed", Input)
        typed.display = item.type == "typed"
        typed.disabled = item.type != "typed"
        typed.value = ""
        typed.placeholder = ("Type the items, separated by commas, then Enter" if item.items
                             else "Type your answer, then Enter")
        for name in ("answer", "verdict", "explanation"):
            self.query_one(f"#{name}", Static).display = False
        self.query_one("#reveal-button", Button).label = (
            "Check answer (Enter)" if item.type == "typed"
            else f"Pick 1-{len(item.choices)} or Space to show" if item.choices else "Show answer (Space)")
        self.query_one("#reveal-bar").display = True
        self.query_one("#grade-bar").display = False
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        if item.type == "typed":
            typed.focus()
        else:
            self.set_focus(None)
        self._shown_at = time.monotonic()
        self.refresh_bindings()

    def draw_meta(self) -> None:
        """The line above the prompt: deck, card type, tags, and ★ if the card is marked."""
        item = self.shown.item
        deck = self.collection.decks.get(item.deck_id)
        tags = f" · {', '.join(item.tags)}" if item.tags else ""
        meta = Content(f"{deck.title if deck else item.deck_id} · {item.type.replace('_', '/')}{tags}")
        if self.shown.marked:  # first, so that a long line never leaves it alone on the next one
            meta = Content.from_markup("[b $warning]★ marked[/] · ") + meta
        self.query_one("#card-meta", Static).update(meta)

    def _show_nothing_left(self) -> None:
        """No card left because the last one was buried or suspended: stay, so that ``u``
        can take that back; ``q`` leaves as usual."""
        action = "bury" if self.shown is not None and self.shown.undo_action == "bury" else "suspend"
        self.revealed = False
        self.query_one("#card-meta", Static).update("")
        self.query_one("#prompt", Static).update(Content(
            f"No cards left in this session. u takes back the last {action}; q leaves."))
        for name in ("#choices", "#typed", "#answer", "#verdict", "#explanation", "#reveal-bar", "#grade-bar"):
            self.query_one(name).display = False
        self.set_focus(None)
        self.refresh_bindings()

    def _draw_choices(self, item: StudyItem) -> None:
        """The options numbered 1-9; once revealed, the answer ticked and a wrong pick crossed."""
        choices = self.query_one("#choices", OptionList)
        choices.display = bool(item.choices)
        choices.clear_options()
        lines = []
        for n, text in enumerate(item.choices, start=1):
            mark = "  "
            if self.revealed and text == item.answer:
                mark = "[b $success]✓[/] "
            elif self.revealed and self.picked == n - 1:
                mark = "[b $error]✗[/] "
            lines.append(Content.from_markup(f"{mark}$n) $text", n=n, text=text))
        choices.add_options(lines)
        choices.highlighted = None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    def pick(self, index: int) -> None:
        """Choose option ``index`` (0-based) of a choice card, then reveal with a proposed grade."""
        item = self.shown.item if self.shown else None
        if self.busy or self.revealed or item is None or not 0 <= index < len(item.choices):
            return
        self.picked = index
        self.reveal()

    def proposed_grade(self) -> Rating | None:
        """Typed answers: the grader's proposal; a picked option: Good if right, Again if wrong."""
        if self.typed_grade is not None:
            return self.typed_grade.suggested_rating
        if self.picked is not None and self.shown is not None and self.shown.item is not None:
            item = self.shown.item
            return Rating.Good if item.choices[self.picked] == item.answer else Rating.Again
        return None

    def reveal(self) -> None:
        if self.shown is None or self.shown.item is None or self.revealed:
            return
        item = self.shown.item
        self.revealed = True
        answer = self.query_one("#answer", Static)
        answer.update(_answer_content(item))
        answer.display = True
        suggested = self.proposed_grade()
        if self.picked is not None:
            right = suggested == Rating.Good
            verdict = self.query_one("#verdict", Static)
            verdict.update(Content.from_markup(
                ("[b $success]✓ right[/]" if right else "[b $error]✗ not right[/]") + "  you picked $n) $given\n"
                "Proposed grade: [b]$label[/] (Enter accepts, 1-4 overrides)",
                n=self.picked + 1, given=item.choices[self.picked], label=LABELS[suggested]))
            verdict.display = True
        if item.choices:
            self._draw_choices(item)
        if self.typed_grade is not None:
            g = self.typed_grade
            given = self.query_one("#typed", Input).value
            mark = "[b $success]✓ correct[/]" if g.exact else (
                "[b $warning]≈ accepted[/]" if g.correct else
                f"[b $warning]◐ {g.found} of {g.needed}[/]" if g.partial else "[b $error]✗ not right[/]")
            verdict = self.query_one("#verdict", Static)
            # "✓ correct" says it once: a bare "correct" note is not repeated below it.
            note = "[$text-muted]$note[/]\n" if g.note != "correct" else ""
            verdict.update(Content.from_markup(
                mark + "  you wrote: $given\n" + note + "Proposed grade: [b]$label[/] (Enter accepts, 1-4 overrides)",
                given=given or "(nothing)", note=g.note, label=LABELS[suggested]))
            verdict.display = True
            typed = self.query_one("#typed", Input)
            typed.disabled = True
            self.set_focus(None)
        self.query_one("#reveal-bar").display = False
        grades = self.query_one(GradeBar)
        grades.show(self.shown.preview, suggested)
        grades.display = True
        self.refresh_bindings()

    # --- actions ---------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        item = self.shown.item if self.shown else None
        if item is None or self.revealed:
            return
        self.typed_grade = grade_answer(event.value, item)
        self.reveal()

    def action_reveal(self) -> None:
        """Space/Enter before the answer: show it (a typed card: check what is typed)."""
        if self.busy or self.shown is None or self.revealed:
            return
        if self.shown.item is not None and self.shown.item.type == "typed":
            self.query_one("#typed", Input).action_submit()
            return
        self.reveal()

    def action_accept(self) -> None:
        """Space/Enter after the answer: the proposed grade (Good unless a check proposed another)."""
        if self.busy or self.shown is None or not self.revealed:
            return
        self.action_grade(int(self.proposed_grade() or Rating.Good))

    def action_number(self, number: int) -> None:
        """Before the answer shows, pick option ``number`` of a choice card; after, grade 1-4."""
        item = self.shown.item if self.shown else None
        if item is None:
            return
        if not self.revealed:
            if item.choices:
                self.pick(number - 1)
        elif number <= 4:
            self.action_grade(number)

    def action_grade(self, rating: int) -> None:
        if self.busy or not self.revealed or self.shown is None or self.shown.item is None:
            return
        self.busy = True
        duration_ms = min(int((time.monotonic() - self._shown_at) * 1000), MAX_ANSWER_MS)

        def grade(session: StudySession) -> Shown:
            session.grade(Rating(rating), duration_ms)  # committed before the next card is drawn
            return snapshot(session)

        self.change_session("grade card", grade)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "reveal-button":
            self.action_reveal()
        elif button_id.startswith("grade-"):
            self.action_grade(int(button_id.removeprefix("grade-")))

    def action_leave(self) -> None:
        if self.busy and self.shown is not None:
            return
        self.finish()


def _answer_content(item: StudyItem) -> Content:
    """The revealed answer; for a cloze card, the whole sentence completed, its answer in bold."""
    if not item.completed:
        return Content.from_markup("[b $success]$answer[/]", answer=item.answer)
    out = Content("")
    for index, part in enumerate(item.completed):
        out += Content.from_markup("[b $success]$t[/]", t=part) if index % 2 else Content(part)
    return out
