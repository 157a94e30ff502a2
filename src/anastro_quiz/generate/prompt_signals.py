"""What a card's words show, for scoring: a pronoun with nothing named before it, a sibling word
that spells the answer, a blank beside other figures or in a verbless list item, two sides of a
comparison that differ only in degree. Text in, yes or no out; :mod:`.select` weighs them."""

from __future__ import annotations

import re

from ..deck_model import BLANK
from .extract import is_acronym, zipf
from .kinds import CardKind
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
# proteins, how long a complex stays in the nucleus, one route's share of the drug's metabolism,
# by how much a hormone level moves ("increases estrogen levels by _____", "decrease in IGF-1
# levels"); a half-life, a bioavailability, a dose or an incidence stays.
_MINOR_PHARMACOLOGY = re.compile(
    r"\bprotein[- ]bin(?:ding|ds?)\b|\bprotein[- ]bound\b|\bnuclear retention\b|"
    r"\b(?:responsible for|accounts? for) (?:approximately |about |around )?_____ of (?:[\w\-]+ ){0,2}metabolism\b|"
    r"\b(?:increas|decreas|reduc|rais|lower)\w* (?:in |of )?(?P<level>(?:[\w\-]+ ){0,2})levels\b(?: by)?", re.I)


def minor_pharmacology(prompt: str, themes: set[str] = frozenset()) -> bool:
    """Whether a figure card asks one of the pharmacology figures readers judged not worth a review
    (:data:`_MINOR_PHARMACOLOGY`). A level of one of the article's ``themes`` (its most used key
    terms: estradiol in an article on an aromatase inhibitor) moving is the drug's main effect, not
    a side figure, and stays."""
    m = _MINOR_PHARMACOLOGY.search(prompt)
    if m is None:
        return False
    level = (m.groupdict().get("level") or "").lower().split()
    return not any(w in themes or w.rstrip("s") in themes for w in level)


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
    readers found it a detail nearly every time."""
    return re.search(r"\d", _NAME_WITH_DIGITS.sub(" ", prompt.replace("_____", " "))) is not None


def short_list(answer: str) -> bool:
    """Two to four short items ("serum estradiol, lipid panels and symptoms"): recallable."""
    items = [i for i in re.split(r",\s*|;\s*|\s+and\s+", answer) if i.strip()]
    return 2 <= len(items) <= 5 and all(len(i.split()) <= 6 for i in items)


DEGREE = re.compile(r"\b(?:significantly|moderately|markedly|slightly|substantially|measurably|highly|greatly|"
                     r"strongly|mildly|considerably|somewhat|very|much|more|less|to|and|or|a|an|the)\b", re.I)


def differs_only_in_degree(answer: str) -> bool:
    """"Women: Markedly increased due to ...; men: Slightly to moderately increased": the sides say
    one thing with different adverbs, which no one can recall apart."""
    sides = [re.sub(r"^\s*(?:in\s+)?\w+(?:\s+\w+){0,3}?:\s*", "", side) for side in answer.split(";")]
    if len(sides) != 2:
        return False
    heads = [DEGREE.sub(" ", side).split() for side in sides]
    if any(not h for h in heads):
        return True
    return heads[0][0].strip(",.").lower() == heads[1][0].strip(",.").lower() or min(len(h) for h in heads) == 1


# Row labels that name a topic, not something a side of the table measures or states
_VAGUE_LABEL = re.compile(r"^(?:considerations?|issues?|aspects?|notes?|overview|summary|points?|"
                          r"other|miscellaneous|comments?|remarks?)$", re.I)


def vague_row(label: str) -> bool:
    """"Compare the key considerations in women and in men": the row names a topic, so each side
    is a sentence of its own kind and the question has no one answer to recall. ("Primary concern"
    is asked: one reading judged it vague, the next kept it as the bone risk in each sex;
    "cardiovascular health" is vague too, but its row holds a key fact, more ischemic events in
    women, that no other card asks.)"""
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
    lower case, to tell two cards that ask one set from two sentences."""
    return frozenset(i.strip(" .").lower() for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", answer)
                     if i.strip(" ."))


_TREATMENT_DURATION = re.compile(r"\b(?:taken|used|given|recommended|continued|prescribed|administered|treated)\b"
                                 r"(?:\s+[\w\-]+){0,5}?\s+for\s+(?:at least\s+|up to\s+)?_____", re.I)


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


# --- what the third strict reading threw away, as one weight ----------------------------------

_PRECISE_HIGH = re.compile(r"^\W*(?:>|<|≥|~|about |approximately )?(?:[89]\d|100)\.\d+\s?%$")
_ANIMAL_OR_BENCH = re.compile(r"\b(?:rats?|mice|mouse|dogs?|monkeys?|rabbits?|in vitro|preclinical|animal studies)\b",
                              re.I)
_INVOLVED_IN_WHAT = re.compile(r"\b(?:is|are|be|been)\s+(?:also\s+)?involved\s*\.?$", re.I)
_LINEAGE = re.compile(r"\bstructurally (?:derived|related|similar)\b|\bof the \w+ family\b|\bis an? (?:\w+ ){0,3}"
                      r"(?:derivative|analogue|analog) of\b", re.I)
_EXAMPLES_OF_AN_ITEM = re.compile(r"\binclud(?:e|es|ed|ing)\s+(?:[\w\-]+\s+){1,3}such as " + re.escape(BLANK), re.I)
_ALSO_MAYBE = re.compile(r"\b(?:may|might|could) also\b|\b(?:possibl[ey]|perhaps|presumably|probably) "
                         r"(?:by|through|via|due to|because of)\b", re.I)
_RESPONSIBLE = re.compile(r"^What (?:is|are) (?P<who>[\w\-]+) (?:primarily |mainly |chiefly )?responsible for\?$")


def reading_weight(kind: CardKind, prompt: str, quote: str, answer: str, subjects: set[str]) -> float:
    """How much of a card's score survives what readers judged weak in every instance:

    - a percentage to a decimal above 80% ("96.3% bound to plasma proteins", "at least 84.6%",
      "98.8% by albumin"): a measurement's precision, not a figure a student is examined on;
    - a finding in animals or preclinical work asked as a term or an effect ("treatment of mice
      results in [...]"), as figures in rats already are;
    - a sentence that ends "may also be involved" (in what?);
    - a drug's structural lineage ("structurally derived from ... such as [...]"): chemistry trivia;
    - a blank in a sentence that "may also" hold (a side mechanism), or on the forms of one item
      of a list ("... include skin reactions such as [...]");
    - "What is <the article's subject> responsible for?": the article's subject is responsible
      for many things, so the question has many right answers;
    - a definition that says its term again (:func:`circular`), an effect blank holding the
      article's subject;
    - an answer that opens with the article's subject while the prompt names it nowhere
      (:func:`subject_led`); a blank on one item of a list of three or more (:func:`one_item_of_list`);
    - reactions almost any drug undergoes as the answer (:func:`generic_metabolism`).
    """
    weight = 1.0
    if kind == "number" and _PRECISE_HIGH.match(answer.strip()):
        weight *= 0.5
    if kind in ("term", "effect", "examples", "why") and _ANIMAL_OR_BENCH.search(quote):
        weight *= 0.3
    if _INVOLVED_IN_WHAT.search(quote.strip()):
        weight *= 0.3
    if _LINEAGE.search(quote):
        weight *= 0.3
    if kind == "examples" and _EXAMPLES_OF_AN_ITEM.search(prompt):
        weight *= 0.4  # "Rare adverse effects include skin reactions such as [...]": forms of one item
    if kind in ("term", "effect", "examples") and _ALSO_MAYBE.search(quote):
        weight *= 0.4  # "Trastuzumab may also upregulate cell cycle inhibitors such as [...]", "possibly by
        # reversing [...]": a side or speculative mechanism
    m = _RESPONSIBLE.match(prompt)
    if m and m.group("who").lower() in subjects:
        weight *= 0.3
    if kind == "define" and circular(prompt, answer):
        weight *= 0.3
    if kind in ("term", "effect") and one_item_of_list(prompt):
        weight *= 0.1
    if kind != "number" and subject_led(prompt, answer, subjects):
        weight *= 0.1
    if kind in ("examples", "term", "list") and generic_metabolism(answer):
        weight *= 0.3  # "undergo conjugation, including [glucuronidation and sulfation]": true of almost any drug
    if kind == "effect" and any(w in subjects for w in re.findall(r"[\w\-]+", answer.lower())):
        weight *= 0.4  # "aminoglutethimide induces the [metabolism of tamoxifen]": the subject is in the blank
    return weight


_ITEM = (r"(?!(?:and|or|but|which|that|who|whose|where|while|when|by|in|on|at|to|with|as|for|from|via|thus|"
         r"thereby|leading|resulting)\b)[^,;:.()\[\]]{1,40}")  # a list's item, not a clause or a phrase hung on
_LIST_AFTER_BLANK = re.compile(rf"^\s*,\s+{_ITEM}(?:,\s+{_ITEM})*,?\s+(?:and|or)\s+\w|^\s*,\s+{_ITEM},\s+{_ITEM}")
_LIST_BEFORE_BLANK = re.compile(rf"{_ITEM},\s+{_ITEM}(?:,\s+{_ITEM})*,?\s+(?:and\s+|or\s+)?$|{_ITEM},\s+(?:and|or)\s+$")


def one_item_of_list(prompt: str) -> bool:
    """"X increases the risk of [...], endometrial polyps, hyperplasia, and endometrial cancer": the
    blank is one item of a list of three or more, so any other item of its kind (a risk the article
    names elsewhere) is as right as the key. A blank that holds the whole list, or one of two
    ("palbociclib and [...]"), is not one item of such a list."""
    i = prompt.find("[...]")
    if i < 0:
        return False
    before, after = prompt[:i], prompt[i + 5:]
    clause = re.split(r"[;:.]\s", before)[-1]
    if _LIST_AFTER_BLANK.match(after):
        return True
    if re.search(rf"{_ITEM},\s+$", clause) and re.match(r"^,?\s+(?:and|or)\s+\w", after):
        return True  # "A, [...], and C"
    if re.search(r",\s+(?:and\s+|or\s+)?$", clause) and _LIST_BEFORE_BLANK.search(clause):
        return True  # "A, B, and [...]", "A, [...], and C"
    return re.search(r"\s(?:and|or)\s+$", clause) is not None and \
        re.search(rf"{_ITEM},\s+{_ITEM}\s(?:and|or)\s+$", clause) is not None  # "A, B and [...]"


# Reactions nearly every drug undergoes (general pharmacology vocabulary): named alone, they say
# nothing about this drug
_GENERIC_METABOLISM = {"glucuronidation", "sulfation", "sulphation", "conjugation", "hydroxylation", "oxidation",
                       "reduction", "hydrolysis", "acetylation", "methylation", "demethylation", "dealkylation",
                       "glucuronides", "sulfates", "glucuronide", "sulfate"}


def generic_metabolism(answer: str) -> bool:
    """"glucuronidation and sulfation": every word of the answer (but "and", "or") names a reaction
    almost any drug undergoes."""
    words = [w for w in re.findall(r"[a-z]+", answer.lower()) if w not in ("and", "or")]
    return bool(words) and all(w in _GENERIC_METABOLISM for w in words)


def subject_led(prompt: str, answer: str, subjects: set[str]) -> bool:
    """"What is inhibition of aromatase due to?" -> "Anastrozole itself rather than to metabolites":
    the answer opens with the article's subject, which the prompt never names, so the question
    asks nothing a student could answer without the answer (whose inhibition?)."""
    first = re.match(r"\W*([\w\-]+)", answer)
    if first is None or first.group(1).lower() not in subjects:
        return False
    asked = re.sub(r"^[^:?]{1,40}:\s+", "", prompt)  # "Zorbicin: what is ... due to?": the label names, the question does not
    return not any(w in subjects for w in re.findall(r"[\w\-]+", asked.lower()))


_DEFINED = re.compile(r"^What (?:is|are) (?:the |a |an )?(?P<term>.+?)\?$")


def circular(prompt: str, answer: str) -> bool:
    """"What is the androgen receptor?" -> "The biological target of androgens ...", "What is venous
    thromboembolism?" -> "Deep vein thrombosis or ...": the definition says the term again."""
    m = _DEFINED.match(prompt)
    if m is None:
        return False
    stems = {w[:6] for w in re.findall(r"[a-z][a-z\-]{4,}", m.group("term").lower())}
    return any(w[:6] in stems for w in re.findall(r"[a-z][a-z\-]{4,}", answer.lower()))


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
