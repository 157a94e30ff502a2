"""Sources by title (issue 12): a deck's sources entry may give the document's title, which
the source view, card info and quiz results show instead of the file name; the generator
writes it for a document that has its own title."""

from __future__ import annotations

from textual.widgets import Static

from anastro_quiz.deck_model import Source
from anastro_quiz.generate.pipeline import generate_decks

from .conftest import press
from .test_tui_review import open_review

TITLE = "Anastrozole and bone health in men and women"


def _titled(deck_dir) -> None:
    path = next(deck_dir.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - document: 003_f596ba227722da9a.txt",
                                 f"  - document: 003_f596ba227722da9a.txt\n    title: {TITLE}"), encoding="utf-8")


def test_a_source_is_named_by_its_title_else_its_file(collection):
    deck = next(iter(collection.decks.values()))
    assert deck.source_title(Source("003_f596ba227722da9a.txt", "q")) == "003_f596ba227722da9a.txt"
    deck.sources[0]["title"] = TITLE
    assert deck.source_title(Source("003_f596ba227722da9a.txt", "q", page=4)) == f"{TITLE}, p. 4"


async def test_the_source_view_shows_the_title(tmp_path, deck_dir, clock):
    from anastro_quiz.collection import Collection
    from anastro_quiz.tui.app import make_app

    _titled(deck_dir)
    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        app = make_app(coll)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_review(pilot)
            await press(pilot, "space", "o")
            heading = str(app.screen.query_one(".dialog-title", Static).render())
            assert TITLE in heading and "003_f596" not in heading
    finally:
        coll.close()


def test_the_generator_writes_a_documents_own_title(tmp_path):
    article = tmp_path / "letrozole.md"
    article.write_text(
        "# Letrozole in early breast cancer\n\n## Mechanism\n\n"
        "Letrozole is a nonsteroidal aromatase inhibitor that lowers estrogen levels in postmenopausal women. "
        "In the BIG 1-98 trial, letrozole reduced the risk of recurrence compared with tamoxifen. "
        "Letrozole is taken as 2.5 mg once daily for five years.\n", encoding="utf-8")
    [deck] = generate_decks([article])
    assert deck.sources == [{"document": "letrozole.md", "title": "Letrozole in early breast cancer"}]
