"""The source dialog names the page of a quote from a paged document (PDF)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from anastro_quiz.decks import Source
from anastro_quiz.tui.dialogs.source import SourceDialog


async def test_source_dialog_title_says_the_page():
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SourceDialog(None, Source("review.pdf", "Tamoxifen lowers letrozole levels.", 4)))
        await pilot.pause()
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert "review.pdf, p. 4" in title
        app.pop_screen()
        app.push_screen(SourceDialog(None, Source("article.md", "A quote.")))
        await pilot.pause()
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert "article.md" in title and "p." not in title
