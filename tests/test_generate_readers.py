"""Stage 1 readers: Markdown, plain text (hard-wrapped too), wiki leftovers, refusals.

Fixture texts are written for these tests; wording in the style of Wikipedia drug
articles, not copied from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.generate import InputError, generate_decks
from anastro_quiz.generate.clean import strip_leftovers
from anastro_quiz.cli.generate import generate_command
from anastro_quiz.generate.readers import detect_format, read_blocks, source_text
from anastro_quiz.generate.readers.markdown import parse_markdown
from anastro_quiz.generate.readers.text import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "articles"

ARTICLE_MD = """# Letrozole

## Main

Letrozole, sold under the brand name Femara among others, is an aromatase inhibitor used
in the treatment of breast cancer.[2] It is taken by mouth.[3][4]

## Medical uses

Main article: Aromatase inhibitor

### Breast cancer

Letrozole is used after surgery in postmenopausal women with hormone receptor-positive
breast cancer, usually for 5 years.[citation needed] It lowers estrogen<sup>[a]</sup> levels
by about 98%&nbsp;in plasma.[note 1]

## Side effects

- Hot flashes
- Joint pain (arthralgia)
- Loss of bone mineral density,
  which can lead to fractures
1. Nested first
   - nested bullet

| Drug | Daily dose | Half-life |
|---|---|---|
| Letrozole | 2.5 mg | 2 days |
| Anastrozole | 1 mg | 50 hours |

## See also

- Exemestane

## References

1. Smith J (2001). "Letrozole". *Journal of Things*. 3 (2): 1–9.

## Further reading

Some book about letrozole that is long enough to be a sentence of its own.
"""


def md_blocks(text=ARTICLE_MD):
    return parse_markdown(text)


def test_markdown_headings_keep_their_levels_and_paragraphs_are_unwrapped():
    blocks = md_blocks()
    headings = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert headings == [("Letrozole", 1), ("Main", 2), ("Medical uses", 2), ("Breast cancer", 3), ("Side effects", 2)]
    first = next(b for b in blocks if b.kind == "paragraph")
    assert first.text == ("Letrozole, sold under the brand name Femara among others, is an aromatase inhibitor "
                          "used in the treatment of breast cancer. It is taken by mouth.")
    assert first.heading == "Main"
    uses = [b for b in blocks if b.heading == "Breast cancer" and b.kind == "paragraph"]
    assert uses[0].section == "Medical uses"


def test_markdown_leftovers_are_gone():
    text = "\n".join(b.text for b in md_blocks())
    for leftover in ("[2]", "[3]", "[citation needed]", "[a]", "[note 1]", "<sup>", "&nbsp;", "Main article",
                     "**", "|", "Exemestane", "Journal of Things", "Some book"):
        assert leftover not in text, leftover
    assert "by about 98% in plasma." in text


def test_markdown_lists_become_items_even_without_a_lead_sentence():
    items = [b.text for b in md_blocks() if b.kind == "item"]
    assert items == ["Hot flashes", "Joint pain (arthralgia)",
                     "Loss of bone mineral density, which can lead to fractures", "Nested first", "nested bullet"]


def test_markdown_pipe_table_has_real_cells():
    tables = [b for b in md_blocks() if b.kind == "table"]
    assert len(tables) == 1
    table = tables[0].table
    assert (table.label_header, table.columns) == ("Drug", ["Daily dose", "Half-life"])
    assert [(r.label, r.cells) for r in table.rows] == [("Letrozole", ["2.5 mg", "2 days"]),
                                                         ("Anastrozole", ["1 mg", "50 hours"])]
    assert all("|" not in r.quote for r in table.rows)


def test_markdown_article_gives_cards_without_markup(tmp_path):
    doc = tmp_path / "Letrozole.md"
    doc.write_text(ARTICLE_MD, encoding="utf-8")
    cards = [c for d in generate_decks([doc]) for c in d.cards]
    assert cards
    rendered = source_text(doc)
    for card in cards:
        shown = " ".join(str(v) for k, v in card.data.items() if k != "tags")
        assert "|" not in shown and "[2]" not in shown and "<sup>" not in shown, card.id
        assert card.data["source"]["quote"] in rendered, card.id


def test_setext_headings_and_html_blocks():
    blocks = parse_markdown("Title\n=====\n\nA paragraph about bone density in adults.\n\n"
                            "<div class=\"note\">\n<b>x</b>\n</div>\n\nUses\n----\n\nAnother paragraph here.\n")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Title", 1), ("paragraph", "A paragraph about bone density in adults.", 0),
        ("heading", "Uses", 2), ("paragraph", "Another paragraph here.", 0)]


@pytest.mark.parametrize("raw, clean", [
    ("It works.[2] Next", "It works. Next"),
    ("It works [2, 3] well.", "It works well."),
    ("Levels fell.[12–14]", "Levels fell."),
    ("It was approved in 2010.[citation needed]", "It was approved in 2010."),
    ("As of 2019[update], trials run.", "As of 2019, trials run."),
    ("Doses vary[a] widely.[note 1]", "Doses vary widely."),
    ("Dosing is 75 mg/m² every 3 weeks.", "Dosing is 75 mg/m² every 3 weeks."),
    ("Counts of 10⁹/L are normal.", "Counts of 10⁹/L are normal."),
    ("Effective in women.² Rare in men.", "Effective in women. Rare in men."),
    ("Intracellular [Ca2+] rises.", "Intracellular [Ca2+] rises."),
    ("H<sub>2</sub>O &amp; salt", "H2O & salt"),
    ("Levels <0.1% and >5 mg", "Levels <0.1% and >5 mg"),
    ("It inhibits CYP3A4. (For a list of CYP3A4 inhibitors, see here.) It is", "It inhibits CYP3A4. It is"),
])
def test_wiki_leftovers_are_stripped(raw, clean):
    assert strip_leftovers(raw) == clean


WRAPPED = """Bone Health

Anastrozole lowers estradiol in postmenopausal women by blocking the
aromatase enzyme, which converts androgens into estrogens in fat tissue and
the brain. Lower estradiol speeds up bone resorption by osteoclasts.
A second sentence of the same paragraph starts on a new line here.

  • Hot flashes, which are common in the
    first months of treatment.
  • Joint pain.

Monitoring
"""


def test_plain_text_hard_wrapped_lines_are_joined_into_paragraphs():
    blocks = parse_text(WRAPPED)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "item", "item", "heading"]
    para = blocks[1].text
    assert para.startswith("Anastrozole lowers estradiol in postmenopausal women by blocking the aromatase enzyme,")
    assert "A second sentence of the same paragraph" in para
    assert blocks[2].body == "Hot flashes, which are common in the first months of treatment."


def test_one_paragraph_per_line_stays_as_it_is():
    text = ("Heading Here\n\nFirst paragraph is one long line that ends a sentence.\n"
            "Second paragraph on the next line, also whole.\n")
    blocks = parse_text(text)
    assert [b.text for b in blocks if b.kind == "paragraph"] == [
        "First paragraph is one long line that ends a sentence.", "Second paragraph on the next line, also whole."]


@pytest.mark.parametrize("name, head, fmt", [
    ("a.md", b"# T\n", "markdown"), ("a.markdown", b"text", "markdown"), ("a.html", b"<p>x", "html"),
    ("a.htm", b"x", "html"), ("a.txt", b"<!DOCTYPE html><html>", "html"), ("a.txt", b"# Title\n", "text"),
    ("a", b"%PDF-1.7", "pdf"), ("a.txt", b"%PDF-1.4", "pdf"), ("notes", b"# A\n\n## B\n", "markdown"),
    ("notes", b"plain words", "text"),
])
def test_format_from_suffix_and_content(name, head, fmt):
    assert detect_format(Path(name), head) == fmt


def test_a_pdf_suffix_on_another_file_is_refused(tmp_path):
    fake = tmp_path / "paper.pdf"
    fake.write_text("just text", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        read_blocks(fake)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_german_article_is_refused_and_nothing_is_written(tmp_path, suffix):
    doc = tmp_path / f"Kurzartikel{suffix}"
    doc.write_text((FIXTURES / "Kurzartikel.de.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(generate_command, [str(doc), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "German" in result.output and "English" in result.output
    assert not out.exists()


@pytest.mark.parametrize("content", ["# Only a title\n\n## And a heading\n", "![figure](x.png)\n"])
def test_markdown_with_nothing_to_learn_from_is_refused(tmp_path, content):
    doc = tmp_path / "empty.md"
    doc.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(generate_command, [str(doc), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "nothing" in result.output.lower() or "no text" in result.output.lower()
    assert not out.exists()


def test_generated_markdown_deck_shows_each_source_in_context(tmp_path):
    from anastro_quiz.decks import load_decks
    from anastro_quiz.source_context import source_context

    doc = tmp_path / "Letrozole.md"
    doc.write_text(ARTICLE_MD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(generate_command, [str(doc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    decks = load_decks([out])
    found = [source_context(deck, card.source) for deck in decks for card in deck.cards]
    assert found and all(f is not None and f.exact for f in found)
    assert all("[2]" not in f.paragraph and "|" not in f.paragraph for f in found)


@pytest.mark.parametrize("raw, clean", [
    ("its INNTooltip International Nonproprietary Name, USANTooltip United States Adopted Name.", "its INN, USAN."),
    ("the AR (IC50Tooltip half-maximal inhibitory concentration = 159–243 nM)", "the AR (IC50 = 159–243 nM)"),
    ("testosterone and DHTTooltip dihydrotestosterone, and hence", "testosterone and DHT, and hence"),
    # an expansion ends at its punctuation: the initials of the next sentence never spell it
    ("and DHTTooltip dihydrotestosterone, and hence is an antiandrogen. The activity lies",
     "and DHT, and hence is an antiandrogen. The activity lies"),
    ("for ERTooltip estrogen receptor-positive breast cancer", "for ER-positive breast cancer"),
])
def test_wikipedia_abbreviation_tooltips_are_dropped(raw, clean):
    assert strip_leftovers(raw) == clean


def test_raw_html_in_markdown_gives_its_words():
    blocks = parse_markdown("# T\n\n<p>Letrozole lowers estradiol<br>in most postmenopausal women.</p>\n\n"
                            "| Drug | Note |\n|---|---|\n| Letrozole | taken<br>daily |\n")
    assert blocks[1].text == "Letrozole lowers estradiol in most postmenopausal women."
    assert blocks[2].table.rows[0].cells == ["taken daily"]


def test_plain_text_source_with_leftovers_is_shown_from_its_cleaned_text(tmp_path):
    from anastro_quiz.source_context import document_text, find_quote

    doc = tmp_path / "notes.txt"
    doc.write_text("Uses\n\nLetrozole lowers estradiol by about 98% in plasma.[12] It is taken by\n"
                   "mouth once a day by most women.[citation needed]\n", encoding="utf-8")
    found = find_quote(document_text(doc), "It is taken by mouth once a day by most women.")
    assert found is not None and found.exact and "[12]" not in found.paragraph


def test_front_matter_is_not_text_and_a_title_line_above_prose_is_a_heading():
    blocks = parse_markdown("---\ntitle: Letrozole notes\ntags: [onco]\n---\n\n# Letrozole\n\nIt is an aromatase "
                            "inhibitor taken by mouth.\n")
    assert [(b.kind, b.text) for b in blocks] == [("heading", "Letrozole"),
                                                  ("paragraph", "It is an aromatase inhibitor taken by mouth.")]
    text = parse_text("Bone Health\nAnastrozole lowers estradiol in postmenopausal women by blocking the\n"
                      "aromatase enzyme, which converts androgens into estrogens in fat tissue.\n")
    assert [b.kind for b in text] == ["heading", "paragraph"]


def test_plainly_english_text_needs_no_detector(monkeypatch):
    """The detector costs a second to load: English prose is accepted on its function words."""
    from anastro_quiz.generate.readers import language

    def no_detector(text):
        raise AssertionError("langdetect was consulted")

    monkeypatch.setattr(language, "languages", no_detector)
    english = "The elimination half-life of the drug is about two days, and it is taken by mouth once a day. " * 3
    language.check_english(Path("a.md"), english)
    assert language.function_word_share("Die Halbwertszeit beträgt etwa zwei Tage und wird einmal täglich") < 0.2
