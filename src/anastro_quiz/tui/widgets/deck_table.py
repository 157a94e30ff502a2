"""Home's deck table: Textual's ``DataTable`` with its one-line text cells drawn directly.

``DataTable`` draws every cell through Rich's console (the cell wrapped in ``Padding`` and
``Styled``, then laid out as lines): at launch that is most of what a row costs, and a
collection of 20 decks draws 20 rows before Home's first frame with data. A cell that is one
line of plain ``Text`` in a row one line high needs none of that layout: its segments, cropped
or padded to the column, between the cell padding, with the same styles applied in the same
order. Every other cell (the header, a wrapping row's, the Mastery bar's ``Content``) is drawn
by ``DataTable`` as before. Everything else (cursor, keys, events, zebra stripes) is
``DataTable``'s own.

A judgment call: this overrides ``DataTable._render_cell``, a private method (textual is pinned
below 9; the snapshot tests compare the drawn table cell by cell)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable


class DeckTable(DataTable):
    """A ``DataTable`` whose one-line text cells are drawn without Rich's layout."""

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        if row_index < 0 or column_index < 0:  # the header and row labels: DataTable's own
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        row = self.rows[row_key]
        cells = self._get_row_renderables(row_index)[1]
        cell = cells[column_index]
        if row.height != 1 or row.auto_height or not isinstance(cell, Text) or "\n" in cell.plain:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        # DataTable's own cache key, so a cell is drawn again exactly when DataTable would draw it.
        key = (row_key, self._column_locations.get_key(column_index), base_style, cursor, hover,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        lines = self._cell_render_cache.get(key)
        if lines is None:
            base_style += Style.from_meta({"row": row_index, "column": column_index})
            fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
            component_style, post_style = self._get_styles_to_render_cell(
                False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
                self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
            pad = self.cell_padding
            text = Segment.adjust_line_length(list(cell.render(self.app.console)), width - 2 * pad)
            line = [Segment(" " * pad), *text, Segment(" " * pad)] if pad else text
            lines = [list(Segment.apply_style(line, base_style + component_style, post_style))]
            self._cell_render_cache[key] = lines
        return lines
