"""The teacher's cards: why/how, clinical actions, comparisons, lists and chains.

Each kind has a sentence that must give a card of the expected shape, and near misses
that must give none (a dangling pronoun, a hedge, a list that goes on, a noun after "due to").
The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from anastro_quiz.generate.pipeline import read
from anastro_quiz.generate.teacher import teacher_drafts


def drafts(tmp_path, text: str, name: str = "article.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return teacher_drafts(read(path))


def cards(tmp_path, text: str, kind: str | None = None, name: str = "article.txt") -> list[tuple[str, str]]:
    return [(d.data["prompt"], d.data["answer"]) for d in drafts(tmp_path, text, name) if kind in (None, d.kind)]


FILLER = "Letrozole is an oral aromatase inhibitor taken once a day by postmenopausal women.\n\n"


# --- why / how ----------------------------------------------------------------------------------


def test_by_gerund_gives_a_how_question_with_the_means_as_answer(tmp_path):
    got = cards(tmp_path, FILLER + "Estradiol shortens the lifespan of osteoclasts by promoting their programmed cell death.\n")
    assert ("How does estradiol shorten the lifespan of osteoclasts?", "By promoting their programmed cell death") in got


def test_a_leading_it_is_resolved_from_the_sentence_before(tmp_path):
    text = "Exemestane is a steroidal aromatase inhibitor used in breast cancer. It works by binding the enzyme irreversibly.\n"
    assert ("How does exemestane work?", "By binding the enzyme irreversibly") in cards(tmp_path, text, "why")


def test_an_it_that_nothing_names_gives_no_card(tmp_path):
    text = ("The results of the trial were clear and widely reported in journals. "
            "It works by binding the enzyme irreversibly.\n")
    assert cards(tmp_path, text, "why") == []
    # "It is thought that ..." stands for nothing either.
    text = "Exemestane is a steroidal inhibitor. It is thought that it acts by binding the enzyme irreversibly.\n"
    assert cards(tmp_path, text, "why") == []


def test_due_to_gives_a_why_question(tmp_path):
    got = cards(tmp_path, FILLER + "Women past menopause experience an accelerated loss of bone mass due to a relative "
                                   "estrogen deficiency.\n", "why")
    assert got == [("Women past menopause experience an accelerated loss of bone mass: why?",
                    "A relative estrogen deficiency")]


def test_a_fronted_cause_inverts_the_question_and_names_the_subject(tmp_path):
    got = cards(tmp_path, FILLER + "Because it is an antiandrogen, bicalutamide has a theoretical risk of birth defects.\n")
    assert got == [("Why does bicalutamide have a theoretical risk of birth defects?", "Bicalutamide is an antiandrogen")]


@pytest.mark.parametrize("sentence", [
    # a hedge: the article does not assert the cause
    "Midazolam levels rose slightly in one study, presumably due to CYP3A4 inhibition.",
    # "due to" inside a noun phrase, followed by the clause's own verb
    "However, discontinuation rates due to this side effect in clinical trials are fairly low overall.",
    # the main clause leans on an earlier sentence
    "This effect is seen in many patients due to reduced hepatic clearance of the drug.",
])
def test_no_why_card_from_a_hedged_or_dangling_cause(tmp_path, sentence):
    assert cards(tmp_path, FILLER + sentence + "\n", "why") == []


@pytest.mark.parametrize("sentence", [
    "Everolimus treatment of mice results in reduced metabolic side effects compared to sirolimus.",
    "Due to its two hydroxyl groups, estradiol is often abbreviated as E2.",
])
def test_animal_findings_and_naming_trivia_give_no_why_card(tmp_path, sentence):
    assert cards(tmp_path, FILLER + sentence + "\n", "why") == []


def test_leads_to_gives_a_what_does_it_lead_to_question(tmp_path):
    got = cards(tmp_path, FILLER + "Over-suppression of estradiol can lead to unfavorable changes in lipids.\n", "why")
    assert got == [("What can over-suppression of estradiol lead to?", "Unfavorable changes in lipids")]


def test_a_trailing_leading_to_asks_for_the_result(tmp_path):
    got = cards(tmp_path, FILLER + "Osteoclasts live longer and become more active, leading to an accelerated rate of "
                                   "bone breakdown.\n", "why")
    assert got == [("Osteoclasts live longer and become more active: with what result?",
                    "An accelerated rate of bone breakdown")]


def test_an_answer_too_long_to_recall_gives_no_card(tmp_path):
    sentence = ("Estradiol shortens the lifespan of osteoclasts by promoting the expression of many different "
                "pro-apoptotic proteins in the mature resorbing cells of trabecular and cortical bone.\n")
    assert cards(tmp_path, FILLER + sentence, "why") == []


def test_a_plural_subject_takes_do(tmp_path):
    got = cards(tmp_path, FILLER + "Reduced estradiol levels remove the brake on osteoclasts, leading to an increase in "
                                   "the pool of active osteoclasts.\n", "why")
    assert got == [("Reduced estradiol levels remove the brake on osteoclasts: with what result?",
                    "An increase in the pool of active osteoclasts")]


def test_the_main_source_of_something_is_asked_with_its_context(tmp_path):
    sentence = ("In postmenopausal women, with ovarian estrogen production diminished, aromatization in peripheral "
                "tissues becomes the main source of circulating estrogen.\n")
    assert cards(tmp_path, FILLER + sentence, "why") == [
        ("In postmenopausal women, what becomes the main source of circulating estrogen?",
         "Aromatization in peripheral tissues")]


def test_a_regulator_with_its_means_gives_a_how_question(tmp_path):
    sentence = ("Estrogen is a critical regulator of bone remodeling, promoting the activity of osteoblasts and "
                "inhibiting the activity of osteoclasts.\n")
    assert cards(tmp_path, FILLER + sentence, "why") == [
        ("How does estrogen regulate bone remodeling?",
         "By promoting the activity of osteoblasts and inhibiting the activity of osteoclasts")]


def test_an_effect_that_is_a_long_list_is_not_cut_to_its_first_item(tmp_path):
    sentence = "Goserelin may cause bone pain, hot flushes, headache, stomach upset, depression and weight gain.\n"
    assert not any(a == "Bone pain" for _, a in cards(tmp_path, FILLER + sentence))


@pytest.mark.parametrize("sentence,prompt,answer", [
    ("Bicalutamide, sold under the brand name Casodex among others, is an antiandrogen medication that is primarily "
     "used to treat prostate cancer.", "What is bicalutamide used to treat?", "Prostate cancer"),
    ("Anastrozole is used in the treatment and prevention of breast cancer in women.",
     "What is anastrozole used to treat and prevent?", "Breast cancer in women"),
])
def test_an_indication_becomes_what_is_it_used_to_treat(tmp_path, sentence, prompt, answer):
    assert cards(tmp_path, FILLER + sentence + "\n", "why") == [(prompt, answer)]


def test_several_indications_after_semicolons_give_no_single_answer_card(tmp_path):
    sentence = ("Enzalutamide is indicated for the treatment of people with castration-resistant prostate cancer; "
                "metastatic castration-sensitive prostate cancer; and non-metastatic disease.\n")
    assert cards(tmp_path, FILLER + sentence, "why") == []


# --- clinical actions ------------------------------------------------------------------------


def test_an_if_rule_with_should_gives_a_what_should_question(tmp_path):
    got = cards(tmp_path, FILLER + "If patients have hormone receptor positive cancer, they should have received "
                                   "endocrine therapy.\n", "action")
    assert got == [("If patients have hormone receptor positive cancer, what should they have received?",
                    "Endocrine therapy")]


def test_too_high_and_too_low_are_one_card(tmp_path):
    # the tenth reading: "too high" alone beside "the dose" says "increase it"; the rule is both halves
    sentence = ("An estradiol level that is too high suggests the dose may need to be increased, while a level "
                "that is too low is a clear signal to reduce or pause the medication.\n")
    got = cards(tmp_path, FILLER + sentence, "action")
    assert got == [("What does an estradiol level that is too high suggest about the dose, and one that is too low?",
                    "Too high: the dose may need to be increased; too low: reduce or pause the medication")]


def test_one_direction_alone_is_one_card(tmp_path):
    sentence = "A platelet count that is too low suggests a pause in the medication.\n"
    got = cards(tmp_path, FILLER + sentence, "action")
    assert got == [("What does a platelet count that is too low suggest?", "A pause in the medication")]


def test_should_be_monitored_asks_who(tmp_path):
    sentence = ("Due to its ability to lower the seizure threshold, patients with known seizure disorders should be "
                "closely monitored during enzalutamide treatment.\n")
    got = cards(tmp_path, FILLER + sentence, "action")
    assert got == [("During enzalutamide treatment, who should be closely monitored?",
                    "Patients with known seizure disorders")]


def test_contraindication(tmp_path):
    got = cards(tmp_path, FILLER + "Enzalutamide is contraindicated in women during pregnancy.\n", "action")
    assert got == [("In whom is enzalutamide contraindicated?", "In women during pregnancy")]


def test_an_if_clause_with_a_dangling_subject_gives_no_action(tmp_path):
    assert cards(tmp_path, FILLER + "If this happens, the dose should be reduced by half at once.\n", "action") == []


# --- enumerations ------------------------------------------------------------------------------

TITLED = "# Tamoxifen\n\nTamoxifen is a selective estrogen receptor modulator used in breast cancer.\n\n"


def test_include_list_in_a_titled_article_names_its_subject_and_carries_items(tmp_path):
    ds = [d for d in drafts(tmp_path, TITLED + "Common side effects include irregular periods, weight loss, and hot "
                                               "flashes.\n", "Tamoxifen.md") if d.kind == "list"]
    assert len(ds) == 1
    d = ds[0]
    assert d.type == "typed"
    assert d.data["prompt"] == "Name three common side effects of tamoxifen."
    assert d.data["items"] == ["irregular periods", "weight loss", "hot flashes"] and d.data["need"] == 3
    assert d.quote == "Common side effects include irregular periods, weight loss, and hot flashes."


def test_an_owner_with_a_number_of_gives_the_category(tmp_path):
    sentence = "Tamoxifen has a number of contraindications, including hypersensitivity, warfarin use, and pregnancy.\n"
    got = cards(tmp_path, FILLER + sentence, "list")
    assert got == [("Name three contraindications of tamoxifen.", "hypersensitivity, warfarin use, pregnancy")]


def test_such_as_asks_for_examples_and_needs_two(tmp_path):
    ds = [d for d in drafts(tmp_path, FILLER + "Bicalutamide blocks the actions of androgens such as testosterone and "
                                               "dihydrotestosterone.\n") if d.kind == "list"]
    assert [(d.data["prompt"], d.data["need"]) for d in ds] == [("Give two examples of androgens.", 2)]


@pytest.mark.parametrize("text", [
    # no title: whose side effects?
    FILLER + "Common side effects include irregular periods, weight loss, and hot flashes.\n",
    # the list goes on after a semicolon: "name three" would be cut short
    TITLED + "Side effects include nausea, vomiting, and diarrhea; fatigue; and low blood counts.\n",
    # the items are clauses, not things
    TITLED + "Known risks include that the drug is taken too long, and that bones thin.\n",
    # a generic category with no owner
    FILLER + "Letrozole interferes with many processes in cells such as division and repair.\n",
])
def test_no_list_card_when_the_list_or_its_owner_is_unclear(tmp_path, text):
    assert cards(tmp_path, text, "list", "Tamoxifen.md" if text.startswith("#") else "article.txt") == []


# --- comparisons ---------------------------------------------------------------------------------

TABLE = """Anastrozole Protocols

Parameter Use in Women (Breast Cancer) Use in Men (TRT Support)
Typical Dosage 1 mg daily. 0.5 mg twice weekly.
Therapeutic Goal Profound estrogen suppression. Controlled modulation of estrogen.
Route Oral tablet. Oral tablet.
"""


def test_a_table_row_that_differs_becomes_one_comparison_card(tmp_path):
    got = cards(tmp_path, FILLER + TABLE, "compare")
    assert ("Compare the typical dosage in women with breast cancer and in men on TRT.",
            "Women: 1 mg daily; men: 0.5 mg twice weekly") in got  # the prompt names the populations in full
    assert not any("route" in p.lower() for p, _ in got)  # both cells the same: nothing to compare


# --- chains ----------------------------------------------------------------------------------------


def test_two_linked_sentences_give_a_link_card_and_a_whole_chain(tmp_path):
    text = (FILLER + "Blockade of the androgen receptor leads to increased secretion of luteinizing hormone. "
            "This in turn results in higher testosterone production.\n")
    got = dict(cards(tmp_path, text, "chain"))
    assert got["What does increased secretion of luteinizing hormone lead to in turn?"] == \
        "Higher testosterone production"
    assert got["Trace the chain from blockade of the androgen receptor to higher testosterone production."] \
        == "Blockade of the androgen receptor → increased secretion of luteinizing hormone → higher testosterone " \
           "production"


def test_a_chain_too_long_to_recall_at_once_is_only_asked_link_by_link(tmp_path):
    text = (FILLER + "Blockade of the androgen receptor leads to increased secretion of luteinizing hormone. "
            "This in turn results in higher testosterone production by the Leydig cells of the testes.\n")
    assert [p for p, _ in cards(tmp_path, text, "chain")] == [
        "What does increased secretion of luteinizing hormone lead to in turn?"]


def test_which_in_turn_gives_a_chain_within_one_sentence(tmp_path):
    text = FILLER + ("A portion of the androstenedione is converted to testosterone, which in turn undergoes conversion "
                     "to estradiol by aromatase.\n")
    assert cards(tmp_path, text, "chain") == [("Trace the chain from androstenedione to estradiol.",
                                               "Androstenedione → testosterone → estradiol")]


def test_a_condition_with_two_consequences_is_asked_step_by_step_and_only_once(tmp_path):
    text = FILLER + "When estradiol levels fall, osteoclasts survive longer, allowing them to resorb more bone tissue.\n"
    assert cards(tmp_path, text) == [("When estradiol levels fall: what follows, step by step?",
                                      "Osteoclasts survive longer → they resorb more bone tissue")]


def test_no_chain_when_the_second_sentence_does_not_pick_up_the_first(tmp_path):
    text = (FILLER + "Blockade of the androgen receptor leads to increased secretion of luteinizing hormone. "
            "Estradiol levels also rise in most men during the first months.\n")
    assert cards(tmp_path, text, "chain") == []


def test_every_teacher_card_quotes_its_sentence_verbatim(tmp_path):
    text = TITLED + ("Common side effects include irregular periods, weight loss, and hot flashes. "
                     "Tamoxifen improves fertility in males by disinhibiting the HPG axis.\n")
    for d in drafts(tmp_path, text, "Tamoxifen.md"):
        assert d.quote in text


# --- lists after a verb, semicolon lists, context named -------------------------------------------


def test_indicated_to_treat_a_list_gives_a_list_card_named_by_the_items_head(tmp_path):
    sentence = "Niraparib is indicated to treat ovarian cancer, fallopian tube cancer, and peritoneal cancer.\n"
    ds = [d for d in drafts(tmp_path, FILLER + sentence) if d.kind == "list"]
    assert [(d.data["prompt"], d.data["items"], d.data["need"]) for d in ds] == [
        ("Name three cancers niraparib is indicated for.",
         ["ovarian cancer", "fallopian tube cancer", "peritoneal cancer"], 3)]


def test_used_in_the_treatment_of_unlike_things_asks_for_conditions(tmp_path):
    sentence = "Letrozole is used in the treatment of breast cancer, gynecomastia, and infertility.\n"
    assert cards(tmp_path, FILLER + sentence, "list") == [
        ("Name three conditions letrozole is used to treat.", "breast cancer, gynecomastia, infertility")]


def test_two_indications_are_no_list(tmp_path):
    sentence = "Niraparib is indicated to treat ovarian cancer and peritoneal cancer.\n"
    assert cards(tmp_path, FILLER + sentence, "list") == []


LEUPRORELIN = "# Leuprorelin\n\n## {heading}\n\nLeuprorelin is a GnRH agonist given by injection every month.\n\n{text}\n"


def test_may_cause_a_list_under_side_effects_names_three_side_effects(tmp_path):
    text = LEUPRORELIN.format(heading="Side effects", text="Leuprorelin may cause hot flushes, headache, weight gain, "
                                                          "swelling and tenderness of breasts, and reduced libido.")
    ds = [d for d in drafts(tmp_path, text, "Leuprorelin.md") if d.kind == "list"]
    assert [(d.data["prompt"], d.data["items"]) for d in ds] == [
        ("Name three possible side effects of leuprorelin.",
         ["hot flushes", "headache", "weight gain", "swelling and tenderness of breasts", "reduced libido"])]


def test_may_cause_one_thing_with_its_circumstances_is_no_list(tmp_path):
    text = LEUPRORELIN.format(heading="Side effects", text="Leuprorelin may cause a temporary increase in bone pain "
                                                          "and symptoms during the first weeks of treatment.")
    assert cards(tmp_path, text, "list", "Leuprorelin.md") == []


def test_a_semicolon_list_keeps_each_part_as_one_item_its_examples_as_a_gloss(tmp_path):
    # A reader of the earlier card, keyed "digestive effects", would answer "nausea" and be marked wrong.
    from anastro_quiz.grading_lists import grade_items

    text = TITLED + ("Side effects include digestive effects such as nausea, vomiting, and diarrhea; fatigue; and low "
                     "blood counts such as anemia, with occasional leukemia.\n")
    ds = [d for d in drafts(tmp_path, text, "Tamoxifen.md") if d.kind == "list"]
    assert [(d.data["prompt"], d.data["items"]) for d in ds] == [
        ("Name three side effects of tamoxifen.",
         ["digestive effects (nausea, vomiting, diarrhea)", "fatigue", "low blood counts (anemia)"])]
    assert grade_items("nausea, fatigue, anemia", ds[0].data["items"], 3).correct


def test_eventually_opens_a_usable_sentence_and_the_drug_of_the_pharmacology_section_is_named(tmp_path):
    text = LEUPRORELIN.format(heading="Pharmacology", text="Eventually, after about two weeks, production of FSH is "
                                                          "greatly reduced due to receptor desensitisation.")
    assert ("On leuprorelin, after about two weeks, why is production of FSH greatly reduced?",
            "Receptor desensitisation") in cards(tmp_path, text, "why", "Leuprorelin.md")


def test_outside_the_pharmacology_section_an_unnamed_change_is_not_given_a_drug(tmp_path):
    text = LEUPRORELIN.format(heading="History", text="Trials of GnRH analogues began in the 1970s. Hormone "
                              "research grew fast in many countries. Eventually, after about two weeks, production "
                              "of FSH is greatly reduced due to receptor desensitisation.")
    got = cards(tmp_path, text, "why", "Leuprorelin.md")
    assert got and not any("leuprorelin" in p.lower() for p, _ in got)


def test_a_why_card_names_the_drug_the_sentence_before_names(tmp_path):
    text = ("# Bicalutamide\n\n## Effects\n\nTestosterone levels rise with bicalutamide monotherapy in men. "
            "Testosterone concentrations do not exceed the normal male range due to negative feedback by estradiol.\n")
    assert ("On bicalutamide, why do testosterone concentrations not exceed the normal male range?",
            "Negative feedback by estradiol") in cards(tmp_path, text, "why", "Bicalutamide.md")


def test_the_dose_is_named_after_the_drug_the_text_names_just_before(tmp_path):
    text = (FILLER + "For men on TRT, monitoring is part of the anastrozole protocol. Anastrozole is taken twice a "
            "week and anastrozole levels are not measured. An estradiol level that is too high suggests the dose may "
            "need to be increased.\n")
    # (and for whom: the passage is about men on TRT)
    assert ("In men on TRT, what does an estradiol level that is too high suggest about the anastrozole dose?",
            "The dose may need to be increased") in cards(tmp_path, text, "action")


def test_side_effects_that_were_a_list_name_the_articles_drug(tmp_path):
    text = TITLED + ("Side effects that occurred in 20% or more of patients were diarrhea, nausea and vomiting, "
                     "leukopenia (low white blood cell count) including neutropenia, fatigue, and headache.\n")
    ds = [d for d in drafts(tmp_path, text, "Tamoxifen.md") if d.kind == "list"]
    assert [(d.data["prompt"], d.data["items"]) for d in ds] == [
        ("Name three common side effects of tamoxifen.",
         ["diarrhea", "nausea and vomiting", "leukopenia (neutropenia)", "fatigue", "headache"])]  # its example kept


def test_side_effects_of_a_named_drug_are_a_list_with_hyphenated_items(tmp_path):
    sentence = "Some of the common side effects of trastuzumab are flu-like symptoms (such as fever), nausea and rash.\n"
    assert cards(tmp_path, FILLER + sentence, "list") == [
        ("Name three common side effects of trastuzumab.", "flu-like symptoms, nausea, rash")]


def test_side_effects_were_seen_is_no_list_without_an_owner_or_with_a_verb_in_between(tmp_path):
    assert cards(tmp_path, FILLER + "Side effects were nausea, vomiting, and rash.\n", "list") == []
    text = TITLED + "Side effects reported by many women in the trial were mild, brief, and rare.\n"
    assert cards(tmp_path, text, "list", "Tamoxifen.md") == []


def test_responsible_for_asks_what_the_thing_is_responsible_for(tmp_path):
    got = cards(tmp_path, FILLER + "Estradiol is responsible for the development of female secondary sexual "
                                   "characteristics such as the breasts.\n", "why")
    assert got == [("What is estradiol responsible for?", "The development of female secondary sexual characteristics")]


def test_these_enzymes_are_named_from_the_acronyms_of_the_sentence_before(tmp_path):
    text = FILLER + ("Palbociclib inhibits the enzymes cyclin-dependent kinase 4 (CDK4) and cyclin-dependent kinase 6 "
                     "(CDK6). These enzymes are responsible for phosphorylating and thus deactivating the "
                     "retinoblastoma protein.\n")
    assert ("What are CDK4 and CDK6 responsible for?", "Phosphorylating and deactivating the retinoblastoma protein") \
        in cards(tmp_path, text, "why")


@pytest.mark.parametrize("text", [
    # "These enzymes" with no enzymes spelled out before
    FILLER + "Palbociclib blocks cell division in tumours. These enzymes are responsible for phosphorylating the "
             "retinoblastoma protein.\n",
    # a share is a figure, not a role
    FILLER + "Conversion by CYP3A4 is responsible for 92% of tamoxifen metabolism.\n",
    # hedged
    FILLER + "Estradiol levels may be partly responsible for the gynecomastia seen in men.\n",
    # a definition in a relative clause (another card asks what osteoblasts are)
    FILLER + "Osteoblasts which are responsible for building new bone tissue.\n",
])
def test_no_responsible_for_card_when_the_subject_or_role_is_unclear(tmp_path, text):
    assert not any("responsible" in p for p, _ in cards(tmp_path, text, "why"))


def test_a_fronted_as_that_this_enzyme_points_back_at_asks_the_enzyme(tmp_path):
    # "Why are inhibitors of CYP3A4 expected to increase ...?" would show its answer (readers)
    sentence = ("As palbociclib is mainly metabolized by the liver enzyme CYP3A4, inhibitors of this enzyme (such as "
                "itraconazole) are expected to increase its plasma concentrations.\n")
    assert cards(tmp_path, "# Palbociclib\n\n" + sentence, "why", "Palbociclib.md") == [
        ("Which enzyme mainly metabolizes palbociclib?", "CYP3A4")]
    assert cards(tmp_path, FILLER + sentence, "why") == []  # whose drug it is not known: no card


def test_a_fronted_as_with_a_state_is_a_reason(tmp_path):
    sentence = "As palbociclib is a weak base, its absorption is reduced by proton pump inhibitors.\n"
    assert cards(tmp_path, FILLER + sentence, "why") == [
        ("Why is palbociclib’s absorption reduced by proton pump inhibitors?", "Palbociclib is a weak base")]


@pytest.mark.parametrize("sentence", [
    # "this enzyme" is not named in the "as" clause
    "As palbociclib is taken with food, inhibitors of this enzyme are expected to increase its plasma concentrations.",
    # a time, not a reason
    "Since 2015 palbociclib is approved in Europe, and sales of the drug have grown each year since then.",
    # "as has been shown": a report, not a reason
    "As has been shown in trials, palbociclib inhibitors lower plasma concentrations of letrozole.",
])
def test_no_why_card_from_an_as_that_is_not_a_plain_reason(tmp_path, sentence):
    assert cards(tmp_path, FILLER + sentence + "\n", "why") == []


def test_the_medication_is_the_drug_the_article_is_titled_with(tmp_path):
    text = ("# Flutamide\n\n## Side effects\n\nFlutamide is an antiandrogen taken by mouth three times a day.\n\n"
            "The medication can have estrogen-like effects in men due to increased estradiol levels.\n")
    assert cards(tmp_path, text, "why", "Flutamide.md") == [
        ("Why can flutamide have estrogen-like effects in men?", "Increased estradiol levels")]


def test_the_medication_in_an_untitled_text_stays_unnamed_and_gives_no_card(tmp_path):
    text = FILLER + "The medication can have estrogen-like effects in men due to increased estradiol levels.\n"
    assert cards(tmp_path, text, "why") == []
