"""Rules from the fourth strict reading (issue 8): every card names what it asks about, a key has
one right answer, and a deck about a drug does not define general words. Invented text only."""

from __future__ import annotations

import pytest

from anastro_quiz.generate.prompt_signals import minor_pharmacology
from anastro_quiz.generate.reading_weights import one_item_of_list, subject_led

from generated import generated_cards, front


def _answer(card) -> str:
    return str(card.data.get("answer") or ", ".join(card.data.get("items") or []) or card.data.get("text"))


def test_an_answer_opening_with_the_unnamed_subject_asks_nothing():
    subjects = {"zorbicin"}
    assert subject_led("What is inhibition of the enzyme due to?", "Zorbicin itself rather than to metabolites",
                       subjects)
    assert not subject_led("Why is the enzyme inhibited by zorbicin?", "Zorbicin itself binds it", subjects)
    assert not subject_led("What is inhibition of the enzyme due to?", "Competitive binding", subjects)
    assert subject_led("Zorbicin: what is inhibition of the enzyme due to?", "Zorbicin itself", subjects)


def test_no_card_asks_whose_effect_it_is_without_naming_the_drug(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacology\n\nZorbicin works by reversibly binding to the aromatase enzyme.\n"
                   "Inhibition of aromatase is due to zorbicin itself rather than to metabolites, with the major "
                   "circulating metabolite being inactive.\n"
                   "The elimination half-life of zorbicin is 40 to 50 hours.\n")
    assert cards
    for c in cards:
        if "prompt" in c.data:
            assert not _answer(c).lower().startswith("zorbicin"), (front(c), _answer(c))


@pytest.mark.parametrize("prompt, one_item", [
    ("Zorbicin increases the risk of [...], endometrial polyps, hyperplasia, and endometrial cancer.", True),
    ("Zorbicin increases the risk of stroke, [...], and pulmonary embolism.", True),
    ("Zorbicin increases the risk of stroke, vision problems and [...].", True),
    ("Like the related drugs palbociclib and [...], zorbicin inhibits the enzymes.", False),
    ("Zorbicin works by [...] binding to the aromatase enzyme, and through competitive inhibition blocks it.", False),
    ("Zorbicin disrupts the [...], a fundamental mechanism of bone preservation in both sexes.", False),
    ("In the liver, zorbicin is cleared by [...], and in the kidney, by filtration, as shown.", False),
    ("Zorbicin binds to its protein receptor [...], which interacts with mTORC1, inhibiting its signaling.", False),
])
def test_a_blank_on_one_item_of_a_list(prompt, one_item):
    assert one_item_of_list(prompt) is one_item


def test_no_blank_on_one_item_of_a_list_of_risks(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                   "## Side effects\n\nZorbicin increases the risk of postmenopausal bleeding, endometrial polyps, "
                   "hyperplasia, and endometrial cancer.\n"
                   "Serious side effects include a small increased risk of stroke and pulmonary embolism.\n")
    for c in cards:
        text = str(c.data.get("text", ""))
        assert "{{c1::postmenopausal bleeding}}" not in text and "{{c1::hyperplasia}}" not in text, text


def test_a_question_from_the_pharmacokinetics_section_names_the_drug(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                   "## Pharmacokinetics\n\nZorbicin is metabolized in the liver.\n"
                   "CYP2C8 is primarily responsible for the formation of the major active metabolite.\n")
    asked = [c for c in cards if "CYP2C8" in front(c)]
    assert asked, [front(c) for c in cards]
    assert all("zorbicin" in front(c).lower() for c in asked), [front(c) for c in asked]
    # outside such a section the enzyme's role is asked as it stands (a target's biology is general)
    other = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an inhibitor of CDK9 used to treat breast cancer.\n\n"
                   "## Pharmacodynamics\n\nZorbicin inhibits the enzyme cyclin-dependent kinase 9 (CDK9).\n"
                   "CDK9 is primarily responsible for phosphorylating and thus activating RNA polymerase II.\n")
    assert any(front(c) == "What is CDK9 primarily responsible for?" for c in other), [front(c) for c in other]


def test_general_words_glossed_in_brackets_are_not_asked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a kinase inhibitor used to treat breast cancer.\n\n"
                   "## Side effects\n\nSide effects reported in most trial patients were diarrhea, nausea and "
                   "vomiting, leukopenia (low white blood cell count), anemia (low red blood cell count), "
                   "thrombocytopenia (low platelet count), stomach pain, infections, fatigue, and headache.\n\n"
                   "## Pharmacology\n\nZorbicin blocks the kinase, the enzyme that phosphorylates the retinoblastoma "
                   "protein in dividing cells.\n")
    prompts = [front(c) for c in cards]
    assert "What is leukopenia?" not in prompts and "What is thrombocytopenia?" not in prompts, prompts


def test_a_definition_the_article_writes_for_its_drug_is_still_asked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacology\n\nZorbicin's role is defined by its interaction with the aromatase enzyme, the "
                   "biological catalyst responsible for converting androgens into estrogens.\n"
                   "Zorbicin binds the aromatase enzyme in fat tissue and lowers estradiol.\n")
    assert any(front(c) == "What is the aromatase enzyme?" for c in cards), [front(c) for c in cards]


def test_examples_hung_on_an_aside_are_not_asked(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n## Pharmacodynamics\n\n"
            "Zorbicin acts as a selective antagonist of the androgen receptor (AR), the biological target of "
            "androgens like testosterone and dihydrotestosterone (DHT).\n"
            "Zorbicin is an antiandrogen, and acts as an antagonist of the androgen receptor, the biological target "
            "of androgens like testosterone and dihydrotestosterone.\n"
            "Zorbicin interferes with the signaling of crucial cytokines like RANKL and M-CSF, which are essential "
            "for osteoclast differentiation.\n")
    prompts = [front(c) for c in generated_cards(tmp_path, text)]
    assert not any("examples of androgens" in p or "androgens like [...]" in p for p in prompts), prompts
    # (the examples hang on what the drug does to them, which the prompt says)
    assert "Zorbicin interferes with the signaling of cytokines essential for osteoclast differentiation: give two " \
        "examples." in prompts, prompts


def test_the_mechanism_of_action_is_asked_from_the_pharmacodynamics_sentence(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a nonsteroidal antiandrogen used to treat prostate cancer.\n\n"
                   "## Pharmacodynamics\n\nZorbicin acts as a selective silent antagonist of the androgen receptor "
                   "(AR) (IC50 = 36 nM), the biological target of testosterone.\n"
                   "Like the related drug velmorin, zorbicin inhibits the enzymes cyclin-dependent kinase 9 (CDK9) "
                   "and cyclin-dependent kinase 7 (CDK7).\n"
                   "Velmorin acts as an agonist of the estrogen receptor (ER).\n")
    asked = {front(c): _answer(c) for c in cards}
    assert asked.get("How does zorbicin work?") == "As a selective silent antagonist of the androgen receptor (AR)", asked
    assert asked.get("Which enzymes does zorbicin inhibit?") == "CDK9 and CDK7", asked
    assert not any("velmorin work" in p for p in asked)  # another drug's mechanism is its own article's card


def test_no_mechanism_card_that_asks_the_class_again(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a medication used to treat ovarian cancer.\n"
                   "It is a PARP inhibitor, an enzyme blocker used in cancer.\n\n"
                   "## Pharmacology\n\nZorbicin acts as an inhibitor of the enzyme poly ADP ribose polymerase (PARP), "
                   "and is termed a PARP inhibitor.\n")
    prompts = [front(c) for c in cards]
    assert "What class of drug is zorbicin?" in prompts and "How does zorbicin work?" not in prompts, prompts


def test_a_list_the_article_gives_twice_with_other_items_is_not_asked(tmp_path):
    lead = ("# Zorbicin\n\nZorbicin is a monoclonal antibody used to treat breast cancer.\n"
            "Common side effects include fever, infection, cough, headache, trouble sleeping, and rash.\n\n")
    body = ("## Side effects\n\nSome of the common side effects of zorbicin are flu-like symptoms, nausea and "
            "diarrhea.\n")
    named = [c for c in generated_cards(tmp_path, lead + body) if front(c).startswith("Name three common side effects")]
    assert named == [], [(front(c), _answer(c)) for c in named]
    alone = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a monoclonal antibody used to treat breast cancer.\n\n" + body)
    assert any(front(c) == "Name three common side effects of zorbicin." for c in alone), [front(c) for c in alone]


def test_an_indication_is_keyed_whole_or_in_the_role_the_article_gives(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a GnRH agonist.\n"
                   "Zorbicin is used to treat hormone-sensitive cancers of the breast (in pre- and peri-menopausal "
                   "women) and prostate, and some benign gynaecological disorders (endometriosis and fibroids).\n\n"
                   "## Pharmacology\n\nZorbicin suppresses the production of LH.\n")
    asked = {front(c): _answer(c) for c in cards}
    assert asked.get("What is zorbicin used to treat?") == \
        "Hormone-sensitive cancers of the breast and prostate, and some benign gynaecological disorders", asked
    other = generated_cards(tmp_path, "# Velmorin\n\nVelmorin, sold under the brand name Velx, is a medication used as an "
                   "immunosuppressant to prevent rejection of organ transplants and as a targeted therapy in the "
                   "treatment of renal cell cancer and other tumours.\n\n## Pharmacology\n\n"
                   "Velmorin binds to its protein receptor FKBP12, which interacts with mTORC1.\n", name="velmorin.md")
    asked = {front(c): _answer(c) for c in other}
    assert asked.get("As an immunosuppressant, what is velmorin used to prevent?") == "Rejection of organ transplants", asked


@pytest.mark.parametrize("sentence, prompt, answer", [
    ("Zorbicin is almost exclusively metabolized by CYP3A4.", "Which enzyme almost exclusively metabolizes zorbicin?",
     "CYP3A4"),
    ("The medication is metabolized in the liver, mainly by the cytochrome P450 enzymes CYP2C8 and CYP3A4.",
     "Which enzymes mainly metabolize zorbicin in the liver?", "CYP2C8 and CYP3A4"),
    ("Zorbicin is extensively metabolized in the liver by the cytochrome P450 isoforms CYP3A4, CYP2C9, and CYP2D6.",
     "Which enzymes extensively metabolize zorbicin in the liver?", "CYP3A4, CYP2C9, and CYP2D6"),
])
def test_the_enzymes_that_metabolize_the_drug_are_asked(tmp_path, sentence, prompt, answer):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                   f"## Pharmacokinetics\n\nZorbicin is taken by mouth with food.\n{sentence}\n")
    assert {front(c): _answer(c) for c in cards}.get(prompt) == answer, [(front(c), _answer(c)) for c in cards]


def test_another_drugs_metabolism_is_not_asked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                   "## Interactions\n\nVelmorin is almost exclusively metabolized by CYP3A4.\n")
    assert not any("metaboliz" in front(c) for c in cards), [front(c) for c in cards]


def test_an_acronym_spelled_by_one_compound_word_is_glossed(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                   "## Pharmacokinetics\n\nThe plasma protein binding of N-desmethylzorbicin (NDMZ), its major "
                   "metabolite, is 95%.\n"
                   "CYP2C8 is primarily responsible for the formation of NDMZ.\n")
    asked = [c for c in cards if "CYP2C8" in front(c)]
    assert asked and asked[0].data.get("explanation") == "NDMZ: N-desmethylzorbicin.", [c.data for c in asked]


@pytest.mark.parametrize("prompt, minor", [
    ("Zorbicin: plasma protein binding?", True),
    ("The plasma protein binding of zorbicin and its metabolite is greater than _____.", True),
    ("Zorbicin is long-acting, with a nuclear retention of the receptor complex of greater than _____.", True),
    ("Conversion of zorbicin by N-demethylation is responsible for approximately _____ of zorbicin metabolism.", True),
    ("Zorbicin increases estrogen levels by _____ in premenopausal women.", False),  # the drug's effect
    ("Zorbicin 2.5 mg/day reduces estradiol levels by _____ in postmenopausal women.", False),
    ("Zorbicin: elimination half-life?", False),
    ("Zorbicin: oral bioavailability?", False),
    ("Seizures have occurred in approximately _____ of patients treated with zorbicin.", False),
    ("Zorbicin is administered by subcutaneous injection every _____.", False),
])
def test_pharmacology_figures_readers_do_not_keep(prompt, minor):
    assert minor_pharmacology(prompt) is minor


def test_protein_binding_is_not_asked_but_the_half_life_is(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacokinetics\n\nThe plasma protein binding of zorbicin is 40%.\n"
                   "The elimination half-life of zorbicin is 40 to 50 hours.\n")
    answers = [_answer(c) for c in cards]
    assert "40 to 50 hours" in answers and "40%" not in answers, answers


def test_a_table_row_that_names_a_topic_is_not_compared_or_asked(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer and, off-label, in men.\n\n"
            "## In women and in men\n\n"
            "| Aspect | Postmenopausal Women with Breast Cancer | Men on TRT |\n|---|---|---|\n"
            "| Impact on Estradiol | Drastic reduction to near-zero levels | Moderate reduction to an optimal range |\n"
            "| Key Considerations | High risk of osteoporosis and fractures | Bone density loss if not monitored |\n"
            "| Cardiovascular Health | More ischemic events in some trials | Monitoring keeps estradiol in range |\n"
            "| Standard Dosage | 1 mg taken orally once per day | 0.25 mg to 0.5 mg two times per week |\n")
    prompts = [front(c) for c in generated_cards(tmp_path, text)]
    assert not any("consideration" in p.lower() or "cardiovascular health" in p.lower() for p in prompts), prompts
    assert any("impact on estradiol" in p.lower() for p in prompts), prompts  # the other rows are still asked


def test_a_rule_of_practice_names_the_population_its_paragraph_opens_with(tmp_path):
    text = ("# Dosing\n\n## Men\n\nThis creates a complex clinical picture for men on TRT using zorbicin. "
            "The therapy aims to increase testosterone while lowering estradiol. "
            "Higher testosterone levels can support osteoblast function in the skeleton. "
            "If zorbicin dosing is too aggressive and estradiol levels fall below a critical threshold, the "
            "increased bone resorption will overwhelm any anabolic effect, resulting in a net loss of bone mineral "
            "density.\n")
    asked = [p for p in (front(c) for c in generated_cards(tmp_path, text)) if "too aggressive" in p]
    assert asked and all(p.startswith("In men on TRT, ") for p in asked), asked


def test_a_manner_blank_beside_the_mechanism_card_is_not_asked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n"
                   "It works by selectively blocking the androgen receptor (AR), the biological target of testosterone.\n"
                   "\n## Pharmacodynamics\n\nZorbicin acts as a highly selective competitive silent antagonist of the "
                   "AR.\n")
    shown = [front(c) for c in cards]
    assert "How does zorbicin work?" in shown, shown
    assert not any("{{c1::selectively}}" in str(c.data.get("text", "")) for c in cards), shown


def test_a_speculative_mechanism_is_not_blanked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an mTOR inhibitor used to prevent transplant rejection.\n\n"
                   "## Research\n\nZorbicin was used in a clinical trial, and short-term treatment was shown to "
                   "enhance the response to the influenza vaccine in the elderly, possible by reversing "
                   "immunosenescence.\n"
                   "Zorbicin binds to its protein receptor FKBP12, which directly interacts with mTORC1.\n")
    assert not any("{{c1::immunosenescence}}" in str(c.data.get("text", "")) for c in cards), [front(c) for c in cards]


def test_a_why_answered_by_the_drugs_class_is_not_asked_beside_the_class_card(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen medication that is used to treat prostate "
                   "cancer.\nZorbicin is taken by mouth once a day.\nZorbicin was introduced for medical use in 1995."
                   "\n\n## Pregnancy\n\nBecause it is an antiandrogen, zorbicin has a theoretical risk of birth "
                   "defects like ambiguous genitalia in male fetuses.\nZorbicin passes into breast milk.\n"
                   "Zorbicin should not be used in children.\n")
    asked = {front(c): _answer(c) for c in cards}
    assert asked.get("What class of drug is zorbicin?") == "Antiandrogen", asked
    assert "Zorbicin is an antiandrogen" not in asked.values(), asked


def test_formulation_and_non_findings_are_not_asked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                   "## Pharmacokinetics\n\nDue to the low water solubility of zorbicin, zorbicin in oral tablets is "
                   "micronized to ensure small and consistent particle sizes.\n"
                   "There is no indication of clinically significant enzyme inhibition with zorbicin at doses of "
                   "150 mg/day or below.\n"
                   "The elimination half-life of zorbicin is around one week.\n")
    answers = [_answer(c) for c in cards]
    assert "150 mg/day" not in answers and not any("solubility" in a for a in answers), answers
    assert "one week" in answers, answers


@pytest.mark.parametrize("binding, asked", [("40%", False), ("greater than 99%", True)])
def test_only_a_high_protein_binding_is_asked(tmp_path, binding, asked):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                   f"## Pharmacokinetics\n\nThe plasma protein binding of zorbicin is {binding}.\n"
                   "The elimination half-life of zorbicin is 5 to 7 days.\n")
    assert any("protein binding" in front(c) for c in cards) is asked, [front(c) for c in cards]


def test_a_use_the_next_sentence_limits_is_keyed_with_its_limit(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbax, is a monoclonal antibody used "
                   "to treat breast cancer and stomach cancer.\nIt is specifically used for cancer that is HER2 "
                   "receptor positive.\nIt may be used by itself or together with other chemotherapy medication.\n")
    asked = {front(c): _answer(c) for c in cards}
    assert asked.get("What is zorbicin used to treat?") == \
        "Breast cancer and stomach cancer (specifically cancer that is HER2 receptor positive)", asked


def test_a_dosing_interval_is_not_asked_when_the_drug_comes_at_two(tmp_path):
    body = ("## Dosage\n\nZorbicin is administered by subcutaneous injection as a biodegradable implant every 28 days "
            "for the duration of treatment.\nZorbicin is poorly protein-bound.\n")
    lead = "# Zorbicin\n\nZorbicin is a GnRH agonist used to treat prostate cancer.\n"
    two = generated_cards(tmp_path, lead + "It is available as a 1-month depot and a long-acting 3-month depot.\n\n" + body)
    assert "28 days" not in [_answer(c) for c in two], [front(c) for c in two]
    one = generated_cards(tmp_path, lead + "It is available as a 1-month depot.\n\n" + body)
    assert "28 days" in [_answer(c) for c in one], [front(c) for c in one]


def test_reactions_every_drug_undergoes_are_not_asked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                   "## Pharmacokinetics\n\nZorbicin and its metabolites undergo conjugation, including glucuronidation "
                   "and sulfation.\nInactivation of zorbicin includes conversion to less-active metabolites, such as "
                   "endoxifen and norendoxifen.\n")
    texts = [str(c.data.get("text", "")) for c in cards]
    assert not any("glucuronidation" in t and "{{c1::" in t for t in texts), texts
    assert any("{{c1::endoxifen and norendoxifen}}" in t for t in texts), texts


def test_the_drugs_headline_effect_on_a_hormone_is_asked_beside_its_dose(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacodynamics\n\nAt a dosage of 2.5 mg/day, zorbicin reduces estradiol levels by 95 to 99% "
                   "in postmenopausal women.\nThe elimination half-life of zorbicin is about 2 days.\n")
    assert "95 to 99%" in [_answer(c) for c in cards], [front(c) for c in cards]


def test_the_enzymes_that_metabolize_the_drug_are_asked_once(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacokinetics\n\nZorbicin is mainly metabolized by CYP3A4 and CYP2A6 to an inactive "
                   "metabolite.\n\n## Interactions\n\nAs zorbicin is metabolized by CYP2A6, inhibitors of this enzyme "
                   "may increase its levels.\n")
    asked = [(front(c), _answer(c)) for c in cards if "metaboli" in front(c)]
    assert asked == [("Which enzymes mainly metabolize zorbicin?", "CYP3A4 and CYP2A6")], asked


def test_a_mechanism_that_says_how_beyond_the_class_is_asked(tmp_path):
    from anastro_quiz.generate.teacher_mechanism import repeats_class

    assert repeats_class("As an inhibitor of the enzyme poly ADP ribose polymerase (PARP)", "PARP inhibitor")
    assert not repeats_class("As an irreversible steroidal inhibitor of aromatase", "Aromatase inhibitor")
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbax, is a medication used to treat "
                   "breast cancer.\nIt is a member of the class of antiestrogens known as aromatase inhibitors.\n\n"
                   "## Pharmacodynamics\n\nZorbicin acts as an irreversible steroidal inhibitor of aromatase, the "
                   "enzyme that converts androgens to estrogens.\n")
    asked = {front(c): _answer(c) for c in cards}
    assert asked.get("What class of drug is zorbicin?") == "Aromatase inhibitor", asked
    assert asked.get("How does zorbicin work?") == "As an irreversible steroidal inhibitor of aromatase", asked


def test_no_metabolism_card_keyed_with_one_of_two_routes(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacokinetics\n\nZorbicin is extensively metabolized by CYP3A4 and aldo-keto reductases.\n"
                   "The elimination half-life of zorbicin is 24 hours.\n")
    assert not any("metaboli" in front(c) and _answer(c) == "CYP3A4" for c in cards), [front(c) for c in cards]


def test_a_use_the_article_limits_at_length_is_not_keyed_bare(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbax, is an oral targeted therapy "
                   "medication used to treat cancer.\nIt is specifically used for chronic myelogenous leukemia (CML) "
                   "that is Philadelphia chromosome-positive, certain gastrointestinal stromal tumors, and a few other "
                   "malignancies.\n\n## Mechanism of action\n\nZorbicin inhibits the kinases ABL, c-KIT and PDGFR.\n")
    asked = {front(c): _answer(c) for c in cards}
    assert "What is zorbicin used to treat?" not in asked, asked
    assert asked.get("Which kinases does zorbicin inhibit?") == "ABL, c-KIT and PDGFR", asked


def test_an_enzymes_role_is_not_asked_beside_the_metabolism_card_naming_it(tmp_path):
    from anastro_quiz.generate.pipeline import read
    from anastro_quiz.generate.teacher import teacher_drafts

    def prompts(metabolism: str) -> list[str]:
        doc = tmp_path / "Zorbicin.md"
        doc.write_text("# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                       f"## Pharmacokinetics\n\n{metabolism}\nCYP2C8 is primarily responsible for the formation of "
                       "the major active metabolite.\n", encoding="utf-8")
        return [d.data.get("prompt", "") for d in teacher_drafts(read(doc))]

    beside = prompts("The medication is metabolized in the liver, mainly by the cytochrome P450 enzymes CYP2C8 and "
                     "CYP3A4.")
    assert "Which enzymes mainly metabolize zorbicin in the liver?" in beside, beside
    assert not any("responsible for" in p for p in beside), beside
    alone = prompts("Zorbicin is metabolized in the liver.")
    assert "What is CYP2C8 primarily responsible for?" in alone, alone


def test_a_side_action_with_low_affinity_is_not_blanked(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                   "## Pharmacodynamics\n\nNorzorbicin is an agonist of the G protein-coupled estrogen receptor (GPER) "
                   "with relatively low affinity.\nZorbicin acts as a selective antagonist of the estrogen receptor "
                   "in breast tissue.\n")
    assert not any("{{c1::Norzorbicin}}" in str(c.data.get("text", "")) for c in cards), [front(c) for c in cards]


def test_a_comparison_each_side_of_which_another_card_answers_is_not_asked():
    from anastro_quiz.generate.cards import Draft
    from anastro_quiz.generate.kept import restated_comparisons

    def draft(kind, answer):
        return Draft(kind, "basic", {"prompt": f"{kind}?", "answer": answer}, "z.md", f"{kind} {answer}", "", kind)

    row = draft("compare", "Women: Significant decrease (e.g. ~6-7% over 5 years); men: Statistically significant "
                           "decrease, particularly in the spine")
    figure = draft("number", "6.1%")
    outcome = draft("outcome", "A statistically significant decrease (compared to the placebo group)")
    kept, skipped = restated_comparisons([row, figure, outcome], [])
    assert kept == [figure, outcome] and skipped[0].draft is row
    dose = draft("compare", "Women: 1 mg taken orally once per day; men: 0.25 mg to 0.5 mg two times per week")
    assert restated_comparisons([dose, figure, outcome], [])[0] == [dose, figure, outcome]


def test_a_comparison_side_keeps_the_figure_that_says_how_long():
    from anastro_quiz.generate.teacher_compare import _cell_answer

    assert _cell_answer("Long-term, often for 5 years or more as part of adjuvant cancer therapy.", 11) == \
        "Long-term, often for 5 years or more"
    assert _cell_answer("Ongoing for the duration of TRT, with dose adjustments as needed.", 11) == \
        "Ongoing for the duration of TRT, with dose adjustments as needed"
