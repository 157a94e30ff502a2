"""Stage 4, mechanism chains: two consecutive causal sentences whose second picks up the first's
effect ("X leads to Y. This, in turn, results in Z"), one card for the link the second sentence
adds and one for the whole chain ("Trace the chain from X to Z" -> "X → Y → Z"); and a chain
within one sentence ("A is converted to B, which in turn ... C", "When A, B, allowing C")."""

from __future__ import annotations

import bisect
import re

from .cards import Draft, make_draft, contains_answer, plain_words
from .extract import Sentence
from .vocabulary import zipf
from .teacher_clauses import DOCUMENT_DRUG, clean_prompt_part, converse_of_the_sentence_before, drop_asides, finite_verb, lead_name, lower_first, \
    names_something, question, resolved_text, short_phrase, usable

MAX_CHAIN_WORDS = 14  # the whole chain, so it can be recalled in one breath

_LINK = re.compile(r"^(?P<cause>.+?),? (?:can |may |often |in turn |thereby )?(?P<verb>leads? to|led to|results? in|"
                   r"resulted in|causes|triggers|produces)(?: in turn)? (?P<effect>.+?)\.?$")
_PICKUP = re.compile(r"^(?:This|These|That)(?: \w+){0,3}(?:,? in turn,?)? (?:can |may |then |in turn )?"
                     r"(?P<verb>leads? to|results? in|causes|triggers|produces) (?P<effect>.+?)\.?$")


_IN_TURN = re.compile(r"^(?P<a>[^,]{3,80}?) (?P<verb>is converted (?:in)?to|converts to|leads to|causes|dictates|"
                      r"determines|controls|drives|increases|decreases|reduces|activates|inhibits|stimulates) "
                      r"(?P<b>[^,]{3,60}), which in turn (?:\w+s) (?:(?:conversion|changes?) (?:in)?to )?(?P<c>.+?)\.?$")
_PORTION = re.compile(r"^(?:a portion of|some of|part of|much of)\s+", re.I)


def _in_turn(s: Sentence) -> Draft | None:
    """ "A portion of the androstenedione is converted to testosterone, which in turn undergoes
    conversion to estradiol by aromatase" -> "Trace the chain from androstenedione to estradiol."
    -> "Androstenedione → testosterone → estradiol"."""
    text = resolved_text(s)
    m = _IN_TURN.match(text) if text else None
    if m is None:
        return None
    start = _PORTION.sub("", m.group("a"))
    if start != m.group("a"):  # "a portion of the androstenedione" -> "androstenedione"
        start = re.sub(r"^the\s+", "", start, flags=re.I)
    middle = short_phrase(m.group("b"), 8)
    end = short_phrase(re.split(r"\s+(?:by|via|through)\s+", m.group("c"))[0], 10)
    if not (middle and end) or not names_something(start) or clean_prompt_part(start, 1) is None \
            or finite_verb(start.split(), 0) is not None:
        return None
    prompt = question(f"Trace the chain from {lower_first(start)} to {lower_first(end)}.")
    if prompt is None or contains_answer(prompt, middle):
        return None
    answer = f"{start[0].upper()}{start[1:]} → {lower_first(middle)} → {lower_first(end)}"
    if len(answer.split()) - 2 > MAX_CHAIN_WORDS:
        return None
    return make_draft("chain", "basic", {"prompt": prompt, "answer": answer}, s, prompt)


_STEPS = re.compile(r"^(?P<word>If|When|Once|As) (?P<cond>[^,]{6,90}), (?P<main>[^,]{6,90}), (?:potentially |eventually |thus |in turn )?"
                    r"(?P<cue>leading to|resulting in|causing|allowing (?:them|it) to|which allows (?:them|it) to) "
                    r"(?P<effect>[^,;]+?)\.?$")


def _steps(s: Sentence) -> Draft | None:
    """ "When estradiol levels fall, osteoclasts survive longer, allowing them to resorb more bone
    tissue" -> "When estradiol levels fall: what follows, step by step?" -> "Osteoclasts survive
    longer → they resorb more bone tissue"."""
    text = resolved_text(s)
    m = _STEPS.match(text) if text else None
    if m is None or clean_prompt_part(m.group("cond")) is None:
        return None
    main, effect = short_phrase(m.group("main"), 12), short_phrase(m.group("effect"), 10)
    if not (main and effect) or not names_something(" ".join(main.split()[:3])):
        return None
    if converse_of_the_sentence_before(s, m.group("cond"), main):
        return None
    if m.group("cue").startswith(("allowing", "which allows")):
        effect = "they " + lower_first(effect) if re.search(r"s\b", main.split()[0]) else "it " + lower_first(effect)
    prompt = question(f"{m.group('word')} {m.group('cond')}: what follows, step by step?")
    if prompt is None:
        return None
    return make_draft("chain", "basic", {"prompt": prompt, "answer": f"{main} → {lower_first(effect)}"}, s, prompt)


_THUS_LEADING = re.compile(r"^(?P<a>[A-Z][\w\-]+) (?:\w+ly )?(?P<act>(?:binds?|attaches|acts) (?:to|on) [^,]{6,80}?),? "
                           r"thus leading to (?P<b>[^,;]{6,90}?),? and (?:thus |so |in turn )?leading to "
                           r"(?P<c>[^,;]{6,90}?)\.?$")
_EVENTUALLY = re.compile(r"^Eventually,\s+(?:(?P<when>after [^,]{3,40}),\s+)?(?P<rest>.+?)\.?$")
_MAX_STEP_WORDS = 11  # each link of a chain told across a sentence: recallable at a glance


def _drug_of_paragraph(s: Sentence) -> str | None:
    """What a leading "It" in ``s`` stands for in the article on a drug: the article's drug, when
    the paragraph opens with it and no sentence between names anyone else ("Goserelin is a
    synthetic analogue ... After administration, peak serum concentrations are reached ... It
    rapidly binds to the GnRH receptor")."""
    prev = s.previous
    while prev is not None:
        name = lead_name(prev.text)
        if name is not None:
            return name if DOCUMENT_DRUG and name.lower() == DOCUMENT_DRUG[0].lower() else None
        prev = prev.previous
    return None


def _following(s: Sentence, sentences: list[Sentence], most: int = 2) -> list[Sentence]:
    """The next ``most`` sentences of ``s``'s own paragraph."""
    out, last = [], s
    for t in sentences[sentences.index(s) + 1:]:
        if t.previous is not last or len(out) == most:
            break
        out.append(t)
        last = t
    return out


def _eventually(s: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The sentence within the next two of ``s``'s paragraph that opens "Eventually,"."""
    return next((t for t in _following(s, sentences) if t.text.startswith("Eventually,") and t.lost is None), None)


def _eventual_steps(later: Sentence | None) -> list[str]:
    """The later course a sentence opening "Eventually," tells: "Eventually, after about 14–21 days, production of LH is greatly
    reduced due to receptor downregulation, and sex hormones are generally reduced to castrate
    levels" -> ["after about 14–21 days: receptor downregulation", "production of LH is greatly
    reduced", "sex hormones are generally reduced to castrate levels"] (a cause told after "due to"
    comes first); none unless every clause is short and says what happens (a finite verb)."""
    m = _EVENTUALLY.match(later.text) if later is not None else None
    if m is None:
        return []
    clauses = [c.strip() for c in re.split(r",\s+and\s+", drop_asides(m.group("rest")))]
    if any("," in c or finite_verb(c.split(), 0) is None for c in clauses):
        return []
    # "production of LH is greatly reduced due to receptor downregulation": the cause is the step before
    cause = re.match(r"^(?P<effect>.+?) (?:due to|because of|as a result of) (?P<cause>[^,]+)$", clauses[0])
    if cause:
        clauses[:1] = [cause.group("cause"), cause.group("effect")]
    if m.group("when"):
        clauses[0] = f"{re.sub(r'^after (?:a period of )?', 'after ', m.group('when'))}: {clauses[0]}"
    return clauses if all(len(c.split()) <= _MAX_STEP_WORDS for c in clauses) else []


def _thus_leading(s: Sentence, sentences: list[Sentence]) -> Draft | None:
    """ "It rapidly binds to the GnRH receptor cells in the pituitary gland thus leading to an initial
    increase in production of luteinizing hormone and thus leading to an initial increase in the
    production of corresponding sex hormones" (and "Eventually, ..." after it) -> "Goserelin binds
    to the GnRH receptor cells in the pituitary gland: what follows, step by step?" -> "An initial
    increase in ... → an initial increase in ... → after about 14–21 days: receptor downregulation →
    ..."."""
    text = resolved_text(s)
    if text is None and re.match(r"^It \w", s.text):
        name = _drug_of_paragraph(s)
        text = f"{name} {s.text[3:]}" if name else None
    m = _THUS_LEADING.match(text) if text else None
    if m is None or not names_something(m.group("a")):
        return None
    steps = [short_phrase(m.group(k), _MAX_STEP_WORDS) for k in ("b", "c")]
    if not all(steps):
        return None
    later = _eventually(s, sentences)
    steps += _eventual_steps(later)
    prompt = question(f"{m.group('a')} {m.group('act')}: what follows, step by step?")
    if prompt is None or any(contains_answer(prompt, step) for step in steps):
        return None
    answer = " → ".join([steps[0]] + [lower_first(x) for x in steps[1:]])
    data = {"prompt": prompt, "answer": answer, **({"explanation": later.text} if len(steps) > 2 else {})}
    return make_draft("chain", "basic", data, s, prompt)


def chain_drafts(doc) -> list[Draft]:
    """Two consecutive causal sentences, the second picking up the first's effect with "This":
    a card for the added link and one for the chain as a whole; and a chain within one
    sentence ("A is converted to B, which in turn ... C")."""
    # ("Blocking this pathway prevents cells from progressing to the S phase, thereby inducing apoptosis"
    # after "These enzymes are responsible for ... deactivating the retinoblastoma protein" gives no chain:
    # the step between, what blocking them leaves active, is the sentence before's, unsaid here; the
    # twelfth reading found the chain skipping it; "What are CDK4 and CDK6 responsible for?" asks it)
    out = [d for d in (_in_turn(s) or _steps(s) or _thus_leading(s, doc.sentences)
                       for s in doc.sentences if usable(s) or
                       re.match(r"^It \w", s.text)) if d is not None]
    for s in doc.sentences:
        prev = s.previous
        if prev is None or not usable(s) or not usable(prev):
            continue
        second = _PICKUP.match(s.text)
        first_text = resolved_text(prev)
        first = _LINK.match(first_text) if first_text else None
        if second is None or first is None:
            continue
        cause = first.group("cause")
        if finite_verb(cause.split(), 0) is not None or clean_prompt_part(cause, 1) is None:
            continue
        middle = short_phrase(first.group("effect"), 10)
        end = short_phrase(second.group("effect"), 10)
        start = short_phrase(cause, 8)
        if not (middle and end) and len(cause.split()) <= 14 and names_something(" ".join(cause.split()[:7])):
            # effects told as several steps each ("... and consequent ...", "... and by extension ...")
            told = _told_in_steps(cause, first.group("effect"), second.group("effect"), prev, s)
            out += [told] if told else []
            continue
        if not names_something(cause) or not (middle and end and start) or \
                len({plain_words(x) for x in (start, middle, end)}) < 3:
            continue
        link = question(f"What does {lower_first(middle)} lead to in turn?")
        if link and not contains_answer(link, end):
            out.append(make_draft("chain", "basic", {"prompt": link, "answer": end,
                                                     "explanation": f"{prev.text} {s.text}"}, s, link))
        whole = question(f"Trace the chain from {lower_first(start)} to {lower_first(end)}.")
        answer = f"{start} → {lower_first(middle)} → {lower_first(end)}"
        if whole and not contains_answer(whole, middle) and len(answer.split()) - 2 <= MAX_CHAIN_WORDS:
            out.append(make_draft("chain", "basic", {"prompt": whole, "answer": answer,
                                                     "explanation": f"Next: {s.text}"}, prev, whole))
    return _one_route(out, doc)


# "A and consequent B", "A and by extension B": one effect, then the next it brings
_THEN = re.compile(r",?\s+and\s+(?:consequent|consequently|subsequent|subsequently|by extension|thereby|hence|"
                   r"then)\s+")
# "an increase in circulating LH levels and activation of ...": two changes told one after the other
_AND_CHANGE = re.compile(r"\s+and\s+(?=(?:an? |the )?(?:increase|decrease|rise|fall|reduction|activation|"
                         r"inhibition|suppression|prevention|disinhibition|release|secretion|loss|stimulation)\b)")
_POPULATION = re.compile(r"\s+in (?P<who>males|females|men|women)$")


def _short_names(text: str) -> str:
    """A name the text glosses with its acronym, told by the acronym ("the
    hypothalamic–pituitary–gonadal axis (HPG axis)" -> "the HPG axis", "luteinizing hormone (LH)
    secretion" -> "LH secretion"), so that each step of a chain reads at a glance."""
    def shorter(m: re.Match) -> str:
        words, acronym, tail = m.group("before").split(" "), m.group("acronym"), m.group("tail") or ""
        if tail and words[-1] == tail.strip():
            words = words[:-1]
        for k in range(1, min(5, len(words)) + 1):
            pieces = re.split(r"[–\-]", " ".join(words[-k:]).replace(" ", "-"))
            if "".join(p[:1] for p in pieces).lower() == acronym.lower():
                return " ".join(words[:-k] + [acronym + tail])
        return m.group(0)
    return re.sub(r"(?P<before>(?:[\w–\-]+ ){0,5}[\w–\-]+) \((?P<acronym>[A-Z][A-Z0-9]{1,5})(?P<tail> [a-z]+)?\)", shorter,
                  text)


def _steps_of(effect: str) -> list[str] | None:
    """ "prevention of the negative feedback ... and consequent disinhibition of pituitary LH
    secretion" -> its two steps; ``None`` unless every step is short."""
    steps = []
    for part in _THEN.split(_short_names(effect).strip(" .")):
        parts = _AND_CHANGE.split(part) if len(part.split()) > _MAX_STEP_WORDS else [part]
        steps += [drop_asides(p).strip(" ,") for p in parts]
    return steps if all(1 <= len(x.split()) <= _MAX_STEP_WORDS + 2 for x in steps) else None


def _told_in_steps(cause: str, effect: str, then: str, prev: Sentence, s: Sentence) -> Draft | None:
    """ "Blockade of the AR by bicalutamide in the pituitary gland and hypothalamus results in
    prevention of the negative feedback of androgens on the HPG axis in males and consequent
    disinhibition of pituitary LH secretion. This, in turn, results in an increase in circulating LH
    levels and activation of the gonadal production of testosterone and by extension production of
    estradiol." -> "In males, blockade of the AR by bicalutamide ...: what follows, step by step?" ->
    five steps, the population a step names moved to the prompt."""
    first, second = _steps_of(effect), _steps_of(then)
    if not (first and second) or len(first) + len(second) < 3:
        return None
    who = _POPULATION.search(first[-1 if len(first) == 1 else 0])
    steps = [_POPULATION.sub("", x) for x in first] + second
    if any(len(x.split()) > _MAX_STEP_WORDS for x in steps) or clean_prompt_part(cause) is None:
        return None
    lead = f"In {who.group('who')}, {lower_first(cause)}" if who else cause
    prompt = question(f"{lead}: what follows, step by step?")
    if prompt is None or any(contains_answer(prompt, x) for x in steps):
        return None
    answer = " → ".join([steps[0][:1].upper() + steps[0][1:]] + [lower_first(x) for x in steps[1:]])
    return make_draft("chain", "basic", {"prompt": prompt, "answer": answer, "explanation": f"Next: {s.text}"},
                      prev, prompt)


def _key_word(phrase: str) -> str:
    """The rarest word of a chain step ("androstenedione" of "the formation of androstenedione")."""
    return min(re.findall(r"[A-Za-z][\w\-]+", phrase) or [phrase], key=lambda w: (zipf(w.lower()), -len(w))).lower()


def _one_route(drafts: list[Draft], doc) -> list[Draft]:
    """A whole chain "A → B → C" only when the article gives no other route between A and C: a
    sentence naming A and C without B (androstenedione -> estrone -> estradiol beside
    androstenedione -> testosterone -> estradiol) makes the key one right answer of two."""
    out = []
    texts: _LowerTexts | None = None
    for d in drafts:
        steps = str(d.data.get("answer", "")).split(" → ")
        # ("...: what follows, step by step?" names its start in the prompt, not as the key's first step)
        if d.kind == "chain" and len(steps) >= 3 and not d.data["prompt"].endswith("what follows, step by step?"):
            start, end = _key_word(steps[0]), _key_word(steps[-1])
            middles = [_key_word(m) for m in steps[1:-1]]
            texts = texts or _LowerTexts([st.text for st in doc.sentences])
            if any(end in t and not any(m in t for m in middles) for t in texts.containing(start)):
                continue
        out.append(d)
    return out


class _LowerTexts:
    """Sentences in lower case, joined once, so the ones holding a word are found by ``str.find``
    over the whole text, not by a scan of every sentence per chain (quadratic in a long text)."""

    _SEP = "\x00"

    def __init__(self, texts: list[str]) -> None:
        self.texts = [t.lower() for t in texts]
        self.joined = self._SEP.join(self.texts)
        self.starts = [0]
        for t in self.texts[:-1]:
            self.starts.append(self.starts[-1] + len(t) + 1)

    def containing(self, part: str) -> list[str]:
        """The texts that hold ``part``, in order (each once)."""
        if not part or self._SEP in part:
            return [t for t in self.texts if part in t]
        out, at = [], self.joined.find(part)
        while at != -1:
            i = bisect.bisect_right(self.starts, at) - 1
            out.append(self.texts[i])
            at = self.joined.find(part, self.starts[i] + len(self.texts[i]) + 1)  # the next text on
        return out
