"""Cloze cards: a blank on the word or phrase of a sentence that carries its fact.

Two sources of blanks: key terms (rare domain nouns and acronyms, never a verb, a word inside
a proper name or an acronym beside its expansion) and what a named subject does to something
("Estradiol suppresses the {{c1::formation of new osteoclasts}}", "by {{c1::competitively}}
binding"). The selection stage keeps at most one blank per sentence.
"""

from __future__ import annotations

import re

from ..distractors import MIN_DISTRACTORS
from ..patterns import compiled, find_whole, whole_spans
from .cards import GAP, Draft, make_draft, contains_answer, resolve
from .clauses import on_an_aside
from .choices import term_options
from .extract import Sentence
from .vocabulary import is_acronym, words, zipf
from .lexicon import META, answerable as _answerable, is_verb_form

_CAMEL = re.compile(r"[a-z][A-Z]")


def proper_names(sentences: list[Sentence]) -> frozenset[str]:
    """Words a document only ever capitalises inside a sentence ("Ontruzant", "Herzuma") or
    writes in camel case ("ultraView"): brand and product names, whose blank is trivia."""
    upper, lower = set(), set()
    for sent in sentences:
        for i, w in enumerate(words(sent.text)):
            if is_acronym(w):
                continue
            if _CAMEL.search(w):
                upper.add(w.lower())
            elif w[:1].islower():
                lower.add(w.lower())
            elif i > 0:
                upper.add(w.lower())
    return frozenset(upper - lower)


def term_cards(s: Sentence, terms: dict[str, float], families: dict[str, list[str]],
               proper: frozenset[str] = frozenset()) -> list[Draft]:
    """A cloze (or, with a family of look-alike terms, a choice) card on a sentence's key term;
    never a brand or product name (``proper``)."""
    text = resolve(s)
    if text is None or len(text.split()) < 8 or META.search(text):
        return []
    # Only rare words make good blanks: "hormone" or "profound" is guessable from any sentence.
    ranked = sorted({w for w in words(text) if w.lower() in terms and _answerable(w) and w.lower() not in proper
                     and (is_acronym(w) or zipf(w.lower()) < 3.5)},
                    key=lambda w: (-terms[w.lower()], w))
    # An acronym beside its expansion, or a word of the expansion, is asked by "What does X stand for?"
    expansions = _expansions(text)
    ranked = [t for t in ranked if not _spelled_out(text, t) and not any(t in e for e in expansions)
              and not _in_a_name(text, t)]
    out = []
    for term in ranked[:3]:  # candidates; the selection stage keeps the one most worth asking
        spans = whole_spans(text, term)
        blanked = _replaced(text, spans, GAP)
        if contains_answer(blanked, term) or blanked.count(GAP) > 2:
            continue
        if _verb_position(text, spans) or not _anchored(blanked, term):
            continue
        if re.search(rf"/\s*{re.escape(GAP)}|{re.escape(GAP)}\s*/", blanked):
            continue  # "[BRCA1]/2", "SISH/[CISH]/FISH": a piece of a slashed name
        # lazily: options are taken in family order until three pass, and a long text's families grow
        # with it (every look-alike tested per card made this grow with the square of its length)
        options = term_options(term, (f for f in families.get(term.lower(), ()) if not contains_answer(blanked, f)),
                               blanked)
        if len(options) >= MIN_DISTRACTORS:
            choices = sorted({term, *options}, key=str.lower)
            out.append(make_draft("term", "choice", {"prompt": blanked, "answer": term, "choices": choices},
                                  s, blanked))
            continue
        cloze = _replaced(text, spans, "{{c1::" + term + "}}")
        out.append(make_draft("term", "cloze", {"text": cloze}, s, blanked))
    return out


# What a sentence's subject does to something: the object of the verb is the fact.
_EFFECT_VERB = (r"(?:increases|decreases|reduces|raises|lowers|suppresses|inhibits|blocks|prevents|promotes|"
                r"stimulates|enhances|impairs|shortens|prolongs|accelerates|slows|triggers|induces|activates|"
                r"antagonizes|antagonises|converts|causes|mediates|regulates|controls|maintains|protects|"
                r"elevates|worsens|improves|limits|restricts|drives|disrupts|interferes with|binds to|"
                r"competes with|leads to|results in|contributes to)")
_OBJECT_STOP = (r"(?:from|by|through|via|in|into|during|which|that|while|when|thereby|leading|resulting|"
                r"because|as|than|whereas|but|so|to|for|at|on|with|without|within|among|after|before|until|"
                r"compared|relative|versus|vs|over|under|if|unless|and then)")
_EFFECT = re.compile(
    rf"^(?P<subject>(?:[A-Z][\w\-’']*)(?: [\w\-’']+){{0,5}}?) (?:(?:also|directly|strongly|significantly|"
    rf"markedly|further|potently|effectively|primarily) )?(?P<verb>{_EFFECT_VERB}) "
    rf"(?:(?P<det>the|their|its|a|an|this) )?(?P<object>(?:(?!{_OBJECT_STOP}\b)[\w\-α-ω’']+)"
    rf"(?: (?!{_OBJECT_STOP}\b)[\w\-α-ω’']+){{0,5}}(?: \([A-Z][\w\-]{{1,9}}\))?)(?=[,.;:]| {_OBJECT_STOP}\b|$)")
# A change named by one common noun ("causes a delay in ...", "leads to an increase in ..."):
# which way it goes is easy to guess; what causes it is not.
_CHANGE = re.compile(r"(?:delay|increase|decrease|reduction|rise|fall|decline|drop|loss|gain|prolongation|"
                     r"shortening)s?", re.I)
_MEANS = re.compile(
    r"\bby (?:[a-z]+ly )?(?P<verb>[a-z]+ing) (?:(?P<det>the|their|its|a|an) )?(?!(?:to|into|with|from|on|in|at|of|for)\b)(?P<object>[a-z][\w\-α-ω]*(?: [\w\-α-ω]+){0,4}?)"
    r"(?=[,.;:]| and\b| in\b| of\b| which\b| that\b| from\b| to\b|$)")
# "primarily mediated by the estrogen receptor alpha (ERα)": the mediator carries the fact
_MEDIATED = re.compile(r"\b(?:mediated|catalyzed|catalysed|regulated|controlled) (?:primarily |mainly |largely |chiefly )?by "
                       r"(?:the )?(?P<object>[\w\-α-ω]+(?: [\w\-α-ω]+){0,4}?(?: \([A-Z][\w\-α-ω]{1,9}\))?)(?=[,.;]|$| and\b)")
_MANNER = re.compile(r"\b(?:by|through) (?P<adverb>[a-z]+ly) [a-z]+ing\b")
_NOT_SUBJECT = re.compile(r"^(?:While|Although|If|When|Because|As|Since|Once|Unless|Though|In|For|With|By|At|On|"
                          r"After|Before|During|Among|Like|Unlike|This|These|That|Those|It|They|Such)\b")


def effect_cards(s: Sentence, terms: dict[str, float]) -> list[Draft]:
    """Cloze on what a named subject does to something ("Estradiol suppresses the {{c1::formation of
    new osteoclasts}}") and on the means after "by" ("by promoting their {{c1::programmed cell
    death}}"): the object of the verb carries the fact, not the subject word."""
    text = resolve(s)
    if text is None or len(text.split()) < 6 or META.search(text):
        return []
    out = []
    spans = []
    m = _EFFECT.match(text)
    if m and not _NOT_SUBJECT.match(m.group("subject")):
        if _CHANGE.fullmatch(m.group("object")):
            # "Enterohepatic recirculation causes a [delay] in excretion": the change is a guess
            # once its cause is shown (read WEAK); the cause is the fact
            spans.append((m.start("subject"), m.end("subject")))
        else:
            spans.append((m.start("object"), m.end("object")))
    for mm in _MEANS.finditer(text):
        spans.append((mm.start("object"), mm.end("object")))
    for mm in _MEDIATED.finditer(text):
        spans.append((mm.start("object"), mm.end("object")))
    for mm in _MANNER.finditer(text):  # "by competitively binding": how it acts is the fact
        if zipf(mm.group("adverb").lower()) < 4.0:
            spans.append((mm.start("adverb"), mm.end("adverb")))
    for start, end in spans:
        start = _fact_start(text, start, end)
        answer = text[start:end].strip()
        tokens = answer.split()
        if not 1 <= len(tokens) <= 6 or not any(w.lower() in terms or zipf(w.lower()) < 4.5 for w in tokens
                                                if len(w) >= 4):
            continue
        if tokens[-1].lower() in ("and", "or", "of", "the", "a", "an", "only") or answer.lower() in ("it", "them"):
            continue
        if tokens[0].lower() in ("and", "or", "but", "nor", "only"):
            continue  # "stimulating [or impairing G1], S, or G2": the blank cuts a list
        blanked = text[:start] + GAP + text[end:]
        if contains_answer(blanked, answer) or len(blanked.split()) > 45:
            continue
        cloze = text[:start] + "{{c1::" + answer + "}}" + text[end:]
        out.append(make_draft("effect", "cloze", {"text": cloze}, s, blanked))
    return out


_RISK_OF = re.compile(r"(?:(?:the|a|an)\s+)?(?:risk|incidence|likelihood|rate|chance)\s+of\s+", re.I)
_NAMED_BY_CODE = re.compile(r"(?:[a-z][a-z\-]*\s+){1,3}(?=[A-Za-z]+\d[\w\-]*\s*$)")


def _fact_start(text: str, start: int, end: int) -> int:
    """Where the fact of an effect's object starts: after "risk of" ("increases the risk of
    [postmenopausal bleeding]"), and at the name a generic phrase leads up to ("binds to its
    protein receptor [FKBP12]"): the blank asks the thing, not the words around it."""
    phrase = text[start:end]
    m = _RISK_OF.match(phrase) or _NAMED_BY_CODE.match(phrase)
    return start + m.end() if m and m.end() < len(phrase.rstrip()) else start


_DETERMINER = r"(?:the|a|an|its|their|this|these|that|those|his|her|our|it|them)"
_VERB_BEFORE = r"(?:can|cannot|may|might|must|will|would|could|should|does|do|did|not)"


def _replaced(text: str, spans: list[tuple[int, int]], by: str) -> str:
    """``text`` with each of ``spans`` (in order, not overlapping) replaced by ``by``."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], by]
        last = end
    return "".join(out) + text[last:]


def _verb_position(text: str, spans: list[tuple[int, int]]) -> bool:
    """The blank (at each of ``spans``) stands where only a verb can: before a determiner
    ("underscores its role") or after a modal ("can resorb", "does not outpace")."""
    for start, end in spans:
        if compiled(rf"\s+{_DETERMINER}\b", re.I).match(text[end:]):
            return True
        if compiled(rf"\b{_VERB_BEFORE}\s+$", re.I).search(text[:start]):
            return True
    return False


def _spelled_out(text: str, term: str) -> bool:
    """An acronym next to its own expansion ("the ATAC (Arimidex, ...) trial") is answered by
    its initials; the "What does ATAC stand for?" card asks it properly."""
    if not is_acronym(term) or "(" not in text:
        return False  # both patterns need a bracket (and each term's is compiled anew)
    e = re.escape(term)
    if compiled(rf"(?<![\w\-]){e}\s*\([A-Z][^()]{{4,}}\)|\(\s*{e}\s*\)").search(text):
        return True
    m = compiled(rf"(?<![\w\-]){e}\s*\(([a-z][^()]{{4,}})\)").search(text)  # "HER (human epidermal ...)"
    if m:
        initials = "".join(w[0] for w in re.split(r"[\s\-]+", m.group(1)) if w)
        letters = "".join(c for c in term.lower() if c.isalpha())
        return initials.startswith(letters[:2])
    return False


def _expansions(text: str) -> list[str]:
    """Spans that spell out an acronym: "(Receptor Activator of ...)" after "RANKL", or the words
    before "(ATAC)" back to the first one whose initial starts the acronym."""
    out = [m.group(1) for m in re.finditer(r"\b[A-Z][A-Za-z0-9α-ω\-]{1,9} \(([A-Z][^()]{4,})\)", text)]
    for m in re.finditer(r"\(([A-Z][A-Za-z0-9α-ω\-]{1,9})(?:\s+[a-z]\w*)?\)", text):  # "(GnRH agonist)"
        acronym = m.group(1)
        before = text[: m.start()].split()[-(len(acronym) + 4):]
        starts = [i for i, w in enumerate(before) if w[:1].lower() == acronym[0].lower()]
        if starts:
            out.append(" ".join(before[starts[0]:]))
    return out


def _in_a_name(text: str, term: str) -> bool:
    """A word inside a proper name ("Journal of Clinical Endocrinology & Metabolism", "NHS England",
    "Xience Alpine") is trivia, not a term: a capitalised word stands right before it (not the
    sentence start) or right after it."""
    start = find_whole(text, term)
    if start == -1:
        return False
    after = re.match(r"\s+([A-Z][a-z]\w*)", text[start + len(term):])
    if after and not is_acronym(after.group(1)):
        return True
    if is_acronym(term) or not term[:1].isupper():
        return False
    before = compiled(rf"(\S+)\s+{re.escape(term)}\b").search(text)
    return bool(before and before.start() > 0 and before.group(1)[:1].isupper())


def _anchored(blanked: str, term: str) -> bool:
    """A blank is worth recalling only if the rest of the sentence says something specific: a
    number, an acronym, another rare word that is not a verb ("deleterious") or a fairly rare
    noun ("genetics").
    "The _____ of the medication are consistent" tests nothing but a guess."""
    if re.search(r"\d", blanked):
        return True
    for w in words(blanked):
        low = w.lower()
        if low == term.lower():
            continue
        if len(low) < 5 or re.search(r"(?:ing|ly|ed)$", low) or is_verb_form(low):
            continue
        if is_acronym(w) or zipf(low) < 3.5 or (zipf(low) < 4.0 and _answerable(w)):
            return True
    return False


_EXAMPLES = re.compile(r"\b(?:such as|like|including|e\.g\.,?|namely)\s+(?:the\s+)?"
                       r"(?P<ex>[\w\-α-ω]+(?:,\s+[\w\-α-ω]+){0,2},?\s+(?:or|and)\s+[\w\-α-ω]+)(?=[,.;:)]|\s+to\b|\s+in\b|\s+for\b|$)")


# "in comparison to first-generation drugs such as ...": the examples are of the comparators
_COMPARED_WITH = re.compile(r"\b(?:in comparison (?:to|with)|compared (?:to|with)|than|unlike|relative to|versus|vs\.?)"
                            r"\s+(?:\S+\s+){0,5}(?:such as|like|including|e\.g\.,?|namely)\s+(?:the\s+)?$", re.I)


def example_cards(s: Sentence, terms: dict[str, float]) -> list[Draft]:
    """Cloze on the examples a sentence names ("agents like {{c1::bisphosphonates or denosumab}}"):
    the named treatments, drugs or cells are what a student must recall."""
    text = resolve(s)
    if text is None or META.search(text):
        return []
    out = []
    for m in _EXAMPLES.finditer(text):
        items = [w for w in re.split(r",\s*|\s+(?:or|and)\s+", m.group("ex")) if w]
        if not all(w.lower() in terms or is_acronym(w) or zipf(w.lower()) < 3.5 for w in items):
            continue
        if on_an_aside(text[: m.start("ex")]):
            continue  # examples of a word an aside glosses, not of what the sentence is about
        if _COMPARED_WITH.search(text[max(0, m.start("ex") - 80): m.start("ex")]):
            continue  # "more potent than older drugs such as [...]": the blank hides what it is compared with
        cloze = text[: m.start("ex")] + "{{c1::" + m.group("ex") + "}}" + text[m.end("ex"):]
        blanked = text[: m.start("ex")] + GAP + text[m.end("ex"):]
        if any(contains_answer(blanked, w) for w in items):
            continue
        out.append(make_draft("examples", "cloze", {"text": cloze}, s, blanked))
    return out
