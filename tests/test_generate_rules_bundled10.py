"""Rules from the shipped decks' cards the tenth reading read WEAK: a table row's worry names the
body system it is about, a row whose sides say one thing (graded, or failing alike) is not
compared, a result told with what outdoes what asks why, a level's fall told as the sentence
before backwards is not asked, a term classed in passing is glossed where it is asked. Invented
text only."""

from __future__ import annotations

import pytest


from generated import generated_cards, front
from anastro_quiz.generate.prompt_signals import differs_only_in_degree


def _cards(tmp_path, text: str, name: str = "drug.txt"):
    return generated_cards(tmp_path, text, name)  # read as plain text, as the bundled sources are


def _answer(card) -> str:
    return str(card.data.get("answer", ""))


# a page saved as text, its table one row a line, as the bundled articles are
_TABLE = ("Zorbicin in women and in men\n\nZorbicin is an aromatase inhibitor used to treat breast cancer and, "
          "off-label, in men on TRT.\n\nComparative Overview\n\n"
          "Parameter Use in Postmenopausal Women (Breast Cancer) Use in Men (TRT Management)\n"
          "Typical Dosage 1 mg daily 0.5 mg twice weekly\n"
          "{row}\n"
          "Lab Monitoring Bone density scans every two years Serum estradiol every three months\n\n"
          "Academic\n\nZorbicin works by binding to the aromatase enzyme.\n")


@pytest.mark.parametrize("row, asked", [
    ("Primary Concern High risk of osteoporosis and fractures Bone density loss if not monitored",
     "compare the primary bone concern in"),
    ("Main Risk More ischemic heart events in trials Loss of cardiovascular protection at low estradiol",
     "compare the main cardiovascular risk in"),
    ("Primary Concern High risk of osteoporosis and fractures More ischemic events in some trials",
     "compare the primary concern in"),  # two systems: the label cannot name one
])
def test_a_worry_row_names_the_body_system_both_sides_are_about(tmp_path, row, asked):
    prompts = [front(c) for c in _cards(tmp_path, _TABLE.format(row=row))]
    assert any(asked in p for p in prompts), prompts


def test_a_row_whose_sides_fall_short_alike_is_not_compared(tmp_path):
    row = ("Osteoblast Activity Unable to compensate for the high resorption rate. Supported by testosterone, "
           "but may be insufficient to offset resorption.")
    cards = _cards(tmp_path, _TABLE.format(row=row))
    assert not any("osteoblast activity" in front(c).lower() for c in cards), [front(c) for c in cards]
    differing = row.replace("but may be insufficient to offset resorption", "keeping formation level with resorption")
    assert any("osteoblast activity" in front(c).lower() for c in _cards(tmp_path, _TABLE.format(row=differing)))


@pytest.mark.parametrize("answer, degree", [
    ("Women: Drastic reduction to near-zero levels; men: Moderate reduction to an optimal range", True),
    ("Women: Markedly increased due to disinhibition; men: Slightly to moderately increased", True),
    ("Women: Drastic reduction to near-zero levels; men: Rise above the normal range", False),
    ("Women: 1 mg taken orally once per day; men: 0.25 mg to 0.5 mg two times per week", False),
])
def test_one_change_graded_twice_differs_only_in_degree(answer, degree):
    assert differs_only_in_degree(answer) is degree


def test_a_graded_row_asks_neither_side_alone(tmp_path):
    row = "Impact on Estradiol Drastic reduction to near-zero levels Moderate reduction to an optimal range"
    cards = _cards(tmp_path, _TABLE.format(row=row))
    assert not any("impact on estradiol" in front(c).lower() for c in cards), [front(c) for c in cards]
    assert any("typical dosage" in front(c).lower() for c in cards)  # the table's other row is still asked


def test_a_result_told_with_what_outdoes_what_asks_why(tmp_path):
    text = ("# Dosing\n\n## Men\n\nZorbicin is used in men on TRT to keep estradiol in range. "
            "If zorbicin dosing is too aggressive and estradiol levels fall below a critical threshold, the "
            "increased bone resorption will overwhelm any anabolic effect from the androgen, resulting in a net loss "
            "of bone mineral density.\n")
    asked = [c for c in _cards(tmp_path, text) if "too aggressive" in front(c)]
    assert [(front(c).split(", ")[-1], _answer(c)) for c in asked] == [
        ("why is there a net loss of bone mineral density?",
         "The increased bone resorption overwhelms any anabolic effect from the androgen")]
    plain = text.replace("the increased bone resorption will overwhelm any anabolic effect from the androgen",
                         "bone resorption increases")
    results = [_answer(c) for c in _cards(tmp_path, plain) if "too aggressive" in front(c)]
    assert results and all("overwhelm" not in a for a in results), results


_CONVERSE = ("# Zorbicin and bone\n\n## Osteoclasts\n\nZorbicin is an aromatase inhibitor used to treat breast "
             "cancer.\n\nEstradiol shortens the lifespan of osteoclasts by promoting their programmed cell death. "
             "When estradiol levels fall, osteoclasts survive longer, allowing them to resorb more bone tissue.\n")


def test_a_level_falling_told_as_the_sentence_before_backwards_is_not_asked(tmp_path):
    cards = _cards(tmp_path, _CONVERSE)
    assert not any(front(c).startswith("When estradiol levels fall") for c in cards), [front(c) for c in cards]
    alone = _CONVERSE.replace("Estradiol shortens the lifespan of osteoclasts by promoting their programmed cell "
                              "death. ", "")
    assert any(front(c).startswith("When estradiol levels fall") for c in _cards(tmp_path, alone))


def test_a_term_classed_in_passing_is_glossed_on_the_card_of_its_sentence(tmp_path):
    text = ("# Zorbicin in men\n\n## Mechanism\n\nZorbicin is an aromatase inhibitor used off-label in men on TRT. "
            "As TRT elevates testosterone levels, it provides more substrate for the aromatase enzyme, "
            "potentially leading to supraphysiological levels of estradiol, the primary form of estrogen.\n")
    cards = _cards(tmp_path, text)
    assert "What is estradiol?" not in [front(c) for c in cards]
    host = [c for c in cards if "estradiol" in _answer(c).lower()]
    assert host and "Estradiol: the primary form of estrogen." in str(host[0].data.get("explanation")), \
        [(front(c), _answer(c), c.data.get("explanation")) for c in cards]
