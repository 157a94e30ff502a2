"""Quality of the shipped decks in decks/: grounding, coverage, no junk, no drift."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from anastro_quiz.decks import dump_deck, load_decks, validate_paths
from anastro_quiz.generate import generate_decks
from anastro_quiz.generate.clean import lost_words

ROOT = Path(__file__).resolve().parents[1]
DECKS = ROOT / "decks"
SOURCES = DECKS / "sources"
DOCUMENTS = [SOURCES / "000_d7f352855e4ae8a5.txt", SOURCES / "003_f596ba227722da9a.txt"]
TOPIC_FILE = SOURCES / "topics.yaml"
# The two pages were saved without their headings; their titles (from their addresses,
# hrtio.com/question/<title>) are given to the generator, as README's command does.
TITLES = {"000_d7f352855e4ae8a5.txt": "What Are the Differentiating Considerations for Anastrozole Use in Men versus Women?",
          "003_f596ba227722da9a.txt": "How Does Anastrozole Affect Bone Density in Men versus Women?"}
TOPICS = {"mechanism", "osteoclast-regulation", "atac-bmd", "dosing", "monitoring-systemic"}

# The key facts a student is examined on: each entry is a set of patterns that must all
# appear in one card (question, answer, cloze text, statement, choices or explanation).
KEY_FACTS = {
    "aromatase converts androgens into estrogens": [r"aromatase", r"androgens", r"estrogens"],
    "anastrozole binds aromatase competitively": [r"competitively", r"aromatase"],
    "ATAC: 6.1% lumbar-spine loss": [r"6\.1%", r"lumbar spine"],
    "ATAC: 7.2% total-hip loss": [r"7\.2%", r"total hip"],
    "ATAC expansion": [r"ATAC", r"Arimidex, Tamoxifen, Alone or in Combination"],
    "estradiol promotes osteoclast apoptosis": [r"[Ee]stradiol", r"osteoclasts", r"programmed cell death|apoptosis"],
    "estradiol suppresses osteoclast formation": [r"[Ee]stradiol", r"formation of new osteoclasts"],
    "RANKL drives osteoclast formation": [r"RANKL", r"osteoclast"],
    "M-CSF drives osteoclast formation": [r"M-CSF", r"Macrophage Colony-Stimulating Factor|osteoclast"],
    "ERα is estrogen receptor alpha": [r"ERα", r"[Ee]strogen receptor alpha"],
    "TRT expansion": [r"TRT", r"Testosterone Replacement Therapy"],
    "osteoblasts build bone": [r"[Oo]steoblasts", r"building|bone-building"],
    "osteoclasts break down bone": [r"[Oo]steoclasts", r"breaking down|resorption|bone-resorbing"],
    "women's dose is 1 mg daily": [r"\b1 mg\b", r"every day|once per day|daily"],
    "men's dose is a fraction, a few times a week": [r"0\.5 mg|0\.25 mg", r"week"],
    "2009 study: spine BMD fell in older men": [r"spine BMD|posterior-anterior", r"one year|2009|placebo"],
    "estradiol maintains bone mass in aging men": [r"[Ee]stradiol", r"bone mass in aging men"],
    "women: cholesterol and LDL rise": [r"cholesterol", r"LDL|low-density lipoprotein"],
    "women: more ischemic cardiovascular events": [r"ischemic"],
    "off-label in men, FDA-approved in women": [r"[Oo]ff-label|FDA-approved"],
    "bone density is monitored with DEXA in women": [r"DEXA"],
    "bisphosphonates protect bone": [r"[Bb]isphosphonates"],
    "adjuvant therapy lasts 5 years or more": [r"5 years"],
    "men are monitored by serum estradiol and lipids": [r"[Ss]erum estradiol|lipid panels"],
    "aims: suppression in women, balance in men": [r"therapeutic suppression|[Mm]aximal suppression|[Pp]rofound estrogen suppression"],
    "estradiol is the primary form of estrogen": [r"[Ee]stradiol", r"primary form of estrogen"],
    "LDL expansion": [r"LDL", r"[Ll]ow-density lipoprotein"],
}

# Sentences of the two articles that lost words when scraped; no card may use them.
LOST = [
    "For with cancer, anastrozole therapy is a well-established",
    "contributes to bone mineral density, supports healthy cognitive function",
    "within the context of (TRT)",
    "we can examine the specific that govern its use",
    "the management of associated with levels",
    "removing all braking mechanisms on activity.",
    "The integrated nature of the means that",
    "For men undergoing Therapy (TRT)",
    "the monitoring of is the central component",
    "its primary mechanism of to a systems-biology perspective",
    "The resulting impact on (BMD) is a primary concern",
    "a more atherogenic or loss of cardiovascular protection",
    "converted into by an enzyme called aromatase",
    "ensuring that does not outpace bone formation",
    "When decline, this braking system is released",
    "anastrozole’s impact on is a universal physiological event",
    "For with hormone receptor-positive breast cancer",
    "experienced notable decreases in (BMD)",
    "This accelerated directly translates",
    "the tightly coupled dance of and resorption",
    "it’s often prescribed alongside (TRT)",
]
CAPTION_WORDS = re.compile(r"\b(symboliz\w+|embod\w+|exemplif\w+|visual metaphor|serene|morel|orb|pear)\b", re.I)


def card_text(card) -> str:
    """Everything a learner sees on a card."""
    d = card.data
    parts = [d.get(k) for k in ("prompt", "answer", "statement", "explanation")]
    parts.append(re.sub(r"\{\{c\d+::(.*?)(::.*?)?\}\}", r"\1", str(d.get("text", ""))))
    parts += [str(c) for c in d.get("choices") or []]
    return " ".join(str(p) for p in parts if p is not None)


@pytest.fixture(scope="module")
def shipped():
    return load_decks([DECKS])


@pytest.fixture(scope="module")
def cards(shipped):
    return [c for deck in shipped for c in deck.cards]


def test_shipped_decks_validate():
    assert validate_paths([DECKS]) == []


def test_topic_decks_present(shipped):
    assert TOPICS <= {d.id for d in shipped}


def test_every_quote_stands_verbatim_in_its_source(cards):
    texts = {p.name: p.read_text(encoding="utf-8") for p in DOCUMENTS}
    for card in cards:
        src = card.source
        assert src is not None and src.document in texts, card.id
        assert src.quote in texts[src.document], (card.id, src.quote)


@pytest.mark.parametrize("fact", sorted(KEY_FACTS))
def test_key_fact_is_asked(fact, cards):
    patterns = [re.compile(p) for p in KEY_FACTS[fact]]
    assert any(all(p.search(card_text(c)) for p in patterns) for c in cards), fact


def test_key_fact_list_is_long_enough():
    assert len(KEY_FACTS) >= 20


def test_card_count_in_range(cards):
    # a card a student throws away costs more than no card: fewer than the first generator's 119
    # (35 since a bracket gloss of a general word, "What are androgens?", is not asked)
    assert 35 <= len(cards) <= 300


def test_no_caption_boilerplate_or_lost_words(cards):
    for card in cards:
        text = card_text(card) + " " + card.source.quote
        assert not CAPTION_WORDS.search(text), (card.id, text)
        assert "Skip to main content" not in text
        assert not re.search(r"\bet al\.|\bReflection\b", text), card.id


def test_no_card_tests_or_shows_a_sentence_with_lost_words(cards):
    """The tested sentence (the card's quote) never lost words, and a student never sees a hole.
    A sentence that lost only an acronym's expansion may stand before a question as context,
    shown repaired ("decreases in (BMD)" -> "decreases in BMD"); it is never what is asked."""
    for card in cards:
        shown, quote = card_text(card), card.source.quote
        assert lost_words(quote) is None, (card.id, quote)
        for fragment in LOST:
            assert fragment not in quote, (card.id, fragment)
            assert fragment not in shown, (card.id, fragment)
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z])", shown):
            assert lost_words(sentence) is None, (card.id, sentence)


def test_numeric_cards_carry_their_study_context(cards):
    """"The reduction was approximately _____ in the lumbar spine" must say which study, who,
    for how long and what was measured, compactly: "ATAC trial, postmenopausal women, five years:
    reduction in BMD in the lumbar spine?" (the measure comes from a context sentence that lost
    only "bone mineral density" before "(BMD)")."""
    atac = [c for c in cards if c.type in ("typed", "choice") and "lumbar spine" in c.data["prompt"]]
    assert atac
    for card in atac:
        prompt = card.data["prompt"]
        for needed in ("ATAC", "postmenopausal women", "five years", "BMD"):
            assert needed in prompt, (needed, prompt)
        assert len(prompt.split()) <= 20, prompt
    men = [c for c in cards if c.type in ("typed", "choice", "basic") and "posterior-anterior spine BMD" in c.data["prompt"]]
    assert men and all("2009 study" in c.data["prompt"] and "older men" in c.data["prompt"] for c in men)


def test_lost_word_detector_flags_every_known_case():
    texts = {p.name: p.read_text(encoding="utf-8") for p in DOCUMENTS}
    whole = "\n".join(texts.values())
    for fragment in LOST:
        sentence = next(s for s in re.split(r"(?<=[.?!])\s+|\n", whole) if fragment in s)
        assert lost_words(sentence), sentence


def test_no_two_cards_in_a_deck_ask_the_same_thing(shipped):
    for deck in shipped:
        asks = [re.sub(r"\W+", " ", card_text(c).lower()).strip() for c in deck.cards]
        assert len(asks) == len(set(asks)), deck.id
        ids = [c.id for c in deck.cards]
        assert len(ids) == len(set(ids))


def test_choice_cards_have_three_distinct_options(cards):
    for card in cards:
        if card.type == "choice":
            choices = [str(c) for c in card.data["choices"]]
            assert len(set(choices)) == len(choices) >= 3, card.id
            assert str(card.data["answer"]) in choices


def test_prompts_do_not_give_away_their_answer(cards):
    from anastro_quiz.generate.cards import contains_answer

    for card in cards:
        if card.type in ("basic", "typed", "choice"):
            assert not contains_answer(card.data["prompt"], str(card.data["answer"])), card.id


def test_prompts_stand_on_their_own(cards):
    dangling = re.compile(r"^(It|Its|This|These|They|Their|Such)\b")
    for card in cards:
        prompt = card.data.get("prompt") or card.data.get("text") or card.data.get("statement")
        assert not dangling.match(str(prompt)), (card.id, prompt)


def test_several_card_types_are_used(cards):
    # (no choice card: the two articles hold too few figures of one unit for honest options, and
    # options made by scaling the key were guessable; choice cards are tested in test_generate_cards)
    types = {c.type for c in cards}
    assert {"cloze", "basic", "typed"} <= types


def test_decks_do_not_drift_from_the_generator():
    """decks/ must be exactly what the generator writes today (regenerate with the CLI)."""
    decks = generate_decks(DOCUMENTS, TOPIC_FILE, titles=TITLES)
    expected = {f"{d.id}.yaml": dump_deck(d) for d in decks}
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in DECKS.glob("*.yaml")}
    assert sorted(on_disk) == sorted(expected), "regenerate with the command in README (Generating decks from articles)"
    for name, text in expected.items():
        assert on_disk[name] == text, f"{name} drifted; regenerate with the command in README"


def test_every_bundled_source_is_named_by_its_title(shipped):
    for deck in shipped:
        assert deck.sources and all(entry.get("title") == TITLES[entry["document"]] for entry in deck.sources), deck.id


def test_generation_is_deterministic():
    first = [dump_deck(d) for d in generate_decks(DOCUMENTS, TOPIC_FILE)]
    second = [dump_deck(d) for d in generate_decks(DOCUMENTS, TOPIC_FILE)]
    assert first == second


def test_card_ids_survive_an_unrelated_added_fact(tmp_path):
    """Ids hash card content: adding a paragraph elsewhere keeps every existing id."""
    original = DOCUMENTS[1].read_text(encoding="utf-8")
    extra = original.replace(
        "\nIntermediate\n",
        "\nOsteocytes, the long-lived cells embedded in mineralized bone matrix, sense mechanical load.\n\n"
        "Intermediate\n", 1)
    copy = tmp_path / DOCUMENTS[1].name
    copy.write_text(extra, encoding="utf-8")
    before = {c.id for d in generate_decks([DOCUMENTS[1]], TOPIC_FILE) for c in d.cards}
    after = {c.id for d in generate_decks([copy], TOPIC_FILE) for c in d.cards}
    assert len(before - after) <= 2  # at most cards the new fact made redundant
    assert len(after) >= len(before)


def test_generator_never_imports_textual():
    code = ("import sys, anastro_quiz.generate.pipeline, anastro_quiz.cli.generate; "
            "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_table_prompts_read_like_questions(cards):
    """Table cells are asked as questions about a population, not "Caption: Row, column?"."""
    for card in cards:
        if card.id.startswith("table-"):
            prompt = card.data["prompt"]
            assert prompt.endswith("?") and ", what " in prompt, prompt
            assert len(str(card.data["answer"]).split()) <= 16, card.data["answer"]


def test_articles_that_agree_on_a_dose_are_not_said_to_differ(cards):
    """The two articles write the men's dose differently ("0.25 mg to 0.5 mg two times per week",
    "0.5 mg to 1 mg per week"), but it is one regimen, 0.5-1 mg a week: no card claims that the
    sources differ, and the dose cards ask plainly."""
    male_dose = [c for c in cards if c.id.startswith(("table-", "compare-")) and "men" in c.data["prompt"].lower()
                 and "dosage" in c.data["prompt"]]
    assert male_dose  # (the selection may keep only one of the two; a comparison asks both groups)
    for card in cards:
        assert "Sources differ" not in str(card.data.get("explanation", "")), card.id
        assert not str(card.data.get("prompt", "")).startswith("According to the table"), card.id


# True of men too by the articles (issue 8): never a men's statement keyed False.
TRUE_FOR_MEN_TOO = [r"fracture", r"lipid|cholesterol|LDL", r"unable to compensate|insufficient to offset",
                    r"bone (?:mineral )?density (?:loss|reduction)"]


def test_no_true_false_keyed_false_is_said_by_a_source(cards):
    """A statement keyed False never stands verbatim, for the people it names, in a source
    sentence about them or in one of their own table cells; and none of the statements the
    articles make of men too ("increased fracture risk", lipid changes) is keyed False for men.
    Checked on every true/false candidate, kept or not (the shipped decks keep few: readers
    found a cell's true/false twin a repeat of the cell)."""
    from anastro_quiz.generate.contrast import group_words
    from anastro_quiz.generate.pipeline import generate, read
    from anastro_quiz.generate.table_cards import population

    docs = [read(p) for p in DOCUMENTS]
    candidates = [c.data for c in cards] + [s.draft.data for s in generate(DOCUMENTS, SOURCES / "topics.yaml").skipped]
    false_cards = [d for d in candidates if "statement" in d and d["answer"] is False]
    assert false_cards
    for data in false_cards:
        card = type("Candidate", (), {"id": data["statement"], "data": data})
        who, _, claim = card.data["statement"].rstrip(".").partition(", ")
        claim = claim.split(": ", 1)[1] if ": " in claim else re.sub(r"^the [\w ]+? (?:is|are) ", "", claim)
        group = group_words(who)
        assert len(claim.split()) >= 2, card.id
        said = [s.text for d in docs for s in d.sentences if group & set(re.findall(r"[a-z]+", s.text.lower()))]
        said += [f.answer for d in docs for f in d.facts if f.kind == "cell"
                 and group & group_words((population(f.detail.column) or ("?", ""))[0])]
        for text in said:
            assert claim.lower() not in text.lower(), (card.id, text)
        if group & {"men"}:
            for pattern in TRUE_FOR_MEN_TOO:
                assert not re.search(pattern, claim, re.I), (card.id, claim)
