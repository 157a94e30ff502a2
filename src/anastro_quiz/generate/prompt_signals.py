"""What a card's words show, for scoring: a pronoun with nothing named before it, a sibling word
that spells the answer, a blank beside other figures or in a verbless list item, two sides of a
comparison that differ only in degree. Text in, yes or no out; :mod:`.select` weighs them. What
strict readers threw away, as one weight, is in :mod:`.reading_weights`."""

from __future__ import annotations

import re

from .vocabulary import is_acronym, zipf
from .lexicon import is_verb_form

_PRONOUNS = {"it", "its", "they", "their", "them", "this", "these", "such"}


def dangling(prompt: str) -> bool:
    """A pronoun before anything is named ("Individuals without it ...", "As such, its levels",
    "In men, their levels"): the card does not say whose. A rare word or a capitalised one
    after the first word names something."""
    label = re.match(r"^[^:.?!]{1,60}:\s+(?=[A-Z])", prompt)  # "Antiandrogenic activity: This is ..."
    if label and len(label.group(0).split()) <= 6:
        prompt = prompt[label.end():]
    tokens = re.findall(r"[\w\-α-ω’']+", prompt)
    for i, tok in enumerate(tokens):
        if tok.lower() in _PRONOUNS:
            return True
        if tok[:1].isdigit() or is_acronym(tok) or (i > 0 and tok[:1].isupper()) or zipf(tok.lower()) < 3.5:
            return False
    return False


_FUNCTION = {"and", "or", "but", "as", "in", "of", "on", "to", "by", "for", "with", "from", "into", "that", "which",
             "is", "are", "was", "were", "be", "been", "can", "may", "will", "than", "the", "a", "an", "at", "via",
             "while", "when", "who", "whose", "also", "not", "has", "have", "had", "do", "does", "did"}


_AFFIX = re.compile(r"^(?:post|peri|pre|hyper|hypo|anti|non|para|pro)|[0-9α-ωΑ-Ω]+$", re.I)


def sibling_gives_away(answer: str, prompt: str) -> bool:
    """The answer's root stands in the prompt in a sibling word: "CDK4" beside "CDK6", "ERα"
    beside "ERβ", "postmenopause" beside "perimenopause"."""
    word = answer.strip()
    if " " in word or len(word) < 3:
        return False
    root = _AFFIX.sub("", word)
    if root == word or len(root) < 2 or (len(root) < 5 and not root.isupper()):
        return False
    others = [w for w in re.findall(r"[\w\-α-ωΑ-Ω]+", prompt) if w.lower() != word.lower()]
    return any(root.lower() in w.lower() for w in others)


def modifies_next_noun(after: str) -> bool:
    """Whether a blank is followed by a common noun it modifies ("}} metabolism")."""
    m = re.match(r"\s+([a-z][a-z\-]+)\b", after)
    if m is None:
        return False
    word = m.group(1)
    return word not in _FUNCTION and not word.endswith(("ly", "ed", "ing")) and not is_verb_form(word)


MINOR_FIGURE = re.compile(r"\brange of _____|\b(?:rats?|mice|mouse|dogs?|monkeys?|rabbits?|in vitro|preclinical|"
                           r"animal studies)\b", re.I)
# Kinetics beside the point of an exam: when the peak comes, when steady state is reached; and a
# figure told as "even longer" than one the card does not show
_MINOR_KINETICS = re.compile(r"\bpeak (?:serum |plasma |blood )?(?:levels?|concentrations?)\b|\btime to peak\b|"
                             r"\bsteady[- ]state\b|\beven (?:longer|shorter|higher|lower|greater|more|less)\b", re.I)


def minor_kinetics(prompt: str) -> bool:
    """"Peak levels occur after _____", "Steady-state concentrations are achieved within _____",
    "the half-life of its metabolite is even longer, at _____": readers judged none worth a review."""
    return _MINOR_KINETICS.search(prompt) is not None


# What the fourth reading threw away among pharmacology figures: how much is bound to plasma
# proteins, how long a complex stays in the nucleus, one route's share of the drug's metabolism;
# a half-life, a bioavailability, a dose, an incidence or a hormone level the drug moves stays
# (an aromatase inhibitor lowering estradiol by 95 to 99% is its headline figure).
_MINOR_PHARMACOLOGY = re.compile(
    r"\bprotein[- ]bin(?:ding|ds?)\b|\bprotein[- ]bound\b|\bnuclear retention\b|"
    r"\b(?:responsible for|accounts? for) (?:approximately |about |around )?_____ of (?:[\w\-]+ ){0,2}metabolism\b",
    re.I)


def minor_pharmacology(prompt: str) -> bool:
    """Whether a figure card asks one of the pharmacology figures readers judged not worth a review
    (:data:`_MINOR_PHARMACOLOGY`)."""
    return _MINOR_PHARMACOLOGY.search(prompt) is not None


# Names that hold digits: CYP2D6, HER2, 4-hydroxy, the BIG 1-98 trial
_NAME_WITH_DIGITS = re.compile(r"\b(?:[A-Za-zα-ω\-]+\d[\w\-]*|\d+[A-Za-zα-ω][\w\-]*|[A-Z]{2,}[\s\-]\d+(?:-\d+)?)\b")


_AUXILIARY = re.compile(r"\b(?:is|are|was|were|be|been|can|could|will|would|has|have|had|does|do|did|may|might|must|"
                        r"should|occurs?|occurred)\b", re.I)
_ADJECTIVE_PARTICIPLES = {"aged", "based", "associated", "related", "treated", "combined", "compared", "used",
                          "advanced", "localized", "localised", "untreated", "pretreated", "selected", "mediated",
                          "induced", "caused", "driven", "regulated", "derived", "acquired"}


def verbless(prompt: str) -> bool:
    """A list item blanked as if it were a sentence ("Metastatic prostate cancer in men in combination
    with a GnRH analogue at _____"): no verb says what the figure is, so it is no question."""
    body = re.sub(r"^[^:]{1,60}:\s+", "", prompt)  # "Bicalutamide: ..." names whose, it says nothing
    if _AUXILIARY.search(body):
        return False
    for w in re.findall(r"[a-z][a-z\-]*", body):
        if "-" in w:
            continue  # "male-limited", "dose-dependent": a compound adjective, not the verb
        if w.endswith("ed") and w not in _ADJECTIVE_PARTICIPLES:
            return False
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3 and is_verb_form(w):
            return False
        if w.endswith("ases") and zipf(w[:-1] + "d") >= 3.9:
            return False  # "increases", "releases": a verb, though "-ase" ends enzymes' names
    return True


def other_figure(prompt: str) -> bool:
    """Whether a blanked sentence states another figure beside the blank ("71.0% in urine, 13.6% in
    bile, and _____ in feces", "3.4% relative to _____"): the blank is then one of a set, and
    readers found it a detail nearly every time. A fronted dose ("At a dosage of 2.5 mg/day, X
    reduces estradiol levels by _____") names the regimen the figure holds for, not another of a set."""
    prompt = _DOSE_CONTEXT.sub("", prompt)
    return re.search(r"\d", _NAME_WITH_DIGITS.sub(" ", prompt.replace("_____", " "))) is not None


_DOSE_CONTEXT = re.compile(r"^(?:[^:]{1,40}: )?(?:At|With|On) (?:a |the )?(?:daily |usual |standard )?(?:dose|dosage) of "
                           r"[\d.,]+\s?(?:mg|µg|mcg|g)(?:/day| daily| per day| once daily)?, ", re.I)


def short_list(answer: str) -> bool:
    """Two to four short items ("serum estradiol, lipid panels and symptoms"): recallable."""
    items = [i for i in re.split(r",\s*|;\s*|\s+and\s+", answer) if i.strip()]
    return 2 <= len(items) <= 5 and all(len(i.split()) <= 6 for i in items)


DEGREE = re.compile(r"\b(?:significantly|moderately|markedly|slightly|substantially|measurably|highly|greatly|"
                     r"strongly|mildly|considerably|somewhat|very|much|more|less|to|and|or|a|an|the)\b", re.I)


# The same grading said as adjectives, before the change they grade: "Drastic reduction", "Moderate reduction"
_DEGREE_ADJECTIVE = re.compile(r"^(?:drastic|moderate|marked|slight|substantial|mild|considerable|profound|modest|"
                               r"minimal|partial|near-complete|complete)\s+", re.I)


def _sides(answer: str) -> list[str]:
    return [re.sub(r"^\s*(?:in\s+)?\w+(?:\s+\w+){0,3}?:\s*", "", side) for side in answer.split(";")]


def graded_twice(answer: str) -> bool:
    """"Women: Drastic reduction to ...; men: Moderate reduction to ...": one change, each side
    opening with its grade (neither side alone is a fact: "Moderate reduction" is half a grade)."""
    sides = _sides(answer)
    graded = [_DEGREE_ADJECTIVE.sub("", side, count=1) for side in sides]
    return len(sides) == 2 and all(g != side for g, side in zip(graded, sides)) and \
        graded[0].lower().split()[:1] == graded[1].lower().split()[:1]


def differs_only_in_degree(answer: str) -> bool:
    """"Women: Markedly increased due to ...; men: Slightly to moderately increased": the sides say
    one thing with different adverbs, which no one can recall apart. "Women: Drastic reduction to
    near-zero levels; men: Moderate reduction to an optimal range" is one change graded twice (how
    far it goes is the grade), what a goal card's "suppression vs balance" already asks (the tenth
    reading: a restatement)."""
    sides = _sides(answer)
    if len(sides) != 2:
        return False
    if graded_twice(answer):  # both sides open with a grade: what they grade is the rest
        sides = [_DEGREE_ADJECTIVE.sub("", side, count=1) for side in sides]
    heads = [DEGREE.sub(" ", side).split() for side in sides]
    if any(not h for h in heads):
        return True
    first = [h[0].strip(",.").lower() for h in heads]
    if all(len(h) == 1 for h in heads) and first[0] != first[1] and all(zipf(w) < 3.0 for w in first):
        return False  # "During pregnancy: estriol; during menopause: estrone": two names, not two degrees
    return first[0] == first[1] or min(len(h) for h in heads) == 1


# Row labels that name a topic, not something a side of the table measures or states
_VAGUE_LABEL = re.compile(r"^(?:considerations?|health|issues?|aspects?|notes?|overview|summary|points?|"
                          r"other|miscellaneous|comments?|remarks?)$", re.I)


def vague_row(label: str) -> bool:
    """"Compare the cardiovascular health in women and in men", "the key considerations": the row
    names a topic, so each side is a sentence of its own kind (more ischemic events in women, a
    monitoring note in men) and the question has no one answer to recall (readers judged it
    vague). ("Primary concern" is asked: one reading judged it vague, the next kept it as the bone
    risk in each sex.)"""
    words = label.split()
    return bool(words) and _VAGUE_LABEL.match(words[-1]) is not None


# A finding of one unnamed study, a case report or a dose-finding run: a side note of the article
_SIDE_STUDY = re.compile(r"^(?:(?:In addition|Similarly|However|Moreover),\s+)?(?:A|One|Another|Recent|In a|In one)\s+"
                         r"(?:[\w\-,]+\s+){0,4}?(?:study|studies|research|report|analysis|group of patients)\b|"
                         r"\bcase reports?\b|\bdose-ranging\b|\ba single patient\b", re.I)
_POINTS_AT_UNNAMED = re.compile(r"\bthe (?:group|trial|study|cohort)\b", re.I)
_NAMED_STUDY = re.compile(r"\b[A-Z][A-Z0-9\-]{2,}\b(?:\s+\([^)]*\))?\s+(?:trial|study)\b|\b(?:19|20)\d\d study\b")


def side_study(quote: str) -> bool:
    """"A study has found ...", "Recent research has shown ...", "In all of the published case
    reports ...": one finding, which readers judged a detail."""
    return _SIDE_STUDY.search(quote) is not None


_DRUG_ON_DRUG = re.compile(r"^By how much did [\w\-]+ (?:increase|raise|elevate|decrease|reduce|lower) |"
                           r"^After [^,]+, what share of \w+ taking [\w\-]+ alone had ")


def drug_on_drug(prompt: str) -> bool:
    """"By how much did enzalutamide decrease serum concentrations of anastrozole and exemestane?":
    an interaction is measured in a study, and is no side note for that (what a clinician recalls
    before co-prescribing); so is "After two years, what share of women taking X alone had a
    recurrence, compared with those who took Y or Z?"."""
    return _DRUG_ON_DRUG.match(prompt) is not None


def unnamed_study(prompt: str) -> bool:
    """"After more than _____ the group that received anastrozole ...": which trial?"""
    return _POINTS_AT_UNNAMED.search(prompt) is not None and _NAMED_STUDY.search(prompt) is None


def about_something_else(quote: str, subjects: set[str]) -> bool:
    """A figure whose sentence is about another substance's kinetics ("Steady state levels of
    afimoxifene are achieved after 8 weeks", "The elimination half-life of N-desmethylenzalutamide
    ..."): the sentence's subject, before its verb, names levels, a half-life or the like of a rare
    word, but not the article's subject."""
    verb = _AUXILIARY.search(quote)
    if verb is None:
        return False
    head = re.findall(r"[A-Za-zα-ω][\w\-α-ω()]*", quote[:verb.start()])
    if not head or len(head) > 10 or any(w.lower().strip("()") in subjects for w in head):
        return False
    if not any(_KINETIC.fullmatch(w.lower()) for w in head):
        return False  # "Hyperlipidemia, the excess of fats in the blood, was reported in 12%": an effect of it
    return any(len(w) >= 6 and not w.isupper() and zipf(w.lower()) < 2.0 for w in head)


_KINETIC = re.compile(r"levels?|half-life|half-lives|concentrations?|clearance|bioavailability|binding|exposure|auc|"
                      r"absorption|elimination|excretion")


_OPEN_CONSEQUENCE = re.compile(r"\bwhat (?:can|could|may|do|does|did) .{3,80}? (?:directly )?(?:lead to|cause)\?$", re.I)


def open_consequence(prompt: str) -> bool:
    """"What can over-suppression of estradiol in men lead to?", "For some women, what can tamoxifen
    cause?": an effect asked with nothing to say which of its effects; readers found nearly every
    one vague (several right answers)."""
    return _OPEN_CONSEQUENCE.search(prompt) is not None


def item_set(answer: str) -> frozenset[str]:
    """The things a list answer names ("bicalutamide, flutamide, and nilutamide" -> three names),
    lower case, to tell two cards that ask one set from two sentences (an item's gloss of
    examples, "(nausea, vomiting)", is not more items)."""
    answer = re.sub(r"\s*\([^()]*\)", "", answer)
    return frozenset(i.strip(" .").lower() for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", answer)
                     if i.strip(" ."))


_TREATMENT_DURATION = re.compile(r"\b(?:taken|used|given|recommended|continued|prescribed|administered|treated)\b"
                                 r"(?:\s+[\w\-]+){0,5}?\s+for\s+(?:at least\s+|up to\s+)?_____", re.I)


_STATED_DURATION = re.compile(r"\b(?:taken|used|given|recommended|continued|prescribed|administered|treated)\b"
                              r"(?:\s+[\w\-]+){0,5}?\s+for\s+(?:at least\s+|up to\s+)?(?:\d+|one|two|three|four|five|"
                              r"six|seven|eight|nine|ten)\s+(?:years?|months?|weeks?)\b", re.I)


def states_duration(prompt: str) -> bool:
    """"Why is X typically only used for five years?": a question that takes how long treatment lasts
    as its premise. Where the article gives another figure ("recommended for 10 years"), the premise
    is one of two, and the card teaches it as fact."""
    return _STATED_DURATION.search(prompt) is not None


_FORM_INTERVAL = re.compile(r"\b(\d+|one|two|three|four|six|twelve)[- ](month|week)(?:ly)?[- ](?:depot|implant|injection|"
                            r"formulation|dose)s?\b", re.I)


def several_intervals(text: str) -> bool:
    """"It is available as a 1-month depot and a long-acting 3-month depot": the drug is given at
    two intervals, so "administered every _____" keyed with one of them has the other as a right
    answer too."""
    return len({(m.group(1).lower(), m.group(2).lower()) for m in _FORM_INTERVAL.finditer(text)}) >= 2


def treatment_duration(prompt: str) -> bool:
    """"X is typically taken daily by mouth for _____", "The use of X is recommended for _____": how
    long treatment lasts. An article that gives two such figures contradicts itself (or speaks
    of two settings it does not name): a second card would teach the other figure as fact."""
    return _TREATMENT_DURATION.search(prompt) is not None


_USE = re.compile(r"^what (?:is|are) (?P<who>[\w\-]+) (?:also )?used (?:to|for|in) (?P<verbs>.+)$")


def use_of(ask: str) -> set[str]:
    """"what is tamoxifen used to prevent and treat" -> {"tamoxifen prevent", "tamoxifen treat"}: a
    question on a drug's use. A second one in an article sharing a verb ("... to prevent?" ->
    breast cancer, "... to prevent and treat?" -> gynecomastia) has the first one's answer as a
    right answer too; "used to suppress" beside "used to treat" asks something else."""
    m = _USE.match(ask)
    if m is None:
        return set()
    return {f"{m.group('who')} {v}" for v in re.split(r"\s+(?:and|or)\s+", m.group("verbs")) if v}


# A sentence set in one place ("In Japan, ", "In the United States, "): a proper noun alone before
# the comma, not a population or a use ("In men with ...", "In Cushing's syndrome, ").
_ONE_PLACE = re.compile(r"^In (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)*, ")


def one_place(text: str) -> bool:
    """"In Japan, bicalutamide is uniquely used at 80 mg/day ...": one country's regimen or figure is
    a regional detail (readers kept none); the figure a student is examined on holds everywhere."""
    return _ONE_PLACE.match(text) is not None
