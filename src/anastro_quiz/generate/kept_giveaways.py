"""Stage 5, passes over the kept cards for answers a student reads off the card itself or off its
neighbours (the thirteenth reading): an answer whose words the prompt already says (or a near
synonym of them), a vague "dysregulation of X" beside the card that defines X from the same sentence,
and "What is responsible for Y?" -> a term another card names."""

from __future__ import annotations

import re

from .cards import Draft, plain_words
from .kept import Skipped, answer_of

# Words that say how much or that something happens, not what: "a higher incidence of ... events"
_AMOUNT_WORDS = {"higher", "lower", "greater", "increased", "decreased", "reduced", "elevated", "more", "less",
                 "incidence", "risk", "risks", "rate", "rates", "events", "event", "levels", "level", "likelihood",
                 "chance", "number", "frequency", "occurrence", "cases", "some", "certain", "adverse"}
# Near synonyms a reader takes for one another (organ words and their adjectives)
_SYNONYMS = [{"heart", "cardiac", "cardiovascular", "coronary"}, {"liver", "hepatic"}, {"kidney", "kidneys", "renal"},
             {"lung", "lungs", "pulmonary"}, {"bone", "bones", "skeletal"}, {"blood", "haematological", "hematological"},
             {"skin", "cutaneous", "dermal"}, {"brain", "cerebral"}]


def _synonyms(word: str) -> set[str]:
    for group in _SYNONYMS:
        if word in group:
            return group
    return {word}


def guessed_from_prompt(d: Draft) -> bool:
    """"Why does X call for careful consideration in women with pre-existing ischemic heart disease?" -> "A
    higher incidence of ischemic cardiovascular events": leave out the words that only say how much
    ("higher incidence", "events") and every word left is the prompt's or a near synonym of one
    ("cardiovascular" for "heart"), so the answer is guessed without recall (the thirteenth reading)."""
    if d.kind not in ("why", "action"):
        return False
    prompt = set(plain_words(str(d.data.get("prompt", ""))).split())
    words = [w for w in plain_words(answer_of(d)).split() if w not in _AMOUNT_WORDS
             and w not in {"a", "an", "of", "the", "and", "with", "for", "from", "that", "its", "their"}]
    if not words or len(words) > 4:
        return False

    def said(w: str) -> bool:  # (a short word, "IV", "5", counts only as itself)
        return w in prompt or len(w) >= 4 and any(p[:6] == s[:6] for s in _synonyms(w) for p in prompt if len(p) >= 4)
    return all(said(w) for w in words)


_VAGUE_OF = re.compile(r"^(?:the |an? )?(?:dysregulation|deregulation|regulation|activity|role|involvement|function|"
                       r"behaviou?r|actions?|alterations?|changes?) (?:of|in) (?:the )?(?P<term>[\w\-]+(?: [\w\-]+)?)$", re.I)


def vague_beside_its_term(d: Draft, kept: list[Draft]) -> bool:
    """"What is the primary driver of bone loss from estrogen deficiency?" -> "The dysregulation of
    osteoclasts" beside "What are osteoclasts?" from the same sentence: the answer only names the term the
    other card defines ("dysregulated" how? a student says "more resorption"), so the vague card goes and
    the definition stays."""
    m = _VAGUE_OF.match(answer_of(d).strip().rstrip("."))
    if d.kind != "why" or m is None:
        return False
    term = plain_words(m.group("term"))
    return any(o is not d and o.quote == d.quote and o.kind == "define" and plain_words(o.term) == term for o in kept)


_WHAT_IS_RESPONSIBLE = re.compile(r"^What (?:is|are) (?:primarily |mainly )?responsible for\b", re.I)


def responsible_named_elsewhere(d: Draft, kept: list[Draft]) -> bool:
    """"What is responsible for building new bone tissue?" -> "Osteoblasts" (a definition asked backwards,
    no subject named) beside "How does estrogen regulate bone remodeling?" -> "By promoting the activity of
    osteoblasts and ...": the term is taught by a card that says what it does in context, and the bare
    physiology question adds nothing (the thirteenth reading)."""
    if d.kind != "define" or not _WHAT_IS_RESPONSIBLE.match(str(d.data.get("prompt", ""))):
        return False
    term = plain_words(answer_of(d))
    if not term:
        return False
    named = re.compile(rf"\b{re.escape(term)}\b")
    return any(o is not d and o.quote != d.quote and o.kind != "define" and
               named.search(plain_words(f"{o.data.get('prompt', '')} {answer_of(o)}")) for o in kept)


# "By co-prescribing an androgen receptor antagonist (such as bicalutamide)": the answer is a class of drug
_CLASS_ANSWER = re.compile(r"^(?:by |through )?(?:[\w\-]+ing )?(?:an? |the )?(?P<what>[a-z]+) receptor (?:antagonists?|blockers?)$")


def class_named_in_a_prompt(d: Draft, kept: list[Draft]) -> bool:
    """"How can the initial flare on X be treated?" -> "By co-prescribing an androgen receptor antagonist
    (such as bicalutamide)" beside "When starting X, for how long is co-treatment with an antiandrogen
    advisable?": the other card's prompt names the class the answer is, in its one-word name (an
    antiandrogen is an androgen receptor antagonist), so the answer is read off it (the sixteenth reading)."""
    if d.kind not in ("why", "action"):
        return False
    m = _CLASS_ANSWER.match(plain_words(re.sub(r"\s*\([^()]*\)", "", answer_of(d))))
    if m is None:
        return False
    named = re.compile(rf"\banti-?{re.escape(m.group('what'))}s?\b")
    return any(o is not d and o.document == d.document and named.search(plain_words(str(o.data.get("prompt", ""))))
               for o in kept)


def giveaways_dropped(kept: list[Draft], skipped: list[Skipped]) -> tuple[list[Draft], list[Skipped]]:
    """The kept cards but those whose answer their prompt or a neighbour gives away (see above)."""
    out = []
    for d in kept:
        if guessed_from_prompt(d):
            skipped.append(Skipped(d, "the prompt gives the answer away", "its words or near synonyms"))
        elif vague_beside_its_term(d, kept):
            skipped.append(Skipped(d, "near-duplicate of a better card", "a vague answer beside its term's definition"))
        elif class_named_in_a_prompt(d, kept):
            skipped.append(Skipped(d, "another card's prompt shows the answer", "the class, by its one-word name"))
        elif responsible_named_elsewhere(d, kept):
            skipped.append(Skipped(d, "near-duplicate of a better card", "another card names the term in context"))
        else:
            out.append(d)
    return out, skipped
