"""Every key of the app in one table: each screen's ``BINDINGS`` (which the Footer shows),
gathered here for the help screen, with the keys widgets handle themselves. A test
checks the README's key table against it (tests/tui/test_tui_keys.py).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Footer

# The app's own keys (``StudyApp.BINDINGS``), here so the help screen need not import the app.
# F1 reaches Help where ? is typed into a field (typed answers, settings): the Footer shows
# one key per action, so it shows "? Help", or "f1 Help" while a field takes the ?.
APP_BINDINGS = [
    Binding("question_mark", "help", "Help", tooltip="Every key binding", id="help"),
    Binding("f1", "help", "Help", tooltip="Every key binding (also while typing)", id="help-f1"),
]

KEY_NAMES = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space", "comma": ",",
             "ctrl+s": "Ctrl+S", "ctrl+z": "Ctrl+Z", "f1": "F1", "minus": "-", "at": "@"}

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


def key_footer(*, palette: bool = True) -> Footer:
    """The footer every screen shows: compact, so that at 80 columns the keys that matter
    (Help, Back) fit beside Ctrl+P; ``palette=False`` leaves out the Ctrl+P entry."""
    return Footer(compact=True, show_command_palette=palette)


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def binding_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """(screen title, [(keys, description)]) for the app and every screen, in reading order."""
    from .dialogs.edit_card import EditCardDialog
    from .screens.browse import BrowseScreen
    from .screens.curate import CurateScreen
    from .screens.home import HomeScreen
    from .screens.progress import ProgressScreen
    from .screens.quiz import QuizScreen
    from .screens.quiz_results import QuizResultsScreen
    from .screens.review import ReviewScreen
    from .screens.settings import SettingsScreen
    from .screens.summary import SummaryScreen

    sections = [("Everywhere", APP_BINDINGS + [Binding("ctrl+p", "", "Command palette (every action)")]),
                ("Home", HomeScreen.BINDINGS), ("Review", ReviewScreen.BINDINGS),
                ("Edit card", EditCardDialog.BINDINGS), ("New from generator", CurateScreen.BINDINGS),
                ("Cards (browse)", BrowseScreen.BINDINGS), ("End of session", SummaryScreen.BINDINGS), ("Quiz", QuizScreen.BINDINGS),
                ("Quiz results", QuizResultsScreen.BINDINGS), ("Progress", ProgressScreen.BINDINGS),
                ("Settings", SettingsScreen.BINDINGS)]
    # Keys handled by widgets rather than bindings, and the quiz's nine option keys as one row.
    extra = {"Home": [("Enter", "Study the highlighted deck")],
             "Review": [("1 2 3 4", "Again / Hard / Good / Easy (once the answer shows)"),
                        ("1-9", "Choice and true/false cards: pick an option first (or click it);"
                                " it shows right/wrong and proposes Good/Again")],
             "Quiz": [("1-9", "Pick an option, or click it (typed answers: Enter)")]}
    out = []
    for title, bindings in sections:
        # Keys for the same action and description make one row ("u / Ctrl+Z  Undo").
        merged: dict[tuple[str, str], list[str]] = {}
        for b in bindings:
            if isinstance(b, Binding) and b.description and not b.description.startswith("Option "):
                merged.setdefault((b.action, b.description), []).append(b.key)
        rows = extra.get(title, []) + [(key_label(",".join(keys)), description)
                                       for (_action, description), keys in merged.items()]
        out.append((title, rows))
    return out
