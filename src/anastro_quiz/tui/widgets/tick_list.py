"""A SelectionList whose boxes differ by their glyph, not only by colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist


class TickList(SelectionList):
    """Draws ``▐X▌`` for a ticked option and ``▐ ▌`` for an unticked one.

    Textual's SelectionList draws an X in every box and hides the unticked ones' by colour,
    so in a monochrome terminal (or ``NO_COLOR``) every box reads as ticked."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if option.value in self.selected or len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line
        inner = segments[1]
        segments[1] = Segment(" " * len(inner.text), inner.style, inner.control)
        return Strip(segments, line.cell_length)
