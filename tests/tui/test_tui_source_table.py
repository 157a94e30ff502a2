"""A card quoting a table row shows the table as a table in the source view, the row it
quotes highlighted (issue 12: table sources were a run-on line)."""

from __future__ import annotations

from textual.widgets import Static

from anastro_quiz.collection import Collection
from anastro_quiz.generate.readers import read_blocks
from anastro_quiz.tui.app import make_app

from .conftest import press
from .test_tui_review import open_review

ARTICLE = """# Aromatase inhibitors

## Doses

Aromatase inhibitors lower estrogen levels in postmenopausal women with breast cancer.

| Drug | Daily dose | Half-life |
| --- | --- | --- |
| Letrozole | 2.5 mg | 2 days |
| Anastrozole | 1 mg | 50 hours |
"""


async def test_a_table_source_is_drawn_as_a_table(tmp_path, clock):
    decks = tmp_path / "decks"
    (decks / "sources").mkdir(parents=True)
    article = decks / "sources" / "ai.md"
    article.write_text(ARTICLE, encoding="utf-8")
    [table] = [b.table for b in read_blocks(article).blocks if b.kind == "table"]
    quote = table.rows[1].quote
    (decks / "ai.yaml").write_text(
        "id: ai\ntitle: Aromatase inhibitors\nsources:\n  - document: ai.md\ncards:\n"
        "  - id: ana-dose\n    type: basic\n    prompt: Daily dose of anastrozole?\n    answer: 1 mg\n"
        f"    source:\n      document: ai.md\n      quote: '{quote}'\n", encoding="utf-8")
    coll = Collection.open(tmp_path / "p.db", [decks], clock=clock)
    try:
        app = make_app(coll)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_review(pilot)
            await press(pilot, "space", "o")
            from rich.table import Table

            rendered = app.screen.query_one("#source-table", Static).content

            assert isinstance(rendered, Table)
            assert [c.header for c in rendered.columns] == ["Drug", "Daily dose", "Half-life"]
            assert rendered.rows[1].style == "bold reverse" and rendered.rows[0].style is None
            assert not app.screen.query("#source-paragraph")
    finally:
        coll.close()
