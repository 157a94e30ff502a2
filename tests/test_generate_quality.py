"""The card-quality checks (generate/quality.py) on hand-made cards, each both tripped and
passed, then gates on the shared corpus that hold today.

The corpus is ``shared/corpus/wiki`` beside the repository (as CI lays it out) or in
/work/shared; the gates skip when neither exists. Example sentences are short excerpts
from Wikipedia drug articles (CC BY-SA 4.0) or written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anastro_quiz.deck_model import Card, Deck
from anastro_quiz.generate import quality as Q
from anastro_quiz.generate.quality import CardView, SourceText

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "wiki", Path("/work/shared/corpus/wiki")) if p.is_dir()),
              None)

ARTICLE = """# Anastrozole

## Main

Anastrozole, sold under the brand name Arimidex among others, is an antiestrogenic medication used for breast cancer.
It is taken by mouth. Anastrozole is in the aromatase-inhibiting family of medications.
Peak levels of anastrozole occur a median 3 hours after administration.

| Dose | Women | Men |
|---|---|---|
| Typical | 1 mg daily | 0.5 mg twice weekly |

Common side effects of anastrozole include hot flashes, altered mood, joint pain, and nausea.
"""
DOC = SourceText.of("Anastrozole.md", ARTICLE)


def card(prompt: str, answer: str, type_: str = "typed", quote: str = "", **kw) -> CardView:
    return CardView(kw.pop("card_id", "number-0123456789"), kw.pop("kind", "number"), type_, prompt, answer,
                    quote=quote, document="Anastrozole.md", **kw)


# --- leftovers ---------------------------------------------------------------------------

@pytest.mark.parametrize("prompt", [
    "Anastrozole is an <i>aromatase</i> inhibitor taken as _____.",
    "Anastrozole &amp; letrozole are taken as _____.",
    "It is taken as _____ daily.[2]",
    "It is taken as _____ daily [citation needed].",
    "| Anastrozole | 1 mg | _____ daily",
    "**Dosage**: _____ daily",
    "## Dosage _____ daily",
    "The enzyme it targets ∞ _____",
])
def test_leftovers_are_found(prompt):
    assert Q.leftovers(card(prompt, "1 mg"))


def test_clean_prompts_have_no_leftovers():
    assert Q.leftovers(card("Anastrozole is taken as _____ once daily (see [...]).", "1 mg")) is None
    assert Q.leftovers(card("Anastrozole binds [...] competitively.", "aromatase", "cloze")) is None


def test_leftovers_in_an_option_or_explanation_count_too():
    assert Q.leftovers(card("Dose?", "1 mg", "choice", choices=("1 mg", "2 mg [3]")))
    assert Q.leftovers(card("Dose?", "1 mg", explanation="See <b>table</b>"))


# --- torn ranges, signs, units --------------------------------------------------------

@pytest.mark.parametrize("prompt", [
    "Aromatase inhibitors are given for 2–_____ of adjuvant therapy.",
    "Aromatase inhibitors are given for _____–3 years of adjuvant therapy.",
    "Steady-state levels are achieved within 7 to _____ of continuous administration.",
    "Lumbar spine BMD changed by −_____ at five years.",
    "Absorption is linear up to _____/day.",
    "The dose is _____mg daily.",
    "Puberty due to [...]–Albright syndrome.",
])
def test_torn_prompts_are_found(prompt):
    assert Q.torn(card(prompt, "3 years"))


def test_whole_figures_are_not_torn():
    assert Q.torn(card("Aromatase inhibitors are given for _____ of adjuvant therapy.", "2–3 years",
                       quote="Aromatase inhibitors are given for 2–3 years of adjuvant therapy.")) is None
    assert Q.torn(card("Risk of death rose from 24% to _____.", "91%",
                       quote="Risk of death rose from 24% to 91%.")) is None


def test_an_answer_that_lost_its_sign_is_torn():
    quote = "Lumbar spine BMD changed by −6.1% at five years."
    assert Q.torn(card("What was the lumbar spine BMD change at five years?", "6.1%", "basic", quote))
    assert Q.torn(card("What was the lumbar spine BMD change at five years?", "−6.1%", "basic", quote)) is None


# --- the answer given away -------------------------------------------------------------

def test_answer_in_prompt_is_found():
    assert Q.answer_in_prompt(card("Osteoclasts resorb bone; [...] live longer without estradiol.", "osteoclasts",
                                   "cloze"))
    assert Q.answer_in_prompt(card("The osteoclast count rises as [...] live longer.", "osteoclasts", "cloze"))
    assert Q.answer_in_prompt(card("Name two side effects besides hot flashes.", "hot flashes, nausea",
                                   items=("hot flashes", "nausea")))


def test_answer_not_in_prompt_passes():
    assert Q.answer_in_prompt(card("Estradiol deficiency prolongs the life of [...].", "osteoclasts", "cloze")) is None
    assert Q.answer_in_prompt(card("Statement", "True", "true_false")) is None


# --- length, pronouns, subject words ---------------------------------------------------

def test_long_prompt():
    assert Q.long_prompt(card(" ".join(["word"] * 41), "x")) == "41 words"
    assert Q.long_prompt(card(" ".join(["word"] * 40), "x")) is None


@pytest.mark.parametrize("prompt,quote", [
    ("It is taken as _____ once daily.", ""),
    ("This trial found a _____ drop in BMD.", ""),
    ("The drug is taken as _____ once daily.", ""),
    ("What does it inhibit?", ""),
    ("What does this drug inhibit?", ""),
    ("Antiandrogenic activity: This is especially true after castration, at _____.", ""),
    ("[...] is taken as 1 mg once daily.", "It is taken as 1 mg once daily."),
])
def test_dangling_pronouns(prompt, quote):
    assert Q.dangling_pronoun(card(prompt, "anastrozole", "cloze", quote))


def test_the_medication_unnamed_dangles():
    assert Q.dangling_pronoun(card("The elimination half-life of the medication is around _____.", "one week"), DOC)
    assert Q.dangling_pronoun(card("The half-life of the medication anastrozole is _____.", "two days"), DOC) is None
    assert Q.dangling_pronoun(card("The elimination half-life of the medication is around _____.", "one week")) is None


def test_named_subjects_do_not_dangle():
    assert Q.dangling_pronoun(card("Anastrozole is taken as _____ once daily.", "1 mg")) is None
    assert Q.dangling_pronoun(card("In men on TRT, primary concern: high risk of fractures.", "True",
                                   "true_false")) is None
    assert Q.dangling_pronoun(card("[...] is taken as 1 mg once daily.", "Anastrozole", "cloze",
                                   "Anastrozole is taken as 1 mg once daily.")) is None


def test_subject_words_come_from_title_brand_and_frequency():
    assert {"anastrozole", "arimidex"} <= DOC.subjects
    # a file name of hex digits names nothing; the most used rare word still counts
    hashed = SourceText.of("000_d7f3.txt", "Aromatase converts androgens. Aromatase is an enzyme.")
    assert hashed.subjects == {"aromatase"}


def test_subject_answer():
    assert Q.subject_answer(card("[...] is an aromatase inhibitor.", "Anastrozole", "cloze"), DOC)
    assert Q.subject_answer(card("Anastrozole blocks the [...] enzyme.", "aromatase", "cloze"), DOC) is None
    assert Q.subject_answer(card("[...] is an aromatase inhibitor.", "Anastrozole", "cloze"), None) is None


# --- choice options -------------------------------------------------------------------

def choice(answer: str, *options: str) -> CardView:
    return card("Which one?", answer, "choice", choices=options)


def test_duplicate_options():
    assert Q.duplicate_options(choice("estradiol", "estradiol", "Estradiol", "estrone"))
    assert Q.duplicate_options(choice("estradiol", "estradiol", "estrone", "estriol")) is None


def test_variant_options():
    assert Q.variant_options(choice("osteoclasts", "osteoclasts", "osteoclast", "osteoblasts"))
    assert Q.variant_options(choice("aromatase", "aromatase", "aromatase inhibitor", "kinase"))
    assert Q.variant_options(choice("osteoclasts", "osteoclasts", "osteoblasts", "osteocytes")) is None
    assert Q.variant_options(choice("5 years", "2 years", "5 years", "8 years")) is None


def test_true_false_options():
    assert Q.true_false_options(choice("aromatase", "aromatase", "True", "kinase"))
    assert Q.true_false_options(choice("aromatase", "aromatase", "kinase", "lipase")) is None


def test_mixed_options():
    assert Q.mixed_options(choice("5 years", "2 years", "5 years", "five years"))
    assert Q.mixed_options(choice("5 years", "2 mg", "5 years", "8 years"))
    assert Q.mixed_options(choice("osteoclasts", "osteoclasts", "osteoblasts", "12%"))
    assert Q.mixed_options(choice("5 years", "2 years", "5 years", "8 year")) is None
    assert Q.mixed_options(choice("osteoclasts", "osteoclasts", "osteoblasts", "bone marrow")) is None
    assert Q.mixed_options(choice("Pregnancy loss", "Pregnancy loss", "Peak: 200 pg/mL", "Cholestasis"))
    assert Q.mixed_options(choice("A relative estrogen deficiency", "A relative estrogen deficiency",
                                  "Its two hydroxyl groups", "Cyclin-dependent kinase 6")) is None
    assert Q.mixed_options(choice("two to four hours", "two to four hours", "one to two hours", "six hours")) is None
    assert Q.mixed_options(choice("Moderate reduction", "Moderate reduction",
                                  "Significant decrease (e.g. ~6-7% over 5 years)", "No change")) is None


# --- true/false keys --------------------------------------------------------------------

def tf(statement: str, key: bool, quote: str) -> CardView:
    return card(statement, "True" if key else "False", "true_false", quote, kind="contrast")


def test_false_key_that_the_text_states_is_unsupported():
    quote = "Peak levels of anastrozole occur a median 3 hours after administration."
    assert Q.unsupported_true_false(tf("Peak levels of anastrozole occur a median 3 hours after administration.",
                                       False, quote), DOC)
    assert Q.unsupported_true_false(tf("Peak levels of anastrozole occur a median 12 hours after administration.",
                                       False, quote), DOC) is None


def test_true_key_that_the_quote_does_not_back_is_unsupported():
    quote = "Peak levels of anastrozole occur a median 3 hours after administration."
    assert Q.unsupported_true_false(tf("Peak levels of anastrozole occur 12 hours after administration.", True, quote),
                                    DOC)
    assert Q.unsupported_true_false(tf("Anastrozole lowers bone mineral density in men.", True, quote), DOC)
    assert Q.unsupported_true_false(tf("Peak levels of anastrozole occur 3 hours after administration.", True, quote),
                                    DOC) is None


def test_negation_decides_whether_the_text_states_it():
    quote = "Use during pregnancy may harm the baby."
    doc = SourceText.of("x.md", "# X\n\nUse during pregnancy may harm the baby.\n")
    assert Q.unsupported_true_false(tf("Use during pregnancy may not harm the baby.", False, quote), doc) is None
    assert Q.unsupported_true_false(tf("Use during pregnancy may harm the baby.", False, quote), doc)
    assert Q.unsupported_true_false(tf("Use during pregnancy may not harm the baby.", True, quote), doc)
    assert Q.unsupported_true_false(tf("Use during pregnancy may harm the baby.", True, quote), doc) is None


def test_a_false_key_is_checked_against_every_article_of_the_run():
    statement = "In men, fracture risk rises with estradiol over-suppression."
    src = {"document": "a.md", "quote": "In women, fracture risk rises."}
    men = Card("contrast-00000000c1", "true_false", {"statement": statement, "answer": False, "source": src})
    other = "# B\n\nIn men, fracture risk rises with estradiol over-suppression.\n"
    alone = Q.assess([deck(men)], {"a.md": "# A\n\nIn women, fracture risk rises.\n"})
    together = Q.assess([deck(men)], {"a.md": "# A\n\nIn women, fracture risk rises.\n", "b.md": other})
    assert alone.flagged("unsupported_true_false") == 0
    assert together.flagged("unsupported_true_false") == 1


def test_true_key_may_lean_on_the_table_header():
    row = "| Typical | 1 mg daily | 0.5 mg twice weekly |"
    assert Q.unsupported_true_false(tf("In women, the typical dose is 1 mg daily.", True, row), DOC) is None


# --- trivia and false disagreements -----------------------------------------------------

def test_trivia():
    assert Q.trivia(card("Anastrozole was approved for medical use in _____.", "1995")).startswith("year")
    assert Q.trivia(card("What does FDA stand for?", "Food and Drug Administration", "basic")).startswith("institution")
    assert Q.trivia(card("What does EMA stand for?", "European Medicines Agency", "basic")).startswith("institution")
    assert Q.trivia(card("What does BMD stand for?", "Bone mineral density", "basic")) is None
    assert Q.trivia(card("What does SERM stand for?", "Selective estrogen receptor modulator", "basic")) is None
    assert Q.trivia(card("Anastrozole is taken as _____ once daily.", "1 mg")) is None


def test_fixed_term_half():
    assert Q.fixed_term_half(card("Anastrozole is an aromatase [...] taken daily.", "inhibitor", "cloze"))
    assert Q.fixed_term_half(card("Olaparib is termed a PARP [...].", "inhibitor", "cloze"))
    assert Q.fixed_term_half(card("The ATAC trial was a Phase [...] trial.", "III", "cloze"))
    assert Q.fixed_term_half(card("HR 0.30 (_____ CI: 0.22, 0.41).", "95%"))
    assert Q.fixed_term_half(card("Anastrozole is an [...] of aromatase.", "inhibitor", "cloze")) is None
    assert Q.fixed_term_half(card("HR 0.30 (95% CI: _____, 0.41).", "0.22")) is None


@pytest.mark.parametrize("text,weekly", [
    ("Typically 0.25 mg to 0.5 mg two times per week", (0.5, 1.0)),
    ("0.5-1 mg per week", (0.5, 1.0)),
    ("1 mg taken orally once per day", (7.0, 7.0)),
    ("0.5 mg twice a week", (1.0, 1.0)),
    ("1 mg every other day", (3.5, 3.5)),
    ("1 mg tablets", None),
])
def test_weekly_dose(text, weekly):
    from anastro_quiz.generate.quality_text import weekly_dose

    assert weekly_dose(text) == weekly


def test_false_disagreement():
    said = "Sources differ: the table “Typical Dosage” in b.txt gives: 0.5 mg to 1 mg per week"
    same = card("In men on TRT, what is the standard dosage?", "0.25 mg to 0.5 mg two times per week", "basic",
                explanation=said)
    other = card("In women, what is the standard dosage?", "1 mg once daily", "basic", explanation=said)
    assert Q.false_disagreement(same)
    assert Q.false_disagreement(other) is None
    assert Q.false_disagreement(card("Dose?", "0.5 mg per week", "basic")) is None


# --- grounding and answer length ------------------------------------------------------------

def test_ungrounded():
    assert Q.ungrounded(card("Peak?", "3 hours", quote="Peak levels occur 3 hours after a meal."), DOC)
    assert Q.ungrounded(card("Peak?", "3 hours"), DOC) == "no quote"
    wrapped = "Anastrozole, sold under the brand name Arimidex among others,\nis an antiestrogenic medication"
    assert Q.ungrounded(card("Brand?", "Arimidex", quote=wrapped), DOC) is None
    assert Q.ungrounded(card("Dose?", "1 mg", quote="Typical: 1 mg daily"), DOC) is None


def test_flatten_drops_citations_and_markdown():
    assert Q.flatten("It is **taken**[2] by\nmouth [citation needed].") == "It is taken by mouth."


def test_long_answer():
    assert Q.long_answer(card("Goal?", " ".join(["word"] * 13), "basic")) == "13 words"
    assert Q.long_answer(card("Compare?", "women: " + " ".join(["w"] * 10) + "; men: " + " ".join(["m"] * 10),
                              "basic")) is None
    assert Q.long_answer(card("Name two.", "a, b", items=("a " * 13, "b"))) == "13 words"
    chain = ("The clinical use of anastrozole → the degree of estrogen reduction → the magnitude of its effect "
             "on bone")
    assert Q.long_answer(card("Trace the chain.", chain, "basic", kind="chain")) is None


# --- per deck -----------------------------------------------------------------------------

def deck(*cards: Card) -> Deck:
    return Deck("d", "D", cards=list(cards))


def cloze(n: int, answer: str, kind: str = "term") -> Card:
    return Card(f"{kind}-{n:010x}", "cloze", {"text": f"Fact {n} is about {{{{c1::{answer}}}}}.", "tags": ["t", kind],
                                              "source": {"document": "Anastrozole.md", "quote": f"Fact {n}."}})


def test_card_kind_from_id_then_tags():
    assert Q.card_kind("why-3fa2b1c4d5", ["dosing"], "basic") == "why"
    assert Q.card_kind("my-card", ["dosing", "chain"], "basic") == "chain"
    assert Q.card_kind("my-card", ["dosing"], "basic") == "basic"


def test_answer_shares_and_teacher_share():
    cards = [cloze(i, "aromatase") for i in range(3)] + [cloze(i + 3, f"term{i}") for i in range(16)]
    cards.append(Card("why-00000000aa", "basic", {"prompt": "Why?", "answer": "Because"}))
    result = Q.assess([deck(*cards)], {"Anastrozole.md": ARTICLE})
    figures = result.figures()
    assert figures["cards"] == 20
    assert figures["kinds"] == {"term": 19, "why": 1}
    assert figures["top_answer"] == "aromatase" and figures["top_answer_share"] == pytest.approx(0.15)
    assert set(figures["overused_answers"]) == {"aromatase"}
    assert figures["teacher_share"] == pytest.approx(0.05)


def test_repeats_are_the_same_question_or_the_same_blank_of_one_quote():
    a = cloze(1, "aromatase")
    b = Card("term-00000000bb", "choice", {"prompt": "Fact 1 is about _____.", "answer": "aromatase",
                                           "choices": ["aromatase", "kinase"],
                                           "source": {"document": "Anastrozole.md", "quote": "Fact 1."}})
    c = cloze(2, "aromatase")  # the same answer from another sentence is no repeat
    result = Q.assess([deck(a, b, c)], {"Anastrozole.md": ARTICLE})
    assert result.repeats() == [(b.id, a.id)]


def test_overlaps_are_answers_inside_another_answer_of_the_same_quote():
    row = {"document": "Anastrozole.md", "quote": "| Typical | 1 mg daily | 0.5 mg twice weekly |"}
    men = Card("table-00000000b1", "basic", {"prompt": "In men, what is the typical dose?",
                                             "answer": "0.5 mg twice weekly", "source": row})
    both = Card("compare-00000000b2", "basic", {"prompt": "Compare the typical dose in women and men.",
                                                "answer": "Women: 1 mg daily; men: 0.5 mg twice weekly", "source": row})
    elsewhere = Card("compare-00000000b3", "basic", {"prompt": "Compare the peak in women and men.",
                                                     "answer": "Women: 2 hours; men: 0.5 mg twice weekly",
                                                     "source": {"document": "Anastrozole.md", "quote": "Other."}})
    result = Q.assess([deck(men, both, elsewhere)], {"Anastrozole.md": ARTICLE})
    assert result.overlaps() == [(both.id, men.id)]


def test_leaks_are_answers_shown_by_another_card():
    quote = "Peak levels of anastrozole occur a median 3 hours after administration."
    src = {"document": "Anastrozole.md", "quote": quote}
    figure = Card("number-00000000a1", "typed", {"prompt": "Peak levels occur a median _____ after administration.",
                                                 "answer": "3 hours", "source": src})
    term = Card("term-00000000a2", "cloze", {"text": "Peak levels of {{c1::anastrozole}} occur a median 3 hours after "
                                                      "administration.", "source": src})
    mouth = {"document": "Anastrozole.md", "quote": "It is taken by mouth."}
    other = Card("term-00000000a3", "cloze", {"text": "Anastrozole is taken by {{c1::mouth}}.", "source": mouth})
    share = Card("number-00000000a4", "typed", {"prompt": "About _____ of it is bound to proteins.", "answer": "40%",
                                                "source": {"document": "Anastrozole.md", "quote": "It is 40% bound."}})
    chance = Card("number-00000000a5", "typed", {"prompt": "Of 40% of patients, _____ had hot flashes.",
                                                 "answer": "3 days",
                                                 "source": {"document": "Anastrozole.md", "quote": "Another."}})
    steady = Card("number-00000000a6", "typed", {"prompt": "Steady state takes 3 days; the peak comes at _____.",
                                                 "answer": "2 hours", "source": {"document": "Anastrozole.md",
                                                                                 "quote": "Steady."}})
    result = Q.assess([deck(figure, term, other, share, chance, steady)], {"Anastrozole.md": ARTICLE})
    assert result.leaks() == [(term.id, figure.id), (steady.id, chance.id)]


def test_quiz_options_are_judged_by_the_same_checks(monkeypatch):
    from anastro_quiz import quiz

    facts = ["Steady state comes after {{c1::7 days}}.", "Peak levels come after {{c1::3 days}} of dosing.",
             "The half-life of the drug is {{c1::5 days}}.", "Bone loss shows within {{c1::12 days}} of starting.",
             "Follow-up in the trial lasted {{c1::20 days}}."]
    cards = [Card(f"number-{i:010x}", "cloze", {"text": text, "tags": ["t", "number"]}) for i, text in enumerate(facts)]
    asked, bad = Q.quiz_options([deck(*cards)])
    assert asked == 5 and bad == []

    def offers_true(item, pool, rng, prefer=None):
        return quiz.Question(item, "choice", item.prompt, item.answer, (item.answer, "True", "kinase"))

    monkeypatch.setattr(quiz, "make_question", offers_true)
    asked, bad = Q.quiz_options([deck(*cards)])
    assert asked == 5 and {check for _, check, _ in bad} == {"true_false_options"}


def test_assess_counts_each_card_once_with_its_flags():
    quote = "It is taken by mouth."
    bad = Card("number-00000000ff", "typed", {"prompt": "It is taken as 2–_____ daily.[3]", "answer": "3 mg",
                                              "source": {"document": "Anastrozole.md", "quote": quote}})
    good = Card("number-00000000ee", "typed", {"prompt": "Anastrozole is taken _____.", "answer": "by mouth",
                                               "source": {"document": "Anastrozole.md", "quote": quote}})
    result = Q.assess([deck(bad, good)], {"Anastrozole.md": ARTICLE})
    assert [sorted(c.flags) for c in result.cards] == [["dangling_pronoun", "leftovers", "torn"], []]
    assert result.flagged("torn") == 1 and result.flagged("long_prompt") == 0
    assert result.figures()["reasons"]["torn"] == {"range torn": 1}


# --- gates on the shared corpus (what holds on main today) ---------------------------------

def _corpus_results():
    from anastro_quiz.generate import generate_decks

    out = {}
    for path in sorted(CORPUS.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        out[path.name] = Q.assess(generate_decks([path]), {path.name: path.read_text(encoding="utf-8")})
    return out


@pytest.fixture(scope="module")
def corpus():
    if CORPUS is None:
        pytest.skip("shared/corpus/wiki is not on this machine")
    return _corpus_results()


def test_every_corpus_article_gives_cards(corpus):
    assert len(corpus) >= 10
    # a short article can give few cards: a card a student throws away costs more than no card
    assert all(len(r.cards) >= 1 for r in corpus.values()), {n: len(r.cards) for n, r in corpus.items()}
    # fewer than the 188 of the first generator, which readers judged a third worth keeping; 74 at
    # the third reading's rules (lists of ten, time to peak and steady state, a second treatment
    # duration, an answer spelled in the prompt, decimals of protein binding, findings in mice:
    # cards readers threw away; the kept cards readers judged KEEP went from 54 to 53)
    assert sum(len(r.cards) for r in corpus.values()) >= 70


CORPUS_GATES = ["leftovers", "torn", "answer_in_prompt", "long_prompt", "dangling_pronoun", "subject_answer",
                "duplicate_options", "variant_options", "true_false_options", "mixed_options",
                "unsupported_true_false", "trivia", "fixed_term_half", "false_disagreement", "ungrounded",
                "long_answer"]


@pytest.mark.parametrize("check", CORPUS_GATES)
def test_corpus_gate(corpus, check):
    found = {n: [c.flags[check] for c in r.cards if check in c.flags] for n, r in corpus.items()}
    assert not any(found.values()), {n: f for n, f in found.items() if f}


def test_corpus_articles_overuse_no_answer_and_repeat_no_question(corpus):
    found = {n: (r.overused_answers(), r.repeats()) for n, r in corpus.items()}
    assert not any(a or b for a, b in found.values()), {n: f for n, f in found.items() if any(f)}


def test_corpus_quiz_options():
    if CORPUS is None:
        pytest.skip("shared/corpus/wiki is not on this machine")
    from anastro_quiz.generate import generate_decks

    for path in sorted(CORPUS.glob("*.md")):
        if path.name.lower() != "readme.md":
            assert Q.quiz_options(generate_decks([path]))[1] == [], path.name


# --- gates on the shipped decks (always here, so they also run where the corpus is not) ------

BUNDLED_GATES = ["leftovers", "torn", "answer_in_prompt", "long_prompt", "dangling_pronoun", "subject_answer",
                 "duplicate_options", "variant_options", "true_false_options", "mixed_options",
                 "unsupported_true_false", "trivia", "fixed_term_half", "false_disagreement", "ungrounded"]


@pytest.fixture(scope="module")
def shipped():
    from anastro_quiz.decks import load_deck

    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "decks" / "sources").glob("*.txt")}
    return Q.assess([load_deck(p) for p in sorted((ROOT / "decks").glob("*.yaml"))], sources)


@pytest.mark.parametrize("check", BUNDLED_GATES)
def test_shipped_decks_gate(shipped, check):
    assert len(shipped.cards) >= 35  # the decks are there (fewer cards, kept by a reader)
    assert shipped.flagged(check) == 0, [c.flags[check] for c in shipped.cards if check in c.flags]


def test_quiz_mode_offers_good_options_on_the_shipped_decks():
    from anastro_quiz.decks import load_deck

    asked, bad = Q.quiz_options([load_deck(p) for p in sorted((ROOT / "decks").glob("*.yaml"))])
    # (a table row asked as one comparison leaves fewer one-part answers to offer; the ATAC hip
    # figure is typed since its options could only be its own multiples; the monitoring row is a
    # list card, since its comparison could keep only one of the men's four items; "How does
    # anastrozole work?" is not asked beside the cloze that shows its answer; "What are androgens?",
    # a bracket gloss of a general word, is not asked, which leaves the mechanism deck's
    # definitions too few to offer one another as options; "Osteoclasts live longer and become more
    # active: with what result?", read WEAK twice, is not asked, and with it the osteoclast deck's
    # "How does estradiol shorten the lifespan of osteoclasts?" has too few why answers beside it;
    # the dosing deck's "too high" and "too low" are one card, read WEAK apart by the tenth reading,
    # which leaves its actions too few to offer one another)
    assert asked >= 1
    assert bad == []  # no half of a comparison's answer offered as a wrong option either


def test_shipped_decks_overuse_no_answer_and_are_a_quarter_teacher_cards(shipped):
    assert shipped.overused_answers() == {}
    assert shipped.teacher_share() >= 0.25, shipped.kinds()
