"""Coverage from the thirteenth reading's gaps, each on invented text: why a practice is part of care,
from the sentence before a "Therefore, ... is a critical component of ..."; why people without the
article's subject become as they do, from "..., as <reason>"."""

from __future__ import annotations

from generated import generated_cards, questions_and_answers

DOC = ("Zorbicin in men and in women\n\nZorbicin is an aromatase inhibitor used to treat breast cancer and, "
       "off-label, in men on TRT.\n\nLiver health\n\n{premise} Therefore, the monitoring of liver enzymes is a "
       "critical component of the management protocol for men on TRT who are also taking zorbicin.\n")
WHY = ("Why is the monitoring of liver enzymes a critical component of the management protocol for men on TRT who are "
       "also taking zorbicin?")


def test_why_a_practice_is_part_of_care_is_asked_from_the_sentence_before(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, DOC.format(
        premise="Over-suppression of cortisol can lead to unfavorable changes in liver enzymes, mirroring the effects "
                "seen in women."), "doc.txt"))
    assert asked.get(WHY) == "Over-suppression of cortisol can lead to unfavorable changes in liver enzymes", asked


def test_no_reason_is_asked_from_a_sentence_before_that_leans_on_another(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, DOC.format(
        premise="It can lead to unfavorable changes in liver enzymes."), "doc.txt"))
    assert WHY not in asked, asked


HORMONE = ("# Zorbestrol\n\n## Main\n\nZorbestrol is a steroid hormone made in the adrenal glands. "
           "Zorbestrol is contraindicated in women during pregnancy.\n\n## Bone\n\n"
           "{before} has a profound effect on cartilage. Individuals without it (or other androgens) will become short "
           "and frail, as growth plate fusion happens far too early.\n")
SHORT = "Why do individuals without zorbestrol or other androgens become short and frail?"


def test_why_people_without_the_subject_become_so_is_asked_from_the_clause_after_as(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, HORMONE.format(before="Zorbestrol")))
    assert asked.get(SHORT) == "Growth plate fusion happens far too early", asked
    # the "it" is another substance: no card names it
    other = questions_and_answers(generated_cards(tmp_path, HORMONE.format(before="Calcitonin")))
    assert not [q for q in other if q.startswith("Why do individuals without")], other
