"""Rules from the cards the tenth reading read WEAK: no card whose question another card answers
or shows, no mechanism asked twice less precisely, no premise the article contradicts, no answer
the prompt's setting already says, no open negative question. Invented text only."""

from __future__ import annotations

import pytest

from anastro_quiz.generate.prompt_signals import states_duration
from anastro_quiz.generate.reading_weights import antagonism_restated, theme_as_cause

from generated import generated_cards


def _prompts(cards) -> list[str]:
    return [str(c.data.get("prompt") or c.data.get("text") or c.data.get("statement")) for c in cards]


def test_a_premise_the_article_contradicts_is_not_asked(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is a selective androgen receptor modulator used to treat breast cancer. Zorbicin is "
            "typically taken daily by mouth for five years for breast cancer.\n\n## Medical uses\n\n"
            "Zorbicin is used for the treatment of early breast cancer in older women. The use of zorbicin is "
            "recommended for 10 years.\n\n## Side effects\n\nZorbicin acts as a partial agonist on the liver. With "
            "time, risk of liver cancer may be doubled to tripled, which is a reason zorbicin is typically only used "
            "for five years.\n")
    prompts = _prompts(generated_cards(tmp_path, text))
    assert not any("used for five years" in p for p in prompts), prompts
    one_figure = text.replace("The use of zorbicin is recommended for 10 years.", "")
    assert any("used for five years" in p for p in _prompts(generated_cards(tmp_path, one_figure)))


@pytest.mark.parametrize("prompt, states", [
    ("Why is zorbicin typically only used for five years?", True),
    ("Why is zorbicin given for at least 6 months?", True),
    ("Why is zorbicin used for breast cancer?", False),
    ("How long is zorbicin used for?", False),
])
def test_a_question_can_take_a_duration_as_its_premise(prompt, states):
    assert states_duration(prompt) is states


def test_a_partner_drug_shown_by_another_question_is_not_asked(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is a medication for the treatment of advanced lung cancer.\n\n## Medical uses\n\n"
            "Zorbicin was approved by the FDA in May 2019 either in combination with paclitaxel or as a monotherapy "
            "for adults with advanced lung cancer that had progressed on chemotherapy.\n\n## Efficacy\n\n"
            "In studies that compared paclitaxel plus zorbicin to paclitaxel plus placebo in lung cancer patients, "
            "progression-free survival under zorbicin therapy was 11.2 months on average, as compared to 5.1 months "
            "under the placebo arm.\n")
    cards = generated_cards(tmp_path, text)
    asked = [c for c in cards if str(c.data.get("answer", "")).lower() == "paclitaxel"]
    assert not asked, _prompts(asked)
    assert any("11.2 months" in str(c.data.get("answer", "")) for c in cards), _prompts(cards)
    alone = text.replace("In studies that compared paclitaxel plus zorbicin to paclitaxel plus placebo in lung cancer "
                         "patients, progression", "In studies in lung cancer patients, progression")
    assert any(str(c.data.get("answer", "")).lower() == "paclitaxel" for c in generated_cards(tmp_path, alone))


_RECEPTORS = ("# Zorbicin\n\nZorbicin is a steroid hormone made in the adrenal glands.\n\n## Pharmacodynamics\n\n"
              "Zorbicin acts primarily as an agonist of the glucocorticoid receptor (GR), a nuclear steroid hormone "
              "receptor. Zorbicin affects target tissues mainly by interacting with two nuclear receptors called "
              "glucocorticoid receptor α (GRα) and glucocorticoid receptor β (GRβ).\n")


def test_how_it_works_is_not_asked_beside_the_receptors_it_acts_through(tmp_path):
    prompts = _prompts(generated_cards(tmp_path, _RECEPTORS))
    assert any(p.startswith("Through which two nuclear receptors") for p in prompts), prompts
    assert "How does zorbicin work?" not in prompts
    alone = _RECEPTORS.split(" Zorbicin affects")[0] + "\n"
    assert "How does zorbicin work?" in _prompts(generated_cards(tmp_path, alone))


def test_a_class_is_not_asked_beside_the_enzymes_it_names_more_precisely(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is a medication for the treatment of advanced lung cancer. It was developed by "
            "Acme and it acts as a JAK inhibitor selective for JAK1 and JAK2.\n\n## Pharmacodynamics\n\n"
            "Like the related drug tofacitinib, zorbicin inhibits the enzymes Janus kinase 1 (JAK1) and Janus "
            "kinase 2 (JAK2).\n")
    cards = generated_cards(tmp_path, text)
    answers = [str(c.data.get("answer", "")) for c in cards]
    assert "JAK1 and JAK2" in answers, _prompts(cards)
    assert not any(c.id.startswith("class-") for c in cards), answers


def test_a_mechanism_that_says_how_stays_beside_the_target_card():
    from anastro_quiz.generate.cards import Draft
    from anastro_quiz.generate.kept import answered_elsewhere

    def draft(kind, prompt, answer):
        return Draft(kind, "basic", {"prompt": prompt, "answer": answer}, "d.md", prompt, "", prompt.lower().rstrip("?"))

    how = draft("why", "How does zorbicin work?", "As a highly selective agonist of the glucocorticoid receptor")
    target = draft("why", "Through which two receptors does zorbicin act?", "Glucocorticoid receptor α and β")
    kept, _ = answered_elsewhere([how, target], [])
    assert how in kept


def test_what_an_antagonist_holds_back_is_not_asked_as_its_effect():
    assert antagonism_restated("In the liver, zorbicin acts as a GR antagonist: with what effect?",
                               "Transcription of glucocorticoid-responsive genes is inhibited")
    assert not antagonism_restated("In the liver, zorbicin acts as a GR antagonist: with what effect?",
                                   "Gluconeogenesis falls and blood glucose drops")
    assert not antagonism_restated("Zorbicin raises cortisol: with what effect?", "Bone formation is inhibited")


def test_an_antagonist_effect_card_is_not_kept(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is a selective glucocorticoid receptor modulator used to treat Cushing's "
            "disease.\n\n## Pharmacodynamics\n\nIn liver tissue, zorbicin acts as a GR antagonist so that "
            "transcription of glucocorticoid-responsive genes is inhibited.\n")
    prompts = _prompts(generated_cards(tmp_path, text))
    assert not any("with what effect" in p for p in prompts), prompts


@pytest.mark.parametrize("answer, themes, given", [
    ("A relative cortisol deficiency", {"cortisol", "zorbicin"}, True),
    ("Cortisol excess", {"cortisols"}, True),
    ("A relative cortisol deficiency", {"zorbicin"}, False),  # not the article's theme: a cause worth asking
    ("Reduced renal clearance of cortisol", {"cortisol"}, False),
])
def test_the_articles_theme_gone_short_is_no_cause_worth_asking(answer, themes, given):
    assert theme_as_cause(answer, themes) is given


def test_an_open_negative_question_is_not_kept(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is a nonsteroidal antiandrogen used to treat prostate cancer.\n\n"
            "## Pharmacodynamics\n\nZorbicin blocks the androgen receptor in the prostate. It does not lower androgen "
            "levels.\n")
    prompts = _prompts(generated_cards(tmp_path, text))
    assert "What does zorbicin not lower?" not in prompts, prompts


_USE_AND_LIMIT = ("# Zorbicin\n\nZorbicin, sold under the brand name Zorb among others, is a monoclonal antibody used to "
                  "treat lung cancer and colon cancer. It is specifically used for cancer that is EGFR receptor "
                  "positive.\n\n## Medical uses\n\nIf the lung cancer does not overexpress EGFR, zorbicin will have no "
                  "beneficial effect (and may cause harm).\n")


def test_whom_a_use_is_for_is_not_asked_again_beside_the_use_card(tmp_path):
    cards = generated_cards(tmp_path, _USE_AND_LIMIT)
    answers = [str(c.data.get("answer", "")) for c in cards]
    assert any("specifically cancer that is EGFR receptor positive" in a for a in answers), answers
    assert not any(a.startswith("Those that") for a in answers), _prompts(cards)
    alone = _USE_AND_LIMIT.replace(" It is specifically used for cancer that is EGFR receptor positive.", "")
    assert any(str(c.data.get("answer", "")).startswith("Those that") for c in generated_cards(tmp_path, alone))


_TWO_HOWS = ("# Zorbicin\n\nZorbicin is in the lipase-inhibiting family of medications. It works by blocking the "
             "absorption of fats in the gut, and hence has slimming effects.\n\n## Pharmacodynamics\n\n"
             "Zorbicin works by reversibly binding to the pancreatic lipase enzyme, and through covalent inhibition "
             "blocks the hydrolysis of triglycerides to free fatty acids in the gut lumen.\n")


def test_how_it_works_is_not_asked_beside_a_sentence_that_says_it_better(tmp_path):
    cards = generated_cards(tmp_path, _TWO_HOWS)
    shown = _prompts(cards)
    assert any(p.startswith("Zorbicin works by ") for p in shown), shown  # the fuller sentence, as a cloze
    assert "How does zorbicin work?" not in shown, shown
    alone = _TWO_HOWS.split("## Pharmacodynamics")[0]
    assert "How does zorbicin work?" in _prompts(generated_cards(tmp_path, alone))


def test_a_use_card_asks_what_the_list_card_beside_it_does_not(tmp_path):
    text = ("# Zorbicin\n\nZorbicin is a medication used to suppress production of the thyroid hormones.\n\n"
            "## Medical uses\n\nZorbicin is used to treat hormone-sensitive tumours of the thyroid (in adults over "
            "forty) and adrenal gland, and some benign endocrine disorders (goitre, thyroid nodules and Graves "
            "disease).\n")
    cards = generated_cards(tmp_path, text)
    prompts = _prompts(cards)
    assert "Name two benign endocrine disorders zorbicin is used to treat." in prompts, prompts
    assert "What is zorbicin used to treat?" not in prompts
    (use,) = [c for c in cards if c.data.get("prompt") == "Which hormone-sensitive tumours is zorbicin used to treat?"]
    assert use.data["answer"] == "Thyroid (in adults over forty) and adrenal gland"
