"""Stage 1: reading documents, dropping captions/boilerplate/references, lost words."""

import pytest

from anastro_quiz.generate.clean import InputError, clean_lines, is_caption, lost_words, read_document

PAGE = """Skip to main content

Fundamentals

Aromatase converts androgens into estrogens in fat tissue.
Two women embody hormone optimization and metabolic health, reflecting vitality and wellness
A porous sphere symbolizes the intricate endocrine system and cellular function

The enzyme is blocked by anastrozole.

References

  • Doe, J. et al. (2001). Estrogen and bone. Journal of Bones, vol. 3, pp. 1-2.

Reflection

Your path forward begins here.
"""


def test_clean_keeps_content_and_drops_the_rest():
    kept = [ln.text for ln in clean_lines(PAGE) if ln.text]
    assert kept == ["Fundamentals", "Aromatase converts androgens into estrogens in fat tissue.",
                    "The enzyme is blocked by anastrozole."]


def test_caption_needs_caption_vocabulary():
    assert is_caption("A textured morel mushroom symbolizes the intricate endocrine system", True)
    assert not is_caption("The following table illustrates the key differences in the protocols.", False)
    assert not is_caption("Osteoclasts live longer and become more active.", True)


@pytest.mark.parametrize("sentence", [
    "For with cancer, anastrozole therapy is a well-established standard of care.",
    "contributes to bone mineral density and cognition.",
    "The use of anastrozole is a tool used within the context of (TRT).",
    "For men undergoing Therapy (TRT), the use is off-label.",
    "In contrast, the monitoring of is the central component.",
    "It encourages cell death, ensuring that does not outpace bone formation.",
    "When decline, this braking system is released.",
    "This accelerated directly translates to a higher risk of fractures.",
    "We can examine the specific that govern its use.",
    # a relational noun left bare at the end of its clause (its owner was the lost link)
    "The therapy induces a state of severe estrogen deprivation, effectively removing all braking mechanisms on activity.",
    "Letrozole has a well-documented suppressive effect on levels.",
    "Ovarian suppression removes the last remaining brake on production.",
    "Bisphosphonates act directly to reduce the negative influence of glucocorticoids on density; they are used widely.",
    "Aromatase inhibitors blunt the normal feedback of estradiol upon secretion.",
    # a determiner standing right before a verb (the noun between them was lost)
    "The integrated nature of the means that modulating one hormone invariably affects others, requiring a holistic view.",
    "The close coupling of the means that suppressing one cell type invariably changes the other.",
    "Clinical use of the is limited to postmenopausal women.",
    "A careful reading of the suggests that bone loss begins early.",
    "In men, an is usually prescribed alongside testosterone.",
])
def test_lost_words_detected(sentence):
    assert lost_words(sentence)


@pytest.mark.parametrize("sentence", [
    "Anastrozole works by competitively binding to the aromatase enzyme.",
    "In women, studies show an increase in low-density lipoprotein (LDL) cholesterol.",
    "Estradiol acts through the estrogen receptor alpha (ERα).",
    "While androgens, via the androgen receptor, do contribute to bone formation, estradiol matters more.",
    "Reduced estradiol increases sclerostin (SOST), a protein that inhibits bone formation.",
    "If necessary, the dose is reduced.",
    # bare relational nouns that are whole: set phrases, lists, owners named before the noun
    "These variants cause a loss of function.",
    "Patients alternate periods of rest with periods of activity.",
    "The two enzymes are similar in function.",
    "Estrogen acts on bone at a number of levels.",
    "The therapy removes all braking mechanisms on osteoclast activity.",
    "Letrozole lowers estradiol more than anastrozole, which explains its stronger effect on bone density.",
    "Changes in activity, sleep and appetite are common.",
    "A decline in estrogen levels is followed by a rise in resorption and a fall in formation.",
    # determiners before nouns that look like verbs, and "means" as a noun
    "The means that clinicians use to monitor bone density include DEXA scans.",
    "The means that allow early detection of bone loss are widely available.",
    "Vitamin A is not involved in this pathway.",
    "Hepatitis A was excluded before treatment began.",
    "The dose has to be adjusted; the patient does well on it.",
])
def test_whole_sentences_pass(sentence):
    assert lost_words(sentence) is None


def test_read_document_errors(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_document(empty)
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(InputError, match="binary"):
        read_document(binary)
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_a_sentence_that_lost_only_an_acronym_expansion_can_be_repaired():
    from anastro_quiz.generate.clean import repaired

    assert repaired("Women taking 1 mg daily for five years experienced notable decreases in (BMD).") == \
        "Women taking 1 mg daily for five years experienced notable decreases in BMD."
    assert repaired("Anastrozole lowers estradiol in men.") == "Anastrozole lowers estradiol in men."
    # anything else lost cannot be repaired
    assert repaired("For with cancer, anastrozole therapy is a well-established standard of care.") is None
    assert repaired("For men undergoing Therapy (TRT), the use of anastrozole is considered off-label.") is None


@pytest.mark.parametrize("sentence", [
    "Zorbicin, sold under the brand name Zorbax, is a nonsteroidal antiandrogen (NSAA) medication.",
    "Velmorin is a nonsteroidal antiinflammatory (NSAI) agent used for pain.",
])
def test_an_acronym_spelled_by_parts_of_compound_words_is_whole(sentence):
    assert lost_words(sentence) is None


def test_an_acronym_whose_first_words_were_lost_is_still_caught():
    assert lost_words("For men undergoing Therapy (TRT), the use is off-label.")
    assert lost_words("Zorbicin is given with antiandrogen (NSAA) drugs.")
