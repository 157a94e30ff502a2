"""Help: the keys of the screen it was opened from (and those that work everywhere), or of
every screen (``a``); from the one key table (``tui/keys.py``) so it cannot drift. Each key
and its description are two columns, so a wrapped description keeps its indent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from ..keys import binding_rows, screen_notes
from ..shared_keys import key_footer

EVERYWHERE = "Everywhere"


class HelpScreen(Screen):
    BINDINGS = [Binding("a", "toggle_all", "Every screen / this screen", id="help-all"),
                Binding("q,escape,question_mark,f1", "app.pop_screen", "Back")]

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section  # the screen Help was opened from (None: every screen)
        self.show_all = section is None

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="help")
        yield key_footer()

    def on_mount(self) -> None:
        self._fill()

    def _sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        rows = binding_rows()
        if self.show_all:
            return rows
        wanted = [title for title, _rows in rows if title == self.section] + [EVERYWHERE]
        return [pair for title in wanted for pair in rows if pair[0] == title]

    def _fill(self) -> None:
        box = self.query_one("#help", VerticalScroll)
        box.remove_children()
        widgets: list[Static | Horizontal] = []
        notes = screen_notes()
        for title, rows in self._sections():
            widgets.append(Static(Content.from_markup("[b $accent]$t[/]", t=title), classes="help-title"))
            if title in notes:
                widgets.append(Static(Content(notes[title]), classes="help-note"))
            width = max((len(k) for k, _ in rows), default=4) + 2
            for keys, description in rows:
                key = Static(Content(keys), classes="help-key")
                key.styles.width = width + 2
                widgets.append(Horizontal(key, Static(Content(description), classes="help-description"),
                                          classes="help-row"))
        if not self.show_all:
            widgets.append(Static(Content.from_markup("[$text-muted]a: the keys of every screen[/]"),
                                  classes="help-title"))
        box.mount_all(widgets)
        self.sub_title = "Keys" if self.show_all else f"Keys · {self.section}"

    def action_toggle_all(self) -> None:
        if self.section is None:
            return
        self.show_all = not self.show_all
        self._fill()
