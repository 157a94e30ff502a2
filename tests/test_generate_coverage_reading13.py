"""Coverage from the thirteenth reading's gaps, each on invented text: why a practice is part of care,
from the sentence before a "Therefore, ... is a critical component of ..."."""

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
