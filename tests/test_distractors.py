"""Choice options: the same kind as the answer and really wrong (generator and quiz share the rules)."""

from __future__ import annotations

from anastro_quiz import distractors as D
from anastro_quiz import doses
from anastro_quiz.generate.cloze import term_cards
from anastro_quiz.distractors import term_class
from anastro_quiz.generate.choices import number_distractors, number_pool, term_families
from anastro_quiz.generate.extract import Sentence, numeric_facts


# --- doses -------------------------------------------------------------------------


def test_doses_are_compared_per_week():
    twice = doses.main_dose("0.25-0.5 mg twice weekly")
    weekly = doses.main_dose("0.5 mg to 1 mg per week (often split)")
    assert twice is not None and twice.same(weekly)
    assert doses.equivalent("1 mg taken orally once per day", "7 mg per week")
    assert doses.equivalent("0.25 mg to 0.5 mg two times per week", "0.5-1 mg weekly")
    daily = doses.main_dose("1 mg daily")
    assert daily.disjoint(weekly) and not daily.consistent(weekly)
    inside = doses.main_dose("0.5 mg of anastrozole taken twice a week")  # 1 mg a week
    assert inside.within(weekly) and inside.consistent(weekly) and not inside.same(weekly)


def test_frequencies_and_units():
    assert doses.per_week("every other day") == 3.5
    assert doses.per_week("three times a week") == 3
    assert doses.per_week("twice daily") == 14
    assert doses.per_week("orally") is None
    assert doses.equivalent("500 mcg daily", "3.5 mg per week")
    assert not doses.equivalent("1 mg", "1 mg daily")  # an amount is not a weekly dose


# --- the shared rules --------------------------------------------------------------


def test_options_are_rendered_in_one_form():
    """A spelled-out "five years" never stands among "2 years" / "8 years"."""
    picked = D.pick("2 years", ["five years", "8 years", "12\u00a0months", "1 year"])
    assert picked == ["5 years", "8 years", "1 year"]
    assert D.render("One year") == "1 year" and D.render("2.1\u00a0days") == "2.1 days"


def test_singular_plural_and_case_variants_are_excluded():
    picked = D.pick("osteoclast", ["osteoclasts", "Osteoclast.", "osteoblast", "osteocyte", "chondrocyte"])
    assert picked == ["osteoblast", "osteocyte", "chondrocyte"]
    assert D.variant("inhibition", "Inhibitions") and not D.variant("osteoblast", "osteoclast")


def test_true_and_false_are_never_options():
    assert D.pick("aromatase", ["True", "False", "yes", "sulfatase"]) == ["sulfatase"]


def test_duplicates_after_normalisation_are_excluded():
    picked = D.pick("testosterone", ["estradiol", "Estradiol", "estradiol.", " estradiol ", "estrone"])
    assert picked == ["estradiol", "estrone"]
    assert D.pick("3 years", ["One year", "one year", "1 year"]) == ["1 year"]


def test_other_units_and_magnitudes_are_excluded():
    picked = D.pick("2 years", ["5 months", "3 mg", "40%", "200 years", "6 years", "2020"])
    assert picked == ["6 years"]
    assert not D.same_kind("6.1%", "lumbar spine") and not D.same_kind("osteoclast", "7.2%")
    assert D.pick("91%", ["120%", "338%", "76%", "24%"]) == ["76%", "24%"]  # a share, not an increase


def test_values_too_close_to_the_answer_are_excluded():
    assert D.pick("75%", ["76%", "80%", "60%", "61%"]) == ["60%"]  # 80% is within 10%; 61% is next to 60%


def test_an_option_that_is_also_right_is_excluded():
    assert D.pick("1 mg daily", ["7 mg per week", "0.5 mg twice weekly"]) == ["0.5 mg twice weekly"]
    assert D.pick("low-density lipoprotein", ["LDL", "high-density lipoprotein"]) == ["high-density lipoprotein"]
    # another source's figure for the same question, written differently
    assert D.pick("2 years", ["two years", "5 years"], correct=["2 yrs"]) == ["5 years"]
    assert D.pick("5 years", ["8 years", "10 years"], correct=["8 years"]) == ["10 years"]


def test_calendar_years_keep_their_neighbours():
    assert D.pick("2009", ["2005", "2012", "2009", "2015"]) == ["2005", "2012", "2015"]


# --- the generator's candidates ----------------------------------------------------


def _facts(text: str, document: str = "a.txt"):
    return numeric_facts(Sentence(text, document, "", "H"))


def test_number_distractors_keep_the_unit_skip_equal_values_of_other_sources_and_are_never_made_up():
    [answer] = _facts("Adjuvant therapy usually lasts two years in this trial.")
    others = (_facts("Treatment went on for 2 years in the other cohort.", "b.txt")
              + _facts("Follow-up lasted five years overall.", "b.txt"))
    pool = number_pool([answer] + others)
    ds = number_distractors(answer, pool, "Adjuvant therapy usually lasts _____ in this trial.")
    # only the one other figure the documents give: no multiples of the key (1 year, 3 years,
    # 4 years), which readers spotted as guessable; with fewer than three the card stays typed
    assert ds == ["5 years"]  # one printed form ("five years" is written as 5 years)
    assert not any(D.key(d) == D.key("2 years") for d in ds)


def test_a_figure_from_the_same_dose_is_no_distractor():
    """0.25 mg belongs to "0.25 mg to 0.5 mg two times per week", the same regimen as the answer's
    "0.5 mg taken twice a week"; it is also right and never offered as wrong."""
    [answer] = _facts("A typical protocol might involve 0.5 mg of anastrozole taken twice a week.")
    same = _facts("Typically 0.25 mg to 0.5 mg two times per week, adjusted based on labs.", "b.txt")
    weekly = _facts("The men's dose is 1 mg per week in total.", "b.txt")
    other = _facts("Women take 1 mg daily; trials tested 10 mg daily and 5 mg daily.", "b.txt")
    pool = number_pool([answer] + same + weekly + other)
    ds = number_distractors(answer, pool, "A typical protocol might involve _____ of anastrozole taken twice a week.")
    assert "0.25 mg" not in ds  # 0.25 mg twice a week = 0.5 mg a week: inside "0.5 mg to 1 mg per week"
    assert "1 mg" in ds  # 1 mg twice a week is 2 mg a week: really wrong
    assert "10 mg" not in ds  # twenty times the answer: another magnitude
    assert set(ds) <= {"1 mg", "5 mg"}  # figures the documents give, none made up


def test_term_classes_keep_cells_among_cells():
    assert term_class("osteoclasts") == term_class("osteoblasts") == "cell"
    assert term_class("osteopenia") == "condition" and term_class("aromatase") == "enzyme"
    fams = term_families({"osteoclast": 1.0, "osteoblast": 1.0, "osteopenia": 1.0, "osteocyte": 1.0}, {})
    assert set(fams["osteoclast"]) == {"osteoblast", "osteocyte"}  # never the disease


def test_word_variants_are_no_distractors():
    fams = term_families({"titrate": 1.0, "titration": 1.0, "titrated": 1.0, "osteoblasts": 1.0,
                          "osteoclasts": 1.0, "osteocytes": 1.0}, {})
    assert "titration" not in fams
    assert set(fams["osteoclasts"]) == {"osteoblasts", "osteocytes"}


def test_terms_listed_together_are_siblings():
    s = Sentence("Aromatase inhibitors include anastrozole, letrozole and exemestane in current practice.",
                 "d", "", "H")
    terms = {"anastrozole": 2.0, "letrozole": 2.0, "exemestane": 2.0}
    fams = term_families(terms, {}, [s])
    assert set(fams["anastrozole"]) == {"letrozole", "exemestane"}


def test_fewer_than_three_good_distractors_keep_the_cloze():
    s = Sentence("Estradiol suppresses the formation of new osteoclasts from their hematopoietic precursors.",
                 "doc.txt", "", "H")
    terms = {"osteoclasts": 6.0, "hematopoietic": 1.0}
    [card] = term_cards(s, terms, {"osteoclasts": ["osteoblasts", "osteoclast", "Osteoblasts", "True"]})
    assert card.type == "cloze"
    [card] = term_cards(s, terms, {"osteoclasts": ["osteoblasts", "osteocytes", "chondrocytes", "osteoclast"]})
    assert card.type == "choice" and set(card.data["choices"]) == {"osteoclasts", "osteoblasts", "osteocytes",
                                                                   "chondrocytes"}


# --- properties --------------------------------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

_AMOUNTS = st.decimals(min_value="0.05", max_value="500", places=2).map(lambda d: float(d))
_FREQUENCIES = st.sampled_from([("once daily", 7), ("twice a week", 2), ("two times per week", 2),
                                ("three times a week", 3), ("every other day", 3.5), ("per week", 1),
                                ("twice daily", 14)])


@given(_AMOUNTS, _FREQUENCIES)
def test_any_regimen_equals_its_weekly_total(amount, frequency):
    words, per_week = frequency
    total = round(amount * per_week, 4)
    assert doses.equivalent(f"{amount:g} mg {words}", f"{total:g} mg per week")
    assert not doses.equivalent(f"{amount:g} mg {words}", f"{total * 3:g} mg per week")


_OPTIONS = st.lists(st.sampled_from(["osteoclast", "osteoclasts", "Osteoclast.", "True", "false", "osteoblast",
                                     "osteocyte", "2 years", "two years", "5 years", "5 months", "estradiol",
                                     "estradiol, estradiol", "chondrocyte", "20 years", "200 years"]), max_size=12)


@given(st.sampled_from(["osteoclast", "2 years", "estradiol"]), _OPTIONS)
def test_picked_options_are_never_the_answer_again_nor_true_false_nor_duplicates(answer, candidates):
    picked = D.pick(answer, candidates)
    keys = [D.key(p) for p in picked]
    assert len(set(keys)) == len(keys) and D.key(answer) not in keys
    assert not any(D.is_boolean(p) or D.variant(p, answer) for p in picked)
    assert all(D.same_kind(answer, p) for p in picked)


def test_a_part_of_the_answer_is_no_distractor():
    answer = "women: FDA-approved for breast cancer; men: Off-label use during TRT"
    assert D.also_correct(answer, "Off-label use during TRT")
    assert D.pick(answer, ["Off-label use during TRT", "Approved for prostate cancer in older men"]) == \
        ["Approved for prostate cancer in older men"]


def test_range_options_rise_and_print_in_one_form():
    from anastro_quiz.distractors import acceptable, render

    assert render("2 to five days") == "2 to 5 days"
    assert not acceptable("7 to 10 days", "10 to 10 days") and not acceptable("7 to 10 days", "14 to 10 days")


def test_term_families_are_those_of_comparing_every_pair_of_terms():
    """Look-alikes are found within buckets of the same 5-letter start (not all terms against
    all): the families are exactly those of the plain definition, in the same order."""
    from anastro_quiz.generate.vocabulary import zipf

    stems = ["osteo", "aroma", "gonad", "estra", "tamox", "hyper", "neuro", "cardi"]
    ends = ["clasts", "blasts", "cytes", "penia", "tase", "tropin", "diol", "ifen", "tension", "pathy", "myocytes",
            "trophy", "blast", "cyte", "itis", "genesis", "lysis"]
    terms = {s + e: 1.0 for s in stems for e in ends}
    terms.update({"bone": 1.0, "osteo": 1.0, "osteoa": 1.0, "Osteoclasts": 1.0, "osteo-cytes": 1.0})

    def plain(t):
        names = sorted(o for o in terms if len(o) >= 7 and o.isalpha())
        fam = [o for o in names if o != t and o[:5] == t[:5] and term_class(o) == term_class(t) is not None
               and abs(len(o) - len(t)) <= 4 and o.endswith("s") == t.endswith("s")]
        return [o for o in fam if not D.variant(o, t) and abs(max(zipf(o), 1.0) - max(zipf(t), 1.0)) <= 1.5]

    fams = term_families(terms, {})
    expected = {t: plain(t) for t in sorted(terms) if plain(t)}
    assert fams == expected and len(fams) > 20
