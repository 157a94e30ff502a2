"""True/false keys and "sources differ": only where the text really says something else."""

from __future__ import annotations

from anastro_quiz.generate.agreement import figures_agree, note_disagreements
from anastro_quiz.generate.contrast import contradiction, group_words
from anastro_quiz.generate.extract import Sentence
from anastro_quiz.generate.facts import CellDetail, Fact, ItemDetail, RowDetail
from anastro_quiz.generate.pipeline import Document
from anastro_quiz.generate.table_cards import cell_card, contrast_card, item_cards, read_together

COLUMNS = ["Aspect", "Use in Women (Oncological)", "Use in Men (TRT Support)"]


def _row(label: str, women: str, men: str) -> Fact:
    return Fact("contrast", "doc.txt", f"{label} {women} {men}", "Protocol", subject=label, answer=women,
                detail=RowDetail(COLUMNS[1:], [women, men]))


def _doc(*sentences: str, rows: tuple[Fact, ...] = ()) -> Document:
    ss = [Sentence(t, "doc.txt", "", "H") for t in sentences]
    cells = [Fact("cell", "doc.txt", r.quote, r.heading, subject=r.subject, answer=c,
                  detail=CellDetail(col, COLUMNS[1:], r.detail.cells))
             for r in rows for col, c in zip(COLUMNS[1:], r.detail.cells)]
    return Document("doc.txt", " ".join(sentences) + " ".join(r.quote for r in rows), ss, {}, cells + list(rows))


def test_equivalent_doses_give_no_false_card():
    row = _row("Typical Dosage", "0.25 mg to 0.5 mg two times per week", "0.5 mg to 1 mg per week")
    card = contrast_card(row, _doc(rows=(row,)), swap=True)
    assert card.data["answer"] is True and card.data["statement"].startswith("In women")
    assert contradiction("0.25-0.5 mg twice weekly", "0.5-1 mg per week") is None


def test_a_contradicted_dose_is_keyed_false_with_the_true_entry():
    row = _row("Standard Dosage", "1 mg taken orally once per day", "0.25 mg to 0.5 mg two times per week")
    card = contrast_card(row, _doc(rows=(row,)), swap=True)
    assert card.data["answer"] is False
    assert card.data["statement"] == "In men on TRT, standard dosage: 1 mg taken orally once per day."
    assert "0.25 mg to 0.5 mg two times per week" in card.data["explanation"]


def test_negation_aware_wording():
    """"may be insufficient to offset resorption" does not contradict "unable to compensate";
    "able to compensate" does."""
    assert contradiction("Unable to compensate for the high resorption rate",
                         "Supported by testosterone, but may be insufficient to offset resorption") is None
    assert contradiction("Able to compensate for the resorption rate", "Unable to compensate for it") is not None
    assert contradiction("FDA-approved for breast cancer", "Off-label use during TRT") is not None


def test_opposite_degrees_or_directions_on_the_same_thing():
    assert contradiction("Markedly increased", "Slightly to moderately increased") == "a different degree"
    assert contradiction("Significantly extended", "Moderately extended") == "a different degree"
    assert contradiction("Shortened lifespan", "Extended lifespan") == "the opposite direction"
    assert contradiction("Significant decrease (e.g. ~6-7% over 5 years)",
                         "Statistically significant decrease, particularly in the spine") is None


def test_durations_and_any_change_compare_too():
    assert contradiction("Five years or longer", "Five days per cycle", "Duration") == "a different duration"
    assert contradiction("Long-term, often for 5 years or more", "Ongoing for the duration of TRT",
                         "Duration of Therapy") is None  # no figure to compare
    assert contradiction("Decrease over 5 years", "Decrease over 1 year", "Observed Effect on BMD") is None
    assert contradiction("Significant decrease over years", "Negligible change") == "a different degree"
    assert contradiction("Profound and sustained suppression", "Brief and moderate suppression") is not None
    # a truth that gives both degrees (hip vs spine) does not contradict one of them
    assert contradiction("Significant decrease in the spine",
                         "Moderate decrease in the hip, significant decrease in the spine") is None


def test_different_wording_alone_is_no_contradiction():
    """Lipid changes, fracture risk: the men's entry says other words, not the opposite."""
    assert contradiction("Associated with increases in total cholesterol and LDL-C",
                         "Lipid profile changes can occur with estradiol modulation", "Lipid Metabolism") is None
    assert contradiction("High risk of osteoporosis and fractures",
                         "Potential for long-term bone density reduction if not monitored", "Primary Concern") is None


def test_a_one_answer_row_with_different_entries_is_contradicted():
    assert contradiction("Maximal suppression of systemic estrogen to inhibit tumor growth",
                         "Modulation of estradiol to an optimal range", "Therapeutic Goal") is not None
    assert contradiction("Tumor markers, bone density", "Serum estradiol, lipid panels",
                         "Key Monitoring Parameters") is None  # a list row: both can be monitored


def test_a_statement_the_document_makes_of_the_other_group_is_not_false():
    row = _row("Therapeutic Goal", "Lower fracture risk and protect bone density",
               "Relieve water retention and gynecomastia")
    plain = _doc("Anastrozole lowers estradiol.", rows=(row,))
    assert contrast_card(row, plain, swap=True).data["answer"] is False
    said = _doc("In men, over-suppression raises the fracture risk, so the goal is to protect bone density.",
                rows=(row,))
    assert contrast_card(row, plain, swap=True).data["statement"].startswith("In men on TRT, therapeutic goal: lower")
    # the text says it of men too: no False key for men (the women's side may still be asked)
    for doc in (said, _doc("Protecting bone density and a low fracture risk matter in both sexes.", rows=(row,))):
        card = contrast_card(row, doc, swap=True)
        assert card.data["answer"] is True or not card.data["statement"].startswith("In men"), card.data


def test_group_words():
    assert group_words("in men on TRT") >= {"men", "male"}
    assert group_words("in postmenopausal women with breast cancer") >= {"women", "female"}
    assert "children" in group_words("in children")


def _item(label: str, subject: str, value: str, others: list[str]) -> Fact:
    return Fact("item", "doc.txt", f"{subject} is {value}.", "Goals", subject=subject, answer=value,
                detail=ItemDetail(label, "is", others))


def test_list_items_keyed_false_only_for_a_one_answer_subject():
    doc = _doc("The aim differs.")
    men = item_cards(_item("In Men", "The primary goal", "homeostatic balance", ["therapeutic suppression"]), doc)
    assert [(d.data["statement"], d.data["answer"]) for d in men if d.type == "true_false"] == \
        [("In men, the primary goal is therapeutic suppression.", False)]
    women = item_cards(_item("In Women", "The primary goal", "therapeutic suppression", ["homeostatic balance"]), doc)
    assert not [d for d in women if d.type == "true_false"]  # the mirrored statement would ask the same
    effects = item_cards(_item("In Men", "The side effect", "joint pain", ["water retention"]), doc)
    assert not [d for d in effects if d.type == "true_false"]  # both sexes may have both


def _dose_card(document: str, cell: str):
    fact = Fact("cell", document, f"Typical Dosage {cell}", f"Table of {document}", subject="Typical Dosage",
                answer=cell, detail=CellDetail("Use in Men (TRT Support)", COLUMNS[1:], ["", cell]))
    return cell_card(fact)


def test_sources_differ_only_where_figures_really_differ():
    assert figures_agree("0.25 mg to 0.5 mg two times per week", "0.5 mg to 1 mg per week (often split)")
    assert figures_agree("Significant decrease (~6-7% over 5 years)", "6.1% over 5 years")
    assert not figures_agree("1 mg daily", "0.5 mg twice a week")
    same = [_dose_card("a.txt", "Typically 0.25 mg to 0.5 mg two times per week"),
            _dose_card("b.txt", "0.5 mg to 1 mg per week (often split)")]
    note_disagreements(same)
    assert not any("Sources differ" in str(d.data.get("explanation", "")) for d in same)
    differ = [_dose_card("a.txt", "Typically 0.25 mg to 0.5 mg two times per week"),
              _dose_card("b.txt", "1 mg twice daily")]
    note_disagreements(differ)
    assert all("Sources differ" in d.data["explanation"] for d in differ)
    assert differ[0].data["prompt"].startswith("According to the table “Table of a.txt”")


def test_the_other_article_read_with_it_can_veto_a_false_key():
    row = _row("Therapeutic Goal", "Lower fracture risk and protect bone density",
               "Relieve water retention and gynecomastia")
    table = _doc("Anastrozole lowers estradiol.", rows=(row,))
    other = _doc("In men, over-suppression raises the fracture risk, so the goal is to protect bone density.")
    other.name = "other.txt"
    read_together([table])
    assert contrast_card(row, table, swap=True).data["statement"].startswith("In men")
    read_together([table, other])
    card = contrast_card(row, table, swap=True)
    assert card.data["answer"] is True or not card.data["statement"].startswith("In men"), card.data
    read_together([])
