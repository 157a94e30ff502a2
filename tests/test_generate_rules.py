"""Rules from the third strict reading (issue 8): what a card may not be, shown on invented text."""

from __future__ import annotations

import re

import pytest

from anastro_quiz.generate.cards import contains_answer
from anastro_quiz.generate.clauses import clause_with_blank
from anastro_quiz.generate.prompt_signals import item_set, minor_kinetics, treatment_duration

from generated import generated_cards, front


@pytest.mark.parametrize("prompt, minor", [
    ("Following intake, peak levels of zorbicin occur after _____.", True),
    ("Zorbicin: after administration, peak serum concentrations are reached in about _____.", True),
    ("Steady-state concentrations of zorbicin are achieved within _____ of treatment initiation.", True),
    ("Zorbicin: the elimination half-life of its metabolite is even longer, at about _____.", True),
    ("The elimination half-life of zorbicin is around _____.", False),
    ("Seizures have occurred in approximately _____ of patients treated with zorbicin.", False),
])
def test_when_the_peak_comes_is_a_detail(prompt, minor):
    assert minor_kinetics(prompt) is minor


def test_a_hyphenated_answer_in_the_prompt_gives_it_away():
    assert contains_answer("_____ of treatment is accepted since one-year treatment was superior to none.", "One year")
    assert contains_answer("The two-fold rise ...", "two fold")
    assert not contains_answer("_____ of treatment is accepted.", "One year")


def test_name_three_is_never_keyed_with_a_long_list(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Side effects\n\n"
                   "Common side effects include irregular periods, weight loss, and hot flashes.\n"
                   "Zorbicin may cause bone pain, hot flushes, headache, stomach upset, depression, difficulty "
                   "urinating, weight gain and swelling of the ankles.\n")
    lists = [c for c in cards if isinstance(c.data.get("items"), list)]
    assert lists and all(len(c.data["items"]) <= 5 for c in lists), [c.data for c in lists]
    assert any(c.data["items"] == ["irregular periods", "weight loss", "hot flashes"] for c in lists)


def test_one_set_of_examples_is_asked_once(tmp_path):
    assert item_set("bicalutamide, flutamide, and nilutamide") >= item_set("flutamide and bicalutamide")
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Pharmacology\n\n"
                   "Zorbicin is more potent than older antagonists such as flutamide and bicalutamide.\n"
                   "Clinical findings show zorbicin is more effective than first-generation antagonists such as "
                   "bicalutamide, flutamide, and nilutamide.\n"
                   # (a card of another kind: since the thirteenth reading the comparators give none)
                   "Zorbicin is contraindicated in women during pregnancy.\n")
    asked = [c for c in cards if "flutamide" in str(c.data.get("text", "")) + str(c.data.get("answer", ""))
             and "{{c1::" in str(c.data.get("text", ""))]
    assert len(asked) <= 1, [front(c) for c in asked]


@pytest.mark.parametrize("prompt, duration", [
    ("Zorbicin is typically taken daily by mouth for _____ for breast cancer.", True),
    ("The use of zorbicin is recommended for _____.", True),
    ("Levels of zorbicin persist in the circulation for at least _____.", False),
    ("Elevated liver enzymes usually occur within the first _____ of treatment.", False),
])
def test_how_long_treatment_lasts(prompt, duration):
    assert treatment_duration(prompt) is duration


def test_an_article_giving_two_treatment_durations_asks_neither(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                   "## Medical uses\n\nZorbicin is typically taken daily by mouth for five years for breast cancer.\n"
                   "Zorbicin reduces the risk of recurrence in women with early disease.\n"
                   "The use of zorbicin is recommended for 10 years.\n")
    durations = [str(c.data.get("answer")) for c in cards if treatment_duration(front(c))]
    assert durations == [], durations  # either figure keyed alone has the other as a right answer too
    one = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                 "## Medical uses\n\nZorbicin is typically taken daily by mouth for five years for breast cancer.\n"
                 "Zorbicin reduces the risk of recurrence in women with early disease.\n")
    assert [str(c.data.get("answer")) for c in one if treatment_duration(front(c))] == ["five years"]


def test_a_long_cloze_sentence_is_cut_to_the_clause_of_its_blank():
    long = ("Zorbicin increases the {{c1::risk of bleeding}}, polyps and hyperplasia; using zorbicin with an "
            "intrauterine device releasing a progestin might increase spotting after 1 to 2 years, but reduces "
            "polyps and hyperplasia somewhat.")
    assert clause_with_blank(long, "{{c") == "Zorbicin increases the {{c1::risk of bleeding}}, polyps and hyperplasia."
    short = "Zorbicin increases the {{c1::risk of bleeding}}; it also causes polyps."
    assert clause_with_blank(short, "{{c") == short
    later = ("Zorbicin has been studied in many trials over two decades in several countries and settings; "
             "it increases the {{c1::risk of bleeding}} in women who are past menopause and over sixty.")
    assert clause_with_blank(later, "{{c") == later  # "it ...": the clause would not say whose


def test_an_effect_blank_asks_the_thing_not_the_words_around_it(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Pharmacology\n\n"
                   "Zorbicin binds to its protein receptor FKBP12, which directly interacts with mTORC1.\n"
                   "Zorbicin increases the risk of postmenopausal bleeding and endometrial polyps in older women.\n")
    blanks = {c.data["text"].split("{{c1::")[1].split("}}")[0] for c in cards if "{{c1::" in str(c.data.get("text"))}
    assert not any(b.startswith(("protein receptor", "risk of")) for b in blanks), blanks


def test_a_figure_without_figures_of_its_kind_is_typed_not_a_choice_of_its_multiples(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Bone\n\n"
                   "In the ZORB trial, the reduction in bone mineral density was 6.1% in the lumbar spine and "
                   "7.2% in the total hip over five years.\n")
    for c in cards:
        if c.type == "choice" and "%" in str(c.data.get("answer")):
            options = c.data["choices"]
            assert not {"3.6%", "10.8%", "14.4%"} & set(options), options


def test_a_comparison_never_keeps_one_item_of_a_listed_cell():
    from anastro_quiz.generate.teacher_clauses import short_phrase

    cell = "Serum estradiol levels, testosterone levels, lipid panels, symptoms of high or low estrogen"
    assert short_phrase(cell, 11) is None  # not "Serum estradiol levels" as if it were the whole answer


def test_a_rule_of_practice_names_the_population_its_passage_is_about(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Monitoring\n\n"
                   "For men on TRT, monitoring of estradiol is the central part of the zorbicin protocol. "
                   "The lab results guide the titration of the dose. "
                   "An estradiol level that is too high suggests the dose may need to be increased.\n")
    actions = [c.data["prompt"] for c in cards if c.id.startswith("action-")]
    assert actions and all("men on TRT" in p for p in actions), actions


def test_a_closing_clause_pointing_at_an_unseen_sentence_is_cut():
    from anastro_quiz.generate.clauses import without_pointing_tail

    text = ("Zorbicin works by {{c1::competitively}} binding to the aromatase enzyme, effectively blocking its "
            "ability to perform this conversion.")
    assert without_pointing_tail(text, "{{c") == "Zorbicin works by {{c1::competitively}} binding to the aromatase enzyme."
    kept = "Zorbicin binds the enzyme, blocking {{c1::this conversion}}."
    assert without_pointing_tail(kept, "{{c") == kept  # the blank is in it


@pytest.mark.parametrize("kind, prompt, quote, answer, weak", [
    ("number", "When in the circulation, _____ of zorbicin is bound to plasma proteins.", "", "96.3%", True),
    ("number", "Zorbicin: oral bioavailability?", "", "100%", False),
    ("number", "The plasma protein binding of zorbicin is greater than _____.", "", "99%", False),
    ("number", "In the ZORB trial, the reduction was _____ in the lumbar spine.", "", "6.1%", False),
    ("effect", "Zorbicin treatment of mice results in [...] compared to sirolimus.",
     "Zorbicin treatment of mice results in reduced metabolic side effects compared to sirolimus.", "x", True),
    ("examples", "Neurosteroids like [...] may also be involved.",
     "Neurosteroids like androstanediol may also be involved.", "androstanediol", True),
    ("examples", "Zorbicin was structurally derived from antiestrogens such as [...].",
     "Zorbicin was structurally derived from antiestrogens such as chlorotrianisene.", "chlorotrianisene", True),
    ("why", "What is zorbicin responsible for?", "Zorbicin is responsible for the development of hips.", "x", True),
    ("examples", "Zorbicin may also upregulate cell cycle inhibitors such as [...].",
     "Zorbicin may also upregulate cell cycle inhibitors such as p21 and p27.", "p21 and p27", True),
    ("examples", "Serious but rare adverse effects include skin reactions such as [...].",
     "Serious but rare adverse effects include skin reactions such as lesions, ulcers, or blisters.",
     "lesions, ulcers, or blisters", True),
    ("examples", "Inactivation of zorbicin includes conversion to less-active forms, such as [...].",
     "Inactivation of zorbicin includes conversion to less-active forms, such as A and B.", "A and B", False),
    ("why", "What are CDK4 and CDK6 responsible for?", "CDK4 and CDK6 are responsible for ...", "x", False),
])
def test_what_readers_threw_away_weighs_less(kind, prompt, quote, answer, weak):
    from anastro_quiz.generate.reading_weights import reading_weight

    assert (reading_weight(kind, prompt, quote, answer, {"zorbicin"}) < 1.0) is weak


def test_a_second_question_on_one_use_of_the_drug_is_not_asked(tmp_path):
    from anastro_quiz.generate.prompt_signals import use_of

    assert use_of("what is tamoxifen used to prevent") & use_of("what is tamoxifen used to prevent and treat")
    assert not use_of("what is goserelin used to suppress") & use_of("what is goserelin used to treat")
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbex among others, is a modulator "
                   "used to prevent breast cancer in women and men.\n\n## Medical uses\n\n"
                   "Zorbicin is used to prevent and treat gynecomastia.\n")
    # Each question has the other's key as a right answer too: neither is asked.
    uses = [(c.data["prompt"], c.data["answer"]) for c in cards if "used to" in str(c.data.get("prompt"))]
    assert uses == [], uses


def test_a_use_beside_a_broader_one_dropped_keeps_no_second_right_answer(tmp_path):
    # The lead's use goes as a broader use of the women's card; the gynecomastia card, sharing its
    # verb, would still have breast cancer as a right answer.
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbex among others, is a modulator "
                   "used to prevent breast cancer in women and men.\n\n## Medical uses\n\n"
                   "Zorbicin is used for the treatment of both early and advanced estrogen receptor-positive breast "
                   "cancer in pre- and postmenopausal women.\n\nZorbicin is used to prevent and treat gynecomastia.\n")
    prompts = [c.data["prompt"] for c in cards if "used to" in str(c.data.get("prompt"))]
    assert "What is zorbicin used to prevent and treat?" not in prompts, prompts
    # (nor the women's card: "Zorbicin is used to prevent and treat gynecomastia" is another right
    # answer to it; see tests/test_generate_rules_reading12.py)
    assert "What is zorbicin used to prevent?" not in prompts, prompts


def test_a_definition_that_says_its_term_again_and_an_effect_blank_holding_the_subject():
    from anastro_quiz.generate.reading_weights import circular, reading_weight

    assert circular("What is the androgen receptor?", "The biological target of androgens like testosterone")
    assert circular("What is venous thromboembolism?", "Deep vein thrombosis or pulmonary embolism")
    assert not circular("What is leukopenia?", "Low white blood cell count")
    assert not circular("What is estradiol?", "The primary form of estrogen")
    assert reading_weight("effect", "Aminoglutethimide induces the [...].", "", "metabolism of zorbicin",
                          {"zorbicin"}) < 1.0


def test_examples_that_all_contain_the_drug_say_so(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbimab\n\n## Medical uses\n\nZorbimab is used to treat breast cancer.\n"
                   "Zorbimab is also a component of some antibody-drug conjugates, such as zorbimab emtansine, and "
                   "zorbimab deruxtecan.\n")
    prompts = [c.data["prompt"] for c in cards if c.data.get("items")]
    assert "Give two examples of antibody-drug conjugates containing zorbimab." in prompts, prompts


def test_a_question_another_cards_sentence_answers_is_not_asked_nor_a_part_of_a_how_answer(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\n## Mechanism\n\n"
                   "Zorbicin is an aromatase inhibitor. It works by binding to the aromatase enzyme, blocking the "
                   "conversion of testosterone into estradiol.\n"
                   "Zorbicin works by competitively binding to the aromatase enzyme.\n\n## Bone\n\n"
                   "Estrogen regulates bone remodeling by promoting the activity of osteoblasts and inhibiting the "
                   "activity of osteoclasts.\n"
                   "Estradiol promotes the activity of osteoblasts while simultaneously putting the brakes on "
                   "osteoclasts.\n")
    asked = [(front(c), str(c.data.get("answer", ""))) for c in cards]
    shown = " ".join(p for p, _ in asked)
    assert not any(a.startswith("By binding to the aromatase enzyme") for _, a in asked), asked
    how = [a for _, a in asked if "activity of osteoblasts" in a]
    if how:  # the how card asks the whole fact: the blank on its half is not asked again
        assert "{{c1::activity of osteoblasts}}" not in shown and "promotes the [...] while" not in shown, asked


def test_a_compound_adjective_is_no_verb_of_a_list_item():
    from anastro_quiz.generate.prompt_signals import verbless

    assert verbless("Zorbicin: Precocious puberty in boys at _____ with an aromatase inhibitor, especially for "
                    "familial male-limited precocious puberty")
    assert not verbless("Zorbicin levels peaked at _____ and declined over a week")


def test_a_studys_outcome_says_what_the_study_gave():
    from anastro_quiz.generate.figures import outcome_question

    context = "A 2009 study examined the effects of 1 mg of zorbicin daily in older men with low testosterone."
    sentence = ("The results showed that the drop in estradiol led to a statistically significant decrease in spine "
                "BMD compared to the placebo group over one year.")
    question, answer = outcome_question(sentence, context)
    assert question.startswith("2009 study, zorbicin 1 mg daily, older men, one year: what happened to"), question


@pytest.mark.parametrize("lead, cls", [
    ("Zorbicin, sold under the brand name Zorbex, is a medication for advanced gut cancer. "
     "It is a KRAS inhibitor, blocking the enzyme KRAS.", "KRAS inhibitor"),
    ("Zorbicin is a medication used in transplant medicine. This compound is also used in stents. "
     "It is the 7-methyl derivative of sirolimus and works like sirolimus as an inhibitor of "
     "mammalian target of rapamycin (mTOR).", "mTOR inhibitor"),
    ("Zorbicin, sold under the brand name Zorbex, is a medication for prostate cancer. "
     "It is an injectable luteinizing hormone agonist (LH agonist).", "Luteinizing hormone agonist (LH agonist)"),
    ("Zorbicin is in the kinase-inhibiting family of medications. Zorbicin is taken by mouth.", "Kinase inhibitor"),
    # "an inhibitor of the kinase X." at the sentence's end: the class is "X inhibitor" (not "X. inhibitor")
    ("Zorbicin is a medication for gut cancer. It is an inhibitor of the kinase JAK9.", "JAK9 inhibitor"),
    ("Zorbicin is a medication for gut cancer. It is an antagonist of the receptor ZRX4.", "ZRX4 antagonist"),
    ("Zorbicin is a medication for gut cancer. It is an inhibitor of the protein kinase Z.", "Protein kinase Z inhibitor"),
])
def test_the_lead_gives_the_drug_class(tmp_path, lead, cls):
    """ "It is a ..." in the lead stands for the article's drug: its class is asked, named."""
    cards = generated_cards(tmp_path, f"# Zorbicin\n\n{lead}\n\n## Side effects\n\nZorbicin may cause nausea.\n")
    asked = [c for c in cards if c.data.get("prompt") == "What class of drug is zorbicin?"]
    assert [c.data["answer"] for c in asked] == [cls], [front(c) for c in cards]


@pytest.mark.parametrize("sentence", [
    "Zorbicin is an inhibitor of the kinase JAK9.", "Zorbicin is an inhibitor of JAK9.",
    "Zorbicin is an agonist of the receptor ZRX4.", "Zorbicin is an inhibitor of the enzyme ZASE.",
    "Zorbicin is an inhibitor of the kinases JAK8 and JAK9.", "Zorbicin is a modulator of the kinase JAK9 (JK9).",
])
def test_a_class_named_by_its_target_is_a_clean_name_or_none(sentence):
    from anastro_quiz.generate.teacher_lead import drug_class

    cls = drug_class(sentence, "Zorbicin")
    assert cls is None or (not re.search(r"[.;:,]", cls) and len(cls.split()) <= 4), cls


def test_it_after_another_subject_is_not_the_drug(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a medication for gut cancer. Gut cancer is common in "
                   "older adults. It is a KRAS inhibitor target.\n\n## Side effects\n\n"
                   "Common side effects include irregular periods, weight loss, and hot flashes.\n")
    assert not [c for c in cards if "class of drug" in front(c)]


def test_the_lead_says_what_the_drug_treats(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbex among others, is a medication "
                   "for the treatment of advanced or metastatic gut cancers.\n\n## Side effects\n\n"
                   "Common side effects include irregular periods, weight loss, and hot flashes.\n")
    uses = [(c.data["prompt"], c.data["answer"]) for c in cards if "used to" in str(c.data.get("prompt"))]
    assert uses == [("What is zorbicin used to treat?", "Advanced or metastatic gut cancers")], uses


def test_a_listed_set_of_indications_is_one_list_card_not_one_key(tmp_path):
    """The lead names one cancer, the uses section six: the single key would refuse five right answers."""
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin, sold under the brand name Zorbex, is a medication for the "
                   "maintenance treatment of advanced gut cancer in adults.\n\n## Medical uses\n\n"
                   "Zorbicin is indicated to treat gut cancer, lung cancer, skin cancer, bone cancer, liver cancer, "
                   "and brain cancer.\n")
    asked = [(front(c), c.data.get("items")) for c in cards if "cancer" in str(c.data.get("answer", ""))]
    assert asked == [("Name three cancers zorbicin is indicated for.",
                      ["gut cancer", "lung cancer", "skin cancer", "bone cancer", "liver cancer", "brain cancer"])], asked


def test_no_chain_when_the_article_gives_another_route(tmp_path):
    route = ("A portion of the pregnenolone is converted to progesterone, which in turn undergoes conversion to "
             "cortisol by zorbicin.\n")
    other = ("The major pathway involves the formation of pregnenolone, which is then converted into "
             "hydroxypregnenolone and is subsequently converted into cortisol.\n")
    filler = "Common side effects include irregular periods, weight loss, and hot flashes.\n"
    for text, chained in ((route + filler, True), (other + route + filler, False)):
        cards = generated_cards(tmp_path, "# Zorbicin\n\n## Biosynthesis\n\n" + text)
        chains = [c for c in cards if "→" in str(c.data.get("answer", ""))]
        assert bool(chains) is chained, [front(c) for c in cards]
