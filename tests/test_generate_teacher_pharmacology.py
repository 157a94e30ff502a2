"""The clinical-pharmacology cards a teacher asks first (generate/teacher_pharmacology.py): a
prodrug's metabolites, a strong enzyme inducer, monitoring, a flare and its cover, whom a drug
helps, a named trial's conclusion, a list of contraindications.

Each shape has a sentence that must give the expected card and near misses that must give none
(no drug to name, a trial nobody names, a list that is not one). The drugs and sentences are
invented for these tests.
"""

from __future__ import annotations

from anastro_quiz.generate.pipeline import generate, read
from anastro_quiz.generate.teacher import teacher_drafts


def cards(tmp_path, body: str, title: str | None = "Veltozole") -> list[tuple[str, str]]:
    path = tmp_path / "article.md"
    head = f"# {title}\n\n" if title else ""
    path.write_text(head + "Veltozole is an oral kinase inhibitor used to treat lymphoma.\n\n" + body, encoding="utf-8")
    return [(d.data["prompt"], d.data["answer"]) for d in teacher_drafts(read(path))]


def generated(tmp_path, body: str) -> list[tuple[str, str]]:
    """The cards the whole pipeline keeps (selection included), as (prompt or cloze text, answer)."""
    path = tmp_path / "Veltozole.md"
    path.write_text("# Veltozole\n\nVeltozole is an oral kinase inhibitor used to treat lymphoma.\n\n" + body, encoding="utf-8")
    return [(str(c.data.get("prompt") or c.data.get("text")), str(c.data.get("answer", "")))
            for deck in generate([path]).decks for c in deck.cards]


# --- prodrugs -----------------------------------------------------------------------------------


def test_a_prodrug_is_asked_for_its_active_metabolites_and_the_enzymes_that_make_them(tmp_path):
    got = cards(tmp_path, "Veltozole is a prodrug and is converted in the liver by CYP2C19 and CYP3A5 into active "
                          "metabolites such as norveltozole (N-desmethylveltozole) and hydroxyveltozole.\n")
    assert ("Veltozole is a prodrug: which active metabolites is it converted into?",
            "Norveltozole and hydroxyveltozole") in got
    assert ("Name the two enzymes that convert the prodrug veltozole into its active metabolites.", "CYP2C19, CYP3A5") in got


def test_a_prodrug_sentence_without_named_metabolites_gives_no_metabolite_card(tmp_path):
    got = cards(tmp_path, "Veltozole is a prodrug that is absorbed quickly from the gut after a meal.\n")
    assert not any("prodrug" in p for p, _ in got)
    # "active metabolites such as these": no names to recall
    got = cards(tmp_path, "Veltozole is a prodrug of active metabolites such as the ones described above.\n")
    assert not any("metabolite" in p for p, _ in got)


# --- enzyme induction ---------------------------------------------------------------------------


def test_a_strong_inducer_is_asked_which_enzyme_it_induces(tmp_path):
    got = cards(tmp_path, "Veltozole is a strong inducer of the enzyme CYP3A4 and a moderate inducer of CYP2C9, "
                          "and can lower the levels of drugs that depend on them.\n")
    assert ("Veltozole is a strong inducer of which enzyme?", "CYP3A4") in got


def test_an_inducer_of_two_enzymes_alike_gives_no_which_enzyme_card(tmp_path):
    # "a strong inducer of CYP3A4 and CYP2C8": the key would be one right answer of two
    got = cards(tmp_path, "Veltozole is a strong inducer of CYP3A4 and CYP2C8 in healthy volunteers.\n")
    assert not any("which enzyme" in p for p, _ in got)


def test_what_an_enzymes_inducers_do_to_the_drug_is_not_asked(tmp_path):
    # they lower what the enzyme metabolizes by definition: "They lower them" would be a guess
    got = cards(tmp_path, "Conversely, CYP3A4 inducers lower plasma concentrations of veltozole, as a study showed.\n")
    assert not any("inducers do" in p for p, _ in got), got


# --- monitoring ---------------------------------------------------------------------------------


def test_what_is_monitored_during_treatment_names_the_drug(tmp_path):
    got = cards(tmp_path, "Although serious kidney injury is rare, monitoring of kidney function is recommended "
                          "during treatment.\n")
    assert ("During veltozole treatment, what should be monitored?", "Kidney function") in got


def test_monitoring_in_an_article_whose_drug_is_unknown_gives_no_card(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("The clinic sees many people every week for many reasons and in many seasons. "
                    "Monitoring of kidney function is recommended during treatment.\n", encoding="utf-8")
    got = [d.data["prompt"] for d in teacher_drafts(read(path))]
    assert not any("monitored" in p for p in got)


def test_regular_screening_with_named_tests_is_asked(tmp_path):
    got = cards(tmp_path, "As a result, regular cardiac screening with either an ECG or echocardiography is commonly "
                          "undertaken during the veltozole treatment period.\n")
    assert ("During the veltozole treatment period, regular cardiac screening is done with which tests?",
            "An ECG or echocardiography") in got


# --- the initial flare --------------------------------------------------------------------------


def test_the_flare_and_its_cover_are_asked(tmp_path):
    got = cards(tmp_path, "Testosterone first rises on treatment. This is known as the tumour flare effect, and is the "
                          "result of an initial rise in gonadotropin release, before the receptors adapt.\n\n"
                          "This initial flare may be prevented by co-prescribing/co-administering an antiandrogen such "
                          "as flutamide (Eulexin).\n")
    assert ("On veltozole, what is the tumour flare effect the result of?", "An initial rise in gonadotropin release") in got
    assert ("How can the initial flare on veltozole be prevented?", "By co-prescribing an antiandrogen (such as flutamide)") \
        in got


def test_a_flare_of_another_kind_is_not_asked_as_the_initial_flare(tmp_path):
    got = cards(tmp_path, "Solar flares may be predicted by watching the sun closely every day.\n")
    assert not any("initial flare" in p for p, _ in got)


# --- whom the drug helps ------------------------------------------------------------------------


def test_no_benefit_unless_a_marker_gives_which_patients_it_can_benefit(tmp_path):
    got = cards(tmp_path, "If the tumour does not express CD30, veltozole will have no beneficial effect (and may "
                          "cause harm).\n")
    assert ("Which tumours can veltozole benefit?", "Those that express CD30") in got


def test_effective_only_in_a_population_is_asked(tmp_path):
    got = cards(tmp_path, "Veltozole is effective only in postmenopausal women.\n")
    assert ("In whom is veltozole effective?", "Only in postmenopausal women") in got


# --- a named trial ------------------------------------------------------------------------------


def test_a_trials_conclusion_names_the_trial_of_the_sentence_before(tmp_path):
    text = ("The Veltozole Against Standard Therapy (VAST) trial enrolled adults with lymphoma for three years. "
            "The trial suggested that veltozole is the preferred first-line therapy for adults with relapsed "
            "follicular lymphoma.\n")
    assert ("According to the VAST trial, for whom is veltozole the preferred first-line therapy?",
            "Adults with relapsed follicular lymphoma") in cards(tmp_path, text)


def test_a_trial_nobody_names_gives_no_trial_card(tmp_path):
    text = ("Many adults with lymphoma took part in studies over the years. "
            "The trial suggested that veltozole is the preferred first-line therapy for adults with relapsed lymphoma.\n")
    assert not any("trial" in p for p, _ in cards(tmp_path, text))


# --- contraindications --------------------------------------------------------------------------


def test_contraindications_given_as_clauses_are_listed_as_a_student_names_them(tmp_path):
    got = cards(tmp_path, "Veltozole has a number of contraindications, including known hypersensitivity to veltozole "
                          "or other ingredients, individuals taking concomitant azole antifungal therapy, and women with "
                          "a history of venous thromboembolism (deep vein thrombosis).\n")
    assert ("Name three contraindications of veltozole.",
            "hypersensitivity, azole antifungal therapy, history of venous thromboembolism") in got


def test_a_contraindication_list_with_an_item_that_is_a_clause_gives_no_card(tmp_path):
    got = cards(tmp_path, "Contraindications of veltozole include hypersensitivity, people who have recently had "
                          "surgery on the heart or the lungs for any reason, and pregnancy.\n")
    assert not any("contraindications" in p for p, _ in got)


def test_the_new_cards_survive_selection_in_a_whole_article(tmp_path):
    path = tmp_path / "Veltozole.md"
    path.write_text("# Veltozole\n\nVeltozole is an oral kinase inhibitor used in adults with lymphoma.\n\n"
                    "## Pharmacokinetics\n\nVeltozole is a prodrug and is converted by CYP2C19 into its active "
                    "metabolite norveltozole.\n\n## Interactions\n\nVeltozole is a strong inducer of the enzyme "
                    "CYP3A4.\n", encoding="utf-8")
    prompts = [c.data.get("prompt") for deck in generate([path]).decks for c in deck.cards]
    assert "Veltozole is a prodrug: which active metabolite is it converted into?" in prompts
    assert "Veltozole is a strong inducer of which enzyme?" in prompts


# --- a drug's profile (generate/teacher_profile.py) ---------------------------------------------


def test_what_a_drug_is_derived_from_is_asked(tmp_path):
    assert ("Of which drug is veltozole a derivative?", "Rapamycin") in \
        cards(tmp_path, "Veltozole is the 7-O-methyl derivative of rapamycin and acts on the same target.\n")
    assert ("From which drug was veltozole derived?", "Flutamide") in \
        cards(tmp_path, "Veltozole is a synthetic and nonsteroidal compound which was derived from flutamide.\n")


def test_a_derivative_of_a_common_word_is_not_asked(tmp_path):
    got = cards(tmp_path, "Veltozole is a derivative of water and salt in its early forms.\n")
    assert not any("derivative" in p for p, _ in got)


def test_two_forms_of_one_kind_are_asked_together(tmp_path):
    got = cards(tmp_path, "Veltozole acts for a long time. It is available as a 1-month implant and a long-acting "
                          "6-month implant.\n")
    assert ("In which two forms is veltozole available?", "A 1-month implant and a long-acting 6-month implant") in got


def test_the_binding_site_and_the_plasma_carrier_are_asked(tmp_path):
    got = cards(tmp_path, "Veltozole binds to domain II of the extracellular part of the CD30 receptor.\n\n"
                          "In plasma, veltozole is mainly bound to albumin and alpha-1-acid glycoprotein.\n")
    assert ("Which domain of the extracellular part of the CD30 receptor does veltozole bind to?", "Domain II") in got
    assert ("In plasma, to what is veltozole mainly bound?", "Albumin and alpha-1-acid glycoprotein") in got
    # albumin alone carries most drugs: not asked
    got = cards(tmp_path, "Veltozole is primarily bound to albumin.\n")
    assert not any("bound?" in p for p, _ in got), got


def test_the_manner_of_an_action_is_asked(tmp_path):
    got = cards(tmp_path, "Veltozole stimulates the release of gonadotropins in a non-pulsatile (continuous) manner.\n")
    assert ("In what manner does veltozole stimulate the release of gonadotropins?", "Non-pulsatile (continuous)") in got


def test_the_most_common_side_effects_of_a_trailing_with_clause(tmp_path):
    got = cards(tmp_path, "In women, owing to estrogen loss, several side effects may occur during veltozole treatment, "
                          "with hot flashes and joint pain being the most common.\n")
    assert ("In women, which side effects of veltozole are the most common?", "Hot flashes and joint pain") in got


def test_drugs_that_weaken_the_drug_are_listed(tmp_path):
    got = cards(tmp_path, "Studies suggest that taking the azole antifungals ketoconazole (Nizoral), itraconazole "
                          "(Sporanox), and voriconazole (Vfend) can reduce the effectiveness of veltozole.\n")
    assert ("Name three antifungals that can reduce the effectiveness of veltozole.",
            "ketoconazole, itraconazole, voriconazole") in got


def test_the_gold_standard_test_is_asked(tmp_path):
    got = cards(tmp_path, "Flow cytometry (FC) is considered the gold standard technique for identifying patients who "
                          "would benefit from veltozole, but it is costly.\n")
    assert ("What is the gold-standard technique for identifying patients who would benefit from veltozole?",
            "Flow cytometry (FC)") in got


def test_an_accepted_course_length_names_the_drug(tmp_path):
    got = cards(tmp_path, "Two years of treatment is generally accepted based on trial evidence.\n")
    assert ("What length of veltozole treatment is generally accepted?", "Two years") in got


def test_the_partner_of_a_combination_approval_is_asked(tmp_path):
    got = cards(tmp_path, "Veltozole was approved in 2020 either in combination with rituximab or as a monotherapy for "
                          "adults with relapsed lymphoma.\n")
    assert ("Apart from monotherapy, with which drug is veltozole approved in combination?", "Rituximab") in got


# --- an enumeration whose category names its drug (generate/teacher_lists.py) ---------------------


def test_common_side_effects_of_the_drug_include_gives_a_list(tmp_path):
    got = cards(tmp_path, "Common side effects of veltozole include hot flashes, altered mood, joint pain, and nausea.\n")
    assert ("Name three common side effects of veltozole.", "hot flashes, altered mood, joint pain, nausea") in got


def test_everyday_things_that_weaken_the_drug_are_not_a_drug_list(tmp_path):
    got = cards(tmp_path, "Poor diet, stress, and sleep can reduce the effectiveness of veltozole in older adults.\n")
    assert not any(p.startswith("Name three") and "effectiveness" in p for p, _ in got)


def test_a_manner_clause_on_a_pronoun_gives_no_card(tmp_path):
    got = cards(tmp_path, "Veltozole stimulates them in a pulsatile manner.\n")
    assert not any(p.startswith("In what manner") for p, _ in got)


# --- whom the drug helps (generate/teacher_patients.py) ----------------------------------------


def test_the_mutation_a_drug_acts_against_is_asked(tmp_path):
    got = cards(tmp_path, "Veltozole acts against cancers in people with hereditary PALB2 or ATM mutations, which "
                          "include some breast cancers.\n")
    assert ("Veltozole acts against cancers in people with which hereditary mutations?", "PALB2 or ATM mutations") in got


def test_why_some_patients_do_not_benefit_is_asked(tmp_path):
    got = cards(tmp_path, "Patients with variant forms of the gene CYP2C19 may not receive full benefit from veltozole "
                          "because of too slow activation of the prodrug.\n")
    assert ("Why may patients with variant forms of the gene CYP2C19 not receive full benefit from veltozole?",
            "Too slow activation of the prodrug") in got


def test_a_trials_groups_give_the_drug_it_beat(tmp_path):
    text = ("The Veltozole Against Standard Therapy (VAST) trial enrolled adults with lymphoma. "
            "After more than 3 years the group that received veltozole had better results than the rituximab group.\n")
    assert ("In the VAST trial, after more than 3 years, veltozole had better results than which drug?", "Rituximab") \
        in cards(tmp_path, text)
    # no trial named before: "which trial?"
    text = "After more than 3 years the group that received veltozole had better results than the rituximab group.\n"
    assert not any("than which drug" in p for p, _ in cards(tmp_path, text))


def test_the_route_is_asked_unless_the_sentence_has_a_figure(tmp_path):
    got = cards(tmp_path, "Veltozole is given by slow injection into a vein and injection just under the skin.\n")
    assert ("How is veltozole given?", "By slow injection into a vein and injection just under the skin") in got
    got = generated(tmp_path, "Veltozole is given by subcutaneous injection as an implant every 28 days for the duration.\n")
    assert not any(p == "How is veltozole given?" for p, _ in got)  # the figure card shows the route
    assert any("every" in p and "_____" in p for p, _ in got), got


def test_a_route_is_asked_beside_a_figure_that_is_not(tmp_path):
    # two depots (one month, three months): "every [28 days]" has two right keys and is not asked,
    # so the route, with the form it names, is
    got = generated(tmp_path, "Veltozole is administered by subcutaneous injection as a biodegradable implant every 28 days "
                          "for the duration of treatment. It is available as a 1-month depot and a 3-month depot.\n")
    assert ("How is veltozole administered?", "By subcutaneous injection as a biodegradable implant") in got, got
    assert not any("every" in p and "_____" in p for p, _ in got), got


def test_side_effects_of_a_raised_level_are_asked_as_examples(tmp_path):
    got = cards(tmp_path, "For some women, this can lead to elevated levels of prolactin, causing side effects like "
                          "galactorrhea or amenorrhea.\n")
    assert ("In women, give two examples of side effects of elevated levels of prolactin.", "galactorrhea, amenorrhea") \
        in got


def test_effects_of_a_named_state_are_not_asked_as_examples(tmp_path):
    # an open set: a typed key of the examples one sentence gives would mark the other effects wrong
    got = cards(tmp_path, "The aim is to avoid the detrimental effects of cortisol deficiency, such as fatigue, low blood "
                          "pressure, or weight loss.\n")
    assert not any("examples of" in p and "cortisol deficiency" in p for p, _ in got), got
    got = cards(tmp_path, "The benefits of reducing cortisol are weighed against the known side effects of low cortisol, "
                          "such as fatigue and weight loss.\n")
    assert not any("examples of" in p for p, _ in got), got


def test_caution_in_a_group_is_asked_with_its_reason(tmp_path):
    got = cards(tmp_path, "In addition, the incidence of venous thrombosis was noted to be higher in patients receiving "
                          "veltozole in some trials, prompting careful consideration in women with prior stroke.\n")
    assert ("Why does veltozole call for careful consideration in women with prior stroke?",
            "A higher incidence of venous thrombosis") in got
    # no finding that names the drug: no reason to key
    got = cards(tmp_path, "Costs rose sharply over the decade, prompting caution in patients with limited insurance.\n")
    assert not any("call for" in p for p, _ in got)


def test_what_studies_of_a_group_reveal_is_asked(tmp_path):
    got = cards(tmp_path, "While diet helps, studies on men with inactivating mutations in the vitamin D receptor gene "
                          "reveal severe rickets.\n")
    assert ("What do studies on men with inactivating mutations in the vitamin D receptor gene reveal?", "Severe rickets") \
        in got


def test_a_route_beside_a_spelled_duration_leaves_the_sentence_to_its_figure(tmp_path):
    got = cards(tmp_path, "Veltozole is typically taken daily by mouth for five years for lymphoma.\n")
    assert not any(p == "How is veltozole taken?" for p, _ in got)


def test_which_complex_a_drug_prefers_over_its_parent_is_asked(tmp_path):
    got = cards(tmp_path, "Compared to rapamycin, veltozole is more selective for the mTORC1 protein complex, with little "
                          "impact on the mTORC2 complex.\n")
    assert ("Compared with rapamycin, for which protein complex is veltozole more selective?", "mTORC1") in got


def test_maintenance_after_a_response_asks_which_chemotherapy(tmp_path):
    got = cards(tmp_path, "In 2019, veltozole tablets were approved for the maintenance treatment of adults with "
                          "recurrent lymphoma, who are in a complete or partial response to anthracycline-based "
                          "chemotherapy.\n")
    assert ("As maintenance treatment, veltozole is given to patients in response to which chemotherapy?",
            "Anthracycline-based chemotherapy") in got
    got = cards(tmp_path, "In 2019, veltozole tablets were approved for the maintenance treatment of adults with "
                          "recurrent lymphoma.\n")
    assert not any(p.startswith("As maintenance treatment, veltozole is given") for p, _ in got)


def test_the_test_methods_for_a_purpose_named_just_before_are_asked(tmp_path):
    text = ("Doctors use laboratory tests to discover whether CD30 is expressed. In the routine laboratory, the most "
            "commonly employed methods for this are immunohistochemistry (IHC) and flow cytometry.\n")
    assert ("Which methods are most commonly employed to discover whether CD30 is expressed?",
            "Immunohistochemistry (IHC) and flow cytometry") in cards(tmp_path, text)
    # "this" with nothing before it to stand for: no card
    text = ("The clinic opened in 1990. In the routine laboratory, the most commonly employed methods for this are "
            "immunohistochemistry (IHC) and flow cytometry.\n")
    assert not any(p.startswith("Which methods") for p, _ in cards(tmp_path, text))


def test_prodrug_phrasings_an_article_may_use(tmp_path):
    # the metabolite named before "its active metabolite"
    got = cards(tmp_path, "Veltozole is a prodrug and is converted by CYP2D6 into norveltozole, its active metabolite.\n")
    assert ("Veltozole is a prodrug: which active metabolite is it converted into?", "Norveltozole") in got
    assert ("Which enzyme converts the prodrug veltozole into its active metabolites?", "CYP2D6") in got
    # the enzyme after the product, no metabolite named
    got = cards(tmp_path, "Veltozole is a prodrug that is converted to its active metabolite by CYP2C19 in the liver.\n")
    assert ("Which enzyme converts the prodrug veltozole into its active metabolites?", "CYP2C19") in got
    assert not any("which active metabolite" in p for p, _ in got)


def test_an_adverb_of_strength_with_the_verb_gives_the_enzyme_card(tmp_path):
    got = cards(tmp_path, "Veltozole strongly inhibits CYP2D6 at the doses used in lymphoma.\n")
    assert ("Which enzyme does veltozole strongly inhibit?", "CYP2D6") in got


def test_the_therapy_a_drug_was_added_to_is_asked(tmp_path):
    got = cards(tmp_path, "Interim trial results in 2019 showed that adding Veltiva (veltozole) to rituximab therapy against "
                          "follicular lymphoma can significantly improve progression-free survival compared with rituximab "
                          "therapy alone.\n")
    assert ("In follicular lymphoma, adding veltozole to which therapy improves progression-free survival?", "Rituximab") \
        in got
    # compared with something else: not the same design, no card
    got = cards(tmp_path, "Trial results showed that adding veltozole to rituximab therapy against follicular lymphoma "
                          "can improve progression-free survival compared with chemotherapy.\n")
    assert not any(p.startswith("In follicular lymphoma, adding") for p, _ in got)


def test_what_a_drug_does_not_do_unlike_its_relative_is_asked(tmp_path):
    got = cards(tmp_path, "Unlike the first-generation inhibitor imatinib, veltozole does not promote binding of the "
                          "kinase to its partner and in addition prevents its dimerization.\n")
    assert ("Unlike imatinib, what does veltozole not promote?", "Binding of the kinase to its partner") in got
    got = cards(tmp_path, "Unlike imatinib, veltozole is not associated with fluid retention or related side effects like "
                          "oedema.\n")
    assert ("Unlike imatinib, what is veltozole not associated with?", "Fluid retention or related side effects") in got
    # unlike a common word: not a drug comparison
    got = cards(tmp_path, "Unlike water, veltozole does not dissolve in the stomach quickly.\n")
    assert not any(p.startswith("Unlike water") for p, _ in got)


def test_a_tissue_selective_action_is_asked_for_the_second_tissue(tmp_path):
    got = cards(tmp_path, "Veltozole is a selective receptor modulator. Even though it is an antagonist in breast tissue "
                          "it acts as partial agonist on the endometrium and has been linked to polyps.\n")
    assert ("Veltozole is an antagonist in breast tissue: how does it act on the endometrium?", "As a partial agonist") \
        in got
    # the same action in both tissues: nothing to tell apart
    got = cards(tmp_path, "Even though it is an antagonist in breast tissue it acts as antagonist on the bone too.\n")
    assert not any("how does it act" in p for p, _ in got)


def test_monitoring_with_these_drugs_names_the_drugs_the_sentence_gave(tmp_path):
    # an in-vitro finding is no card, but the rule of practice drawn from it is
    got = cards(tmp_path, "Veltozole displaces coumarin anticoagulants like warfarin from albumin in vitro, so close "
                          "monitoring of prothrombin time is recommended when veltozole is used with these drugs.\n")
    assert ("When veltozole is used with coumarin anticoagulants such as warfarin, what should be closely monitored?",
            "Prothrombin time") in got
    # "these drugs" that nothing names: no card
    got = cards(tmp_path, "Many interactions are known for older agents in this area of medicine. Close monitoring of "
                          "prothrombin time is recommended when veltozole is used with these drugs.\n")
    assert not any("closely monitored" in p for p, _ in got)
