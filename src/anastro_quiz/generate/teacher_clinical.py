"""Stage 4, the clinical cards a teacher writes: a rule of practice after "If ...," or "... should
be ...", a threshold ("a level that is too high suggests ..."), an indication ("X is used to
treat ..."), a contraindication ("... is contraindicated in ..."), two forms of the drug not interchangeable."""

from __future__ import annotations

import re

from .cards import Draft, plain_words
from .extract import Sentence
from .kept import answer_key
from .prompt_signals import use_of
from .teacher_clauses import AUX, DOCUMENT_DRUG, clean_prompt_part, converse_of_the_sentence_before, drop_asides, lower_first, names_something, short_phrase, upper_first
from .teacher_why import EFFECT_TRAIL, ask, effect_parts, subject_of


_CONDITION = re.compile(r"^(?P<word>If|When|Whenever|Once|Before|After) (?P<cond>[^,]{6,140}), (?:then )?(?P<main>.+?)\.?$")
_SHOULD = re.compile(r"^(?P<subject>.+?) (?P<modal>should|must|need to|needs to) (?P<verb>(?:be |have )?(?:\w+ly )?\w+) "
                     r"(?P<rest>.+)$")
_SHOULD_BE = re.compile(r"^(?P<what>.+?) (?P<modal>should|must) be (?P<verb>(?:\w+ly )?\w+ed) "
                        r"(?P<who>(?:in|for|during|with|before|after|while|when) .+?)\.?$")
_PEOPLE = re.compile(r"^(?:patients|women|men|people|individuals|children|adults|those|anyone|users)\b", re.I)


def action(s: Sentence, text: str) -> Draft | None:
    """A rule of practice: "If <condition>, <subject> should <do X>" -> "If <condition>, what
    should <subject> <do>?"; "When <condition>, <subject> <does X>" -> "..., what happens to
    <subject>?"; "<X> should be monitored during <Y>" -> "During <Y>, who/what should be monitored?"."""
    m = _SHOULD_BE.match(text)
    if m and not _CONDITION.match(text):
        what, who = m.group("what"), m.group("who")
        if re.match(r"^(?:Due to|Because|Given|Owing to)\b", what) and ", " in what:
            what = what.split(", ", 1)[1]  # "Due to its teratogenic capacity, contraception should be used ..."
        if "," in what:
            return None
        if len(what.split()) <= 10 and clean_prompt_part(who) and not re.search(r"\b(?:it|they)\b", what, re.I):
            wh = "who" if _PEOPLE.match(what) else "what"
            prompt = f"{who[0].upper()}{who[1:]}, {wh} {m.group('modal')} be {m.group('verb')}?"
            answer = short_phrase(what, 10)
            return ask(s, "action", prompt, answer)
        return None
    m = _CONDITION.match(text)
    if m is None:
        return None
    cond = f"{m.group('word')} {m.group('cond')}"
    if converse_of_the_sentence_before(s, m.group("cond"), m.group("main")):
        return None
    if not clean_prompt_part(m.group("cond")) and not re.search(r"\bthey\b", m.group("main")[:12]):
        return None
    if clean_prompt_part(m.group("cond")) is None:
        return None
    main = m.group("main")
    should = _SHOULD.match(main)
    if should:
        subject = should.group("subject")
        if not (names_something(subject) or re.match(r"^(?:they|patients|the dose|treatment)\b", subject, re.I)):
            return None
        verb = should.group("verb")
        prompt = f"{cond}, what {should.group('modal')} {lower_first(subject)} {verb}?"
        return ask(s, "action", prompt, short_phrase(should.group("rest")))
    trail = EFFECT_TRAIL.match(main)
    if trail and trail.group("cue") in ("resulting in", "leading to", "causing"):
        effect = short_phrase(trail.group("effect"))
        why = _why_it_results(cond, trail.group("main"), effect)
        if why is not None:
            return ask(s, "action", *why)
        return ask(s, "action", f"{cond}, {result_question(effect)}", effect,
                    explanation=f"{main[0].upper()}{main[1:]}.")
    effect = effect_parts(main)
    if effect is not None:
        return ask(s, "action", f"{cond}, {effect[0]}", effect[1])
    subject = subject_of(main)
    if subject is None or m.group("word") not in ("If", "When"):
        return None
    rest = main[len(subject):].strip()
    answer = short_phrase(rest, 10)
    if answer is None or rest.split()[0].lower() in AUX:
        return None
    return ask(s, "action", f"{cond}, what happens to {lower_first(subject)}?", answer)


# "the increased bone resorption will overwhelm any anabolic effect": one process outdoing another
_OUTDOES = re.compile(r"^(?P<a>(?:the |any )?[\w\-]+(?: [\w\-]+){0,4}?) (?:will |would |can |may |then )?"
                      r"(?P<verb>overwhelms?|outweighs?|outpaces?|outstrips?|overrides?|overcomes?|exceeds?) "
                      r"(?P<b>[\w\-]+(?: [\w\-]+){1,7})$", re.I)


def _why_it_results(cond: str, cause: str, effect: str | None) -> tuple[str, str] | None:
    """"If dosing is too aggressive, the increased bone resorption will overwhelm any anabolic effect
    from the testosterone, resulting in a net loss of bone mineral density": the result alone ("what
    happens to BMD?" -> "a net loss") leaves the lesson, which process outdoes which, to the
    explanation (the tenth reading); a teacher asks why: "..., why is there a net loss of bone mineral
    density?" -> "The increased bone resorption overwhelms any anabolic effect from the testosterone"."""
    m = _OUTDOES.match(cause)
    if m is None or effect is None or not re.match(r"^an? ", effect, re.I) or not names_something(m.group("a")):
        return None
    verb = m.group("verb").lower()
    if not verb.endswith("s") and not m.group("a").endswith("s"):  # "will overwhelm" -> "overwhelms"
        verb += "s"
    answer = f"{upper_first(m.group('a'))} {verb} {m.group('b')}"
    return f"{cond}, why is there {lower_first(effect)}?", answer


# "a net loss of bone mineral density", "an increase in serum triglycerides": a change of a measure
_CHANGE_OF = re.compile(r"^(?:an? )?(?:(?:net|overall|further|marked|significant|small|slight) )?"
                        r"(?:loss|gain|increase|decrease|rise|fall|reduction|drop|decline|improvement|worsening) "
                        r"(?:of|in) (?P<measure>(?:the )?[\w\-]+(?: [\w\-]+){0,3})$", re.I)


def result_question(effect: str | None) -> str:
    """"If the dose is too high, what is the result?" has as many right answers as the condition has
    effects (bone loss, low libido, poor mood); when the result is a change of one measure ("a net
    loss of bone mineral density") the question names the measure: "..., what happens to bone
    mineral density?"."""
    m = _CHANGE_OF.match(effect or "")
    if m is None:
        return "what is the result?"
    return f"what happens to {lower_first(m.group('measure'))}?"


_THRESHOLD = re.compile(
    r"(?P<np>\b(?:[Aa]n?|[Tt]he) (?:[\w\-]+ ){0,3}?(?:level|levels|concentration|concentrations|value|values|count|dose))"
    r"(?: that (?:is|are)| (?:is|are))? too (?P<dir>high|low)(?: or too (?:high|low))?,? "
    r"(?P<verb>suggests?|indicates?|means?|signals?|calls? for|requires?|is a (?:clear )?signal to|warrants?) "
    r"(?P<action>[^,;]+)")


def thresholds(s: Sentence, text: str) -> list[Draft]:
    """ "An estradiol level that is too high suggests the dose may need to be increased, while a
    level that is too low is a clear signal to reduce or pause the medication" -> one card on both
    directions: "What does an estradiol level that is too high suggest about the dose, and one that
    is too low?" -> "Too high: the dose may need to be increased; too low: reduce or pause the
    medication" (one direction alone, one card). A bare "a level" borrows the noun of the first."""
    found, named = [], None
    for m in _THRESHOLD.finditer(text):
        np = m.group("np")
        if len(np.split()) > 2:
            named = np.split(" ", 1)[1]
        elif named and np.split()[-1] in named:
            np = ("an " if named[:1].lower() in "aeiou" else "a ") + named
        else:
            continue
        verb = m.group("verb")
        asked = "signal" if "signal" in verb else re.sub(r"s$", "", verb.split()[0])
        found.append((np, m.group("dir"), asked, short_phrase(re.sub(r"^(?:to|that)\s+", "", m.group("action")))))
    if len(found) == 2 and found[0][1] != found[1][1] and all(a for *_, a in found):
        # Both directions in one sentence are one rule, asked whole: alone, "too high" beside "the dose"
        # says "increase it" (the tenth reading), and its twin asks the rest of the same sentence.
        (np, high, verb1, act1), (_, low, _, act2) = found
        about = " about the dose" if re.search(r"\bthe dose\b", f"{act1} {act2}", re.I) else ""
        prompt = f"What does {lower_first(np)} that is too {high} {verb1}{about}, and one that is too {low}?"
        d = ask(s, "action", prompt, f"Too {high}: {lower_first(act1)}; too {low}: {lower_first(act2)}")
        return [d] if d is not None else []
    out = []
    for np, direction, asked, action in found:
        d = ask(s, "action", f"What does {lower_first(np)} that is too {direction} {asked}?", action)
        if d is not None:
            out.append(d)
    return out


_USE = re.compile(
    r"^(?P<subject>[A-Z][\w\-]+)(?:, [^,]{3,80},)? (?P<aux>is|are) (?:an? [^,]{3,60}? (?:(?:that|which) (?:is|are) )?)?"
    r"(?:(?:also |mainly |primarily |commonly |often |widely |specifically |typically )?(?:used|indicated) "
    r"(?:as (?P<role>an? [\w\-]+(?: [\w\-]+){0,3}?) (?=to |in the |for the ))?|"
    r"(?<= )(?=for the (?:maintenance )?treatment of))"  # "is a medication for the treatment of ..."
    r"(?P<to>for the maintenance treatment of|to (?:prevent and treat|treat and prevent|treat|prevent|manage|reduce|induce|lower|raise|increase|decrease|"
    r"control|block|suppress|counteract|mitigate)|(?:in|for) the (?:treatment and prevention|prevention and treatment|"
    r"treatment|prevention) of) (?P<what>.+?)\.?$")
_USE_VERB = {"treatment and prevention": "to treat and prevent", "prevention and treatment": "to prevent and treat",
             "treatment": "to treat", "prevention": "to prevent"}


_FOR_PEOPLE = re.compile(r"^(?P<what>.{8,}?) in (?P<who>(?:[\w\-]+ (?:and )?){0,4}?(?:women|men|patients|adults|children|"
                         r"people|girls|boys))$")


def use(s: Sentence, text: str) -> Draft | None:
    """ "Tamoxifen is used to prevent and treat gynecomastia" -> "What is tamoxifen used to prevent
    and treat?" -> "Gynecomastia" (its indication, in the article's words)."""
    m = _USE.match(text)
    if m is None or not names_something(m.group("subject")):
        return None
    if ";" in m.group("what"):
        return None  # several indications: the first alone is not the answer
    listed = re.sub(r"^(?:people|patients|adults|women|men) with ", "", m.group("what"))
    if m.group("role"):  # "used as an immunosuppressant to prevent A and as a targeted therapy in ...": the first role's use
        listed = re.split(r",? and (?:also )?as an? ", listed)[0]
    what, who = short_phrase(listed, 10), None
    people = _FOR_PEOPLE.match(drop_asides(listed).strip(" ."))
    if what is None and people:
        # "the treatment of both early and advanced ER+ breast cancer in pre- and postmenopausal
        # women": too long as one answer; the people it is for go to the prompt
        what, who = short_phrase(people.group("what"), 10), people.group("who")
        listed = people.group("what")
    if what is None:
        return None
    whole = drop_asides(listed).strip(" .")
    if re.search(r",\s+(?:and|or)\s+\S", whole) and whole.lower() != what.lower().strip(" ."):
        # "cancers of the breast and prostate, and some benign gynaecological disorders": the cut
        # answer would leave out an indication the student may rightly give
        if len(whole.split()) > 14 or whole.count(",") > 1:
            return None
        what = upper_first(whole)
    to = m.group("to")
    if to == "for the maintenance treatment of":
        return ask(s, "why", f"As maintenance treatment, what {m.group('aux')} {lower_first(m.group('subject'))} "
                              f"used for?", what)
    if not to.startswith("to "):  # "in the treatment of" -> "to treat"
        to = _USE_VERB[re.sub(r"^(?:in|for) the | of$", "", to)]
    prompt = f"What {m.group('aux')} {lower_first(m.group('subject'))} used {to}?"
    if who:
        prompt = f"In {who}, {lower_first(prompt)}"
    if m.group("role"):
        prompt = f"As {m.group('role')}, {lower_first(prompt)}"
    return ask(s, "why", prompt, what)


_SPECIFICALLY = re.compile(r"^(?:It|This medication|This drug) is (?:specifically|only|mainly|primarily) used "
                           r"(?:for|in) (?P<which>[^,;]{3,90}?)\.?$")


def qualified_uses(drafts: list[Draft], sentences) -> list[Draft]:
    """"What is trastuzumab used to treat?" -> "Breast cancer and stomach cancer", when the next
    sentence says "It is specifically used for cancer that is HER2 receptor positive": the key
    without it teaches a use the article limits, so the answer carries the limit (in the
    article's words) and the explanation the sentence. A limit too long to carry ("for CML and
    ALL that are Ph+, certain types of GIST, and ...") leaves no card: "Cancer" alone is one right
    answer of many."""
    after = {st.previous.text: st for st in sentences if st.previous is not None}
    out = []
    for d in drafts:
        if d.kind == "why" and re.match(r"^What (?:is|are) \S+ used to treat\?$", str(d.data.get("prompt", ""))):
            following = after.get(d.quote)
            text = following.text if following is not None else ""
            m = _SPECIFICALLY.match(text)
            if m:
                d.data["answer"] = f"{d.data['answer']} (specifically {m.group('which')})"
                d.data["explanation"] = text
            elif _SPECIFICALLY_START.match(text) or _GENERIC_USE.match(str(d.data.get("answer", ""))):
                continue
        out.append(d)
    return out


def broader_uses_dropped(drafts: list[Draft]) -> list[Draft]:
    """The cards but a use asked again more broadly (:func:`_broader_use`), and but the uses
    another use answers as well (:func:`_ambiguous_uses`)."""
    ambiguous = _ambiguous_uses(drafts)
    return [d for d in drafts if not _broader_use(d, drafts) and id(d) not in ambiguous]


def _ambiguous_uses(drafts: list[Draft]) -> set[int]:
    """"What is X used to prevent?" -> "Breast cancer" beside "What is X used to prevent and treat?"
    -> "Gynecomastia": each question has the other's key as a right answer too, whichever card
    the later stages keep (the first may go as a broader use, leaving the second with two right
    answers), so neither is asked. A prompt that says whom it is for ("In pre- and postmenopausal
    women, ...") asks something else and stays."""
    uses = [(d, use_of(d.ask), answer_key(plain_words(str(d.data.get("answer", ""))))) for d in drafts
            if d.kind == "why"]
    return {id(d) for d, keys, answer in uses for other, their_keys, their_answer in uses
            if other is not d and keys & their_keys and answer != their_answer}


_USE_PROMPT = re.compile(r"^(?:In [^,]+, )?[Ww]hat (?:is|are) (?P<drug>\S+) used to (?:treat|prevent)(?: and (?:treat|prevent))?\?$")


def _broader_use(d: Draft, drafts: list[Draft]) -> bool:
    """"What is X used to prevent?" -> "Breast cancer in women and men" (the lead's loose summary)
    beside "In pre- and postmenopausal women, what is X used to treat?" -> "Both early and advanced
    ER-positive breast cancer": the disease is the same, and the other card says which cases; the
    bare one asks the article's subject disease, so only the narrower card is kept."""
    m = _USE_PROMPT.match(str(d.data.get("prompt", "")))
    if d.kind != "why" or m is None:
        return False
    disease = re.sub(r"\s+(?:in|for|among) .+$", "", str(d.data.get("answer", ""))).strip(" .").lower()
    if len(disease.split()) > 3:
        return False
    for other in drafts:
        o = _USE_PROMPT.match(str(other.data.get("prompt", "")))
        if other is d or o is None or o.group("drug") != m.group("drug"):
            continue
        answer = str(other.data.get("answer", "")).lower()
        head = re.sub(r"\s+(?:in|for|among) .+$", "", answer)
        if re.search(rf"\b{re.escape(disease)}\b", head) and len(head.split()) > len(disease.split()):
            return True
    return False


_SPECIFICALLY_START = re.compile(r"^(?:It|This medication|This drug) is (?:specifically|only|mainly|primarily) used\b")
_GENERIC_USE = re.compile(r"^(?:cancers?|tumou?rs|infections?|pain|inflammation|disease)$", re.I)


_CONTRA = re.compile(r"^(?P<subject>.+?) (?:is|are) (?:absolutely |relatively )?contraindicated (?P<where>(?:in|during|for|with) .+?)\.?$")


def contraindication(s: Sentence, text: str) -> Draft | None:
    """ "Enzalutamide is contraindicated in women during pregnancy" -> "When is enzalutamide
    contraindicated?" -> "In women during pregnancy"."""
    m = _CONTRA.match(text)
    if m is None or not names_something(m.group("subject")) or clean_prompt_part(m.group("subject"), 1) is None:
        return None
    where = short_phrase(m.group("where"))
    wh = "In whom" if where and _PEOPLE.match(where.split(" ", 1)[-1]) else "When"
    return ask(s, "action", f"{wh} is {lower_first(m.group('subject'))} contraindicated?", where)


# Tried in this order on a sentence, before the why/how builders; the first card wins.
_FORM = r"(?:capsules?|tablets?|solutions?|suspensions?|injections?|patch(?:es)?|gels?|creams?|syrups?|implants?|formulations?)"
_NOT_INTERCHANGEABLE = re.compile(rf"^(?:The )?(?P<a>(?:[a-z][\w\-]+ )?{_FORM}) and (?P<b>(?:[a-z][\w\-]+ )?{_FORM}) "
                                  r"(?:are|is) not interchangeable\.?$")


def interchangeable(s: Sentence, text: str) -> Draft | None:
    """"In August 2017, X tablets were approved ... The formulation was changed from capsules to tablets ...
    The capsules and tablets are not interchangeable." -> "Are X capsules and tablets interchangeable?"
    -> "No" (a rule of practice: one is not given for the other), the sentence before as explanation.
    Only of the article's drug, named with a form of it in one of the two sentences before."""
    m = _NOT_INTERCHANGEABLE.match(s.text)
    if m is None or not DOCUMENT_DRUG:
        return None
    drug = DOCUMENT_DRUG[0]
    before = [b for b in (s.previous, s.previous.previous if s.previous else None) if b is not None and b.lost is None]
    if not any(re.search(rf"\b{re.escape(drug)} {_FORM}", b.text, re.I) for b in before):
        return None
    explanation = before[0].text if before and re.search(_FORM, before[0].text) else ""
    return ask(s, "action", f"Are {lower_first(drug)} {m.group('a')} and {m.group('b')} interchangeable?", "No",
               explanation=explanation)


CLINICAL_BUILDERS = (action, contraindication, use, interchangeable)
