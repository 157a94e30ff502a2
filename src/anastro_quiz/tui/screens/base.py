"""What every screen shares: the collection, and background work as ``tui.work`` describes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from ..work import Jobs

if TYPE_CHECKING:
    from ...collection import Collection


class CoreScreen(Jobs, Screen):
    """A screen that reads the collection in its own ``@work`` methods (see :mod:`..work`)."""

    @property
    def collection(self) -> Collection:
        return self.app.collection
