"""The command palette (Ctrl+P): every action of the app, plus one entry per deck."""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider


class StudyCommands(Provider):
    """Study a deck, study everything, quiz, progress, settings, help (themes come from Textual)."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.app
        yield "Study everything due", partial(app.action_study, None), "Every due card in every deck"
        yield "Start a quiz", partial(app.action_quiz, None), "A scored test from chosen decks or topics"
        yield "Open progress", app.action_progress, "Heatmap, forecast, retention, mastery, exam readiness"
        yield ("New from generator (curate)", app.action_curate,
               "Keep, reject or edit generated cards, best first, before you study them")
        yield ("New deck from a document", app.action_generate,
               "Generate a deck from a text, Markdown, HTML or PDF file, then curate its cards")
        yield ("Merge another copy's progress", app.action_merge,
               "Add the reviews of another copy's progress.db (another machine, a backup) to this one")
        yield "Open settings", app.action_settings, "Desired retention, daily limits, learning steps"
        yield "Show key bindings", app.action_help, "Every key, screen by screen"
        yield ("Browse cards: every deck", partial(app.action_browse, None),
               "Every card with its answer, state and flags; / searches")
        decks = app.collection.decks.values() if app.collection is not None else ()
        for deck in decks:
            yield f"Study deck: {deck.title}", partial(app.action_study, deck.id), f"Open {deck.id}"
            yield f"Quiz on deck: {deck.title}", partial(app.action_quiz, deck.id), f"Quiz from {deck.id}"
            yield (f"Browse cards: {deck.title}", partial(app.action_browse, deck.id),
                   f"State, due, lapses; unsuspend cards of {deck.id}")
            yield (f"Leeches and suspended: {deck.title}", partial(app.action_browse, deck.id, "suspended"),
                   "Suspended cards first; f cycles to leeches")

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
