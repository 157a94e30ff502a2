"""The generator's faster paths give what the slower ones gave: pysbd's sentences found without a
regex per sentence and its abbreviations tried only where they can change a line, whole-word searches without a pattern per term, a long document's
paragraphs split in helper processes, look-ups that replaced a scan of the whole document per
card. Invented text throughout."""

import random
import re
import sys

import pysbd
import pytest

from anastro_quiz.generate import parallel
from anastro_quiz.generate.extract import block_sentences
from anastro_quiz.generate.pipeline import generate, generate_decks
from anastro_quiz.generate.segmenter import Segmenter
from anastro_quiz.generate.teacher_chains import _LowerTexts
from anastro_quiz.generate.teacher_context import _first_named
from anastro_quiz.patterns import find_whole, whole, whole_spans
from anastro_quiz.decks import dump_deck

PARAGRAPHS = [
    "Dr. Vale gave 2.5 mg daily. The dose was halved (e.g. in the elderly).  It worked.\n",
    "The drug works. The drug works. The drug works.",
    "Fenrolide blocks the Q-receptor, i.e. the receptor on plain cells. See Fig. 2 for the U.S. data.",
    "  Leading space. Trailing tab.\t",
    "One line\nand another. Then a list: a) first, b) second. Done!",
    "A trial reported \"Dosing stopped in 29%. Nausea was common.\" The end.",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_segmenter_finds_the_sentences_pysbd_finds(text):
    assert Segmenter(language="en", clean=False).segment(text) == \
        pysbd.Segmenter(language="en", clean=False).segment(text)



def test_abbreviations_are_handled_as_pysbd_handles_them():
    # abbreviations (plain, dotted, prepositive, before a number) beside periods, capitals, digits,
    # brackets and the characters re.I takes for ASCII letters (ſ, the Kelvin sign, İ, ı)
    rng = random.Random(13)
    pieces = ["al", "Al", "AL", "dr", "Dr", "e.g", "i.e", "u.s", "no", "No", "fig", "vs", "st", "St", "\u017ft",
              " \u017ft. a", " \u212ag. b", " Dr. x", " no. 2", " fig. (",
              "\u212a", "\u0130", "\u0131", "é", "–", "also", "Fenrolide", "the", "2", "10", "(", ")", ":", ",",
              "?", "!", "-", ".", ".", ".", " ", " ", " ", " ", "\n", "I", "a", "mg", "approx", "p", "pp"]
    ours, theirs = Segmenter(language="en", clean=False), pysbd.Segmenter(language="en", clean=False)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        assert ours.segment(text) == theirs.segment(text), text


def test_the_c_stemmer_gives_the_pure_python_stems():
    # snowballstemmer hands stemming to PyStemmer (Snowball's C code) when it is installed
    pytest.importorskip("Stemmer")  # without it both sides are the pure-Python stemmer
    import snowballstemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    rng = random.Random(17)
    ours, pure = snowballstemmer.stemmer("english"), EnglishStemmer()
    endings = ["", "s", "es", "ies", "ed", "ing", "ly", "ness", "ation", "ational", "izer", "fulness", "'s", "-like"]
    for _ in range(5000):
        word = "".join(rng.choice("aeiouybcdfgklmnprstvwxz") for _ in range(rng.randrange(1, 12))) + rng.choice(endings)
        assert ours.stemWord(word) == pure.stemWord(word), word


def test_the_pure_python_stemmer_stems_as_the_tested_snowball_does():
    # Without PyStemmer, snowballstemmer's own Python stemmer stems. Before 3.1 (Snowball 3.1) it
    # ran words together that the C stemmer keeps apart (2.2: internal, interval -> intern, interv;
    # lateral -> later, organic -> organ; 3.0: the inter- words), so claims would match across them.
    from snowballstemmer.english_stemmer import EnglishStemmer

    pure = EnglishStemmer()
    pairs = {"internal": "intern", "interval": "inter", "lateral": "later", "organic": "organ",
             "organism": "organ", "added": "ad", "paste": "past", "evening": "even"}
    assert all(pure.stemWord(word) != pure.stemWord(other) for word, other in pairs.items())
    assert [pure.stemWord(w) for w in ("intervals", "emergency", "psychologist", "interfering")] == [
        "interval", "emergenc", "psycholog", "interfer"]


def test_lost_words_rules_looked_for_lower_cased_first_find_what_they_find_alone():
    # words each rule looks for, in any case, some with the characters re.I folds to ASCII letters
    from anastro_quiz.generate.clean import _LOST_RULES, broken_rule

    rng = random.Random(19)
    vocabulary = ["of", "for", "with", "into", "by", "to", "on", "in", "is", "are", "and", "or", "the", "a", "an",
                  "this", "specific", "generous", "clinic", "that", "which", "ensuring", "something", "When", "If",
                  "rare", "it", "activity", "levels", "function", "production", "secretion", "loss", "sought",
                  "associated", "accelerated", "directly", "translates", "more", "means", "modulating", "suggests",
                  "\u017fecretion", "\u212aeeping", "\u0130f", "\u0131s", "é", ".", ",", ";", ")"]
    found = set()
    for _ in range(10000):
        words = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 9))]
        words = [w.upper() if rng.random() < 0.1 else w.title() if rng.random() < 0.2 else w for w in words]
        text = " ".join(words)
        alone = next((reason for reason, rule in _LOST_RULES if rule.search(text)), None)
        assert broken_rule(text) == alone, text
        found.add(alone)
    assert len(found) >= 8  # most rules were broken somewhere


def test_a_resolved_it_is_found_as_without_the_cache():
    # the same sentence after other sentences, in an article on another drug, resolves anew
    from anastro_quiz.generate import teacher_clauses as T
    from anastro_quiz.generate.extract import Sentence

    rng = random.Random(23)
    openers = ["It", "It", "Fenrolide", "Masotinib", "The medication", "This drug", "However, it", "The results",
               "It is thought that it", "Quelarin, sold as Quelix,"]
    rests = ["is a kinase inhibitor.", "works by blocking the Q-receptor.", "lowers estradiol.", "was approved in 2001."]
    texts = [f"{o} {r}" for o in openers for r in rests]
    runs = []
    for _ in range(300):
        drug = rng.choice([None, "fenrolide", "masotinib"])
        chain = [Sentence(rng.choice(texts), "a.md", "S", "S") for _ in range(rng.randrange(1, 6))]
        for before, s in zip(chain, chain[1:]):
            s.previous = before if rng.random() < 0.7 else None
            s.before = before
        runs.append((drug, chain))
    cached = []
    for drug, chain in runs:
        T.DOCUMENT_DRUG[:] = [drug] if drug else []
        cached.append([T.resolved_text(s) for s in chain])
    for (drug, chain), results in zip(runs, cached):
        T.DOCUMENT_DRUG[:] = [drug] if drug else []
        for s, result in zip(chain, results):
            T._resolved.cache_clear()
            assert T.resolved_text(s) == result, (drug, s.text)
    named = Sentence("Fenrolide is a kinase inhibitor.", "a.md", "S", "S")
    other = Sentence("The results were clear.", "a.md", "S", "S")
    it = "It lowers estradiol in most patients."
    T.DOCUMENT_DRUG[:] = ["masotinib"]
    assert T.resolved_text(Sentence(it, "a.md", "S", "S", previous=named)) == "Fenrolide lowers estradiol in most patients."
    assert T.resolved_text(Sentence(it, "a.md", "S", "S", previous=other)) is None
    assert T.resolved_text(Sentence("The medication lowers estradiol.", "a.md", "S", "S")) == "Masotinib lowers estradiol."
    T.DOCUMENT_DRUG[:] = []
    assert T.resolved_text(Sentence("The medication lowers estradiol.", "a.md", "S", "S")) == "The medication lowers estradiol."


def test_a_pattern_found_in_the_text_lower_cased_is_found_in_any_case():
    # each of the scoring stage's AnyCase patterns, on random text of its own words in random case,
    # with digits, punctuation and characters whose case re.I folds in its own way
    from anastro_quiz.generate import reading_weights, select
    from anastro_quiz.patterns import AnyCase

    rng = random.Random(29)
    patterns = [v for m in (select, reading_weights) for v in vars(m).values() if isinstance(v, AnyCase)]
    assert len(patterns) >= 10
    extra = ["\u017f", "\u212a", "\u0130", "\u0131", "\u2160", "é", "–", "±", "1", "7", ".", ",", "", "", "\n"]
    for any_case in patterns:
        vocabulary = sorted(set(re.findall(r"[a-z]+", any_case.pattern.pattern))) + extra
        for _ in range(1500):
            words = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 8))]
            words = [w.upper() if rng.random() < 0.15 else w.title() if rng.random() < 0.2 else w for w in words]
            text = rng.choice([" ", "  ", ""]).join(words) if rng.random() < 0.2 else " ".join(words)
            assert any_case.found(text) == (any_case.pattern.search(text) is not None), (any_case.pattern.pattern, text)
    with pytest.raises(ValueError):
        AnyCase(r"\Wfoo")  # an upper-case escape has no lower-case twin


def test_a_word_wordfreq_does_not_list_is_rare_as_wordfreq_says():
    # invented words (mostly unlisted), listed ones, and words wordfreq tokenizes itself
    from wordfreq import get_frequency_dict, zipf_frequency

    from anastro_quiz.generate.vocabulary import zipf

    rng = random.Random(31)
    listed = sorted(get_frequency_dict("en"))
    words = ["".join(rng.choice("abcdefghiklmnoprstuz") for _ in range(rng.randrange(1, 11))) for _ in range(3000)]
    words += rng.sample(listed, 2000) + ["Osteoclast", "don't", "x-ray", "café", "2024", "ab1", ""]
    for word in words:
        assert zipf.__wrapped__(word) == zipf_frequency(word, "en"), word

def test_whole_word_search_matches_the_pattern_it_replaces():
    rng = random.Random(7)
    alphabet = "ab-_. é1"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        part = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))
        for edge in (r"\w\-", r"\w", r"\w."):
            pattern = whole(part, edge)
            assert whole_spans(text, part, edge) == [m.span() for m in pattern.finditer(text)]
            first = pattern.search(text)
            assert find_whole(text, part, edge) == (first.start() if first else -1)


def test_whole_word_search_skips_pieces_of_longer_words():
    assert find_whole("the pre-osteoclast and the osteoclast", "osteoclast") == 27
    assert whole_spans("ER, ERα and ER-positive ER", "ER") == [(0, 2), (24, 26)]


def test_a_drug_named_near_is_found_as_its_pattern_finds_it():
    # İ, ı, ſ and the Kelvin sign are the characters re.I takes for ASCII letters
    rng = random.Random(11)
    alphabet = "abKs_1 -é.\u0130\u0131\u017f\u212a"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(14)))
        names = ["".join(rng.choice("abks_1-é") for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(1, 5))]
        expected = next((n for n in names if re.search(rf"\b{re.escape(n)}\b", text, re.I)), None)
        assert _first_named(text, names) == expected


def test_sentences_holding_a_word_are_found_as_a_scan_finds_them():
    rng = random.Random(5)
    for _ in range(3000):
        texts = ["".join(rng.choice("abAB \x00") for _ in range(rng.randrange(8))) for _ in range(rng.randrange(1, 6))]
        part = "".join(rng.choice("ab") for _ in range(rng.randrange(3)))
        assert _LowerTexts(texts).containing(part) == [t.lower() for t in texts if part in t.lower()]


def test_drug_names_are_found_as_their_pattern_finds_them():
    # stems alone, inside longer words, in any case, beside digits, underscores and letters re.I folds
    from anastro_quiz.generate.teacher_context import DRUG_NAME, drug_names_in

    rng = random.Random(31)
    pieces = ["mab", "MAB", "ib", "Ib", "zole", "xifen", "olol", "pril", "statin", "tin", "a", "x", "_", "1", "-", " ",
              " ", ".", "é", "\u017f", "\u212a", "\u0130", "\u0131"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(10)))
        assert drug_names_in.__wrapped__(text) == tuple(DRUG_NAME.findall(text)), text


def test_the_sentence_index_gives_every_sentence_a_pattern_on_its_word_can_match():
    # a word before a space, after another or at the start, or after punctuation, in any case;
    # with the characters re.I takes for ASCII letters (ſ, the Kelvin sign, İ, ı) and other letters
    from anastro_quiz.generate.extract import Sentence
    from anastro_quiz.generate.sentence_index import SentenceIndex, index_of

    rng = random.Random(29)
    pieces = ["as", "As", "AS", "an", "side", "Side", "effects", "drug", "ks", "k-s", "(", ")", "“", ".", ",", "-", "_",
              "1", " ", " ", " ", "\n", "é", "\u017f", "\u212a", "\u0130", "\u0131"]
    for _ in range(1500):
        sentences = [Sentence("".join(rng.choice(pieces) for _ in range(rng.randrange(12))), "a.md", "S", "S")
                     for _ in range(rng.randrange(1, 8))]
        index = SentenceIndex(sentences)
        word = "".join(rng.choice(pieces[:12] + ["-", "_", "1", "(", "é"]) for _ in range(rng.randrange(1, 3)))
        between = re.compile(rf"(?:^| ){re.escape(word)} ", re.I)
        after = re.compile(rf"(?<![\w\-]){re.escape(word)} ", re.I)
        held, ending = index.holding(word), index.holding(word, after_punctuation=True)
        assert [s for s in sentences if between.search(s.text)] == [s for s in held if between.search(s.text)], word
        assert [s for s in sentences if after.search(s.text)] == [s for s in ending if after.search(s.text)], word
        where = {id(s): i for i, s in enumerate(sentences)}
        assert [where[id(s)] for s in ending] == sorted(where[id(s)] for s in ending)  # in document order, once each
        assert len({id(s) for s in ending}) == len(ending)
    first = [Sentence("Fenrolide is used.", "a.md", "S", "S")]
    assert index_of(first).holding("FENROLIDE") == first
    assert index_of(first) is index_of(first)  # made once per document


def _document(paragraphs: int) -> str:
    rng = random.Random(3)
    drugs = ["fenrolide", "masotinib", "quelarin", "dovastat"]
    out = ["# Invented drugs", ""]
    for n in range(paragraphs):
        drug, other = rng.sample(drugs, 2)
        out += [f"## Part {n}", "",
                f"{drug.capitalize()} inhibits the enzyme {other}ase in {rng.randrange(10, 90)}% of patients. "
                f"Dr. Reyes gave {rng.randrange(1, 9)} mg daily for {rng.randrange(2, 12)} weeks (i.e. a short course). "
                f"The {drug} receptor (FRX) is found on plain cells.", ""]
    return "\n".join(out)


def test_helpers_split_a_long_document_as_this_process_would(monkeypatch):
    texts = [p for p in _document(60).split("\n\n") if p.strip()]
    here = [block_sentences(t) for t in texts]
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "_helpers_available", lambda: 2)
    assert parallel.map_blocks(block_sentences, texts) == here


@pytest.mark.parametrize("interpreter", ["/nonexistent/python", "/bin/false"])
def test_a_helper_that_cannot_run_leaves_its_share_to_this_process(monkeypatch, interpreter):
    texts = ["One sentence. Two sentences.", "Three. Four here.", "Five and six. Seven."]
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "_helpers_available", lambda: 1)
    monkeypatch.setattr(sys, "executable", interpreter)
    assert parallel.map_blocks(block_sentences, texts) == [block_sentences(t) for t in texts]


def test_decks_do_not_depend_on_helpers(tmp_path, monkeypatch):
    doc = tmp_path / "invented.md"
    doc.write_text(_document(40), encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_CHARS", 10**12)
    alone = [dump_deck(d) for d in generate_decks([doc])]
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "_helpers_available", lambda: 1)
    assert [dump_deck(d) for d in generate_decks([doc])] == alone


def test_generating_pauses_the_collector_and_leaves_no_cycles_behind(tmp_path):
    # the collector is paused while decks are made (its full passes walked the growing heap), which
    # is safe because making them builds no reference cycles: nothing is left for it afterwards
    import gc

    doc = tmp_path / "invented.md"
    doc.write_text(_document(40), encoding="utf-8")
    generate_decks([doc])  # (patterns and caches made once)
    gc.collect()
    during = []
    decks = generate([doc], progress=lambda done, total, stage: during.append(gc.isenabled())).decks
    assert decks and during and not any(during) and gc.isenabled()
    assert gc.collect() == 0
