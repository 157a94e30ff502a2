"""Choosing what is worth asking, and topics from the document's own structure."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.decks import CLOZE_RE, validate_paths
from anastro_quiz.generate import InputError, generate_decks
from anastro_quiz.generate.cloze import effect_cards
from anastro_quiz.cli.generate import generate_command
from anastro_quiz.generate.extract import Sentence
from anastro_quiz.generate.pipeline import generate
from anastro_quiz.generate.topics import load_rules, slug

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """# Letrozole

Letrozole, sold under the brand name Femara among others, is a medication used to treat breast cancer.
Letrozole inhibits the conversion of androgens into estrogens in peripheral tissues.
Letrozole is taken by mouth at a dose of 2.5 mg once daily.

## Medical uses

Letrozole is used after surgery in postmenopausal women with hormone receptor-positive breast cancer.
In the BIG 1-98 trial, disease-free survival improved by 18% compared with tamoxifen over five years.
Letrozole is also used off-label for ovulation induction in women with polycystic ovary syndrome.

## Side effects

Letrozole lowers the bone mineral density of the lumbar spine by about 4% in the first two years.
Hypercholesterolemia, an excess of cholesterol in the blood, was reported in 12% of patients taking letrozole.
Hot flashes and arthralgia are the most common complaints reported by patients taking letrozole.

## Pharmacology

Estradiol suppresses the formation of new osteoclasts from their hematopoietic precursors.
Letrozole reaches a steady state in plasma after 60 days of daily dosing in most patients.
Letrozole is metabolized in the liver by CYP3A4 and CYP2A6 into an inactive carbinol metabolite.

## History

Letrozole was patented in 1986 and approved for medical use in the United States in 1997.
"""


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "letrozole.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_one_deck_per_document_titled_and_tagged_by_its_sections(article):
    [deck] = generate_decks([article])
    assert deck.id == "letrozole" and deck.title == "Letrozole"
    topics = {c.tags[0] for c in deck.cards}
    assert topics <= {"overview", "medical-uses", "side-effects", "pharmacology", "history"}
    assert {"medical-uses", "side-effects", "pharmacology"} <= topics
    assert "Medical uses" in deck.description and "anastrozole" not in deck.description.lower()


def test_the_documents_subject_is_never_the_answer(article):
    [deck] = generate_decks([article])
    answers = [answer_of_card(c).lower() for c in deck.cards]
    assert not any(a in ("letrozole", "femara") for a in answers), answers


def answer_of_card(card) -> str:
    d = card.data
    if card.type == "cloze":
        return " ".join(m.group(2) for m in CLOZE_RE.finditer(d["text"]))
    return str(d.get("answer", d.get("statement", "")))


def test_generation_reports_each_stage(article, tmp_path):
    other = tmp_path / "second.md"
    other.write_text(ARTICLE.replace("Letrozole", "Anastrozole"), encoding="utf-8")
    seen = []
    generate([article, other], progress=lambda done, total, stage: seen.append((done, total, stage)))
    assert [(done, total) for done, total, _ in seen] == [(n, 5) for n in range(6)]
    assert [stage.split(" ")[0] for _, _, stage in seen] == ["reading", "reading", "drafting", "drafting",
                                                             "choosing", ""]
    assert seen[0][2] == "reading letrozole.md" and seen[3][2] == "drafting cards from second.md"


def test_ranking_comes_before_the_caps(article):
    """The key figure of a sentence is kept; what is cut is the weaker candidate."""
    result = generate([article])
    kept = [answer_of_card(c) for d in result.decks for c in d.cards]
    assert "18%" in kept and "2.5 mg" in kept
    kept_scores: dict[str, list[float]] = {}
    for d in result.decks:
        for c in d.cards:
            kept_scores.setdefault(c.source.quote, []).append(c.data["score"])
    capped = [s for s in result.skipped if s.reason == "sentence already has its cards"]
    for s in capped:  # what a sentence cap cuts is never better than what it kept
        assert round(s.draft.score, 2) <= min(kept_scores[s.draft.quote])
    by_quote: Counter[str] = Counter(c.source.quote for d in result.decks for c in d.cards)
    assert max(by_quote.values()) <= 3


def test_trivia_and_citation_years_lose_to_facts(article):
    [deck] = generate_decks([article])
    answers = {answer_of_card(c) for c in deck.cards}
    assert "1986" not in answers and "1997" not in answers


def test_max_cards_caps_each_document(article):
    [deck] = generate_decks([article], max_cards=4)
    assert len(deck.cards) == 4
    [full] = generate_decks([article])
    assert len(full.cards) > 4
    best = sorted((c.data["score"] for c in full.cards), reverse=True)[:4]
    assert sorted((c.data["score"] for c in deck.cards), reverse=True) == best  # the best four


def test_no_answer_dominates_a_deck(article):
    [deck] = generate_decks([article])
    counts = Counter(answer_of_card(c).lower() for c in deck.cards if c.type != "true_false")
    assert max(counts.values()) <= max(1, len(deck.cards) // 20)


def test_without_headings_topics_are_key_terms(tmp_path):
    text = "\n\n".join(ARTICLE.replace("#", "").split("\n\n")[1:])  # no heading lines
    plain = tmp_path / "plain.txt"
    plain.write_text("\n\n".join(p for p in text.split("\n\n") if len(p.split()) > 12), encoding="utf-8")
    [deck] = generate_decks([plain])
    assert deck.cards and all(c.tags for c in deck.cards)


def test_topic_file_sorts_cards_into_its_decks(article, tmp_path):
    rules = tmp_path / "topics.yaml"
    rules.write_text("fallback: other\ntopics:\n"
                     "  - {id: bone, title: Bone, keywords: {bone: 3, osteoclast: 3}}\n"
                     "  - {id: other, title: Everything else}\n", encoding="utf-8")
    decks = generate_decks([article], rules)
    assert [d.id for d in decks] == ["bone", "other"]
    assert all("bone" in (c.source.quote.lower()) or "osteoclast" in c.source.quote.lower()
               for c in decks[0].cards)


@pytest.mark.parametrize("content, message", [
    ("topics: [\n", ":2: not valid YAML"),
    ("topics: []\n", "needs a 'topics:' list"),
    ("topics:\n  - {title: No id}\n", "needs an 'id' and a 'title'"),
    ("topics:\n  - {id: a, title: A, keywords: {x: heavy}}\n", "weights must be numbers"),
])
def test_a_bad_topic_file_is_named_with_what_is_wrong(tmp_path, content, message):
    rules = tmp_path / "bad.yaml"
    rules.write_text(content, encoding="utf-8")
    load_rules.cache_clear()
    with pytest.raises(InputError, match="bad.yaml"):
        load_rules(rules)
    try:
        load_rules(rules)
    except InputError as exc:
        assert message in str(exc)


def test_cli_summary_report_and_topic_errors(article, tmp_path):
    out, report = tmp_path / "out", tmp_path / "report.md"
    result = CliRunner().invoke(generate_command, [str(article), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "topics: " in result.output and "kinds: " in result.output and "skipped " in result.output
    text = report.read_text(encoding="utf-8")
    assert "KEPT" in text and "SKIPPED" in text
    assert validate_paths([out]) == []  # the report is not mistaken for a deck
    bad = tmp_path / "t.yaml"
    bad.write_text("nope", encoding="utf-8")
    result = CliRunner().invoke(generate_command, [str(article), "-o", str(tmp_path / "o2"), "--topics", str(bad)])
    assert result.exit_code == 2 and "t.yaml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o2").exists()


def test_effect_cloze_blanks_what_the_subject_does():
    s = Sentence("Estradiol suppresses the formation of new osteoclasts from their hematopoietic precursors.",
                 "d.txt", "", "H")
    [card] = effect_cards(s, {"osteoclasts": 5.0, "hematopoietic": 4.0})
    assert "{{c1::formation of new osteoclasts}}" in card.data["text"]
    means = Sentence("Estradiol shortens the lifespan of osteoclasts by promoting their programmed cell death.",
                     "d.txt", "", "H")
    answers = {CLOZE_RE.search(d.data["text"]).group(2) for d in effect_cards(means, {"osteoclasts": 5.0})}
    assert answers == {"lifespan of osteoclasts", "programmed cell death"}
    assert effect_cards(Sentence("It suppresses the formation of new osteoclasts in bone.", "d", "", "H"),
                        {"osteoclasts": 5.0}) == []


def test_a_change_named_by_one_common_word_blanks_its_cause():
    # "causes a [delay] in ..." is a guess once the cause is shown: the cause is asked
    s = Sentence("Enterohepatic recirculation causes a delay in excretion of veltozole.", "d.txt", "", "H")
    [card] = effect_cards(s, {"veltozole": 5.0})
    assert card.data["text"] == "{{c1::Enterohepatic recirculation}} causes a delay in excretion of veltozole."
    # a change with what it is of stays the blank ("a rise in [bone turnover]" is not one word)
    s = Sentence("Hypogonadism causes an accelerated loss of trabecular bone in older men.", "d.txt", "", "H")
    assert all("{{c1::Hypogonadism}}" not in d.data["text"] for d in effect_cards(s, {"trabecular": 5.0}))


def test_slug():
    assert slug("Medical uses") == "medical-uses"
    assert slug("Pharmacology: über 2 mg?") == "pharmacology-uber-2-mg"
    assert slug("∞") == "topic"


@pytest.mark.parametrize("sentence, figure, context, question", [
    ("The reduction was approximately 6.1% in the lumbar spine and 7.2% in the total hip.", "7.2%",
     "In a bone substudy of the ATAC trial, women taking 1 mg daily for five years had decreases in BMD.",
     "ATAC trial, five years: reduction in BMD in the total hip?"),
    ("In the FACE trial, femoral-neck bone mineral density fell by 3.4% over two years in women taking letrozole.",
     "3.4%", "", "FACE trial, two years: fall in femoral-neck bone mineral density in women taking letrozole?"),
    ("Tamoxifen has been found to decrease insulin-like growth factor 1 (IGF-1) levels by 17 to 38% in women "
     "and men.", "17 to 38%", "", "Tamoxifen: decrease in IGF-1 levels in women and men?"),
    ("The oral bioavailability of tamoxifen is approximately 100%, which suggests little first-pass metabolism.",
     "100%", "", "Tamoxifen: oral bioavailability?"),  # no change reported: a property of a named thing
    ("Bone density was approximately 6% lower, which suggests ongoing resorption.", "6%", "", None),
    ("The reduction was 6.1% in the lumbar spine.", "6.1%", "", None),  # nobody named reported it
])
def test_compact_figure_questions(sentence, figure, context, question):
    from anastro_quiz.generate.figures import compact_question

    at = sentence.index(figure)
    assert compact_question(sentence, at, at + len(figure), context) == question


def test_brand_and_product_names_are_never_blanks():
    from anastro_quiz.generate.cloze import proper_names, term_cards

    sentences = [Sentence(t, "d.md", "", "Society and culture") for t in (
        "In November 2017, the European Commission approved Ontruzant, a biosimilar from Samsung Bioepis.",
        "Ontruzant is the first trastuzumab biosimilar to receive regulatory approval in Europe.",
        "The detection uses ultraView probes for deposition of chromogenic precipitates.",
        "Biosimilar antibodies are compared with the reference antibody for cardiotoxicity.")]
    proper = proper_names(sentences)
    assert {"ontruzant", "ultraview"} <= proper and "biosimilar" not in proper
    terms = {"ontruzant": 5.0, "biosimilar": 3.0, "cardiotoxicity": 3.0}
    blanks = [CLOZE_RE.search(d.data["text"]).group(2) for s in sentences
              for d in term_cards(s, terms, {}, proper) if d.type == "cloze"]
    assert "Ontruzant" not in blanks


def test_an_acronym_beside_its_lowercase_expansion_is_not_a_blank():
    from anastro_quiz.generate.cloze import term_cards

    s = Sentence("The HER (human epidermal growth factor receptor) protein binds to epidermal growth factor "
                 "and stimulates proliferation.", "d.md", "", "Mechanism")
    assert all("{{c1::HER}}" not in d.data.get("text", "") for d in term_cards(s, {"her": 5.0}, {}))


def test_one_figure_blank_per_sentence_and_never_half_a_range(tmp_path):
    doc = tmp_path / "bica.md"
    doc.write_text("# Bicalutamide\n\n## Side effects\n\n"
                   "The rate of abnormal liver function tests with bicalutamide was 3.4% relative to 1.9% for placebo.\n"
                   "Elevated liver enzymes with bicalutamide usually occur within the first 3 to 6 months of treatment.\n"
                   "Gynecomastia occurs in up to 80% of men treated with bicalutamide monotherapy.\n", encoding="utf-8")
    cards = [c for d in generate_decks([doc]) for c in d.cards]
    prompts = [c.data.get("prompt", "") for c in cards]
    liver = [p for p in prompts if "placebo" in p and "_____" in p]
    # "3.4% relative to ___" and "___ relative to 1.9%": never both; a blank beside another figure
    # is one of a set, which readers judged a detail, so neither is asked; nor is the pair, whole,
    # when both rates are of a few percent (the eleventh reading: not worth recalling)
    assert liver == [], liver
    assert "3.4% vs 1.9%" not in [c.data.get("answer") for c in cards]
    assert not any(re.search(r"\d\s*(?:to|–)\s*_____|_____\s*(?:to|–)\s*\d", p) for p in prompts), prompts
    assert any("80%" == c.data.get("answer") for c in cards)


def test_a_named_studys_outcome_is_asked_compactly():
    from anastro_quiz.generate.figures import outcome_question

    context = "A 2009 study examined the effects of 1 mg of anastrozole daily in older men with low testosterone."
    sentence = ("The results showed that while testosterone levels increased, the concurrent drop in estradiol led "
                "to a statistically significant decrease in posterior-anterior spine BMD compared to the placebo "
                "group over one year.")
    assert outcome_question(sentence, context) == (
        "2009 study, anastrozole 1 mg daily, older men, one year: what happened to posterior-anterior spine BMD?",
        "A statistically significant decrease (compared to the placebo group)")
    assert outcome_question("Exercise led to an increase in bone density.", "") is None  # nobody reported it


@pytest.mark.parametrize("prompt, dangling", [
    ("Individuals without it have markedly low estradiol levels.", True),
    ("As such, its levels in the body may be altered by inhibitors of CYP3A4.", True),
    ("In men, their levels rise over the first year.", True),
    ("Estradiol and its esters are used in hormone therapy.", False),
    ("The reduction in BMD was _____ at the hip.", False),
])
def test_a_pronoun_before_anything_is_named_is_dangling(prompt, dangling):
    from anastro_quiz.generate.prompt_signals import dangling as _dangling

    assert _dangling(prompt) is dangling


@pytest.mark.parametrize("answer, prompt, gives_away", [
    ("CDK4", "Abemaciclib is selective for [...] and CDK6.", True),
    ("ERα", "Estradiol binds ERβ and [...] with similar affinity.", True),
    ("postmenopause", "Levels fall during postpartum, perimenopause, and [...].", True),
    ("osteoclasts", "Estrogen promotes osteoblasts and restrains [...].", False),
])
def test_a_sibling_word_that_spells_out_the_blank(answer, prompt, gives_away):
    from anastro_quiz.generate.prompt_signals import sibling_gives_away as _sibling_gives_away

    assert _sibling_gives_away(answer, prompt) is gives_away


def test_named_examples_are_one_blank():
    from anastro_quiz.generate.cloze import example_cards

    s = Sentence("Management often involves prophylactic intervention with agents like bisphosphonates or "
                 "denosumab to mitigate skeletal morbidity.", "d.txt", "", "Monitoring")
    [card] = example_cards(s, {"bisphosphonates": 4.0, "denosumab": 5.0, "prophylactic": 3.0})
    assert "{{c1::bisphosphonates or denosumab}}" in card.data["text"]
    vague = Sentence("Patients with conditions like fatigue or stress report changes.", "d.txt", "", "H")
    assert example_cards(vague, {}) == []  # common words are no examples worth a card


def test_no_card_shows_the_answer_of_another_from_its_sentence(tmp_path):
    doc = tmp_path / "ana.md"
    doc.write_text("# Anastrozole\n\n## Pharmacology\n\n"
                   "The medication is eliminated predominantly by metabolism in the liver (83 to 85%) but also by "
                   "residual excretion by the kidneys unchanged (11%).\n"
                   "The elimination half-life of anastrozole is 40 to 50 hours.\n", encoding="utf-8")
    cards = [c for d in generate_decks([doc]) for c in d.cards]
    liver = [c for c in cards if "kidneys" in c.source.quote]
    shown = [c.data.get("prompt") or c.data.get("text") for c in liver]
    for card in liver:
        answer = answer_of_card(card)
        assert not any(answer in other for other in shown if other != (card.data.get("prompt") or card.data.get("text")))
    # "The medication" is named after the article it comes from ("How is anastrozole mainly
    # eliminated?"); the quote stays verbatim
    assert liver and all("anastrozole" in (c.data.get("prompt") or c.data.get("text")).lower() for c in liver)
    assert all(c.source.quote.startswith("The medication") for c in liver)


@pytest.mark.parametrize("sentence, figure, question", [
    ("The elimination half-life of anastrozole is 40 to 50 hours (1.7 to 2.1 days).", "40 to 50 hours",
     "Anastrozole: elimination half-life?"),
    ("The oral bioavailability of tamoxifen is approximately 100%, which is suggestive of minimal first-pass "
     "metabolism.", "100%", "Tamoxifen: oral bioavailability?"),
    ("Goserelin is poorly protein-bound and has a serum elimination half-life of two to four hours in patients "
     "with normal renal function.", "two to four hours",
     "Goserelin: serum elimination half-life in patients with normal renal function?"),
    ("The risk of death was 3%.", "3%", None),  # not a property of a named thing
    ("The half-life of the drug is 5 days.", "5 days", None),  # whose?
])
def test_a_property_figure_is_asked_as_owner_and_property(sentence, figure, question):
    from anastro_quiz.generate.figures import compact_question

    at = sentence.index(figure)
    assert compact_question(sentence, at, at + len(figure)) == question


def test_a_heading_label_does_not_hide_a_dangling_pronoun():
    from anastro_quiz.generate.prompt_signals import dangling as _dangling

    assert _dangling("Antiandrogenic activity: This is especially true in the case of castration.")
    assert not _dangling("Pharmacokinetics: Bicalutamide is well absorbed.")


def test_the_medication_inside_a_sentence_is_named(tmp_path):
    doc = tmp_path / "bica.md"
    doc.write_text("# Bicalutamide\n\n## Pharmacology\n\nBicalutamide is an antiandrogen used in prostate cancer.\n"
                   "The elimination half-life of the medication is around one week in most patients.\n"
                   "Gynecomastia is common with bicalutamide monotherapy in men.\n", encoding="utf-8")
    prompts = [c.data.get("prompt") or c.data.get("text") for d in generate_decks([doc]) for c in d.cards]
    assert any("half-life of bicalutamide" in p for p in prompts), prompts


def test_eleven_is_a_number_word_too(tmp_path):
    doc = tmp_path / "x.md"
    doc.write_text("# Letrozole\n\n## Pharmacology\n\nThe elimination half-life of letrozole is eleven days in "
                   "most patients.\n", encoding="utf-8")
    answers = [c.data.get("answer") for d in generate_decks([doc]) for c in d.cards]
    assert "eleven days" in answers, answers


def test_a_table_row_is_asked_once_as_a_comparison(tmp_path):
    doc = tmp_path / "letro.md"
    doc.write_text("# Letrozole\n\n## Dosing\n\nLetrozole is dosed differently in women and in men.\n\n"
                   "| Parameter | Use in Women (Breast Cancer) | Use in Men (Fertility Care) |\n|---|---|---|\n"
                   "| Typical Dosage | 2.5 mg daily | 2.5 mg once weekly |\n"
                   "| Lab Monitoring | Bone density scans every two years | Serum estradiol and testosterone |\n",
                   encoding="utf-8")
    cards = [c for d in generate_decks([doc]) for c in d.cards]
    by_row: dict[str, list[str]] = {}
    for c in cards:
        by_row.setdefault(c.source.quote, []).append(c.tags[1])
    rows = {q: kinds for q, kinds in by_row.items() if "compare" in kinds}
    assert rows, by_row
    assert all(kinds == ["compare"] for kinds in rows.values()), rows  # no cell card beside its comparison


def test_a_bracket_after_a_clause_is_no_definition():
    from anastro_quiz.generate.cards import definition_card
    from anastro_quiz.generate.facts import Fact

    quote = "During menopause, estrone predominates (both based on serum levels)."
    fact = Fact("definition", "e.md", quote, "Biology", subject="estrone predominates", answer="both based on serum levels")
    assert definition_card(fact) is None
    good = Fact("definition", "e.md", "Pharyngitis (inflammation of the pharynx) was reported.", "Side effects",
                subject="Pharyngitis", answer="inflammation of the pharynx")
    assert definition_card(good).data["prompt"] == "What is pharyngitis?"


def test_a_figure_beside_other_figures_is_not_blanked_but_a_lone_one_is(tmp_path):
    doc = tmp_path / "enza.md"
    doc.write_text("# Enzalutamide\n\n## Pharmacokinetics\n\n"
                   "Enzalutamide is eliminated 71.0% in urine, 13.6% in bile, and 0.39% in feces.\n"
                   "Similarly, the bioavailability of enzalutamide in rats is 89.7%.\n"
                   "Seizures have occurred in approximately 1% of patients treated with enzalutamide in trials.\n",
                   encoding="utf-8")
    answers = {str(c.data.get("answer")) for d in generate_decks([doc]) for c in d.cards}
    assert "1%" in answers
    assert not answers & {"71.0%", "13.6%", "0.39%", "89.7%"}, answers  # one of a set; an animal figure


def test_a_figure_whose_sentence_does_not_name_the_drug_names_it(tmp_path):
    doc = tmp_path / "abema.md"
    doc.write_text("# Abemaciclib\n\n## Pharmacokinetics\n\n"
                   "Abemaciclib is a kinase inhibitor taken by mouth.\n"
                   "After oral intake, absolute bioavailability is 45%.\n", encoding="utf-8")
    cards = [c for d in generate_decks([doc]) for c in d.cards if c.data.get("answer") == "45%"]
    assert cards and cards[0].data["prompt"] == "Abemaciclib: after oral intake, absolute bioavailability is _____."


def test_an_acronym_is_not_asked_but_the_articles_key_term_is_defined(tmp_path):
    doc = tmp_path / "bica.md"
    doc.write_text("# Bicalutamide\n\n## Pharmacology\n\n"
                   "Prostate cells depend on signalling through the androgen receptor (AR).\n"
                   "Osteoclasts, the giant cells that dissolve mineralized bone, respond to androgen signalling.\n"
                   + "Osteoclasts multiply when estradiol falls in men on bicalutamide.\n" * 2
                   + "Bicalutamide raises estradiol, which restrains osteoclasts in bone.\n", encoding="utf-8")
    prompts = [str(c.data.get("prompt")) for d in generate_decks([doc]) for c in d.cards]
    assert "What are osteoclasts?" in prompts, prompts  # the article's own subject matter
    assert "What does AR stand for?" not in prompts  # the initials spell it: readers kept none


def test_a_table_row_that_differs_only_in_degree_is_not_asked(tmp_path):
    doc = tmp_path / "letro.md"
    doc.write_text("# Letrozole\n\n## Effects by population\n\n"
                   "Letrozole lowers estradiol in women with breast cancer and in men on testosterone therapy.\n\n"
                   "| Parameter | Women with breast cancer | Men on TRT |\n|---|---|---|\n"
                   "| Osteoclast lifespan | Significantly extended | Moderately extended |\n"
                   "| Typical dosage | 2.5 mg daily | 2.5 mg once weekly |\n", encoding="utf-8")
    asked = {str(c.data.get("prompt")): c.data.get("answer") for d in generate_decks([doc]) for c in d.cards}
    assert "2.5 mg once weekly" in asked.values(), asked
    assert not any("lifespan" in p for p in asked), asked  # "Moderately extended": recalled by no one


def test_a_sentence_opening_however_it_names_the_subject_and_a_list_item_figure_is_not_asked(tmp_path):
    doc = tmp_path / "tam.md"
    doc.write_text("# Tamoxifen\n\n## Pharmacology\n\n"
                   "Tamoxifen acts as an estrogen receptor antagonist in breast tissue.\n"
                   "However, it has progonadotropic effects in premenopausal women and increases the ovulation rate "
                   "by 6-fold in them.\n\n## Medical uses\n\n"
                   "- Metastatic breast cancer in women in combination with ovarian suppression at 20 mg/day\n",
                   encoding="utf-8")
    prompts = {c.data.get("answer"): str(c.data.get("prompt")) for d in generate_decks([doc]) for c in d.cards}
    asked = prompts.get("6-fold", "")  # "It" named: by the sentence before it, or by the article's title
    assert "Tamoxifen" in asked and not asked.startswith("However"), prompts
    assert "20 mg/day" not in prompts  # a verbless list item says nothing about what the figure is


def test_comparisons_in_untitled_articles_read_together_name_their_subject():
    cards = [c for d in generate_decks(sorted((ROOT / "decks" / "sources").glob("*.txt")),
                                       ROOT / "decks" / "sources" / "topics.yaml") for c in d.cards]
    compares = [str(c.data["prompt"]) for c in cards if "compare" in c.data.get("tags", [])]
    assert compares and all("anastrozole" in p.lower() for p in compares), compares
