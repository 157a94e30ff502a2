"""The key bar at the bottom of every screen: the keys that work now, as Textual's ``Footer``
(compact) shows them, drawn by one widget.

``Footer`` makes a widget per key, and only once the screen has told it its bindings, so its
keys come a frame after the rest of the screen: at launch that frame and its widgets cost
about a third as much again as all of Home's other widgets (instructions counted to the frame
that shows the keys). This bar renders the screen's active bindings itself, in the screen's
first frame, and draws again when they change. Like ``Footer``: one key per action, a key
that is not enabled now dimmed, the command palette's key on the right, a key's tooltip on
hover, a click presses the key."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget


class ShownKey(NamedTuple):
    """One key as the bar shows it: ``start``/``end`` are columns within the bar."""

    key: str  # the key pressed when it is clicked
    key_display: str
    description: str
    enabled: bool
    tooltip: str
    start: int
    end: int


class KeyBar(Widget, can_focus=False):
    """The active bindings of the screen, one line, docked at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover", "key-bar--disabled",
                         "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-bar--disabled {
            text-style: dim;
        }
        & > .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._shown: list[ShownKey] = []
        self._hover: int | None = None  # the index in _shown of the key under the pointer

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def shown(self) -> list[ShownKey]:
        """The keys drawn the last time the bar rendered, left to right."""
        return list(self._shown)

    def key_regions(self) -> list[tuple[ShownKey, Region]]:
        """Each key drawn, with the screen region a click on it lands in."""
        x, y = self.region.x, self.region.y
        return [(k, Region(x + k.start, y, k.end - k.start, 1)) for k in self._shown]

    def _entries(self) -> tuple[list[tuple], tuple | None]:
        """(key, display, description, enabled, tooltip) per action, as ``Footer`` picks them
        (the first binding of each action), and the command palette's, or None."""
        app = self.app
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append((binding.key, app.get_key_display(binding), binding.description, enabled,
                             tooltip or binding.tooltip))
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            entry = active.get(app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _node, binding, enabled, tooltip = entry
                palette = (binding.key, app.get_key_display(binding), binding.description, enabled,
                           binding.tooltip or binding.description)
        return keys, palette

    def render(self) -> RenderResult:
        keys, palette = self._entries()
        width = self.size.width
        styles = {name: self.get_visual_style(f"key-bar--{name}")
                  for name in ("key", "description", "hover", "separator")}
        dim = self.get_visual_style("key-bar--disabled")
        shown: list[ShownKey] = []
        parts: list[Content] = []
        column = 0

        def add(entry: tuple, start: int) -> Content:
            key, display, description, enabled, tooltip = entry
            index = len(shown)
            text = Content.styled(display, styles["key"])
            if description:
                text += Content.styled(" " + description, styles["description"])
            if self._hover == index:
                text = text.stylize(styles["hover"])
            if not enabled:
                text = text.stylize(dim)
            shown.append(ShownKey(key, display, description, enabled, tooltip, start, start + text.cell_length))
            return text

        right = None
        if palette is not None:
            key, display, description = palette[:3]
            # The border, the key and its description, and a column to the right, as Footer has.
            right_width = 1 + cell_len(display) + (1 + cell_len(description) if description else 0) + 1
            right = width - right_width
        for entry in keys:
            text = add(entry, column)
            parts.append(text + " ")
            column += text.cell_length + 1
        if right is not None and right >= column:
            # Footer draws the palette's key with a left border of $foreground 20%.
            parts.append(Content(" " * (right - column)) + Content.styled("▏", styles["separator"]))
            parts.append(add(palette, right + 1) + " ")
        self._shown = shown
        return Content("").join(parts)

    def _key_at(self, x: int) -> int | None:
        return next((i for i, k in enumerate(self._shown) if k.start <= x < k.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._key_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = self._shown[index].tooltip or None if index is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        if self._shown[index].enabled:
            self.app.simulate_key(self._shown[index].key)
        else:
            self.app.bell()
