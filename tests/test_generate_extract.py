"""Stage 3: sentences, numbers, definitions, acronyms, key terms, contrasts."""

import pytest

from anastro_quiz.generate.extract import Sentence, acronym_facts, definition_facts, numeric_facts, split_sentences
from anastro_quiz.generate.vocabulary import is_acronym, key_terms


def S(text, **kw):
    return Sentence(text, "doc.txt", "", "H", **kw)


def test_sentences_are_verbatim():
    text = "Take 1 mg daily (e.g. with food). Dr. Smith agreed. It works."
    parts = split_sentences(text)
    assert all(p in text for p in parts) and len(parts) == 3


def test_numbers_with_units():
    facts = numeric_facts(S("The reduction was approximately 6.1% in the spine over five years in a 2009 study."))
    assert [f.answer for f in facts] == ["6.1%", "five years", "2009"]
    assert facts[1].detail.value == 5 and facts[0].detail.unit == "%"


def test_definitions_and_names():
    terms = {"osteoclasts": 5.0, "arthralgia": 4.0, "androgens": 4.0}
    facts = definition_facts(S("Loss comes from the dysregulation of osteoclasts, the multinucleated cells "
                               "responsible for bone resorption."), terms)
    assert [(f.subject, f.answer) for f in facts] == [
        ("osteoclasts", "the multinucleated cells responsible for bone resorption")]
    facts = definition_facts(S("Symptoms include hot flashes and joint pain (arthralgia)."), terms)
    assert [(f.kind, f.subject, f.answer) for f in facts] == [("named", "joint pain", "arthralgia")]
    clause = definition_facts(S("When testosterone is given, the body can convert it to estradiol."), terms)
    assert clause == []


def test_acronyms_both_directions():
    s = S("Cytokines like RANKL (Receptor Activator of Nuclear Factor Kappa-B Ligand) matter, as does "
          "Testosterone Replacement Therapy (TRT).")
    assert {(f.subject, f.answer) for f in acronym_facts(s)} == {
        ("RANKL", "Receptor Activator of Nuclear Factor Kappa-B Ligand"), ("TRT", "Testosterone Replacement Therapy")}
    assert is_acronym("ERα") and is_acronym("M-CSF") and not is_acronym("Estradiol")


def test_key_terms_prefer_rare_words_and_skip_the_dominant_subject():
    sentences = [S(f"Anastrozole blocks aromatase in sentence number {i}.") for i in range(10)]
    sentences += [S("Osteoclasts resorb bone while the weather stays pleasant.")]
    terms = key_terms([s.text for s in sentences])
    assert "osteoclasts" in terms and "weather" not in terms and "pleasant" not in terms
    assert "anastrozole" not in terms  # in every sentence: the subject, not a term to ask for


@pytest.mark.parametrize("sentence, answers", [
    ("Treatment usually lasts 2–3 years in women.", ["2–3 years"]),
    ("Bone density fell by −54% in the first year.", ["−54%"]),
    ("The usual dose is 0.5 to 1 mg/day by mouth.", ["0.5 to 1 mg/day"]),
    ("Plasma levels reached 5 mg/mL and 20 ng/mL, later 15 pg/mL.", ["5 mg/mL", "20 ng/mL", "15 pg/mL"]),
    ("Hot flashes occurred in ≥10% of women and rashes in <0.1% of them.", ["≥10%", "<0.1%"]),
    ("It is given at 75 mg/m² every 3 weeks.", ["75 mg/m²", "3 weeks"]),
    ("Men took 2 mg to 4 mg daily, with 400 IU of vitamin D and 2.5 mmol/L calcium.", ["2 mg to 4 mg", "400 IU",
                                                                                      "2.5 mmol/L"]),
    ("Its half-life is 41 hours, and levels rise 4-fold over two to three weeks.", ["41 hours", "4-fold",
                                                                                   "two to three weeks"]),
    ("Use fell from 50% to 20% over 1,000 days.", ["50%", "20%", "1,000 days"]),
    ("A BMD change of -6.1% at the spine and +2.1% at the hip.", ["-6.1%", "+2.1%"]),
    ("Levels rose 1.5- to 2-fold, with a 10- to 20-fold accumulation after 13 grams.", ["1.5- to 2-fold",
                                                                                        "10- to 20-fold", "13 grams"]),
])
def test_ranges_signs_and_units_are_one_figure(sentence, answers):
    assert [f.answer for f in numeric_facts(S(sentence))] == answers


def test_range_and_sign_values():
    (rng,) = numeric_facts(S("It lasts 12.5 to 100 mg/day for most."))
    assert (rng.detail.value, rng.detail.high, rng.detail.unit) == (12.5, 100.0, "mg/day")
    (drop,) = numeric_facts(S("Bone density fell by −54% in a year."))
    assert drop.detail.value == -54.0
    (hours,) = numeric_facts(S("Its half-life is 50 h in adults."))
    assert hours.detail.unit == "hour"


LONG = ("Tamoxifen improves fertility in males with infertility by disinhibiting the hypothalamic–pituitary–gonadal "
        "axis via estrogen receptor antagonism and thereby increasing the secretion of luteinizing hormone and "
        "follicle-stimulating hormone, which in turn raises testicular testosterone production; it is also used "
        "off-label to treat gynecomastia in adolescent boys and adult men who take anabolic steroids.")


def test_a_long_sentence_is_asked_clause_by_clause_never_dropped():
    from anastro_quiz.generate.extract import clauses, sentences_of
    from anastro_quiz.generate.structure import Block

    assert len(LONG.split()) > 50
    pieces = clauses(LONG)
    assert len(pieces) >= 2 and all(p in LONG for p in pieces)  # verbatim, so each can be a quote
    assert all(6 <= len(p.split()) <= 50 for p in pieces)
    sentences = sentences_of([Block("paragraph", LONG, "", "Uses", 0)], "doc.md")
    assert [s.text for s in sentences] == pieces
    assert all(s.usable and s.clause_of == LONG for s in sentences)
    later = sentences[1]
    assert later.previous is sentences[0]
    assert not later.standalone or not later.text[0].islower()  # a lower-case clause leans on the one before


def test_short_sentences_are_not_cut():
    from anastro_quiz.generate.extract import clauses

    short = "Anastrozole, which is taken by mouth, lowers estradiol; it is used in women."
    assert clauses(short) == [short]
