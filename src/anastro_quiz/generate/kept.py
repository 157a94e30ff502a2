"""Stage 5, last: passes over the cards selection kept (in ranking order), which need to see
them all: no answer over ~5% of its document's cards, no why/how question whose answer
another kept card's sentence shows (or, for a partner drug, its question), no class or "How does
X work?" whose target another card names more precisely, no comparison each of whose sides
another card answers, no "What is X?" for a term its sentence only classes in passing, no dose
asked twice by amount."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..decks import CLOZE_RE
from .cards import Draft, contains_answer, plain_words
from .quality_text import stem

ANSWER_SHARE = 0.05  # no answer may be more than ~5% of a deck's answers


@dataclass
class Skipped:
    """A candidate that did not become a card, and why (for ``generate --report``)."""

    draft: Draft
    reason: str  # a short category, e.g. "section budget reached"
    detail: str = ""


def answer_of(d: Draft) -> str:
    """The text a student must produce (cloze deletions, an answer, or a statement)."""
    data = d.data
    if d.type == "cloze":
        return " ".join(m.group(2) for m in CLOZE_RE.finditer(str(data.get("text", ""))))
    if d.type == "true_false":
        return str(data.get("statement", ""))
    answer = data.get("answer", "")
    if isinstance(answer, list):
        return ", ".join(map(str, answer))
    return str(answer)


def answer_key(answer: str) -> str:
    """Answers compared for the share cap: "lipid" and "lipids" are one answer."""
    return " ".join(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in answer.split())


def _shown(d: Draft) -> str:
    """The sentence a blank card shows ("" for a question that rephrases its sentence)."""
    data = d.data
    if d.type == "cloze":
        return CLOZE_RE.sub("[...]", str(data.get("text", "")))
    prompt = str(data.get("prompt", ""))
    return prompt if "_____" in prompt else ""


def answered_elsewhere(kept: list[Draft], skipped: list[Skipped]) -> tuple[list[Draft], list[Skipped]]:
    """"How does anastrozole work?" -> "By binding to the aromatase enzyme" beside the cloze
    "Anastrozole works by [competitively] binding to the aromatase enzyme": the cloze shows the
    question's whole answer and asks more, so the question goes (whatever their ranks). The other way
    round, a blank whose answer a why/how answer holds asks a part of one fact again: it goes."""
    shown = [_shown(d) for d in kept if _shown(d)]  # any document: documents read together are studied together
    explained = [answer_of(d) for d in kept if d.kind in ("why", "action")]
    how_it_works = {(d.document, w[:6]) for d in kept if d.kind == "why" and d.ask.startswith("how does ")
                    and d.ask.endswith(" work") for w in plain_words(answer_of(d)).split() if len(w) >= 6}
    out = []
    for d in kept:
        if _shown_by_a_prompt(d, kept):
            skipped.append(Skipped(d, "another card's prompt shows the answer"))
            continue
        if _result_in_a_prompt(d, kept):
            skipped.append(Skipped(d, "another card's prompt shows the answer", "the result, in other words"))
            continue
        if _restriction_of_a_use(d, kept):
            skipped.append(Skipped(d, "another card's answer gives it", "the use card names whom it is for"))
            continue
        if _forms_compared(d, kept):
            skipped.append(Skipped(d, "near-duplicate of a better card", "a comparison gives each form its dose"))
            continue
        if _target_named_more_precisely(d, kept) or _how_it_works_shown(d, kept):
            skipped.append(Skipped(d, "near-duplicate of a better card", "another card names the target"))
            continue
        manner = answer_of(d).strip().lower()
        if d.kind == "effect" and re.fullmatch(r"[a-z]{6,}ly", manner) and (d.document, manner[:6]) in how_it_works:
            # "Bicalutamide works by [selectively] blocking the AR" beside "How does bicalutamide
            # work?" -> "As a highly selective ... antagonist of the AR": the blank is a word of that answer
            skipped.append(Skipped(d, "near-duplicate of a better card"))
            continue
        if d.kind in ("effect", "term", "examples") and len(answer_of(d).split()) >= 3 and \
                any(contains_answer(e, answer_of(d)) for e in explained):
            # "Estradiol promotes the [activity of osteoblasts] while ..." beside "How does estrogen
            # regulate bone remodeling?" -> "By promoting the activity of osteoblasts and ...": one fact
            skipped.append(Skipped(d, "near-duplicate of a better card"))
            continue
        answer = re.sub(r"^(?:by|through|via)\s+", "", answer_of(d), flags=re.I)
        if d.kind == "why" and len(answer.split()) >= 3 and \
                any(contains_answer(s, answer) for s in shown):
            skipped.append(Skipped(d, "another card's sentence shows the answer"))
            continue
        out.append(d)
    return out, skipped


def _asked_text(d: Draft) -> str:
    """What a card shows before its answer: its question, its sentence with the blank, its statement."""
    data = d.data
    return str(data.get("prompt") or data.get("statement") or CLOZE_RE.sub("[...]", str(data.get("text", ""))))


_ASKS_A_PARTNER = re.compile(r"\bwhich (?:other )?(?:drugs?|medications?|agents?|antiandrogens?)\b|\bin combination\b")


def _shown_by_a_prompt(d: Draft, kept: list[Draft]) -> bool:
    """"Apart from monotherapy, with which drug is X approved in combination?" -> "Fulvestrant" beside
    "In studies that compared fulvestrant plus X to fulvestrant plus placebo, ...?": a one-name answer
    that another card of the article shows in its question is read off that card."""
    answer = answer_of(d)
    if d.kind not in ("why", "action") or len(answer.split()) > 2 or not _ASKS_A_PARTNER.search(d.ask):
        return False  # (the article's themes, "estradiol", "prostate cancer", stand in many prompts: a partner drug in one)
    return any(o is not d and o.document == d.document and contains_answer(_asked_text(o), answer) for o in kept)


_INTERCHANGEABLE = re.compile(r"^are .+? (?P<a>\w+) and (?P<b>\w+) interchangeable$")
_FORMS_DOSED = re.compile(r"compare the dose of the (?:\w+ )?(\w+) and of the (?:\w+ )?(\w+)\.?$", re.I)


def _forms_compared(d: Draft, kept: list[Draft]) -> bool:
    """"Are X capsules and tablets interchangeable?" -> "No" beside "X: compare the dose of the tablets
    and of the capsules." -> "Tablets: 300 mg ...; capsules: 400 mg ...": the yes/no question is
    guessed from its wording, and the comparison tells why one is not given for the other (the
    sixteenth reading), so the yes/no card goes. Forms compare by their last word's stem ("oral
    solution" and "solution", "patches" and "patch")."""
    m = _INTERCHANGEABLE.match(d.ask) if d.kind == "action" else None
    if m is None:
        return False
    forms = {stem(m.group("a")), stem(m.group("b"))}
    for o in kept:
        c = _FORMS_DOSED.search(str(o.data.get("prompt", ""))) if o.kind == "compare" and o.document == d.document else None
        if c and {stem(c.group(1)), stem(c.group(2))} == forms:
            return True
    return False


_STEM = 7  # "supraphysiologic" and "supraphysiological" are one word to a reader


def _stems(text: str) -> list[str]:
    return [w[:_STEM] for w in plain_words(text).split() if len(w) >= 4 and w not in _PLAIN]


def _result_in_a_prompt(d: Draft, kept: list[Draft]) -> bool:
    """"As TRT elevates testosterone levels, it provides more substrate for the aromatase enzyme: with
    what result?" -> "Supraphysiological levels of estradiol" beside "In men, give two examples of
    side effects of supraphysiologic levels of estradiol.": the result is read off the other card's
    question (the twelfth reading: the prompt gives the answer away), so the result card goes and the
    card that asks more stays. Words are compared by their first letters, so that a variant spelling
    is the same word."""
    if d.kind != "why" or not d.ask.endswith("with what result"):
        return False
    stems = _stems(answer_of(d))
    if len(stems) < 2:
        return False
    # (any document: documents read together are studied together)
    return any(o is not d and o.quote != d.quote and all(st in _stems(_asked_text(o)) for st in stems) for o in kept)


_THOSE = re.compile(r"^(?:only )?(?:those|the ones|cancers|tumou?rs|patients|people) (?:that|which|who|whose|with)\b", re.I)
_USE_QUESTION = re.compile(r"^what (?:is|are) \S+ used to treat$")


def _restriction_of_a_use(d: Draft, kept: list[Draft]) -> bool:
    """"Which breast cancers can X benefit?" -> "Those that overexpress HER2" beside "What is X used to
    treat?" -> "Breast cancer ... (specifically cancer that is HER2 receptor positive)": the use card
    already keys whom the drug is for, and the restriction is asked again from another sentence.
    Told apart by the restriction's marker (a name with a digit or in capitals: HER2, BRCA1, EGFR)
    in the use card's answer."""
    answer = answer_of(d)
    if d.kind not in ("why", "action") or not _THOSE.match(answer.strip()):
        return False
    markers = {w for w in re.findall(r"[\w\-]+", answer) if re.search(r"[A-Z]{2,}|[A-Za-z]\d", w)}
    if not markers:
        return False
    return any(o is not d and o.document == d.document and _USE_QUESTION.match(o.ask) and
               all(re.search(rf"(?<![\w\-]){re.escape(m)}(?![\w\-])", answer_of(o)) for m in markers) for o in kept)


_ROLE_WORDS = {"as", "a", "an", "the", "of", "at", "on", "agonist", "antagonist", "inhibitor", "inhibitors",
               "modulator", "blocker", "activator", "drug", "drugs"}


def _target_named_more_precisely(d: Draft, kept: list[Draft]) -> bool:
    """"How does X work?" -> "As an agonist of the estrogen receptor" beside "Through which two nuclear
    receptors does X act?" -> "Estrogen receptor α and estrogen receptor β"; the class "CDK inhibitor"
    beside "Which enzymes does X inhibit?" -> "CDK4 and CDK6": the card says only what it acts on, and
    another names that more precisely, so it asks the same thing less well. A mechanism that says
    how ("highly selective", "irreversible") has words the other lacks, and stays."""
    if not (d.kind == "class" or d.kind == "why" and d.ask.startswith("how does ") and d.ask.endswith(" work")):
        return False
    words = [w for w in plain_words(re.sub(r"\([^)]*\)", "", answer_of(d))).split() if w not in _ROLE_WORDS]
    if not words:
        return False
    for o in kept:
        if o is d or o.document != d.document or o.kind != "why" or not re.match(r"(?:through )?which ", o.ask):
            continue
        theirs = plain_words(answer_of(o)).split()
        if all(any(t.startswith(w) for t in theirs) for w in words):
            return True
    return False


def _how_it_works_shown(d: Draft, kept: list[Draft]) -> bool:
    """"How does X work?" -> "By blocking the production of estrogens" beside the cloze "X works by
    [reversibly] binding to the aromatase enzyme, and ... blocks the conversion of androgens to
    estrogens": another card shows a sentence of its own on how X works, which says more; a second
    card asks the same question less precisely."""
    if not (d.kind == "why" and d.ask.startswith("how does ") and d.ask.endswith(" work")):
        return False
    drug = d.ask[len("how does "):-len(" work")]
    says_how = re.compile(rf"\b{re.escape(drug)} (?:works|acts) (?:primarily |mainly )?by\b", re.I)
    stems = {w[:6] for w in plain_words(answer_of(d)).split()}
    # ("Bicalutamide works by [selectively] blocking ..." blanks a word of this answer: that cloze goes instead)
    return any(o is not d and o.document == d.document and o.quote != d.quote and _shown(o) and
               says_how.search(_shown(o)) and answer_of(o).strip().lower()[:6] not in stems for o in kept)


_SIDE = re.compile(r"^\s*(?:in\s+)?\w+(?:\s+\w+){0,3}?:\s*")
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*%")
_PLAIN = {"with", "that", "this", "from", "over", "into", "than", "particularly", "especially", "often", "about"}


def _content(text: str) -> set[str]:
    return {w for w in plain_words(text).split() if len(w) >= 4 and w not in _PLAIN and not w[0].isdigit()}


def _said_by(side: str, others: list[Draft]) -> bool:
    """Whether another card's answer says this side of a comparison: a figure it gives as a range
    ("~6-7%") holds another card's figure (6.1%), or three of its words are another answer's."""
    words = _content(side)
    for d in others:
        answer = answer_of(d)
        for lo, hi in _RANGE.findall(side):
            for figure in re.findall(r"(\d+(?:\.\d+)?)\s*%", answer):
                if float(lo) <= float(figure) <= float(hi) + 0.5:
                    return True
        if len(words & _content(answer)) >= 3:
            return True
    return False


def restated_comparisons(kept: list[Draft], skipped: list[Skipped]) -> tuple[list[Draft], list[Skipped]]:
    """"Compare the observed effect on BMD: women, significant decrease (~6-7% over 5 years); men,
    statistically significant decrease, particularly in the spine" beside the ATAC figures (6.1%,
    7.2%) and the 2009 study's "a statistically significant decrease": each side is another card's
    answer, so the row asks them again (readers: a near-duplicate)."""
    others = [d for d in kept if d.kind in ("number", "outcome", "why", "action")]
    out = []
    for d in kept:
        sides = [_SIDE.sub("", side) for side in answer_of(d).split(";")] if d.kind == "compare" else []
        if len(sides) == 2 and all(_said_by(side, others) for side in sides):
            skipped.append(Skipped(d, "near-duplicate of a better card", "each side is another card's answer"))
            continue
        out.append(d)
    return out, skipped


# "estradiol, the primary form of estrogen": a gloss that only says what a term is a kind of
_CLASS_ONLY = re.compile(r"^(?:the|a|an) (?:[\w\-]+ ){0,2}(?:form|type|kind|member|variety) of [\w\-]+(?: [\w\-]+)?$", re.I)


def glosses_in_their_sentence(kept: list[Draft], skipped: list[Skipped]) -> tuple[list[Draft], list[Skipped]]:
    """"..., potentially leading to supraphysiological levels of estradiol, the primary form of
    estrogen" gives "What is estradiol?" -> "The primary form of estrogen" (many right answers: a
    hormone, a sex steroid; the tenth reading threw it away) beside the card asking what the sentence
    is about, whose answer names estradiol. The gloss goes with that card, in its explanation
    ("Estradiol: the primary form of estrogen."), where the student meets the term; a gloss that
    says what the term does ("osteoclasts, the cells responsible for bone resorption") stays a card."""
    out = []
    for d in kept:
        gloss = str(d.data.get("answer", "")).rstrip(".")
        host = next((o for o in kept if o is not d and o.quote == d.quote and o.kind != "define"
                     and d.term and re.search(rf"\b{re.escape(d.term.lower())}\b", plain_words(answer_of(o)))), None) \
            if d.kind == "define" and _CLASS_ONLY.match(gloss) else None
        if host is None and d.kind == "define" and _CLASS_ONLY.match(gloss) and d.term and any(
                o.quote == d.quote for o in skipped_drafts(skipped) if o.kind != "define"):
            # its sentence's card went (its answer read off another card's question): the gloss goes
            # with a card that names the term, or not at all (alone it has many right answers)
            named = re.compile(rf"\b{re.escape(d.term.lower())}\b")
            own_first = sorted(kept, key=lambda o: o.document != d.document)  # (stable: ranking order within)
            host = next((o for o in own_first if o is not d and o.kind != "define" and
                         named.search(plain_words(_asked_text(o) + " " + answer_of(o)))), None)
            if host is None:
                skipped.append(Skipped(d, "near-duplicate of a better card", "a gloss that only classes its term"))
                continue
        if host is None:
            out.append(d)
            continue
        note = f"{d.term[:1].upper()}{d.term[1:]}: {gloss[:1].lower()}{gloss[1:]}."
        before = host.data.get("explanation")
        host.data["explanation"] = f"{before} {note}" if before else note
        skipped.append(Skipped(d, "told in another card's explanation", note))
    return out, skipped


def skipped_drafts(skipped: list[Skipped]) -> list[Draft]:
    """The drafts the passes before dropped from the kept cards (not those never kept)."""
    return [s.draft for s in skipped if s.reason in _DROPPED_AFTER_KEEPING]


_DROPPED_AFTER_KEEPING = {"another card's prompt shows the answer", "another card's sentence shows the answer",
                          "near-duplicate of a better card", "another card's answer gives it",
                          "the prompt gives the answer away"}


def cap_answer_share(kept: list[Draft], skipped: list[Skipped]) -> tuple[list[Draft], list[Skipped]]:
    """No answer more than ~5% of its document's cards (at least once allowed): the weakest
    repeats go, so "aromatase" is asked where it matters most and not six times."""
    per_doc = Counter(d.document for d in kept)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for d in kept:  # kept is in ranking order: the best use of an answer comes first
        if d.type == "true_false":
            out.append(d)
            continue
        key = (d.document, answer_key(plain_words(answer_of(d))))
        cap = max(1, int(ANSWER_SHARE * per_doc[d.document]))
        if seen[key] >= cap:
            skipped.append(Skipped(d, "answer already asked", f"'{key[1]}' {cap}x"))
            continue
        seen[key] += 1
        out.append(d)
    return out, skipped


_PER_DAY = re.compile(r"\s*(?:/\s*day|/d|\s(?:once )?daily|\sper day|\sa day|\sonce a day)$", re.I)
_AMOUNT = re.compile(r"^\d+(?:\.\d+)?\s?(?:mg|µg|μg|mcg|g)$")
# How a product is supplied, not what a dose does or is for
_STRENGTH = re.compile(r"\b(?:tablets?|capsules?|strengths?|available (?:in|as)|formulations?|vials?)\b", re.I)


def one_dose_per_amount(kept: list[Draft], skipped: list[Skipped]) -> tuple[list[Draft], list[Skipped]]:
    """"X is available in the form of [1 mg] oral tablets" beside "What is the minimal dosage of X that
    achieves maximal suppression?" -> "1 mg/day": two figure cards of one article keyed with the same
    amount (per day or not) ask it twice. The one that says what the dose does or is for stays; the
    strength a product comes in goes (readers: it adds little beside the other); then the one that
    says how often ("40 mg once daily" beside the blank "... is _____ once daily"); then the better ranked."""
    groups: dict[tuple[str, str], list[Draft]] = {}
    for d in kept:
        amount = _PER_DAY.sub("", answer_of(d).strip())
        if d.kind == "number" and _AMOUNT.match(amount):
            groups.setdefault((d.document, amount.replace(" ", "")), []).append(d)
    gone: set[int] = set()
    for same in groups.values():
        if len(same) < 2:
            continue
        # kept is in ranking order: min() keeps the better ranked of two alike
        keep = min(same, key=lambda d: (bool(_STRENGTH.search(_asked_text(d))), _PER_DAY.search(answer_of(d).strip()) is None))
        gone |= {id(d) for d in same if d is not keep}
    for d in kept:
        if id(d) in gone:
            skipped.append(Skipped(d, "near-duplicate of a better card", "the same dose asked twice"))
    return [d for d in kept if id(d) not in gone], skipped
