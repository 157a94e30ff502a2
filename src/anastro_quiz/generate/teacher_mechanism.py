"""Stage 4, the drug's pharmacology a line at a time: its mechanism of action, from its
pharmacodynamics sentence ("X acts as a selective silent antagonist of the androgen receptor
(AR)" -> "How does X work?" -> "As a selective silent antagonist of the androgen receptor";
"Like A and B, x inhibits the enzymes C (CDK4) and D (CDK6)" -> "Which enzymes does x inhibit?"
-> "CDK4 and CDK6"; "X affects target tissues mainly by interacting with two nuclear receptors called
A and B" -> "Through which two nuclear receptors does x mainly act?"), and the enzymes that metabolize it ("X is almost exclusively metabolized
by CYP3A4" -> "Which enzyme almost exclusively metabolizes X?" -> "CYP3A4").

Only the article's own drug is asked about (a related drug's mechanism is another article's
card), and only when the sentence names the target plainly; the asides after it (the target's
gloss, an IC50 in brackets) are left out of the answer.
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft, plain_words
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, lower_first, question, upper_first
from .teacher_why import ask

_ROLE = r"(?:antagonist|agonist|inhibitor|modulator|blocker|activator|degrader|inverse agonist)"
_FRONTED = r"(?:(?:Like|Unlike|As with|Similarly to) [^,]{3,80}, )?"
# "Enzalutamide acts as a selective silent antagonist of the androgen receptor (AR), ..."
_ACTS_AS = re.compile(rf"^{_FRONTED}(?P<drug>[A-Za-z][\w\-]+) (?:acts|functions|works) (?:primarily |mainly )?as "
                      rf"(?P<what>an? [^,;:]{{0,60}}?\b{_ROLE}s? (?:of|at) (?:the )?[^,;:]{{3,80}}?)"
                      r"(?=,|;|\.$| and\b| with\b| in\b|$)")
# "abemaciclib inhibits the enzymes cyclin-dependent kinase 4 (CDK4) and cyclin-dependent kinase 6 (CDK6)"
_VERB_TARGET = re.compile(rf"^{_FRONTED}(?P<drug>[A-Za-z][\w\-]+) (?P<verb>inhibits|blocks|antagonizes|activates|"
                          r"targets) (?:the )?(?P<noun>enzymes?|receptors?|kinases?|proteins?|transporters?) "
                          r"(?P<what>[^,;:]{3,120}?|[\w\-/]+(?:, [\w\-/]+)+,? and [\w\-/]+)\.?$")
# "Estradiol affects target tissues mainly by interacting with two nuclear receptors called
# estrogen receptor α (ERα) and estrogen receptor β (ERβ)."
_THROUGH = re.compile(r"^(?P<drug>[A-Za-z][\w\-]+) (?:affects|acts on|exerts its effects on) (?:its )?[\w\- ]{3,30}? "
                      r"(?P<adv>mainly |primarily |chiefly )?by (?:interacting with|binding to|activating) "
                      r"(?P<n>two|three) (?P<noun>(?:[a-z\-]+ ){0,2}receptors),? (?:called|named|known as|termed) "
                      r"(?P<what>[^,;:]+? and [^,;:]+?)\.?$")
_ACRONYM_PAIR = re.compile(r"^[^()]+\((?P<a>[A-Z][\w\-]{1,9})\) and [^()]+\((?P<b>[A-Z][\w\-]{1,9})\)$")
_BASE = {"inhibits": "inhibit", "blocks": "block", "antagonizes": "antagonize", "activates": "activate",
         "targets": "target"}


def _is_the_drug(name: str) -> bool:
    return bool(DOCUMENT_DRUG) and name.lower() == DOCUMENT_DRUG[0].lower()


def _without_asides(text: str) -> str:
    """"(IC50 = 159–243 nM)" and other bracketed figures out; an acronym in brackets stays."""
    text = re.sub(r"\s*\([^()]*\d[^()]*\)", "", text)
    text = re.sub(r"\s*\((?![A-Z][\w\-/]{0,9}\))[^()]*\)", "", text)
    return re.sub(r"\s{2,}", " ", text).strip(" .,")


def mechanism(s: Sentence, text: str) -> Draft | None:
    """The mechanism card of the sentence, or ``None`` when it is not the article's drug's."""
    m = _ACTS_AS.match(text)
    if m and _is_the_drug(m.group("drug")):
        what = _without_asides(m.group("what"))
        if len(what.split()) > 14:
            return None
        drug = lower_first(m.group("drug")) if m.group("drug")[0].isupper() else m.group("drug")
        return ask(s, "why", f"How does {drug} work?", "As " + what)
    m = _VERB_TARGET.match(text)
    if m and _is_the_drug(m.group("drug")):
        what = m.group("what")
        pair = _ACRONYM_PAIR.match(what)
        answer = f"{pair.group('a')} and {pair.group('b')}" if pair else _without_asides(what)
        if not answer or len(answer.split()) > 10:
            return None
        prompt = f"Which {m.group('noun')} does {m.group('drug').lower()} {_BASE[m.group('verb')]}?"
        return ask(s, "why", prompt, upper_first(answer))
    m = _THROUGH.match(text)
    if m and _is_the_drug(m.group("drug")) and len(m.group("what").split()) <= 10:
        adverb = (m.group("adv") or "").strip()
        prompt = f"Through which {m.group('n')} {m.group('noun')} does {m.group('drug').lower()} {adverb + ' ' if adverb else ''}act?"
        return ask(s, "why", prompt, upper_first(m.group("what")))
    return None


_CYP = r"CYP\d\w*"
_METABOLIZED = re.compile(
    rf"^(?:(?:As|Since) )?(?P<drug>[A-Za-z][\w\-]+|The (?:substance|compound|medication|drug))(?: is an? [\w\-]+ and)? is "
    rf"(?P<adv>(?:mainly|primarily|predominantly|largely|extensively|almost exclusively|exclusively) )?"
    rf"metaboli[sz]ed(?P<where> in the liver)?,? (?P<adv2>(?:mainly|primarily|predominantly|largely) )?by (?:the )?"
    rf"(?:(?:liver |hepatic )?enzymes? |cytochrome P450 (?:\(CYP\) )?(?:enzymes?|isoforms?|isoenzymes?) )?"
    rf"(?P<enzymes>{_CYP}(?:(?:,? and |, ){_CYP})*)(?=[\s,.;]|$)(?!,? (?:and|or) (?!(?:is|are|was|were|to|into|then|has|"
    rf"have|its|their)\b))")  # "by CYP3A4 and aldo-keto reductases": the CYP is one of two, not the answer


def metabolism(s: Sentence, text: str) -> Draft | None:
    """"Bicalutamide is almost exclusively metabolized by CYP3A4" -> "Which enzyme almost exclusively
    metabolizes bicalutamide?" -> "CYP3A4": the enzyme behind the drug's interactions."""
    m = _METABOLIZED.match(text)
    if m is None or not DOCUMENT_DRUG:
        return None
    drug = m.group("drug")
    if drug.startswith("The "):
        drug = DOCUMENT_DRUG[0]
    elif not _is_the_drug(drug):
        return None
    enzymes = m.group("enzymes")
    several = len(re.findall(_CYP, enzymes)) > 1
    adverb = (m.group("adv") or m.group("adv2") or "").strip()
    verb = "metabolize" if several else "metabolizes"
    where = " in the liver" if m.group("where") else ""
    prompt = f"Which enzyme{'s' if several else ''} {adverb + ' ' if adverb else ''}{verb} {drug.lower()}{where}?"
    return ask(s, "why", prompt, enzymes)


_ASKS_METABOLISM = re.compile(r"^Which enzymes? (?:[a-z ]+ )?metaboli[sz]es? ")
_ROLE_OF = re.compile(rf"\bwhat (?:is|are) (?P<enzyme>{_CYP}) (?:primarily |mainly )?responsible for\?$", re.I)


def one_metabolism_card(drafts: list[Draft]) -> list[Draft]:
    """"Which enzymes mainly metabolize X?" -> "CYP3A4 and CYP2A6" and, from an interactions
    sentence, "Which enzyme metabolizes X?" -> "CYP2A6": one question with two keys. The card
    naming the most enzymes stays (the first of equals), and "What is CYP2C8 primarily
    responsible for?" beside it goes: it shows the metabolism card's answer and asks the name of
    a metabolite."""
    asked = [d for d in drafts if _ASKS_METABOLISM.match(str(d.data.get("prompt", "")))]
    if not asked:
        return drafts
    best = max(asked, key=lambda d: len(re.findall(_CYP, str(d.data.get("answer", "")))))
    enzymes = set(re.findall(_CYP, str(best.data.get("answer", ""))))

    def shown_role(d: Draft) -> bool:
        m = _ROLE_OF.search(str(d.data.get("prompt", "")))
        return m is not None and m.group("enzyme") in enzymes

    return [d for d in drafts if d is best or (d not in asked and not shown_role(d))]


def repeats_class(mechanism_answer: str, class_answer: str) -> bool:
    """"As an inhibitor of the enzyme PARP" beside the class card "PARP inhibitor": every word of
    the class is in the mechanism and the mechanism says nothing of how it acts beyond it, so it
    asks the class again. "As an irreversible steroidal inhibitor of aromatase" beside "Aromatase
    inhibitor" says how (irreversible, steroidal): a card of its own."""
    words = set(plain_words(mechanism_answer).split())
    cls = [w for w in plain_words(re.sub(r"\([^)]*\)", "", class_answer)).split()]
    if not cls or not all(w in words or w.rstrip("s") in words for w in cls):
        return False
    role = re.search(rf"\b{_ROLE}s?\b", mechanism_answer)
    manner = plain_words(mechanism_answer[:role.start()]).split() if role else []
    return not [w for w in manner if w not in ("as", "a", "an", "the") and w not in cls]


# "..., enzalutamide does not promote translocation of AR to the cell nucleus and in addition prevents
# binding of AR to deoxyribonucleic acid (DNA) and AR to coactivator proteins."
_PREVENTS_BINDING = re.compile(
    r"\b(?P<drug>[a-z][\w\-]+) (?:[^,;]{3,80}? and )?(?:in addition |also |further )?(?P<verb>prevents|blocks|inhibits) "
    r"(?:the )?binding of (?P<a>[A-Z][\w\-]{0,9}|the [a-z][\w\- ]{2,30}?) to (?P<b>[^,;]{2,60}?)"
    r"(?: and (?:of )?(?P=a) to (?P<c>[^,;]{2,60}?))?\.?$", re.I)


def _short(thing: str) -> str:
    """"deoxyribonucleic acid (DNA)" -> "DNA": the name a student writes."""
    m = re.match(r"^[\w\- ]+ \((?P<abbr>[A-Z][\w\-]{1,9})\)$", thing.strip())
    return m.group("abbr") if m else thing.strip()


def prevented_bindings(doc) -> list[Draft]:
    """"X does not promote ... and in addition prevents binding of AR to deoxyribonucleic acid (DNA) and AR
    to coactivator proteins." -> "X prevents the binding of AR to which two things?" -> "DNA and coactivator
    proteins": what the drug keeps its target from binding is its mechanism, beside what the sentence's
    first clause asks (the fifteenth reading). Only of the article's own drug."""
    if not DOCUMENT_DRUG:
        return []
    out = []
    for s in doc.sentences:
        m = _PREVENTS_BINDING.search(s.text) if s.lost is None else None
        if m is None or m.group("drug").lower() != DOCUMENT_DRUG[0].lower():
            continue
        if not m.group("c"):
            continue  # one thing is the sentence's one why card, which its first clause may hold already
        things = [_short(m.group("b")), _short(m.group("c"))]
        prompt = question(f"{upper_first(DOCUMENT_DRUG[0])} {m.group('verb')} the binding of {m.group('a')} to which "
                          f"two things?")
        if prompt is None or any(contains_answer(prompt, thing) for thing in things):
            continue
        # a list of two, graded item by item (beside the sentence's why card, as a list card may be)
        data = {"prompt": prompt, "answer": " and ".join(things), "items": things, "need": 2}
        out.append(make_draft("list", "typed", data, s, prompt))
    return out


_PHASE = r"(?:G0|G1|G2|S|M)(?:/(?:G0|G1|G2|S|M))?"
# "Cells treated with trastuzumab undergo arrest during the G1 phase of the cell cycle so there is reduced
# proliferation."; "Tamoxifen causes cells to remain in the G0 and G1 phases of the cell cycle."
_ARREST = re.compile(
    rf"^(?:(?:Cells|Tumou?r cells|Cancer cells) (?:treated with|exposed to) (?P<drug>[\w\-]+) (?:undergo arrest|arrest|are "
    rf"arrested|remain)|(?P<drug2>[A-Z][\w\-]+) (?:causes|makes) cells to (?:remain|arrest)) (?:during|in|at) the "
    rf"(?P<phases>{_PHASE}(?: and {_PHASE})?) phases? of the cell cycle(?:,? (?P<so>so|thus|and so|thereby) (?P<what>[^,;]+?))?\.?$")


def cell_cycle_arrest(doc) -> list[Draft]:
    """"Cells treated with X undergo arrest during the G1 phase of the cell cycle so there is reduced
    proliferation." -> "In which phase of the cell cycle does X arrest cells?" -> "G1", what follows in
    the explanation: where in the cycle a drug stops cells is its mechanism (the fourteenth and fifteenth
    readings). Only of the article's own drug."""
    if not DOCUMENT_DRUG:
        return []
    out = []
    for s in doc.sentences:
        m = _ARREST.match(s.text) if s.lost is None else None
        if m is None or (m.group("drug") or m.group("drug2")).lower() != DOCUMENT_DRUG[0].lower():
            continue
        phases = m.group("phases")
        which = "phases" if " and " in phases or "/" in phases else "phase"
        d = ask(s, "why", f"In which {which} of the cell cycle does {lower_first(DOCUMENT_DRUG[0])} arrest cells?",
                phases, explanation=f"So {m.group('what')}." if m.group("what") else "")
        if d is not None:
            out.append(d)
    return out
