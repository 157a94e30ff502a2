"""Help: every key binding, read from the screens' own BINDINGS so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

KEY_NAMES = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space", "comma": ",",
             "ctrl+s": "Ctrl+S"}


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def binding_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """(screen title, [(keys, description)]) for the app and every screen, in reading order."""
    from ..dialogs.edit_card import EditCardDialog
    from .browse import BrowseScreen
    from .curate import CurateScreen
    from .home import HomeScreen
    from .progress import ProgressScreen
    from .quiz import QuizScreen
    from .quiz_results import QuizResultsScreen
    from .review import ReviewScreen
    from .settings import SettingsScreen
    from .summary import SummaryScreen
    from ..app import StudyApp

    sections = [("Everywhere", StudyApp.BINDINGS + [Binding("ctrl+p", "", "Command palette (every action)")]),
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
             "Quiz": [("1-9", "Pick an option (typed answers: Enter)")]}
    out = []
    for title, bindings in sections:
        rows = extra.get(title, []) + [(key_label(b.key), b.description) for b in bindings
                                       if isinstance(b, Binding) and b.description
                                       and not b.description.startswith("Option ")]
        out.append((title, rows))
    return out


class HelpScreen(Screen):
    BINDINGS = [Binding("q,escape,question_mark", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            for title, rows in binding_rows():
                yield Static(Content.from_markup("[b $accent]$t[/]", t=title), classes="help-title")
                width = max((len(k) for k, _ in rows), default=4) + 2
                yield Static(Content("\n".join(f"  {k:<{width}}{d}" for k, d in rows)), classes="help-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Keys"
