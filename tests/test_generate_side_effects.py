"""A drug's common side effects when the article lists more than a "Name three" key holds (the
sixteenth reading's gap), on invented text: one "Name two" card keyed with every listed item, any
two of which are graded right; none for serious or rare effects, one trial's patients, or a drug whose
side effects another card already asks."""

from __future__ import annotations

from generated import generated_cards, questions_and_answers

from anastro_quiz.grading_lists import grade_items

LONG = ("# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat gastric cancer in adults. "
        "Common side effects of zorbicin include dizziness, dry mouth, and constipation.\n\n"
        "## Side effects\n\n{listed}\n")
COMMON = ("Common side effects of zorbicin (≥10% incidence) include blurred vision, muscle cramps, tinnitus, "
          "nausea and vomiting, alopecia, hiccups, and, less commonly, seizures.")
ASKED = "Name two common side effects of zorbicin."


def _card(cards, prompt):
    return next((c for c in cards if c.data.get("prompt") == prompt), None)


def test_a_long_list_of_common_side_effects_is_asked_as_any_two(tmp_path):
    card = _card(generated_cards(tmp_path, LONG.format(listed=COMMON)), ASKED)
    assert card is not None
    items = card.data["items"]
    # both lists of the article, "nausea and vomiting" as two; the one named "less commonly" left out
    for item in ("dizziness", "constipation", "blurred vision", "tinnitus", "nausea", "vomiting", "hiccups"):
        assert item in items, items
    assert "seizures" not in items and card.data["need"] == 2
    assert card.data["answer"] == ", ".join(items)
    assert "dry mouth" in card.data["explanation"]  # the lead's list, quoted beside the section's


def test_any_two_listed_items_are_graded_right(tmp_path):
    card = _card(generated_cards(tmp_path, LONG.format(listed=COMMON)), ASKED)
    items, need = card.data["items"], card.data["need"]
    assert grade_items("dry mouth, hiccups", items, need).correct
    assert grade_items("vomiting and tinnitus", items, need).correct
    assert not grade_items("tinnitus", items, need).correct
    assert not grade_items("tinnitus, seizures", items, need).correct


def test_items_marked_infrequent_are_left_out_of_what_a_drug_may_cause(tmp_path):
    listed = ("Zorbicin may cause bone pain, tinnitus, hiccups, dry eyes, weight gain, cold hands (isolated cases), "
              "hair thinning, leg swelling (infrequent), and reduced appetite.")
    cards = generated_cards(tmp_path, LONG.format(listed=listed).replace(
        " Common side effects of zorbicin include dizziness, dry mouth, and constipation.", ""))
    # the items not set apart as infrequent are the common ones
    card = _card(cards, ASKED)
    assert card is not None, questions_and_answers(cards)
    assert "tinnitus" in card.data["items"] and "reduced appetite" in card.data["items"]
    assert "cold hands" not in card.data["items"] and "leg swelling" not in card.data["items"]


def test_what_a_drug_may_cause_is_not_called_common_unless_some_are_set_apart(tmp_path):
    listed = ("Zorbicin may cause bone pain, tinnitus, hiccups, dry eyes, weight gain, cold hands, hair thinning, "
              "leg swelling, and reduced appetite.")
    cards = generated_cards(tmp_path, LONG.format(listed=listed).replace(
        " Common side effects of zorbicin include dizziness, dry mouth, and constipation.", ""))
    assert not any("tinnitus" in a for a in questions_and_answers(cards).values())


def test_serious_or_rare_effects_are_not_asked_as_common(tmp_path):
    listed = COMMON.replace("Common side effects of zorbicin (≥10% incidence)", "Serious but rare adverse effects")
    asked = questions_and_answers(generated_cards(tmp_path, LONG.format(listed=listed)))
    assert ASKED not in asked and not any("tinnitus" in a for a in asked.values()), asked


def test_a_list_from_one_trials_patients_is_not_the_drugs(tmp_path):
    listed = COMMON.replace("(≥10% incidence)", "in patients with renal failure")
    asked = questions_and_answers(generated_cards(tmp_path, LONG.format(listed=listed)))
    assert not any("tinnitus" in a for a in asked.values()), asked


def test_a_short_list_is_left_to_the_name_three_card(tmp_path):
    text = LONG.format(listed="Headache was reported in some patients.")
    asked = questions_and_answers(generated_cards(tmp_path, text))
    assert ASKED not in asked, asked
    assert "dizziness" in asked.get("Name three common side effects of zorbicin.", ""), asked


def test_no_second_card_where_another_already_asks_the_side_effects(tmp_path):
    text = LONG.format(listed="Headache was reported in some patients.").replace(
        "dizziness, dry mouth, and constipation", "dizziness, dry mouth, tinnitus, hiccups, alopecia, and constipation")
    cards = [c for c in generated_cards(tmp_path, text) if "side effects" in str(c.data.get("prompt"))]
    assert [c.data["prompt"] for c in cards] == [ASKED]
    assert cards[0].data["items"] == ["dizziness", "dry mouth", "tinnitus", "hiccups", "alopecia", "constipation"]


def test_an_example_the_key_lists_on_its_own_is_not_its_gloss(tmp_path):
    listed = ("Some of the common side effects of zorbicin are flu-like symptoms (such as dizziness, chills and "
              "mild pain), tinnitus, breast pain/tenderness, hiccups and alopecia.")
    card = _card(generated_cards(tmp_path, LONG.format(listed=listed)), ASKED)
    items = card.data["items"]
    assert "flu-like symptoms (chills, mild pain)" in items and "dizziness" in items, items
    assert "breast pain" in items and "breast tenderness" in items, items
    assert grade_items("dizziness, chills", items, card.data["need"]).correct
    assert grade_items("breast tenderness, hiccups", items, card.data["need"]).correct
