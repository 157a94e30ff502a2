"""Rules from the twelfth reading's WEAK cards, each on invented text: a question whose premise has
several right answers, a figure told apart from its sibling only by a trial's name, a "How does X
work?" too open, a chain that skips the step before, a list key whose count the article contradicts,
a prompt another card's question answers, a side of a comparison told only as a possibility."""

from __future__ import annotations

from generated import generated_cards, generated_fronts, questions_and_answers

LEAD = "# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat lung cancer.\n\n"


FIRST = ("## History\n\nIn March 2019, zorbicin became the first JAK inhibitor to be approved by the FDA for "
         "KRAS-mutated metastatic lung cancer.\n")


def test_a_first_in_class_approval_is_not_asked_where_the_drug_was_approved_before(tmp_path):
    alone = generated_fronts(tmp_path, LEAD + FIRST)
    assert any("became the first JAK inhibitor" in p for p in alone), alone
    before = generated_fronts(tmp_path, LEAD + "## History\n\nIn May 2015, zorbicin was approved for use as a single agent "
                                       "in advanced ovarian cancer.\n\n" + FIRST[len("## History\n\n"):])
    # "first JAK inhibitor approved for which cancer?": the first approval at all is a right answer too
    assert not [p for p in before if "became the first" in p], before


TRIALS = ("## Clinical trials\n\nALPHA-1 demonstrated a statistically significant improvement in investigator-assessed "
          "progression-free survival (PFS) in patients randomized to zorbicin compared with those who received "
          "placebo, with a hazard ratio (HR) of 0.42. BETA-2 demonstrated a statistically significant improvement "
          "in investigator-assessed PFS in patients treated with zorbicin vs. placebo with a HR of 0.51.\n")


def test_a_second_trial_against_the_same_comparator_gives_no_sibling_hazard_ratio(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, LEAD + TRIALS))
    ratios = {q: a for q, a in asked.items() if "hazard ratio" in q}
    assert list(ratios.values()) == ["0.42"], ratios
    assert next(iter(ratios)).startswith("In ALPHA-1,")


SUMMARY = ("# Zorbicin\n\n## Main\n\nZorbicin is a monoclonal antibody used to treat lung cancer. Zorbicin works by "
           "binding to the KRAS receptor and slowing down cell replication.\n\n")


def test_how_it_works_from_the_leads_summary_is_not_asked_beside_a_mechanism_section(tmp_path):
    alone = generated_fronts(tmp_path, SUMMARY)
    assert "How does zorbicin work?" in alone, alone
    detailed = generated_fronts(tmp_path, SUMMARY + "## Mechanism of action\n\nZorbicin induces an immune-mediated response "
                                            "that causes internalization of the receptor. It may also arrest the "
                                            "cell cycle in the G1 phase.\n")
    assert "How does zorbicin work?" not in detailed, detailed


def test_a_share_of_non_responders_without_its_setting_is_not_asked(tmp_path):
    prompts = generated_fronts(tmp_path, LEAD + "## Efficacy\n\nIt is surprising that although zorbicin binds its target "
                                        "tightly, 45% of PR+ patients do not respond to therapy. Resistance "
                                        "develops within months.\n")
    assert not [p for p in prompts if p.startswith("What share of")], prompts


INDICATED = ("# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor. It is indicated for use in conjunction with "
             "surgery in the treatment of metastatic hormone-resistant bowel cancer, nonmetastatic hormone-resistant "
             "bowel cancer, and metastatic hormone-sensitive bowel cancer.\n\n## Medical uses\n\n")


def test_an_indication_list_is_not_asked_where_the_article_states_a_use_it_lacks(tmp_path):
    same = generated_fronts(tmp_path, INDICATED + "Zorbicin is indicated for the treatment of people with hormone-resistant "
                                          "bowel cancer; and metastatic hormone-sensitive bowel cancer.\n")
    assert any(p.startswith("Name three forms of bowel cancer") for p in same), same
    more = generated_fronts(tmp_path, INDICATED + "Zorbicin is indicated for the treatment of people with hormone-resistant "
                                          "bowel cancer; and non-metastatic hormone-sensitive bowel cancer with "
                                          "recurrence at high risk for metastasis.\n")
    # the key would mark the fourth use wrong
    assert not [p for p in more if p.startswith("Name three forms")], more


def test_a_dose_for_a_use_in_children_is_not_asked_in_an_article_on_adults(tmp_path):
    prompts = generated_fronts(tmp_path, LEAD + "## Medical uses\n\nZorbicin is used at a dosage of 5 to 10 mg/day in "
                                        "combination with dorelin in the treatment of early puberty in boys. "
                                        "Zorbicin is used at a dosage of 40 mg/day in the treatment of lung cancer.\n")
    doses = [p for p in prompts if p.startswith("At what dosage")]
    assert doses == ["At what dosage is zorbicin used in the treatment of lung cancer?"], prompts


def test_a_result_another_cards_question_shows_is_not_asked(tmp_path):
    result = ("# Zorbicin\n\nZorbicin and hormones\n\nAs therapy elevates cortisone levels, it provides more substrate "
              "for the reductase enzyme, potentially leading to supraphysiological levels of dorinol, the main "
              "form of steroid.\n\n")
    alone = generated_fronts(tmp_path, result, "doc.txt")
    assert any(p.endswith("with what result?") for p in alone), alone
    shown = generated_fronts(tmp_path, result + "For some men, this can lead to supraphysiologic levels of dorinol, causing "
                                        "side effects like water retention or acne.\n", "doc.txt")
    assert any("supraphysiologic levels of dorinol" in p for p in shown), shown
    assert not [p for p in shown if p.endswith("with what result?")], shown
    # nor does the gloss the result card carried come back as "What is dorinol?"
    assert "What is dorinol?" not in shown, shown


TABLE = ("Zorbicin in women and in men\n\nZorbicin is an aromatase inhibitor used to treat breast cancer and, "
         "off-label, in men on TRT.\n\nComparative Overview\n\n"
         "Parameter Use in Postmenopausal Women (Breast Cancer) Use in Men (TRT Management)\n"
         "Typical Dosage 1 mg daily 0.5 mg twice weekly\n"
         "Primary Concern High risk of osteoporosis and fractures {men}\n"
         "Lab Monitoring Bone density scans every two years Serum estradiol every three months\n")


def test_a_side_told_as_a_possibility_gives_no_comparison_nor_a_vague_row_question(tmp_path):
    hedged = generated_fronts(tmp_path, TABLE.format(men="Potential for long-term bone density reduction if not monitored"),
                      "doc.txt")
    assert not [p for p in hedged if "concern" in p], hedged
    plain = generated_fronts(tmp_path, TABLE.format(men="Bone density reduction in the spine"), "doc.txt")
    assert any("compare the primary bone concern in" in p for p in plain), plain


def test_whom_a_use_is_for_is_asked_only_where_no_other_use_is_told(tmp_path):
    lead = ("# Zorbicin\n\nZorbicin is a modulator used to prevent breast cancer in women.\n\n## Medical uses\n\n"
            "Zorbicin is used for the treatment of both early and advanced estrogen receptor-positive breast cancer "
            "in pre- and postmenopausal women.\n")
    asked = generated_fronts(tmp_path, lead)
    assert "In pre- and postmenopausal women, what is zorbicin used to treat?" in asked, asked
    other = generated_fronts(tmp_path, lead + "\nZorbicin is used for ovulation induction to treat infertility in women.\n")
    assert "In pre- and postmenopausal women, what is zorbicin used to treat?" not in other, other
