"""Stage 4, teacher's cards over several things at once: enumerations.

Enumerations come from "<category> include A, B and C", "<X> has <category>, including A, B
and C", "<category> such as A, B and C" and "<X> is found in various tissues, including A, B
and C", "<X> is indicated for use in conjunction with <Y> in the treatment of A, B and C" (each with the
initials the article gives it): a typed card with the items, graded item by item
with partial credit ("Name three common side effects of tamoxifen"). A list is split into its
items by :mod:`list_items`; a card beside the article's other list of the same category is
settled by :mod:`teacher_other_lists`; mechanism chains are in :mod:`teacher_chains`.
"""

from __future__ import annotations

import re

from ..numbers import spelled
from .cards import Draft, make_draft, contains_answer
from .clauses import on_an_aside
from .extract import Sentence
from .vocabulary import zipf
from .list_items import LEADING_ARTICLE, MAX_ANY_TWO, MAX_NAMED, glossed, list_items
from .teacher_uses import indicated_otherwise
from .teacher_clauses import drop_asides, finite_verb, lower_first, names_something, question, readable_sentences
from .teacher_other_lists import listed_elsewhere, with_other_list

_NUMBERS = {value: word for word, value in spelled(2, 3, 4).items()}  # "Name three ..."
# Nouns that name a category of things a clinician lists (general clinical vocabulary).
_CATEGORY = re.compile(r"\b(?:effects|symptoms|signs|contraindications|indications|uses|risks|complications|"
                       r"interactions|conditions|disorders|diseases|cancers|drugs|medications|agents|inhibitors|"
                       r"hormones|enzymes|receptors|metabolites|factors|tissues|organs|cells|options|tests|"
                       r"markers|events|reactions|problems|findings|features|treatments|therapies|substrates|"
                       r"inducers|genes|proteins|pathways|forms|types|classes)$", re.I)
_INCLUDE = re.compile(r"^(?P<head>.+?) (?:include|includes|included|can include|may include) (?P<list>.+?)\.?$")
_INCLUDING = re.compile(r"^(?P<before>.+?),? (?P<cue>including|such as|like|notably) (?P<list>.+?)\.?$")
_PURPOSE = re.compile(r",\s*which (?:are|is) (?P<need>(?:essential|crucial|needed|required|necessary|responsible) (?:for|to)) "
                      r"(?P<what>\w+(?: \w+){0,3}?)(?= and\b|[,.;]|$)")
# "Estradiol interferes with the signaling of crucial cytokines": a named agent acting on the category
_ACTS_ON = re.compile(r"^(?P<agent>[A-Z][\w\-]+) (?P<verb>interferes with|blocks|inhibits|suppresses|activates|"
                      r"stimulates|enhances|reduces|increases|promotes|disrupts) the (?P<what>signal(?:l)?ing|activity|"
                      r"action|production|release|expression|effects?) of (?:[a-z]+ )?[a-z][\w\-]*s$")
_EVALUATIVE = re.compile(r"^(?:crucial|key|important|major|critical|essential|vital)\s+", re.I)


def document_subject(doc) -> str | None:
    """What the article is about, when it says so: its Markdown title ("# Tamoxifen")."""
    outline = getattr(doc, "outline", None)  # the document's own title, never its file name
    if outline is not None and getattr(outline, "title", ""):
        return str(outline.title)
    for line in doc.text.splitlines():
        if line.strip():
            m = re.match(r"^#\s+(.{2,60})$", line.strip())
            return m.group(1).strip() if m else None
    return None


def _category(phrase: str) -> str | None:
    """The category a list names: a plural noun phrase of at most four words, no preposition in
    it, at the end of ``phrase`` ("Tamoxifen has a number of contraindications" ->
    "contraindications")."""
    tail = re.split(r"\b(?:has|have|had|causes|cause|with|of|for|are|is|include|includes|the|a|an)\s+|,\s*",
                    phrase)[-1]
    tail = LEADING_ARTICLE.sub("", tail.strip(" ,"))
    if re.match(r"^\w+ing\b", tail):
        return None
    words = tail.split()
    if not 1 <= len(words) <= 4 or not words[-1].lower().endswith("s") or words[-1].lower().endswith("ss"):
        return None
    if re.search(r"\b(?:in|on|at|to|by|from|into|other|any|these|those|such|many|multiple|various|several)\b",
                 tail, re.I):
        return None
    return lower_first(tail) if _CATEGORY.search(tail) or any(zipf(w.lower()) < 3.5 for w in words) else None


def _generic(category: str) -> bool:
    """A category that says nothing without its owner ("cancers", "common side effects", "active
    metabolites": whose?), unlike "androgens" or "cytokines"."""
    return bool(_CATEGORY.search(category))


# "side effects of low estrogen", "detrimental effects of estrogen deficiency": effects of a named state,
# never asked as "give two examples" (an open set)
_EFFECTS_OF = re.compile(r"\b(?:effects|symptoms|signs|complications)\s+of\s+[a-z][\w\-]+(?: [a-z][\w\-]+){0,2}$")
_OWNER = re.compile(r"^(?P<owner>[A-Z][\w\-]+) (?:also )?(?:has|have|causes|produces|exerts|carries)"
                    r"(?: a number of| several| many| various| some| other| certain)? (?P<category>.+)$")


def list_drafts(doc) -> list[Draft]:
    """Enumeration cards: typed, with ``items`` and how many a reply ``need``s."""
    out = []
    subject = document_subject(doc)
    for s, text in readable_sentences(doc):
        d = _enumeration(s, text, subject) or _verb_list(s, text) or _side_effects_are(s, text, subject) or \
            _found_in(s, text)
        if d is not None and d.data.get("need") == 2 and d.data["prompt"].startswith("Name two "):
            d = with_other_list(d, doc)
        if d is not None and not listed_elsewhere(d, doc) and not indicated_otherwise(d, doc):
            out.append(d)
    return out



def _enumeration(s: Sentence, text: str, subject: str | None) -> Draft | None:
    """ "Common side effects include A, B and C" (in the article on X) -> "Name three common side
    effects of X"; "X has contraindications, including A, B and C" -> "Name three
    contraindications of X"; "<category> such as A and B" -> "Give two examples of <category>"."""
    examples, purpose = False, None
    m = _INCLUDE.match(text)
    # "Common side effects of anastrozole include ...": the category, then its owner
    of_drug = re.match(r"^(?P<category>.+?s) of [A-Z]?[a-z][\w\-]+$", m.group("head")) if m else None
    if m and finite_verb(m.group("head").split(), 0) is None and (
            m.group("head").split()[-1].lower().endswith("s") or of_drug):
        head = m.group("head")
        category = _category(head) or (_category(of_drug.group("category")) if of_drug else None)
        items = list_items(m.group("list"), most=MAX_ANY_TWO, semicolons=True) if category else None
        owner = subject if category and LEADING_ARTICLE.sub("", head).lower() == category.lower() else None
        if owner is None and re.search(r"\b(?:of|for)\b", head) and category:
            owner_m = re.search(r"\b(?:of|for) (.+)$", head)
            category = f"{category} {owner_m.group(0)}" if owner_m and len(head.split()) <= 8 else None
    else:
        m = _INCLUDING.match(text)
        if m is None:
            return None
        before = m.group("before").rstrip(", ")
        if finite_verb(before.split(), 1) is None:  # "Estrogen levels, including estradiol, rise ...": a subject
            return None
        category, items = _category(before), list_items(m.group("list"))
        examples = m.group("cue") in ("such as", "like")
        if category is None and examples and _EFFECTS_OF.search(before):
            # "... the known side effects of low estrogen, such as A and B": the effects of a state are
            # an open set (the article names others elsewhere: hot flashes, low libido), and a typed
            # key of two of them marks the others wrong (readers judged these cards BAD)
            return None
        if examples and on_an_aside(before):
            # "X antagonizes the androgen receptor, the biological target of androgens like A and B":
            # the examples hang on an aside that glosses a general word, not on what X does
            return None
        purpose = _PURPOSE.search(m.group("list"))
        owned = _OWNER.match(before)
        owner = owned.group("owner") if owned and category and LEADING_ARTICLE.sub("", owned.group("category")).lower() == \
            category.lower() else None
        if owner is None and category and (_generic(category) or not before.endswith(category)):
            return None
    if category is None or items is None:
        return None
    any_two = not examples and len(items) > MAX_NAMED  # six common side effects: any two of them is a card
    if any_two and (owner is None or not re.search(r"\b(?:common|frequent)\b", category)):
        return None
    if owner is None and _generic(category) and " of " not in category:
        return None
    if examples and purpose:  # "cytokines like RANKL and M-CSF, which are essential for osteoclast
        # differentiation": examples of what, for what
        category = f"{_EVALUATIVE.sub('', category)} {purpose.group('need')} {purpose.group('what')}"
    first = (m.groupdict().get("before") or "").split(" ", 1)[0]
    if examples and owner is None and first[:1].isupper() and all(first.lower() in i.lower() for i in items):
        # "Trastuzumab is a component of antibody-drug conjugates such as trastuzumab emtansine, ...":
        # examples of the conjugates that contain it, not of any conjugate
        category = f"{category} containing {lower_first(first)}"
    need = min(2 if examples or any_two else 3, len(items))
    of = f" of {lower_first(owner)}" if owner and owner.lower() not in category.lower() else ""
    acts = _ACTS_ON.match(before) if examples and owner is None and m.groupdict().get("before") else None
    if acts and names_something(acts.group("agent")):
        # "Estradiol interferes with the signaling of cytokines like RANKL and M-CSF, which are essential
        # for osteoclast differentiation": what the agent does to them is the mechanism's link, so the
        # prompt says it ("Estradiol interferes with the signaling of cytokines essential for ...: give two
        # examples."), not the examples alone
        prompt = f"{acts.group('agent')} {acts.group('verb')} the {acts.group('what')} of {category}: " \
                 f"give {_NUMBERS[need]} examples."
    elif examples:
        prompt = f"Give {_NUMBERS[need]} examples of {category}{of}."
    else:
        prompt = f"Name {_NUMBERS[need]} {category}{of}."
    prompt = question(prompt)
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return make_draft("list", "typed", data, s, prompt)


def domain_things(items: list[str]) -> bool:
    """Most items hold a domain word (rarer in general English): "nausea, rash, fatigue" are
    effects, "mild, brief, and rare" are how they were."""
    return sum(any(zipf(w.lower()) < 4.2 for w in re.findall(r"[A-Za-z]+", i)) for i in items) * 2 >= len(items)


_VERB_LIST = re.compile(
    r"^(?P<subject>[A-Z][\w\-]+)(?:, [^,]{3,80},)? (?:is |are )?(?:also |commonly |most commonly |frequently )?"
    r"(?P<verb>indicated for use (?:in conjunction|in combination|together) with (?P<with>[\w\- ]{3,30}?) in the "
    r"treatment of|indicated (?:to treat|for the treatment of|for|in)|approved (?:to treat|for the treatment of|for)|"
    r"used (?:to treat|in the treatment of|for the treatment of)|may cause|can cause|commonly causes|causes) "
    r"(?P<list>.+?)\.?$")
_SIDE_EFFECTS_HEADING = re.compile(r"\b(?:side|adverse) (?:effects|reactions|events)\b", re.I)


def _verb_list(s: Sentence, text: str) -> Draft | None:
    """ "Olaparib is indicated to treat breast cancer, ovarian cancer and prostate cancer" ->
    "Name three cancers olaparib is indicated for"; "Goserelin may cause bone pain, hot flushes,
    headache, ..." -> "Name three possible side effects of goserelin" (under a side-effects
    heading; "effects" elsewhere). Three items at least: two are a question, not a list."""
    m = _VERB_LIST.match(text)
    if m is None or not names_something(m.group("subject")):
        return None
    items = list_items(m.group("list"), most=MAX_NAMED + 1, commas_only=True)
    if items is not None and len(items) > MAX_NAMED and len({i.split()[-1].lower() for i in items}) > 1:
        items = None  # six items only when they share a head ("breast cancer, ..., prostate cancer"): short to say
    if items is None or len(items) < 3 or not domain_things(items):
        return None
    subject = lower_first(m.group("subject"))
    verb = m.group("verb")
    if verb.endswith("cause") or verb.endswith("causes"):
        kind = "side effects" if _SIDE_EFFECTS_HEADING.search(f"{s.heading} {s.section}") else "effects"
        possible = "possible " if verb.startswith(("may", "can")) else ""
        prompt = f"Name three {possible}{kind} of {subject}."
    else:
        heads = {i.split()[-1].lower() for i in items}
        head = heads.pop() if len(heads) == 1 and all(len(i.split()) >= 2 for i in items) else None
        category = f"{head}s" if head and not head.endswith("s") else "conditions"
        use = "used to treat" if verb.startswith("used") else verb.split()[0] + " for"
        prompt = f"Name three {category} {subject} is {use}."
        if m.group("with"):
            # (the forms are told apart before the initials are added to them)
            prompt = _forms_of(items, subject, m.group("with")) or f"{prompt[:-1]}, with {m.group('with')}."
            items = _with_initials(items, m.group("list"))
    prompt = question(prompt)
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 3}
    return make_draft("list", "typed", data, s, prompt)


def _with_initials(items: list[str], listed: str) -> list[str]:
    """Each item with the initials the article gives it ("metastatic castration-resistant prostate
    cancer (mCRPC)"): what a clinician writes, which the list grader then accepts too."""
    initials = {name.strip().lower(): abbr for name, abbr in
                re.findall(r"(?:^|,\s*)(?:and\s+)?([\w\- ]+?) \(([A-Za-z]{2,8})\)", listed)}
    return [f"{i} ({initials[i.lower()]})" if i.lower() in initials else i for i in items]


def _forms_of(items: list[str], subject: str, partner: str) -> str | None:
    """"Name three forms of prostate cancer enzalutamide is indicated for, with castration.": items
    that end alike in two words are forms of one disease (the general "What is X used to treat?"
    card keeps that disease)."""
    tails = {" ".join(i.split()[-2:]).lower() for i in items}
    if len(tails) != 1 or any(len(i.split()) < 3 for i in items):
        return None
    return f"Name three forms of {tails.pop()} {subject} is indicated for, with {partner}."


_ARE_LIST = re.compile(
    r"^(?P<head>(?:Some of )?(?:[Tt]he )?(?P<adj>(?:[Mm]ost )?(?i:common|frequent|serious|severe) )?(?P<noun>(?i:side "
    r"effects|adverse effects|adverse reactions|adverse events|blood abnormalities|laboratory abnormalities))"
    r"(?: of (?P<owner>[A-Za-z][\w\-]+))?)(?P<rest> [^,]{0,60}?)?"
    r" (?:were|are) (?P<list>.+?)\.?$")


def _side_effects_are(s: Sentence, text: str, subject: str | None) -> Draft | None:
    """ "The most common adverse reactions (incidence 30% or more) were stomatitis, infections,
    diarrhea and rash" (in the article on X) -> "Name three common adverse reactions of X"."""
    m = _ARE_LIST.match(text)
    owner = m and (m.group("owner") or (subject if subject and len(subject.split()) == 1 else None))
    if m is None or owner is None or (m.group("rest") and finite_verb(["x"] + m.group("rest").split()) is None
                                      and not re.match(r"^ (?:(?:that|which|in|with|seen|reported|observed|found)\b|"
                                                       r"\([^()]+\)$)", m.group("rest"))):  # "(incidence 30% or more)"
        return None
    # "leukopenia including neutropenia": the example kept as a gloss the grader accepts
    listed = re.sub(r"\s+including\s+([^,]+)", r" (\1)", drop_asides(m.group("list")))
    items = _glossed_items(listed)
    if items is None or len(items) < 3 or not domain_things(items):
        return None
    often = re.search(r"\b(?:common|frequent)\b|\d+\s*%", f"{m.group('head')} {m.group('rest') or ''}")
    adj = "common " if often else "serious " if m.group("adj") and "seri" in m.group("adj") else \
        "severe " if m.group("adj") else ""
    # "blood abnormalities of X" reads as the drug's own: abnormal values are found on it
    link = "on" if m.group("noun").lower().endswith("abnormalities") else "of"
    noun = f"{adj}{m.group('noun').lower()} {link} {lower_first(owner)}"
    if len(items) > MAX_NAMED:
        # six to eight items are no list to recall whole, but any two of them is what a teacher asks
        most = "the most " if m.group("adj") and m.group("adj").lower().startswith("most") else ""
        prompt = question(f"Name two of {most}{noun}." if most else f"Name two {noun}.")
        need = 2
    else:
        prompt, need = question(f"Name three {noun}."), 3
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": need}
    return make_draft("list", "typed", data, s, prompt)


def _glossed_items(listed: str) -> list[str] | None:
    """The items of a side-effects list, each with its one bracketed example as a gloss
    ("leukopenia (neutropenia)"); ``None`` unless every item is a short name."""
    glosses = {}
    def keep(m: re.Match) -> str:
        glosses[m.group(1).strip()] = m.group(2).strip()
        return m.group(1)
    plain = re.sub(r"([\w\- ]+?) \(([^(),]+)\)", keep, listed)
    items = list_items(plain, most=MAX_ANY_TWO, commas_only=True)
    if items is None:
        return None
    return [glossed(i, glosses[i]) if i in glosses else i for i in items]


# "This enzyme is found in various tissues throughout the body, including fat cells, the adrenal
# glands, and the liver."
_FOUND_IN = re.compile(
    r"^(?P<owner>.+?) (?:is|are) (?:mainly |mostly |widely )?(?P<verb>found|expressed|present|located) in "
    r"(?:(?:various|many|several|numerous|multiple|a number of|a (?:wide )?range of) )?(?P<where>tissues|organs|"
    r"cell types|sites)(?: throughout the body| of the body| in the body)?,? including (?P<list>.+?)\.?$")
# "... the enzyme it targets ∞ aromatase.": what "this enzyme" in the next sentence is
_APPOSED = re.compile(r".*\bthe (?P<noun>[a-z]+)\b[^.∞:—]*\s*(?:∞|:|—)\s*(?P<term>[A-Za-z][\w\-]+)\.?$")


def _found_in(s: Sentence, text: str) -> Draft | None:
    """ "<X> is found in various tissues throughout the body, including A, B, and C" -> "Name two
    tissues in which <X> is found." (two of the listed: "including" leaves others out, so two of
    the article's are asked, graded item by item). <X> is a name, or "This <noun>" that the
    sentence before names after a colon ("one must first appreciate the enzyme it targets:
    aromatase")."""
    m = _FOUND_IN.match(text)
    if m is None:
        return None
    owner = m.group("owner")
    pointer = re.match(r"^This ([a-z]+)$", owner)
    if pointer:
        before = s.before.text if s.before is not None and s.before.lost is None else ""
        named = _APPOSED.search(before)
        if named is None or named.group("noun") != pointer.group(1) or zipf(named.group("term").lower()) >= 3.5:
            return None
        owner = named.group("term")
    elif not names_something(owner) or len(owner.split()) > 3:
        return None
    items = list_items(m.group("list"), most=MAX_NAMED)
    if items is None or len(items) < 3:
        return None  # two of two is the whole list, which "including" says it is not
    prompt = question(f"Name two {m.group('where')} in which {lower_first(owner)} is {m.group('verb')}.")
    if prompt is None or any(contains_answer(prompt, i) for i in items):
        return None
    data = {"prompt": prompt, "answer": ", ".join(items), "items": items, "need": 2}
    return make_draft("list", "typed", data, s, prompt)
