"""Settings' Optimize (as Anki's deck options): fit the FSRS parameters to the learner's own
reviews with the core's fit (``interop.optimize.fit``, the ``optimize`` command's), in a
dialog with a progress bar; the fitted parameters go into the parameters field, for the user
to save (saving offers to reschedule). Mixed into :class:`~.settings.SettingsScreen`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from ...interop.optimize import OptimizeResult
    from ..dialogs.long_work import LongWork


class OptimizeParameters:
    """``action_optimize`` for the scope in "Applies to": every deck's reviews for the global
    parameters, the deck's own reviews for a deck's."""

    def action_optimize(self) -> None:
        from ..dialogs.long_work import LongWorkDialog

        # Refused before the fit: its result could only be saved, and a preview saves nothing.
        if self.loaded is None or self.app.refused_in_preview("optimize and save parameters"):
            return
        deck_id = self.deck_id
        current = self.loaded[0].parameters  # the scope's parameters as saved (None: FSRS's defaults)
        store = self.collection.store

        def fit_reviews(work: LongWork) -> OptimizeResult:
            from ...interop.optimize import backend, fit, history_from_store

            backend()  # without the optimizer extra: how to install it, before reading anything
            reviews = work.database(lambda: history_from_store(store, [deck_id] if deck_id else None))
            return fit(reviews, current=current, progress=work)  # outside the lock: grading goes on

        self.query_one("#settings-optimized", Static).update("")
        self.app.push_screen(LongWorkDialog("Optimize parameters", fit_reviews, name="optimize parameters",
                                            cancelled="Optimize cancelled: the parameters are unchanged."),
                             self._optimized)

    def _optimized(self, result: OptimizeResult | None) -> None:
        if result is None:
            return
        lines = result.score_lines()
        if result.fitted.log_loss < result.in_use.log_loss:
            self.query_one("#set-parameters", Input).value = ", ".join(f"{p:g}" for p in result.parameters)
            verdict = ("The fitted parameters are in the field above: Ctrl+S saves them "
                       "(and offers to reschedule your cards).")
            self.notify("Fitted parameters are in the parameters field: Ctrl+S saves them.", timeout=5)
        else:
            verdict = ("The fitted parameters do not predict your held-out reviews better than the ones in "
                       "use: the parameters field is unchanged.")
            self.notify("Nothing better found: the parameters field is unchanged.", timeout=5)
        shown = self.query_one("#settings-optimized", Static)
        shown.update(Content("\n".join([*lines, verdict])))
        # Below the form at 80x24: scrolled into view, all of it.
        self.call_after_refresh(self.query_one("#settings").scroll_end, animate=False)
