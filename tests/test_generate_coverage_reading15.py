"""Coverage from the fifteenth reading's gaps, each on invented text: the cover a drug's first weeks
need, whether an adverse effect reverses, a named phenomenon defined after "where"."""

from __future__ import annotations

from generated import generated_cards, questions_and_answers

COVER = ("# Zorbicin\n\n## Main\n\nZorbicin is a gonadotropin releasing hormone agonist used to treat prostate "
         "cancer in men.\n\n## Side effects\n\nZorbicin may cause a temporary increase in bone pain during the "
         "first weeks of treatment. This is known as the flare, and comes from an initial rise in hormone "
         "production. It is therefore advisable to co-treat with an antiandrogen during {window} of zorbicin "
         "treatment, particularly in patients with bone metastases.\n")
WINDOW = "When starting zorbicin, for how long is co-treatment with an antiandrogen advisable?"


def test_the_window_of_cover_at_the_start_is_asked(tmp_path):
    cards = generated_cards(tmp_path, COVER.format(window="the first 3–4 weeks"))
    asked = questions_and_answers(cards)
    assert asked.get(WINDOW) == "The first 3–4 weeks of treatment", asked
    card = next(c for c in cards if c.data.get("prompt") == WINDOW)
    assert "bone metastases" in card.data["explanation"] and "temporary increase" in card.data["explanation"]


def test_no_window_is_asked_when_the_article_gives_none(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, COVER.format(window="the first few weeks")))
    assert WINDOW not in asked, asked


REVERSES = ("# Zorbicin\n\n## Main\n\nZorbicin is a monoclonal antibody used to treat gastric cancer in adults.\n\n"
            "## Adverse effects\n\n{named} is its effect on the kidneys, although this is rare. In 3-5% of cases "
            "the glomerular filtration rate falls during treatment. The fall in glomerular filtration rate appears "
            "to be reversible.\n")
COURSE = "On zorbicin, is the fall in glomerular filtration rate reversible or irreversible?"


def test_whether_the_drugs_adverse_effect_reverses_is_asked(tmp_path):
    cards = generated_cards(tmp_path, REVERSES.format(named="One of the serious complications of zorbicin"))
    asked = questions_and_answers(cards)
    assert asked.get(COURSE) == "Reversible (it appears to be)", asked
    card = next(c for c in cards if c.data.get("prompt") == COURSE)
    assert "complications of zorbicin" in card.data["explanation"]


def test_an_effect_not_tied_to_the_drug_is_not_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, REVERSES.format(
        named="One of the serious complications of kidney surgery")))
    assert not [q for q in asked if "reversible or irreversible" in q], asked


PHENOMENON = ("# Zorbicin\n\n## Main\n\nZorbicin is a nonsteroidal antiestrogen used to treat breast cancer in women.\n\n"
              "## Pharmacodynamics\n\nIn breast cancer, mutations of the estrogen receptor can convert zorbicin from an "
              "antagonist into an agonist. This can result in paradoxical stimulation of tumour growth with {drug} and "
              "is responsible for the phenomenon of the antiestrogen withdrawal response, where stopping the "
              "antiestrogen paradoxically shrinks the tumour.\n")
NAMED = "What is the antiestrogen withdrawal response?"


def test_a_named_phenomenon_is_asked_with_what_brings_it_about(tmp_path):
    cards = generated_cards(tmp_path, PHENOMENON.format(drug="zorbicin"))
    asked = questions_and_answers(cards)
    assert asked.get(NAMED) == "Stopping the antiestrogen paradoxically shrinks the tumour", asked
    card = next(c for c in cards if c.data.get("prompt") == NAMED)
    assert "from an antagonist into an agonist" in card.data["explanation"]


def test_a_phenomenon_of_another_drug_is_not_asked_as_the_articles(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, PHENOMENON.format(drug="vorbicin")))
    assert NAMED not in asked, asked


THIS_IS_WHY = ("# Zorbicin\n\n## Main\n\nZorbicin is an aromatase inhibitor used to treat breast cancer in "
               "postmenopausal women. Zorbicin is taken as 2 mg once daily by mouth.\n\n## Use in men\n\nZorbicin is an aromatase inhibitor given to some men on testosterone "
               "therapy. {premise} This is why routine use of aromatase inhibitors in men is clinically inappropriate.\n")
WHY_NOT = "Why is routine use of aromatase inhibitors in men clinically inappropriate?"


def test_this_is_why_asks_the_reason_the_sentence_before_gives(tmp_path):
    cards = generated_cards(tmp_path, THIS_IS_WHY.format(
        premise="Deep suppression of estradiol in men can produce the same harmful effects on muscle seen in "
                "women, leading to a loss of strength."))
    asked = questions_and_answers(cards)
    assert asked.get(WHY_NOT) == "Deep suppression of estradiol can lead to a loss of strength", asked
    card = next(c for c in cards if c.data.get("prompt") == WHY_NOT)
    assert card.source.quote.startswith("Deep suppression of estradiol in men") and "This is why" in card.source.quote


def test_this_is_why_after_a_pronoun_is_not_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, THIS_IS_WHY.format(
        premise="It can produce the same harmful effects on muscle seen in women, leading to a loss of strength.")))
    assert WHY_NOT not in asked, asked


ENZYME = ("# Zorbicin\n\n## Main\n\nZorbicin is an aromatase inhibitor used to treat breast cancer in women.\n\n"
          "## Pharmacology\n\nZorbicin works by reversibly binding to the aromatase enzyme, and through {how} blocks "
          "the conversion of androgens to estrogens in fat tissue. Zorbicin is taken as 2 mg once daily.\n")


def test_a_blank_the_sentences_other_words_define_is_not_asked(tmp_path):
    blanks = [c.data.get("text", "") for c in generated_cards(tmp_path, ENZYME.format(how="competitive inhibition"))]
    assert not [t for t in blanks if "{{c1::reversibly}}" in t], blanks


def test_a_blank_nothing_else_in_the_sentence_defines_may_be_asked(tmp_path):
    blanks = [c.data.get("text", "") for c in generated_cards(tmp_path, ENZYME.format(how="this binding"))]
    assert [t for t in blanks if "{{c1::reversibly}}" in t], blanks


def test_an_about_figure_is_asked_without_its_hundredths(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat lung "
                                      "cancer.\n\n## Distribution\n\nIn plasma, zorbicin is largely bound to albumin. "
                                      "Only about 4.12% (± 0.03%) of zorbicin is free and biologically active.\n")
    (card,) = [c for c in cards if c.data.get("prompt") == "What share of zorbicin is free and biologically active?"]
    assert card.data["answer"] == "About 4%" and "4.12%" in card.data["accept"]


STATUS = ("# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat breast cancer.\n\n## Medical uses\n\n"
          "Since 2021 zorbicin has been {verb} for adults with {status} advanced breast cancer that has progressed "
          "after endocrine therapy.\n")
WHICH_STATUS = "For breast cancer of which receptor status is zorbicin approved?"


def test_the_receptor_status_an_approval_names_is_asked_by_its_initials(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, STATUS.format(
        verb="approved", status="progesterone receptor (PR)-positive, human epidermal growth factor receptor 2 "
                                "(HER2)-negative")))
    assert asked.get(WHICH_STATUS) == "PR-positive, HER2-negative", asked


def test_the_receptor_status_of_a_tested_use_is_not_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, STATUS.format(verb="tested", status="PR+, HER2-")))
    assert not [q for q in asked if "receptor status" in q], asked


BINDING = ("# Zorbicin\n\n## Main\n\nZorbicin is a nonsteroidal antiestrogen used to treat breast cancer.\n\n"
           "## Pharmacodynamics\n\nZorbicin acts as a selective silent antagonist of the estrogen receptor (ER). Unlike "
           "tamoxifen, {drug} does not promote dimerization of ER and in addition prevents binding of ER to "
           "deoxyribonucleic acid (DNA) and ER to coactivator proteins.\n")
BOUND = "Zorbicin prevents the binding of ER to which two things?"


def test_what_the_drug_keeps_its_target_from_binding_is_asked_as_two_items(tmp_path):
    cards = generated_cards(tmp_path, BINDING.format(drug="zorbicin"))
    card = next(c for c in cards if c.data.get("prompt") == BOUND)
    assert card.data["items"] == ["DNA", "coactivator proteins"] and card.data["need"] == 2


def test_another_drugs_prevented_binding_is_not_asked_as_the_articles(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, BINDING.format(drug="vorbicin")))
    assert not [q for q in asked if "binding of ER to" in q], asked


ARREST = ("# Zorbicin\n\n## Main\n\nZorbicin is a monoclonal antibody used to treat gastric cancer.\n\n"
          "## Mechanism of action\n\nZorbicin binds to the extracellular domain of the receptor. Cells treated with "
          "{drug} undergo arrest during the G2 phase of the cell cycle so there is reduced proliferation.\n")
PHASE = "In which phase of the cell cycle does zorbicin arrest cells?"


def test_where_in_the_cell_cycle_the_drug_stops_cells_is_asked(tmp_path):
    cards = generated_cards(tmp_path, ARREST.format(drug="zorbicin"))
    assert questions_and_answers(cards).get(PHASE) == "G2"
    card = next(c for c in cards if c.data.get("prompt") == PHASE)
    assert card.data["explanation"] == "So there is reduced proliferation."


def test_another_drugs_cell_cycle_arrest_is_not_asked_as_the_articles(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, ARREST.format(drug="vorbicin")))
    assert not [q for q in asked if "cell cycle" in q], asked


def test_an_arrest_another_card_explains_itself_with_is_not_asked_again(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, (
        "# Zorbicin\n\n## Main\n\nZorbicin is a selective kinase modulator used to treat bladder cancer in adults.\n\n"
        "## Mechanism\n\nZorbicin binds to the kinase competitively in tumor cells. Zorbicin causes cells to remain in "
        "the S phase of the cell cycle. Because it prevents malignant cells from dividing but does not cause cell "
        "death, zorbicin is cytostatic rather than cytocidal.\n")))
    assert [q for q in asked if "which term describes zorbicin" in q], asked
    assert not [q for q in asked if "cell cycle" in q], asked


FORM_DOSES = ("# Zorbicin\n\n## Main\n\nZorbicin is a PARP inhibitor used to treat ovarian cancer.\n\n## Trials\n\n"
              "TRIAL-A randomized 200 patients with recurrent ovarian cancer to receive zorbicin tablets 200 mg orally "
              "twice daily or placebo. TRIAL-A showed a longer progression-free survival with zorbicin. TRIAL-B "
              "randomized 180 patients to receive zorbicin capsules {dose} orally twice daily or placebo.\n")
FORMS_ASKED = "Zorbicin: compare the dose of the tablets and of the capsules."


def test_two_forms_given_at_different_doses_are_compared(tmp_path):
    cards = generated_cards(tmp_path, FORM_DOSES.format(dose="350 mg"))
    asked = questions_and_answers(cards)
    assert asked.get(FORMS_ASKED) == "Tablets: 200 mg orally twice daily; capsules: 350 mg orally twice daily", asked


def test_two_forms_at_the_same_dose_are_not_compared(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, FORM_DOSES.format(dose="200 mg")))
    assert FORMS_ASKED not in asked, asked
