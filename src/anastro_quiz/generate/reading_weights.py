"""What strict readers threw away, as one weight on a card's score (:func:`reading_weight`) and
the signals it is made of: a decimal of a high percentage, a span of percentages studies found, the
body's daily output of a substance, findings in animals, "may also" and
"possibly by" mechanisms, structural lineage, an answer opening with the unnamed subject, a blank
on one item of a list, reactions any drug undergoes, a definition that says its term again. Text
in, a number or yes/no out; :mod:`.select` applies the weight."""

from __future__ import annotations

import re

from ..deck_model import BLANK
from ..patterns import AnyCase
from .kinds import CardKind

# --- what the third strict reading threw away, as one weight ----------------------------------

_PRECISE_HIGH = re.compile(r"^\W*(?:>|<|≥|~|about |approximately )?(?:[89]\d|100)\.\d+\s?%$")
_ANIMAL_OR_BENCH = AnyCase(r"\b(?:rats?|mice|mouse|dogs?|monkeys?|rabbits?|in vitro|preclinical|animal studies)\b")
_INVOLVED_IN_WHAT = AnyCase(r"\b(?:is|are|be|been)\s+(?:also\s+)?involved\s*\.?$")
_LINEAGE = AnyCase(r"\bstructurally (?:derived|related|similar)\b|\bof the \w+ family\b|\bis an? (?:\w+ ){0,3}"
                   r"(?:derivative|analogue|analog) of\b")
_EXAMPLES_OF_AN_ITEM = re.compile(r"\binclud(?:e|es|ed|ing)\s+(?:[\w\-]+\s+){1,3}such as " + re.escape(BLANK), re.I)
_ALSO_MAYBE = AnyCase(r"\b(?:may|might|could) also\b|\b(?:possibl[ey]|perhaps|presumably|probably) "
                      r"(?:by|through|via|due to|because of)\b")
_WEAK_ACTION = AnyCase(r"\bwith (?:relatively |very |only )?(?:low|weak|modest) (?:affinity|potency|activity)\b")
_RESPONSIBLE = re.compile(r"^What (?:is|are) (?P<who>[\w\-]+) (?:primarily |mainly |chiefly )?responsible for\?$")


def reading_weight(kind: CardKind, prompt: str, quote: str, answer: str, subjects: set[str]) -> float:
    """How much of a card's score survives what readers judged weak in every instance:

    - a percentage to a decimal above 80% ("96.3% bound to plasma proteins", "at least 84.6%",
      "98.8% by albumin"): a measurement's precision, not a figure a student is examined on;
    - a span of percentages studies found (:func:`found_span`), the body's daily output of a
      substance (:func:`daily_production`): figures readers read as minor;
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
    - reactions almost any drug undergoes as the answer (:func:`generic_metabolism`); a blank in
      a sentence on an action "with relatively low affinity" (a side action);
    - what an antagonist holds back asked as its effect (:func:`antagonism_restated`), and "What
      does X not lower?" (everything X leaves alone is a right answer);
    - a blank the sentence's other words define ("[...] binding ... through competitive inhibition"
      -> "reversibly": :func:`entailed_by_the_rest`).
    """
    weight = 1.0
    if kind == "number" and _PRECISE_HIGH.match(answer.strip()):
        weight *= 0.5
    if kind == "number" and (found_span(quote, answer) or daily_production(quote, answer)):
        weight *= 0.3
    if kind in ("term", "effect", "examples", "why") and _ANIMAL_OR_BENCH.found(quote):
        weight *= 0.3
    if _INVOLVED_IN_WHAT.found(quote.strip()):
        weight *= 0.3
    if _LINEAGE.found(quote):
        weight *= 0.3
    if kind == "examples" and _EXAMPLES_OF_AN_ITEM.search(prompt):
        weight *= 0.4  # "Rare adverse effects include skin reactions such as [...]": forms of one item
    if kind in ("term", "effect", "examples") and _ALSO_MAYBE.found(quote):
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
    if kind in ("term", "effect", "examples") and _WEAK_ACTION.found(quote):
        weight *= 0.4  # "[...] is an agonist of the GPER with relatively low affinity": a side action
    if kind in ("examples", "term", "list") and generic_metabolism(answer):
        weight *= 0.3  # "undergo conjugation, including [glucuronidation and sulfation]": true of almost any drug
    if kind == "effect" and any(w in subjects for w in re.findall(r"[\w\-]+", answer.lower())):
        weight *= 0.4  # "aminoglutethimide induces the [metabolism of tamoxifen]": the subject is in the blank
    if kind == "why" and (restates_contrast(prompt, answer) or directionless_means(answer) or
                          more_of_the_same(prompt, answer)):
        weight *= 0.1
    if kind in ("effect", "term") and _DIRECTIONLESS_BLANK.search(prompt):
        weight *= 0.1  # "... act as tumour suppressors by regulating [...]": the same means as a cloze
    if kind in ("effect", "term") and praised_blank(prompt):
        weight *= 0.1
    if kind == "why" and (antagonism_restated(prompt, answer) or _OPEN_NEGATIVE.match(prompt)):
        weight *= 0.1  # "What does X not lower?": everything it leaves alone is a right answer
    if kind in ("effect", "term") and entailed_by_the_rest(prompt, answer):
        weight *= 0.1
    return weight


# A binding's manner and the word beside it that implies it: competitive inhibition is reversible
# binding, covalent binding irreversible (pharmacology's own definitions, true in any article).
_IMPLIED_BY = {"reversibl": re.compile(r"\bcompetitive(?:ly)?\b|\bnon-?covalent(?:ly)?\b", re.I),
               "irreversibl": re.compile(r"(?<!non-)(?<!non)\bcovalent(?:ly)?\b|\bsuicide inhibit", re.I)}


def entailed_by_the_rest(prompt: str, answer: str) -> bool:
    """"X works by [...] binding to the enzyme, and through competitive inhibition blocks ..." ->
    "reversibly": the sentence's other words define the blank (competitive inhibition is reversible
    binding), so the card tests reading, not recall (the fifteenth reading)."""
    low = answer.strip().lower()
    if "[...]" not in prompt and "_____" not in prompt:
        return False
    return any(low.startswith(stem) and implied.search(prompt) for stem, implied in _IMPLIED_BY.items())


_SPAN_OF_PERCENT = re.compile(r"^\W*(?:approximately |about |around )?\d+(?:\.\d+)?\s?%?\s?(?:to|–|-)\s?\d+(?:\.\d+)?\s?%$")
_FOUND = re.compile(r"\b(?:has|have|had) been (?:found|reported|shown|observed)\b|\brang(?:es?|ed|ing) from\b", re.I)


def found_span(quote: str, answer: str) -> bool:
    """"X has been found to decrease IGF-1 levels by 17 to 38%", "rates of gynecomastia have been
    found to range from 1 to 5%": a span of percentages told as what studies found is their spread
    for an effect beside the point (a student keeps "lowers IGF-1", "gynecomastia is uncommon");
    a span the article states as a fact ("amplified in 20-30% of cancers") is no finding's spread."""
    return _SPAN_OF_PERCENT.match(answer.strip()) is not None and _FOUND.search(quote) is not None


_PRODUCED_PER_DAY = re.compile(r"\b(?:is|are|was|were) (?:produced|secreted|synthesi[sz]ed|made)\b[^.;]{0,40}?"
                               r"\b(?:per day|a day|each day|daily)\b|\bdaily production\b|\bproduction rate\b", re.I)
_MASS = re.compile(r"\d\s?(?:µg|μg|mcg|mg|ng|g)$")


def daily_production(quote: str, answer: str) -> bool:
    """"Approximately 40 to 50 µg of estradiol is produced per day in men": how much of a substance
    the body makes a day is a physiology measurement, not a fact of the drug or the disease (a share
    of it, "15 to 25% is produced in the testicles", says where it comes from, and stays)."""
    return _MASS.search(answer.strip()) is not None and _PRODUCED_PER_DAY.search(quote) is not None


_OPEN_NEGATIVE = re.compile(r"^What (?:does|do|did) [\w\-]+ not [a-z]+\?$")
_ANTAGONIST_EFFECT = re.compile(r"\b(?:antagonist|inhibitor|blocker)\b[^:?]*: with what (?:effect|result)\?$", re.I)
_HELD_BACK = re.compile(r"\b(?:is|are|was|were|being) (?:\w+ )?(?:inhibited|blocked|suppressed|prevented)\b|"
                        r"^(?:an? |the )?(?:inhibition|blockade|suppression) of\b", re.I)


def antagonism_restated(prompt: str, answer: str) -> bool:
    """"In breast tissue, X acts as an ER antagonist: with what effect?" -> "Transcription of
    estrogen-responsive genes is inhibited": what a receptor's antagonist holds back is what the
    word antagonist means, so the card asks a definition again (readers: true by definition)."""
    return _ANTAGONIST_EFFECT.search(prompt) is not None and _HELD_BACK.search(answer) is not None


_RATHER_THAN = re.compile(r"^Why (?:is|are|was|were) .+ rather than [\w\-]+\?$")
_BUT_NOT = re.compile(r"\bbut (?:does|do|did|is|are|was|were|can|will) not\b|\bwithout (?:\w+ing)\b", re.I)


def restates_contrast(prompt: str, answer: str) -> bool:
    """"Why is X cytostatic rather than cytocidal?" -> "It stops cells dividing but does not kill
    them": the reason is the two words' definitions, A and not B, so the card asks what the terms
    mean, not why the drug acts so."""
    return _RATHER_THAN.match(prompt) is not None and _BUT_NOT.search(answer) is not None


_DIRECTIONLESS = re.compile(r"^By (?:regulating|modulating|controlling|affecting|influencing|altering|mediating) "
                            r"(?:the )?[\w\-]+(?: (?:activity|signall?ing|function|levels?|expression|pathway))?$",
                            re.I)


_DIRECTIONLESS_BLANK = re.compile(r"\bby (?:regulating|modulating|controlling|affecting|influencing|altering|"
                                  r"mediating) (?:the )?\[\.\.\.\]", re.I)


def directionless_means(answer: str) -> bool:
    """"How do TSC1 and TSC2 act as tumour suppressors?" -> "By regulating mTORC1 activity": the
    means says that one thing acts on another, not which way (do they switch it on or off?), so
    every answer naming the target is as right as the key."""
    return _DIRECTIONLESS.match(answer.strip()) is not None


_MORE_ACTIVE = re.compile(r"\b(?:become|becomes|became|are|is|grow|grows) (?:more|hyper)[\- ]?active\b|"
                          r"\b(?:increased|greater|enhanced) activity\b", re.I)
_MORE_OF = re.compile(r"^(?:an? |the )?(?:accelerated|increased|enhanced|greater|faster|higher|more)\b", re.I)


def more_of_the_same(prompt: str, answer: str) -> bool:
    """"Osteoclasts live longer and become more active: with what result?" -> "An accelerated rate of
    bone breakdown": cells more active do more of what they do, so the prompt gives the answer to
    anyone who knows what the cells are (a definition card asks that)."""
    return prompt.endswith(": with what result?") and _MORE_ACTIVE.search(prompt) is not None and \
        _MORE_OF.match(answer.strip()) is not None


_PRAISE = re.compile(r"\[\.\.\.\],? (?:a|an|the) (?:fundamental|key|central|crucial|critical|vital|basic|essential|"
                     r"core|major) (?:mechanism|principle|process|pathway|step|component|factor|pillar)\b", re.I)


def praised_blank(prompt: str) -> bool:
    """"X disrupts the [...], a fundamental mechanism of bone preservation in both sexes": the only
    cue to the blank is praise that fits every mechanism of the article (a summary line restating
    cards already asked), so a student recalls a long phrase by its place, not its meaning."""
    return _PRAISE.search(prompt) is not None


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


_THEME_CHANGE = re.compile(r"^(?:an? |the )?(?:(?:relative|absolute|partial|severe|marked|mild) )?(?P<theme>[\w\-]+) "
                           r"(?:deficiency|deficit|excess|lack|loss|withdrawal)$", re.I)


def theme_as_cause(answer: str, themes: set[str]) -> bool:
    """"Women past menopause lose bone faster: why?" -> "A relative estrogen deficiency" in an article
    on estradiol: the cause is the article's own theme gone short, which the setting it is asked in
    (menopause, castration) already says; the card asks the subject word in other words."""
    m = _THEME_CHANGE.match(answer.strip())
    if m is None:
        return False
    word = m.group("theme").lower()
    return any(word == t or word.rstrip("s") == t.rstrip("s") for t in themes)
