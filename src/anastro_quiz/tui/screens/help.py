"""Help: every key binding, from the one key table (``tui/keys.py``) so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from ..keys import binding_rows
from ..shared_keys import key_footer

class HelpScreen(Screen):
    BINDINGS = [Binding("q,escape,question_mark,f1", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            for title, rows in binding_rows():
                yield Static(Content.from_markup("[b $accent]$t[/]", t=title), classes="help-title")
                width = max((len(k) for k, _ in rows), default=4) + 2
                yield Static(Content("\n".join(f"  {k:<{width}}{d}" for k, d in rows)), classes="help-keys")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = "Keys"
