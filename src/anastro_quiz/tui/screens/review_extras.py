"""What Review shows beside the card itself: the session's state after each action (``Shown``,
made in a worker), the undo toast, and the views a revealed card opens: source, explanation,
edit. ``CardExtras`` is mixed into :class:`~.review.ReviewScreen`, whose ``shown``,
``revealed``, ``busy``, ``change_session``, ``show_card`` and ``reveal`` it uses."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from ...decks import StudyItem
from ...scheduler import Rating
from ...session import Remaining, StudySession, Undone
from ..dialogs.card_info import CardInfoJobs


@dataclass
class Shown:
    """The session as it stands after the last action (computed in the session's worker):
    all the UI thread reads of it."""

    item: StudyItem | None
    preview: dict[Rating, str] = field(default_factory=dict)
    remaining: Remaining = field(default_factory=Remaining)
    done: int = 0
    note: str = ""
    can_undo: bool = False
    undo_action: str | None = None
    marked: bool = False  # the card on screen is marked (Anki's *)


#: Where a toast names the undo key: ``u``, or ``Ctrl+Z`` when the card shown next is a typed one
#: (its answer field takes the ``u``), filled in by :func:`undo_key_in` as the toast is shown.
UNDO_KEY = "<undo-key>"


def undo_key_in(note: str, typing: bool) -> str:
    """``note`` with the undo key that works now: ``Ctrl+Z`` while an answer field has the keys."""
    return note.replace(UNDO_KEY, "Ctrl+Z" if typing else "u")


def undone_note(undone: Undone) -> str:
    """The toast naming what ``u`` took back."""
    back = {"grade": "the card's previous schedule is back", "bury": "the card is back today",
            "suspend": "the card is back in your reviews", "mark": "the card is not marked",
            "unmark": "the card is marked again",
            "edit": "the card is as it was in its deck file"}[undone.action]
    return f"Undone: {undone.describe()} · {back}."


def _text_of(path) -> str | None:
    """A deck file's text as the editor reads it, or None if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8") if path is not None else None
    except (OSError, UnicodeDecodeError):
        return None


def snapshot(session: StudySession, note: str = "") -> Shown:
    item = session.current
    return Shown(item, session.preview() if item else {}, session.remaining, session.done, note,
                 session.can_undo, session.undo_action, session.is_marked(item) if item else False)


class CardExtras(CardInfoJobs):
    """Source (``o``), explanation (``w``) and edit (``e``) of the card on screen."""

    def _revealed_item(self, why: str = "") -> StudyItem | None:
        """The card on screen once its answer shows; before, a note to reveal it first."""
        item = self.shown.item if self.shown else None
        if item is not None and not self.revealed:
            self.notify(f"Reveal the answer first (Space){why}.", timeout=2)
            return None
        return item

    def action_explanation(self) -> None:
        item = self._revealed_item()
        if item is None:
            return
        if not item.explanation:
            self.notify("This card has no explanation.", timeout=2)
            return
        box = self.query_one("#explanation", Static)
        box.update(Content.from_markup("[i]$text[/]", text=item.explanation))
        box.display = not box.display
        if box.display:
            self.query_one("#card", VerticalScroll).scroll_end(animate=False)

    def action_source(self) -> None:
        item = self._revealed_item(": the source gives it away")
        if item is None:
            return
        if item.source is None:
            self.notify("This card has no source.", timeout=2)
            return
        from ..dialogs.source import SourceDialog

        self.app.push_screen(SourceDialog(self.collection.decks.get(item.deck_id), item.source))

    def action_info(self) -> None:
        """Card info for the card on screen (history, memory state; nothing of the answer)."""
        item = self.shown.item if self.shown else None
        if item is not None:
            self.open_card_info(item.deck_id, item.id)

    def action_edit(self) -> None:
        """Edit the card on screen; once saved, the session shows it as it now is."""
        item = self.shown.item if self.shown else None
        if self.busy or item is None:
            return
        from ..dialogs.edit_card import open_editor

        was_revealed = self.revealed
        deck = self.collection.decks.get(item.deck_id)
        path = deck.path if deck is not None else None
        before = _text_of(path)  # u puts it back (a small file: read here, before the editor opens)

        def edited(session: StudySession, items: dict) -> Shown:  # in the session's worker
            session.refresh_items(item.deck_id, items)
            after = _text_of(path)
            if before is not None and after is not None:
                session.record_edit(items.get(item.key, item), before, after)
            return snapshot(session)

        def closed(items: dict | None) -> None:
            if items is not None:
                self.busy = True
                self.change_session("load card", lambda session: edited(session, items), reveal=was_revealed)

        open_editor(self, item.deck_id, item.card_id, closed)

    def _show_edited(self, shown: Shown) -> None:
        """The card as edited, its answer showing again if it was before the edit."""
        self.show_card(shown)
        if shown.item is not None:
            self.reveal()
            typed = self.query_one("#typed", Input)
            typed.disabled = True  # the keys grade now; the answer box is not asked again
            self.set_focus(None)
