"""The app's long work that makes or brings in data: a deck generated from a document (``n``
on Home) and another copy's progress merged (``m`` on Progress), each asked for in a
:class:`~.dialogs.path.PathDialog` and run in a :class:`~.dialogs.long_work.LongWorkDialog`
with its progress bar; both are also in the command palette. Mixed into
:class:`~.app.StudyApp`; the work is the core's (``generate_into``, ``Store.merge``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..numbers import plural

if TYPE_CHECKING:
    from pathlib import Path

    from ..generate.output import Written
    from ..store import MergeReport
    from .dialogs.long_work import LongWork
    from .dialogs.path import PathChoice


class LongActions:
    """``action_generate`` and ``action_merge``."""

    def _refused_in_session(self, what: str) -> bool:
        """A session is open: ``what`` would change cards it has queued, so it waits."""
        if self.session_open():
            self.notify(f"A study session is open: finish it (q) first, then {what}.", timeout=3)
            return True
        return False

    # --- a deck from a document -------------------------------------------------

    def action_generate(self) -> None:
        """Ask for a document, generate its deck where the decks in use are, load it, and open
        the curation of its cards."""
        from ..paths import folder_for_new_decks
        from .dialogs.path import PathDialog

        if self.collection is None or self.refused_in_preview("generate a deck") or self._refused_in_session("generate"):
            return
        folder = folder_for_new_decks(self.collection.deck_paths)
        self.push_screen(PathDialog(
            "New deck from a document", f"Text, Markdown, HTML or PDF. The deck is written to {folder}, with a "
            "copy of the document in its sources/; then you curate its cards.", go="Generate",
            placeholder="path/to/article.pdf", switch="Replace the deck if it was generated before"),
            lambda choice: self._generate(choice, folder))

    def _generate(self, choice: PathChoice | None, folder: Path) -> None:
        from .dialogs.long_work import LongWorkDialog

        if choice is None:
            return
        collection = self.collection
        taken = {deck.id: deck.path for deck in collection.decks.values()}

        def generate(work: LongWork) -> Written:
            from ..errors import UserError
            from ..generate.output import OutputExists, generate_into

            try:
                written = generate_into([choice.path], folder, force=choice.switch, taken=taken, progress=work)
            except OutputExists as exc:
                raise UserError(f"{exc}; to overwrite them, switch on \"Replace the deck if it was generated "
                                "before\"") from None
            work.database(lambda: collection.add_decks(written.deck_files))
            return written

        self.push_screen(LongWorkDialog(f"Generating a deck from {choice.path.name}", generate,
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

    # --- another copy's progress ------------------------------------------------

    def action_merge(self) -> None:
        """Ask for another copy's database and merge its review log into this one (as
        ``anastro-quiz progress merge``), rebuilding the cards it touches."""
        from .dialogs.path import PathDialog

        if self.collection is None or self.refused_in_preview("merge another copy's progress") \
                or self._refused_in_session("merge"):
            return
        self.push_screen(PathDialog(
            "Merge another copy's progress", "The progress database of another copy (its progress.db, or a "
            "backup of it): its reviews are added here by review id and the cards they touch rebuilt. No "
            "review is lost, merging twice adds nothing, settings stay as they are here.", go="Merge",
            placeholder="path/to/other/progress.db"), self._merge)

    def _merge(self, choice: PathChoice | None) -> None:
        from .dialogs.long_work import LongWorkDialog

        if choice is None:
            return
        store = self.collection.store

        def merge(work: LongWork) -> MergeReport:
            work(0, 1, "reading the other copy's reviews")
            # One transaction: a cancel (raised from the next progress call) rolls it all back.
            return work.database(lambda: store.merge(choice.path, progress=lambda done, total, _name: work(
                done, total, f"rebuilding cards ({done} of {total})")))

        self.push_screen(LongWorkDialog("Merging another copy's progress", merge, name="merge progress",
                                        cancelled="Merge cancelled: nothing was merged."), self._merged)

    def _merged(self, report: MergeReport | None) -> None:
        from .screens.progress import ProgressScreen

        if report is None:
            return
        said = [report.summary()] + ([] if report.changed else ["nothing changed (already merged)"])
        warnings = report.warnings()
        self.notify("\n".join(said + warnings), title="Progress merged", severity="warning" if warnings else
                    "information", timeout=12, markup=False)
        if isinstance(self.screen, ProgressScreen):
            self.screen.load()  # Home reloads itself when it shows again
        if report.added:
            self.fit_scheduler()  # as 'progress merge' does: refit the scheduler if that is due now
