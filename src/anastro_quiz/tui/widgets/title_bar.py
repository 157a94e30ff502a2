"""The title bar at the top of every screen: what Textual's ``Header`` shows, drawn by one widget.

``Header`` is four widgets (itself, the icon, the title and the clock's space), each styled,
laid out and drawn on its own: at launch they cost about as much as a fifth of Home's other
widgets (instructions counted to Home's first frame with data). This bar draws the same line
itself: the command palette's icon on the left (a click opens the palette; its tooltip on
hover), the title and sub-title centred between the icon and the clock's space (as
``App.format_title`` formats them, cut with an ellipsis where there is no room), and a click
anywhere else toggles the tall bar, as ``Header``'s does."""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.reactive import Reactive
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # Header's icon: 8 columns, the icon after one of padding
CLOCK_SPACE = 10  # and the space it keeps on the right for a clock


class TitleBar(Widget, can_focus=False):
    """The app's title and the screen's sub-title, one line (three when tall), docked at the top."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        &.-tall {
            height: 3;
        }
        & > .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    tall: Reactive[bool] = Reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._icon_hover = False

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._title_changed, init=False)
            self.watch(owner, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def watch_tall(self, tall: bool) -> None:
        self.set_class(tall, "-tall")

    def title_text(self) -> Content:
        """The title and sub-title as ``Header`` shows them (``App.format_title``)."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> RenderResult:
        width, height = self.size
        hover = self.get_visual_style("title-bar--icon-hover") if self._icon_hover else None
        room = max(0, width - ICON_WIDTH - CLOCK_SPACE)
        title = self.title_text()
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        middle = (height - 1) // 2  # the icon and title on the middle line, as Header's content-align
        lines = []
        for y in range(max(1, height)):
            icon = Content((f" {ICON}" if y == middle else "").ljust(ICON_WIDTH)[:width])
            if hover is not None:
                icon = icon.stylize(hover)
            rest = width - ICON_WIDTH
            if y == middle:
                lines.append(icon + Content(" " * left) + title + Content(" " * (rest - left - title.cell_length)))
            else:
                lines.append(icon + Content(" " * rest))
        return Content("\n").join(lines)

    def _on_icon(self, event: events.MouseEvent) -> bool:
        return event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._on_icon(event)
        if hover != self._icon_hover:
            self._icon_hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._icon_hover:
            self._icon_hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if self._on_icon(event):
            await self.run_action("app.command_palette")
        else:
            self.tall = not self.tall
