"""Every key of the app in one table: each screen's ``BINDINGS`` (which the Footer shows),
gathered here for the help screen, with the keys widgets handle themselves. A test
checks the README's key table against it (tests/tui/test_tui_keys.py).
"""

from __future__ import annotations

from textual.binding import Binding

from .shared_keys import SPACE_ENTER_RULE

# The app's own keys (``StudyApp.BINDINGS``), here so the help screen need not import the app.
# F1 reaches Help where ? is typed into a field (typed answers, settings): the Footer shows
# one key per action, so it shows "? Help", or "f1 Help" while a field takes the ?.
APP_BINDINGS = [
    Binding("question_mark", "help", "Help", tooltip="Every key binding", id="help"),
    Binding("f1", "help", "Help", tooltip="Every key binding (also while typing)", id="help-f1"),
]

KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space", "comma": ",",
             "ctrl+s": "Ctrl+S", "ctrl+r": "Ctrl+R", "ctrl+z": "Ctrl+Z", "f1": "F1", "minus": "-", "at": "@",
             "asterisk": "*"}

def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


# Help's section for each screen (by class name), so Help opens on the screen it was asked from.
SCREEN_SECTIONS = {"HomeScreen": "Home", "ReviewScreen": "Review", "EditCardDialog": "Edit card",
                   "CurateScreen": "New from generator", "BrowseScreen": "Cards (browse)",
                   "SummaryScreen": "End of session", "QuizScreen": "Quiz", "QuizResultsScreen": "Quiz results",
                   "ProgressScreen": "Progress", "SettingsScreen": "Settings"}


def section_of(screen: object) -> str | None:
    """Help's section title for ``screen`` (None for a screen with no keys of its own)."""
    return SCREEN_SECTIONS.get(type(screen).__name__)


def screens() -> list[tuple[str, type]]:
    """(Help's section title, screen class) for every screen with keys of its own, in reading order."""
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

    return [("Home", HomeScreen), ("Review", ReviewScreen), ("Edit card", EditCardDialog),
            ("New from generator", CurateScreen), ("Cards (browse)", BrowseScreen), ("End of session", SummaryScreen),
            ("Quiz", QuizScreen), ("Quiz results", QuizResultsScreen), ("Progress", ProgressScreen),
            ("Settings", SettingsScreen)]


def screen_notes() -> dict[str, str]:
    """Help's section title -> what the screen does that its keys do not say (its ``HELP``,
    which names no key: the keys are described once, in the rows above)."""
    return {title: screen.HELP for title, screen in screens() if screen.HELP}


def binding_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """(screen title, [(keys, description)]) for the app and every screen, in reading order."""
    sections = [("Everywhere", APP_BINDINGS + [Binding("ctrl+p", "", "Command palette (every action)")])]
    sections += [(title, screen.BINDINGS) for title, screen in screens()]
    # Keys handled by widgets rather than bindings, and the quiz's nine option keys as one row.
    extra = {"Home": [("Enter", "Study the highlighted deck")],
             "Review": [("Space / Enter", SPACE_ENTER_RULE),
                        ("1 2 3 4", "Again / Hard / Good / Easy (once the answer shows)"),
                        ("1-9", "Choice and true/false cards: pick an option first (or click it);"
                                " it shows right/wrong and proposes Good/Again")],
             "Quiz": [("Space / Enter", SPACE_ENTER_RULE), ("1-9", "Pick an option, or click it (typed answers: Enter)")]}
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
