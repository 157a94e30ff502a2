"""What every screen shares: the collection, and database calls that survive the screen closing."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from textual.screen import Screen

T = TypeVar("T")


class CoreScreen(Screen):
    """A screen that reads the collection through the app's single database lane."""

    @property
    def collection(self):
        return self.app.collection

    def db(self, job: Callable[[], T], done: Callable[[T], Any] | None = None, *, name: str = "database"):
        """Run ``job`` off the UI thread; ``done`` runs only if this screen is still mounted."""

        def deliver(result: T) -> None:
            if done is not None and self.is_attached:
                done(result)

        return self.app.run_db(job, deliver if done else None, name=name)
