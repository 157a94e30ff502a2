"""Stage 1 readers for web pages (trafilatura) and PDFs (pdfminer.six), with page numbers
carried into card sources. Fixtures are built here: an HTML page with navigation, footer,
citation links and a References list, and a two-page PDF (fpdf2) with a running header,
page numbers, a hyphenated line end, a list and a paragraph that runs on to the next page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.decks import load_decks, validate_paths
from anastro_quiz.generate import InputError
from anastro_quiz.cli.generate import generate_command
from anastro_quiz.generate.readers import read_blocks, source_text
from anastro_quiz.source_context import source_context

PAGE = """<!DOCTYPE html>
<html><head><title>Letrozole - Encyclopedia</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li><li>Log in</li></ul></nav>
<div id="content"><main>
<h1>Letrozole</h1>
<p>Letrozole, sold under the brand name Femara among others, is an aromatase inhibitor used in the
treatment of breast cancer.<sup class="reference"><a href="#cite1">[2]</a></sup> It is taken by mouth.</p>
<div class="hatnote">Main article: Aromatase inhibitor</div>
<h2>Medical uses</h2>
<p>Letrozole is used after surgery in postmenopausal women with hormone receptor-positive breast cancer,
usually for 5&nbsp;years.<sup>[citation needed]</sup> It lowers estrogen levels by about 98% in plasma.</p>
<h3>Infertility</h3>
<p>Letrozole has been used for ovulation induction at doses of 2.5 to 7.5&nbsp;mg/day for five days in
women with polycystic ovary syndrome.</p>
<h2>Side effects</h2>
<ul><li>Hot flashes</li><li>Joint pain (arthralgia)</li><li>Loss of bone mineral density</li></ul>
<table class="wikitable"><tr><th>Drug</th><th>Daily dose</th><th>Half-life</th></tr>
<tr><td>Letrozole</td><td>2.5 mg</td><td>2 days</td></tr>
<tr><td>Anastrozole</td><td>1 mg</td><td>50 hours</td></tr></table>
<h2>References</h2>
<ol class="references"><li id="cite1">Smith J (2001). "Letrozole". Journal of Things. 3 (2): 1-9.</li></ol>
</main></div>
<footer><p>This page was last edited on 1 May 2024. Text is available under a Creative Commons
license. Privacy policy. Contact us.</p></footer>
</body></html>
"""


def test_web_page_main_text_only_with_structure(tmp_path):
    page = tmp_path / "letrozole.html"
    page.write_text(PAGE, encoding="utf-8")
    blocks = read_blocks(page).blocks
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [
        ("Letrozole", 1), ("Medical uses", 2), ("Infertility", 3), ("Side effects", 2)]
    text = " ".join(b.text for b in blocks)
    for gone in ("Home", "Log in", "last edited", "Privacy", "[2]", "[citation needed]", "Main article",
                 "Journal of Things", "<", "&nbsp;"):
        assert gone not in text, gone
    assert "usually for 5 years. It lowers estrogen levels" in text
    assert [b.text for b in blocks if b.kind == "item"] == ["Hot flashes", "Joint pain (arthralgia)",
                                                             "Loss of bone mineral density"]
    (table,) = [b.table for b in blocks if b.kind == "table"]
    assert table.columns == ["Daily dose", "Half-life"]
    assert [(r.label, r.cells) for r in table.rows] == [("Letrozole", ["2.5 mg", "2 days"]),
                                                         ("Anastrozole", ["1 mg", "50 hours"])]


def test_a_page_without_main_text_is_refused(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    result = CliRunner().invoke(generate_command, [str(page), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "nothing to learn from" in result.output
    assert not (tmp_path / "out").exists()


def make_pdf(path: Path) -> Path:
    """Two A4 pages set like a journal reprint: header and "Page N of 2" on every page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)

    def page(number: int, body: list[tuple[str, list[str]]]) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Journal of Test Pharmacology - Letrozole review")
        pdf.set_xy(10, 285)
        pdf.cell(0, 5, f"Page {number} of 2", align="C")
        y = 25.0
        for kind, lines in body:
            style, size, height = {"h1": ("B", 20, 10), "h2": ("B", 14, 8), "p": ("", 11, 5.5)}[kind]
            pdf.set_font("Helvetica", style, size)
            for line in lines:
                pdf.set_xy(15, y)
                pdf.cell(0, height, line)
                y += height
            y += 6

    page(1, [("h1", ["Letrozole"]),
             ("p", ["Letrozole is an aromatase inhibitor used in the treatment of hormone",
                    "receptor-positive breast cancer in postmenopausal women. It causes strong inhi-",
                    "bition of estrogen synthesis and lowers plasma estradiol by about 95%."]),
             ("h2", ["Dosing"]),
             ("p", ["The usual dose is 2.5 mg by mouth once daily, taken for five years after",
                    "surgery in most women with early breast cancer."]),
             ("p", ["- Hot flashes occur in about a third of women taking the", "drug for a year.",
                    "- Joint pain is common."]),
             ("h2", ["Bone health"]),
             ("p", ["Letrozole lowers bone mineral density in older women, and bone density scans are"])])
    page(2, [("p", ["advised before treatment and every two years while treatment continues."]),
             ("h2", ["Interactions"]),
             ("p", ["Tamoxifen lowers plasma letrozole levels by about 38% when the two drugs are",
                    "taken together, so they are not combined in practice."])])
    pdf.output(str(path))
    return path


def test_pdf_text_without_page_furniture_and_with_pages(tmp_path):
    blocks = read_blocks(make_pdf(tmp_path / "review.pdf")).blocks
    text = " ".join(b.text for b in blocks)
    assert "Journal of Test Pharmacology" not in text and "Page 1" not in text and "of 2" not in text
    assert [(b.text, b.level, b.page) for b in blocks if b.kind == "heading"] == [
        ("Letrozole", 1, 1), ("Dosing", 2, 1), ("Bone health", 2, 1), ("Interactions", 2, 2)]
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    assert paragraphs[0].text.endswith("It causes strong inhibition of estrogen synthesis and lowers plasma "
                                       "estradiol by about 95%.")
    assert "receptor-positive" in paragraphs[0].text  # a real hyphen stays
    assert [b.text for b in blocks if b.kind == "item"] == [
        "Hot flashes occur in about a third of women taking the drug for a year.", "Joint pain is common."]
    bone = next(b for b in paragraphs if b.heading == "Bone health")
    assert bone.page == 1 and bone.text.endswith("scans are advised before treatment and every two years while "
                                                 "treatment continues.")  # runs on across the page break
    assert next(b for b in paragraphs if b.heading == "Interactions").page == 2


def test_pdf_cards_say_their_page_and_show_in_context(tmp_path):
    doc = make_pdf(tmp_path / "review.pdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(generate_command, [str(doc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert validate_paths([out]) == []
    decks = load_decks([out])
    cards = [(deck, card) for deck in decks for card in deck.cards]
    assert cards
    pages = {card.source.page for _, card in cards}
    assert pages <= {1, 2} and 2 in pages
    rendered = source_text(out / "sources" / "review.pdf")
    for deck, card in cards:
        assert card.source.quote in rendered
        found = source_context(deck, card.source)
        assert found is not None and found.exact
    on_page_two = [card for _, card in cards if "38%" in card.source.quote]
    assert on_page_two and all(c.source.where == "review.pdf, p. 2" for c in on_page_two)


def test_a_broken_or_textless_pdf_is_refused(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n%garbage that is not a PDF body\n")
    with pytest.raises(InputError, match="PDF"):
        read_blocks(broken)
    from fpdf import FPDF

    blank = FPDF()
    blank.add_page()
    blank.output(str(tmp_path / "scan.pdf"))
    result = CliRunner().invoke(generate_command, [str(tmp_path / "scan.pdf"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no text layer" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("page, ok", [(4, True), (0, False), ("four", False), (True, False)])
def test_deck_validation_accepts_only_a_whole_page_number(tmp_path, page, ok):
    import yaml

    deck = {"id": "d", "title": "D", "cards": [{"id": "c1", "type": "basic", "prompt": "Q?", "answer": "A",
                                                 "source": {"document": "x.pdf", "quote": "A.", "page": page}}]}
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(deck), encoding="utf-8")
    problems = validate_paths([path])
    assert (problems == []) is ok, problems
    if ok:
        assert load_decks([path])[0].cards[0].source.page == 4


def test_readers_benchmark_runs():
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, str(root / "benchmarks" / "bench_readers.py"), "--quick"],
                            capture_output=True, text=True, timeout=300, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "ms/KB" in result.stdout and "pdf 4 pages" in result.stdout


def test_damaged_pdfs_are_refused_cleanly_never_a_traceback(tmp_path, capfd):
    import random

    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    rng = random.Random(7)
    for i in range(25):
        data = bytearray(good)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        damaged = tmp_path / f"damaged{i}.pdf"
        damaged.write_bytes(bytes(data[: rng.randrange(len(data) // 2, len(data))]))
        try:
            read_blocks(damaged)
        except InputError:
            pass
    assert "Traceback" not in capfd.readouterr().err


def test_any_text_in_any_format_reads_or_is_refused(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["# ", "## ", "- ", "1. ", "| a | b |\n|---|---|\n", "<p>", "</p>", "<b>", "[2]",
                              "&amp;", "\n", "\n\n", "Tooltip ", "---\n", "∞", "−5%", "The dose is 1 mg daily. "])
    texts = st.lists(st.one_of(pieces, st.text(max_size=30)), max_size=25).map("".join)

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(text=texts, suffix=st.sampled_from([".md", ".html", ".txt", ""]))
    def check(text, suffix):
        doc = tmp_path / f"doc{suffix}"
        doc.write_text(text, encoding="utf-8")
        try:
            blocks = read_blocks(doc).blocks
        except InputError:
            return
        for b in blocks:  # whatever was read, no markup or citation marker is left in it
            assert not any(left in b.text for left in ("[2]", "<p>", "</p>", "<b>", "&amp;")), (suffix, b.text)

    check()
