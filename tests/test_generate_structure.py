"""Stage 2: sections, headings, list items and flattened tables."""

from anastro_quiz.generate.clean import clean_lines
from anastro_quiz.generate.structure import parse_blocks, split_cells, split_header, split_label

TEXT = """Fundamentals

Dose Table

Aspect Use in Women (Oncology) Use in Men (TRT Support)
Standard Dosage 1 mg taken orally once per day. Typically 0.5 mg two times per week.
Main Goal Maximal suppression of estrogen Controlled modulation of estradiol
Typical Dosage 1 mg daily 0.5 mg to 1 mg per week (often split)

  • In Women The primary goal is suppression.
  1. Promotion of Apoptosis ∞ Estradiol shortens osteoclast life.
"""


def test_blocks_sections_and_tables():
    blocks = parse_blocks(clean_lines(TEXT))
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "heading", "table", "item", "item"]
    table = blocks[2].table
    assert table.label_header == "Aspect"
    assert table.columns == ["Use in Women (Oncology)", "Use in Men (TRT Support)"]
    assert [r.label for r in table.rows] == ["Standard Dosage", "Main Goal", "Typical Dosage"]
    assert table.rows[0].cells == ["1 mg taken orally once per day.", "Typically 0.5 mg two times per week."]
    assert table.rows[1].cells == ["Maximal suppression of estrogen", "Controlled modulation of estradiol"]
    assert table.rows[2].cells == ["1 mg daily", "0.5 mg to 1 mg per week (often split)"]
    assert all(b.section == "Fundamentals" for b in blocks[1:])
    assert blocks[2].heading == "Dose Table"


def test_labels_of_list_items():
    assert split_label("In Women The primary goal is suppression.") == ("In Women", "The primary goal is suppression.")
    assert split_label("Promotion of Apoptosis ∞ Estradiol shortens osteoclast life.") == (
        "Promotion of Apoptosis", "Estradiol shortens osteoclast life.")
    assert split_label("Osteoblasts which build bone.") == ("", "Osteoblasts which build bone.")


def test_header_and_ambiguous_cells():
    assert split_header("Parameter Response in Women (High-Dose) Response in Men (Low-Dose)") == (
        "Parameter", ["Response in Women (High-Dose)", "Response in Men (Low-Dose)"])
    assert split_header("Just a heading") is None
    cells, certain = split_cells("One risk. Another fact. Men differ. The goal is balance.", 2)
    assert not certain and cells == ["One risk.", "The goal is balance."]
