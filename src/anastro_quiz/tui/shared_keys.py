"""What the screens share about keys: the Space/Enter rule of the study screens and the
footer every screen shows. It imports no screen, so each screen can import it (``keys.py``,
which gathers every screen's bindings for Help, imports them all)."""

from __future__ import annotations

from textual.binding import Binding

from .widgets.key_bar import KeyBar

# One Space/Enter rule for Review and Quiz: Space and Enter never choose an option for you
# (1-9 or a click chooses; on typed cards Enter checks what you typed). Before an answer
# Review's Space/Enter shows it (you then grade yourself) and the Quiz's says how to answer;
# once the answer shows, both go on (Review: the proposed grade; Quiz: the next question).
SPACE_ENTER = "space,enter"
SPACE_ENTER_RULE = ("Space and Enter never choose an option (1-9 or a click does; on typed cards Enter "
                    "checks what you typed); once the answer shows they go on")


def space_enter(before_action: str, before: str, after_action: str, after: str, *,
                show_before: bool = True) -> list[Binding]:
    """The Space/Enter pair of a study screen under :data:`SPACE_ENTER_RULE`: one binding
    before an answer and one after; the screen's ``check_action`` enables the one that applies,
    so the Footer names what Space does now."""
    return [Binding(SPACE_ENTER, before_action, before, show=show_before, id=f"{before_action}-key"),
            Binding(SPACE_ENTER, after_action, after, id=f"{after_action}-key")]


def key_footer(*, palette: bool = True) -> KeyBar:
    """The footer every screen shows: compact, so that at 80 columns the keys that matter
    (Help, Back) fit beside Ctrl+P; ``palette=False`` leaves out the Ctrl+P entry."""
    return KeyBar(show_command_palette=palette)
