"""The app's long work that makes or brings in data, started from Home or the command palette:
a deck generated from a document (``n``), in a :class:`~.dialogs.long_work.LongWorkDialog`
with its progress bar. Mixed into :class:`~.app.StudyApp`; the work is the core's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..numbers import plural

if TYPE_CHECKING:
    from ..generate.output import Written
    from .dialogs.generate import GenerateRequest
    from .dialogs.long_work import LongWork


class LongActions:
    """``action_generate``: ask for a document, generate its deck where the decks in use are,
    load it, and open the curation of its cards."""

    def action_generate(self) -> None:
        from ..paths import folder_for_new_decks
        from .dialogs.generate import GenerateDialog

        if self.collection is None:
            return
        if self.session_open():  # a replaced deck would change cards the session has queued
            self.notify("A study session is open: finish it (q) first, then generate.", timeout=3)
            return
        self.push_screen(GenerateDialog(folder_for_new_decks(self.collection.deck_paths)), self._generate)

    def _generate(self, request: GenerateRequest | None) -> None:
        from .dialogs.long_work import LongWorkDialog

        if request is None:
            return
        collection = self.collection
        taken = {deck.id: deck.path for deck in collection.decks.values()}

        def generate(work: LongWork) -> Written:
            from ..errors import UserError
            from ..generate.output import OutputExists, generate_into

            try:
                written = generate_into([request.document], request.folder, force=request.replace, taken=taken,
                                        progress=work)
            except OutputExists as exc:
                raise UserError(f"{exc}; to overwrite them, switch on \"Replace the deck if it was generated "
                                "before\"") from None
            work.database(lambda: collection.add_decks(written.deck_files))
            return written

        self.push_screen(LongWorkDialog(f"Generating a deck from {request.document.name}", generate,
                                        name="generate a deck", cancelled="Generation cancelled: nothing was written."),
                         self._generated)

    def _generated(self, written: Written | None) -> None:
        from .screens.curate import CurateScreen

        if written is None:
            return
        decks = written.result.decks
        cards = sum(len(deck.cards) for deck in decks)
        left_out = f" ({plural(written.left_out, 'card')} rejected before left out)" if written.left_out else ""
        self.notify(f"{plural(cards, 'card')} in {', '.join(deck.title for deck in decks)}, written to "
                    f"{written.output}{left_out}. Keep, reject or edit them now.", title="Deck generated",
                    timeout=8, markup=False)
        self.push_screen(CurateScreen([deck.id for deck in decks]))
