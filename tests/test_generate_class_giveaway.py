"""A card whose answer is a drug class another card's prompt names by its one-word name ("an
antiandrogen" for "an androgen receptor antagonist", the sixteenth reading), on invented text."""

from __future__ import annotations

from generated import generated_cards, questions_and_answers

FLARE = ("# Zorbicin\n\n## Main\n\nZorbicin is a gonadotropin releasing hormone agonist used to treat prostate "
         "cancer in men.\n\n## Side effects\n\nZorbicin may cause a temporary increase in bone pain during the "
         "first weeks of treatment. This is known as the flare, and comes from an initial rise in hormone "
         "production. {cover}This initial flare may be treated by co-prescribing an androgen receptor antagonist "
         "such as flutamide.\n")
WINDOW = ("It is therefore advisable to co-treat with an antiandrogen during the first 3–4 weeks of zorbicin "
          "treatment, particularly in patients with bone metastases. ")
TREATED = "How can the initial flare on zorbicin be treated?"


def test_the_class_named_in_another_prompt_is_not_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, FLARE.format(cover=WINDOW)))
    assert any("antiandrogen" in q for q in asked), asked
    assert TREATED not in asked, asked


def test_the_class_is_asked_where_no_prompt_names_it(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, FLARE.format(cover="")))
    assert "androgen receptor antagonist" in asked.get(TREATED, ""), asked
