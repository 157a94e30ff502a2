"""Stage 3: sentences, numbers, definitions, acronyms, key terms, contrasts."""

from anastro_quiz.generate.extract import (Sentence, acronym_facts, definition_facts, is_acronym, key_terms,
                                           numeric_facts, split_sentences)


def S(text, **kw):
    return Sentence(text, "doc.txt", "", "H", **kw)


def test_sentences_are_verbatim():
    text = "Take 1 mg daily (e.g. with food). Dr. Smith agreed. It works."
    parts = split_sentences(text)
    assert all(p in text for p in parts) and len(parts) == 3


def test_numbers_with_units():
    facts = numeric_facts(S("The reduction was approximately 6.1% in the spine over five years in a 2009 study."))
    assert [f.answer for f in facts] == ["6.1%", "five years", "2009"]
    assert facts[1].extra["value"] == 5 and facts[0].extra["unit"] == "%"


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
    terms = key_terms(sentences)
    assert "osteoclasts" in terms and "weather" not in terms and "pleasant" not in terms
    assert "anastrozole" not in terms  # in every sentence: the subject, not a term to ask for
