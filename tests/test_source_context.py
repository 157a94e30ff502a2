"""Finding a card's quote in its source document, for the review screen's source view."""

from anastro_quiz.decks import Source
from anastro_quiz.source_context import find_quote, paragraphs, source_context

TEXT = "Title\n\nFirst paragraph.  It is an\naromatase inhibitor, used widely.\n\nSecond one here."


def test_paragraphs_split_on_blank_lines():
    assert paragraphs(TEXT) == ["Title", "First paragraph.  It is an\naromatase inhibitor, used widely.",
                                "Second one here."]


def test_exact_quote_across_line_breaks_and_spacing():
    found = find_quote(TEXT, "It is an aromatase inhibitor,", "doc.txt")
    assert found.exact and found.quoted == "It is an\naromatase inhibitor,"
    assert found.before == "First paragraph.  " and found.after == " used widely."


def test_fuzzy_quote_still_points_at_the_paragraph():
    found = find_quote(TEXT, "It is an aromatase-inhibitor used widely", "doc.txt")
    assert found is not None and not found.exact
    assert "aromatase" in found.quoted and found.paragraph.startswith("First paragraph")


def test_missing_quote_or_document():
    assert find_quote(TEXT, "nothing like this at all in the text anywhere") is None
    assert source_context(None, Source("doc.txt", "x")) is None


def test_fixture_deck_source_is_found(collection):
    deck = collection.decks["sample"]
    item = collection.items[("sample", "ai-class")]
    found = source_context(deck, item.source)
    assert found is not None and found.quoted == "It is an aromatase inhibitor."
