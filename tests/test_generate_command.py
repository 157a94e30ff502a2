"""The generate command: happy path, bad input, --force, and a new article of the same kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.decks import load_decks, validate_paths
from anastro_quiz.generate import InputError, generate_decks
from anastro_quiz.generate.pipeline import generate
from anastro_quiz.generate.clean import MAX_BYTES, lost_words
from anastro_quiz.cli.generate import generate_command

SOURCES = Path(__file__).resolve().parents[1] / "decks" / "sources"
DOCUMENTS = sorted(SOURCES.glob("*.txt"))
TOPIC_FILE = SOURCES / "topics.yaml"

# A new article of the same kind (not in the shipped sources): sections, captions,
# a flattened table, a list, lost-word sentences, references and a closing reflection.
SYNTHETIC = """Skip to main content

Fundamentals

Letrozole is a second aromatase inhibitor used in oncology. Aromatase, the enzyme responsible for converting androgens into estrogens, is found in fat tissue and the brain.

Letrozole works by reversibly binding to the aromatase enzyme, which lowers circulating estradiol by more than 95%.

Vibrant couple embodies hormone optimization and metabolic health, reflecting wellness and vitality. This visual metaphor symbolizes endocrine balance and cellular function
A glowing orb represents the intricate endocrine system and patient journey toward hormonal homeostasis

Bone Cells and Remodeling

Bone remodeling is carried out by two cell types:

  • Osteocytes which are responsible for sensing mechanical strain in mature bone.
  • Chondrocytes which are responsible for building cartilage in growth plates.

Estradiol restrains bone resorption, and osteoclasts, the giant cells that dissolve mineralized matrix, multiply when estradiol falls.

Intermediate

For with advanced disease, letrozole is taken for at least five years. Monitoring of is essential for every patient.

In the FACE trial, femoral-neck bone mineral density fell by 3.4% over two years in women taking letrozole.

Dosing Overview

Parameter Use in Women (Adjuvant Therapy) Use in Men (Fertility Care)
Typical Dosage 2.5 mg daily 2.5 mg once weekly
Main Risk Accelerated bone loss and fractures Excess estradiol suppression and low libido
Lab Monitoring Bone density scans every two years Serum estradiol and testosterone every three months

Academic

Hyperlipidemia, the excess of fats in the blood, was reported in 12% of patients receiving letrozole in the BIG 1-98 trial.

Reduced estradiol increases the expression of sclerostin (SOST), a protein that inhibits bone formation.

References

  • Smith, J. et al. "Letrozole and bone." Journal of Bone Research, vol. 12, 2015, pp. 1-9.

Reflection

Your journey toward understanding your body begins with a single question about your own health.
"""


def run(args):
    return CliRunner().invoke(generate_command, [str(a) for a in args])


def test_generates_valid_decks_with_sources(tmp_path):
    out = tmp_path / "decks"
    result = run([*DOCUMENTS, "-o", out])
    assert result.exit_code == 0, result.output
    assert validate_paths([out]) == []
    assert sorted(p.name for p in (out / "sources").iterdir()) == [p.name for p in DOCUMENTS]
    assert "cards from 2 documents" in result.output


def test_existing_files_are_not_overwritten_without_force(tmp_path):
    out = tmp_path / "decks"
    assert run([*DOCUMENTS, "-o", out, "--topics", TOPIC_FILE]).exit_code == 0
    deck = out / "dosing.yaml"
    deck.write_text("# my edits\n", encoding="utf-8")
    result = run([*DOCUMENTS, "-o", out, "--topics", TOPIC_FILE])
    assert result.exit_code == 2
    assert "already exist" in result.output and "--force" in result.output
    assert deck.read_text(encoding="utf-8") == "# my edits\n"
    assert run([*DOCUMENTS, "-o", out, "--force", "--topics", TOPIC_FILE]).exit_code == 0
    assert deck.read_text(encoding="utf-8") != "# my edits\n"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n\t\n", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"caf\xe9 au lait " * 10, "UTF-8"),
    (b"Menu\n\nSearch\n\n12 34 56\n\n| -- | -- |\n", "no usable sentences"),
])
def test_bad_input_gives_a_clear_message_and_no_deck(tmp_path, content, message):
    doc = tmp_path / "bad.txt"
    doc.write_bytes(content)
    out = tmp_path / "out"
    result = run([doc, "-o", out])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.yaml"))


def test_huge_file_is_refused(tmp_path):
    doc = tmp_path / "huge.txt"
    with doc.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no need to write the bytes
    result = run([doc, "-o", tmp_path / "out"])
    assert result.exit_code == 2 and "too large" in result.output


def test_missing_file_and_one_bad_file_among_good_ones(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = run([DOCUMENTS[0], bad, "-o", out])
    assert result.exit_code == 2 and "empty" in result.output
    assert not out.exists()  # nothing written when any input is unusable
    assert run([tmp_path / "nope.txt", "-o", out]).exit_code == 2


def test_no_documents_is_a_usage_error(tmp_path):
    assert run(["-o", tmp_path]).exit_code == 2  # click usage error
    with pytest.raises(InputError):
        generate_decks([])


@pytest.fixture
def synthetic(tmp_path):
    doc = tmp_path / "letrozole.txt"
    doc.write_text(SYNTHETIC, encoding="utf-8")
    return doc


def test_new_article_of_the_same_kind(synthetic, tmp_path):
    """The generator is not keyed to the shipped articles' sentences."""
    decks = generate_decks([synthetic])
    cards = [c for d in decks for c in d.cards]
    text = SYNTHETIC
    assert all(c.source.quote in text for c in cards)
    seen = " ".join(str(c.data) for c in cards)
    for junk in ("Vibrant couple", "glowing orb", "Skip to main content", "Smith, J.", "Your journey",
                 "For with advanced disease", "Monitoring of is"):
        assert junk not in seen, junk
    assert "3.4%" in seen and "2.5 mg" in seen
    assert "Hyperlipidemia" in seen or "excess of fats in the blood" in seen
    # a gene symbol in brackets is not a lost expansion: the sentence is a candidate (kept, or
    # skipped only by the caps)
    considered = [s.draft.quote for s in generate([synthetic]).skipped] + [c.source.quote for c in cards]
    assert any("sclerostin" in q for q in considered)
    assert any("Osteocytes" in str(c.data.get("answer", "")) for c in cards)  # list-item role
    # table cells are asked as questions about the column's population, answers kept short
    prompts = {c.data.get("prompt"): c.data.get("answer") for c in cards if c.type == "basic"}
    # (or, once per row, both populations in one comparison card, which may take a cell card's place)
    asked = prompts.get("In women on adjuvant therapy, what is the typical dosage?") or next(
        (a for p, a in prompts.items() if str(p).startswith("Compare the typical dosage in women on adjuvant therapy")), "")
    assert asked.startswith(("2.5 mg daily", "Women: 2.5 mg daily;"))
    assert not any(str(p).startswith("Dosing Overview:") for p in prompts)
    out = tmp_path / "out"
    assert run([synthetic, "-o", out]).exit_code == 0
    assert validate_paths([out]) == []
    assert {d.id for d in load_decks([out])} == {"letrozole"}  # one deck per document, named after it


def test_lost_words_in_new_sentences():
    assert lost_words("For with advanced disease, letrozole is taken for at least five years.")
    assert lost_words("Monitoring of is essential for every patient.")
    assert lost_words("The drug is used within the management of (HRT) in practice.")
    assert lost_words("Letrozole works by reversibly binding to the aromatase enzyme.") is None


def test_user_mistakes_exit_2_through_the_main_cli(tmp_path):
    from anastro_quiz.cli import cli

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(DOCUMENTS[0]), "-o", str(blocker / "decks")])
    assert result.exit_code == 2, result.output
    assert "cannot write to" in result.output and "Traceback" not in result.output
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(empty), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "empty" in result.output


def test_deck_prefix_lets_new_decks_sit_beside_the_bundled_ones(synthetic, tmp_path):
    out = tmp_path / "mine"
    result = run([synthetic, "-o", out, "--deck-prefix", "letrozole"])
    assert result.exit_code == 0, result.output
    mine = load_decks([out])
    assert mine and all(d.id.startswith("letrozole-") and d.title.startswith("letrozole: ") for d in mine)
    bundled = Path(__file__).resolve().parent.parent / "decks"
    both = load_decks([bundled, out])  # no deck id used twice
    assert len(both) == len(mine) + len(load_decks([bundled]))


def test_bad_deck_prefix_is_refused(tmp_path):
    result = run([DOCUMENTS[0], "-o", tmp_path / "x", "--deck-prefix", "my decks!"])
    assert result.exit_code == 2 and "--deck-prefix" in result.output
    assert not (tmp_path / "x").exists()


def test_title_names_a_page_saved_without_its_heading(synthetic, tmp_path):
    out = tmp_path / "mine"
    result = run([synthetic, "-o", out, "--title", f"{synthetic.name}=Letrozole and bone: a = b?"])
    assert result.exit_code == 0, result.output
    (deck,) = load_decks([out])  # one deck per document without --topics: titled by it too
    assert deck.title == "Letrozole and bone: a = b?"
    assert deck.sources == [{"document": synthetic.name, "title": "Letrozole and bone: a = b?"}]
    assert run([synthetic, "-o", tmp_path / "plain"]).exit_code == 0
    (plain,) = load_decks([tmp_path / "plain"])
    assert plain.sources == [{"document": synthetic.name}]
    assert [c.data for c in plain.cards] == [c.data for c in deck.cards]  # the cards come from the text alone


@pytest.mark.parametrize("value, message", [("other.txt=Title", "'other.txt' is not"),
                                            ("no equals sign", "expected DOCUMENT=TITLE"),
                                            ("{name}=  ", "the title is empty")])
def test_a_title_for_no_given_document_is_refused(synthetic, tmp_path, value, message):
    result = run([synthetic, "-o", tmp_path / "x", "--title", value.format(name=synthetic.name)])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "x").exists()
