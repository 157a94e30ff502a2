"""Rules from the thirteenth reading's WEAK cards, each on invented text: an answer the prompt's own
words give away, a vague answer beside the definition of its term from the same sentence, a definition
asked backwards whose term another card names, a comparison half the prompt implies, a list key from
one sentence where another lists more of the kind, a trial question without its setting, a use
question whose qualifier another stated use shares, and a blank that hides the comparators."""

from __future__ import annotations

from generated import generated_cards, generated_fronts, questions_and_answers

LEAD = "# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat lung cancer.\n\n"


CAUTION = ("## Safety\n\nFurthermore, the incidence of {what} was noted to be higher in patients receiving zorbicin "
           "in some clinical trials, prompting careful consideration in men with pre-existing liver disease.\n")


def test_an_answer_whose_words_the_prompt_already_says_is_not_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, LEAD + CAUTION.format(what="seizures")))
    assert asked.get("Why does zorbicin call for careful consideration in men with pre-existing liver "
                     "disease?") == "A higher incidence of seizures", asked
    # "hepatic" is "liver" in other words; "higher incidence of ... adverse events" says only how much
    guessed = questions_and_answers(generated_cards(tmp_path, LEAD + CAUTION.format(what="hepatic adverse events")))
    assert not [p for p in guessed if p.startswith("Why does zorbicin call for careful")], guessed
    # the finding is asked instead, the kind of event in the prompt and which one as the answer
    assert guessed.get("In some clinical trials, the incidence of which adverse events was higher in patients "
                       "receiving zorbicin?") == "Hepatic", guessed


LIVER = ("How Does Zorbicin Affect the Liver?\n\nYour liver is not a static organ. It is a dynamic tissue in a "
         "constant state of renewal. This process involves a balance between two types of cells:\n\n"
         "  • Hepatoblasts which are responsible for building new liver tissue.\n"
         "  • Kupffer cells which are responsible for clearing old red blood cells.\n\n"
         "{regulator}"
         "The primary driver of liver scarring from hepcidin deficiency is the dysregulation of myofibroblasts, "
         "the contractile cells responsible for fibrosis.\n\n"
         "Zorbicin lowers hepcidin levels by blocking its synthesis in the liver, and careful monitoring of liver "
         "enzymes is advised during long-term therapy.\n\n")
MORE = ("Activated myofibroblasts deposit collagen, and myofibroblasts persist for months after the injury ends. "
        "Hepcidin shortens the lifespan of myofibroblasts by promoting their programmed cell death.\n")
REGULATOR = ("Hepcidin is a critical regulator of liver renewal, promoting the activity of hepatoblasts (liver-building "
             "cells) and inhibiting the activity of stellate cells (scar-forming cells).\n\n")


def test_a_vague_answer_goes_beside_the_definition_of_its_term_from_the_same_sentence(tmp_path):
    driver = "What is the primary driver of liver scarring from hepcidin deficiency?"
    alone = questions_and_answers(generated_cards(tmp_path, LIVER.format(regulator=""), "doc.txt"))
    assert alone.get(driver) == "The dysregulation of myofibroblasts", alone  # no card defines the term: it stays
    defined = questions_and_answers(generated_cards(tmp_path, LIVER.format(regulator="") + MORE, "doc.txt"))
    assert "What are myofibroblasts?" in defined, defined
    assert driver not in defined, defined  # "dysregulated" how? the definition stays


def test_a_definition_asked_backwards_goes_where_another_card_names_the_term(tmp_path):
    backwards = "What is responsible for building new liver tissue?"
    assert backwards in generated_fronts(tmp_path, LIVER.format(regulator=""), "doc.txt")
    named = questions_and_answers(generated_cards(tmp_path, LIVER.format(regulator=REGULATOR), "doc.txt"))
    assert any("hepatoblasts" in a for a in named.values()), named
    assert backwards not in named, named


TABLE = ("Zorbicin in women and in men\n\nZorbicin is an aromatase inhibitor used to treat breast cancer and, "
         "off-label, in men on TRT.\n\nComparative Overview\n\n"
         "Parameter Use in Postmenopausal Women (Breast Cancer) Use in Men (TRT Management)\n"
         "Typical Dosage 1 mg daily 0.5 mg twice weekly\n"
         "Duration of Therapy Long-term, often for 5 years or more {men}\n"
         "Lab Monitoring Bone density scans every two years Serum estradiol every three months\n")


def test_a_comparison_whose_half_the_prompt_implies_is_not_asked(tmp_path):
    plain = generated_fronts(tmp_path, TABLE.format(men="Short courses of 3 to 6 months"), "doc.txt")
    assert [p for p in plain if "duration of therapy" in p.lower()], plain
    implied = generated_fronts(tmp_path, TABLE.format(men="Ongoing for the duration of TRT, with dose adjustments as needed"),
                       "doc.txt")
    # "in men on TRT": how long is what the column's name says; the women's half is asked alone
    assert not [p for p in implied if "compare the duration" in p.lower()], implied
    assert [p for p in implied if p.endswith("in postmenopausal women with breast cancer, what is the duration of "
                                             "therapy?")], implied


SIDE = "Common side effects of zorbicin include hot flashes, dizziness, joint pain, and nausea.\n\n"


def test_a_list_key_goes_where_another_sentence_lists_more_of_the_kind(tmp_path):
    alone = generated_fronts(tmp_path, LEAD.replace("lung cancer.", "lung cancer. " + SIDE.strip()))
    assert any(p.startswith("Name three common side effects of zorbicin") for p in alone), alone
    more = generated_fronts(tmp_path, LEAD.replace("lung cancer.", "lung cancer. " + SIDE.strip()) +
                    "## Side effects\n\nCommon side effects of zorbicin (≥10% incidence) include hot flashes, asthenia, "
                    "rash, headache, insomnia, cough, and back pain.\n")
    # the key, the lead's four, would mark asthenia or headache wrong
    assert not [p for p in more if p.startswith("Name three common side effects")], more


TRIAL = ("## Breast cancer\n\n{approved}If patients have hormone receptor positive cancer, they should have received "
         "endocrine therapy where appropriate. This approval was based on the ALPHA randomised phase III trial, which "
         "showed a progression-free survival benefit for patients treated with zorbicin compared to conventional "
         "chemotherapy.\n")


def test_a_trial_question_carries_the_setting_the_approval_names(tmp_path):
    asked = generated_fronts(tmp_path, LEAD + TRIAL.format(
        approved="In breast cancer, zorbicin is approved for KRAS-mutated HER2-negative metastatic breast cancer "
                 "patients who have previously been treated with chemotherapy. "))
    assert ("In the ALPHA trial in KRAS-mutated HER2-negative metastatic breast cancer, compared with what did "
            "zorbicin show a progression-free survival benefit?") in asked, asked
    bare = generated_fronts(tmp_path, LEAD + TRIAL.format(approved=""))
    assert not [p for p in bare if "ALPHA trial" in p], bare  # a trial of whom? no card


USE = ("# Zorbicin\n\n## Main\n\nZorbicin, sold under the brand name Zorbex among others, is a medication used as an "
       "immunosuppressant to prevent rejection of organ transplants and as a targeted therapy in the treatment of "
       "renal cell cancer and other tumours. Zorbicin is contraindicated in women during pregnancy.\n\n")


def test_a_use_question_whose_qualifier_another_use_shares_is_not_asked(tmp_path):
    prompt = "As an immunosuppressant, what is zorbicin used to prevent?"
    assert prompt in generated_fronts(tmp_path, USE)
    stents = generated_fronts(tmp_path, USE + "## Devices\n\nZorbicin is used in drug-eluting stents as an immunosuppressant "
                                      "to prevent restenosis.\n")
    assert prompt not in stents, stents  # two right answers


def test_a_blank_on_the_drugs_it_is_compared_with_is_not_asked(tmp_path):
    about = generated_fronts(tmp_path, LEAD + "## Pharmacology\n\nZorbicin is metabolized by enzymes of the liver such as "
                                      "CYP3A4, CYP2C8, and CYP2D6 in most patients.\n")
    assert [p for p in about if "such as {{c1::" in p], about
    compared = generated_fronts(tmp_path, LEAD + "## Pharmacology\n\nClinical findings suggest that zorbicin is a more potent "
                                         "inhibitor in comparison to first-generation inhibitors such as gefitinib, "
                                         "erlotinib, and afatinib.\n")
    assert not [p for p in compared if "such as {{c1::" in p], compared
