"""What every screen shares: the collection, and database calls that survive the screen closing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from ...collection import Collection

T = TypeVar("T")


class CoreScreen(Screen):
    """A screen that reads the collection through the app's single database lane."""

    @property
    def collection(self) -> Collection:
        return self.app.collection

    def db(self, job: Callable[[], T], done: Callable[[T], Any] | None = None, *,
           error: Callable[[BaseException], Any] | None = None, name: str = "database",
           exclusive: bool = False):
        """Run ``job`` off the UI thread; ``done(result)`` (or, if the job fails, ``error(exc)``)
        runs only if this screen is still mounted. The app notifies the failure either way."""

        def deliver(result: T) -> None:
            if done is not None and self.is_attached:
                done(result)

        def failed(exc: BaseException) -> None:
            if error is not None and self.is_attached:
                error(exc)

        return self.app.run_db(job, deliver if done else None, error=failed if error else None, name=name,
                               exclusive=exclusive)
