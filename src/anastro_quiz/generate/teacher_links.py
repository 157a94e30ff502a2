"""Stage 4, the links of a mechanism a teacher asks that no single clause cue announces:

- how an effect is mediated, told as a conclusion: "This demonstrates that testosterone's beneficial
  effects on bone are partly mediated by its aromatization to estradiol" -> "How are testosterone's
  beneficial effects on bone partly mediated?" -> "By its aromatization to estradiol";
- the reason an influence has, given in brackets beside it: "The therapeutic target is a moving
  one, influenced by the patient's genetics, body composition (as fat tissue is a primary site of
  aromatization), and ..." -> "Why is the therapeutic target influenced by body composition?" ->
  "Fat tissue is a primary site of aromatization";
- a regulator's loss told as a chain over two sentences: "Estrogen is a critical regulator of bone
  remodeling, promoting ... and inhibiting ... . The profound suppression of estrogen by anastrozole
  disrupts this balance, leading to A and B." -> "...: what follows for bone, step by step?" ->
  "Balance of bone remodeling disrupted → A → B".
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import clean_prompt_part, finite_verb, lower_first, names_something, question, short_phrase, \
    upper_first
from .teacher_context import with_population
from .teacher_why import ask

# "This demonstrates that" opens a conclusion the sentence states whole; a hedge ("suggests") is no fact
_CONCLUDES = re.compile(r"^(?:This|These (?:findings|results|studies)|That) (?:demonstrates?|shows?|confirms?|establishes?) "
                        r"that ")
_MEDIATED = re.compile(r"^(?P<owner>[A-Z]?[a-z][\w\-]+)(?:’s|'s) (?P<what>(?:[a-z]+ )?effects? on [a-z][\w\- ]{2,30}?) "
                       r"(?P<aux>is|are) (?P<degree>(?:partly|largely|mainly|primarily|in part|partially) )?mediated "
                       r"(?P<prep>by|through|via) (?P<means>[^,;]{4,60}?)\.?$")


def mediated(s: Sentence) -> Draft | None:
    """ "(This demonstrates that) X's effects on Y are partly mediated by Z" -> "How are X's effects
    on Y partly mediated?" -> "By Z" (the degree stays in the question: it is part of the fact)."""
    text = _CONCLUDES.sub("", s.text)
    m = _MEDIATED.match(text[:1].upper() + text[1:]) if s.lost is None else None
    if m is None or not names_something(m.group("owner")):
        return None
    means = short_phrase(m.group("means"), 10)
    if means is None:
        return None
    owner = m.group("owner")
    prompt = f"How {m.group('aux')} {lower_first(owner)}’s {m.group('what')} {m.group('degree') or ''}mediated?"
    return ask(s, "why", prompt, f"{'By' if m.group('prep') == 'by' else upper_first(m.group('prep'))} "
                                 f"{lower_first(means)}")


_INFLUENCED = re.compile(r"^(?P<head>(?:The|A|An) [a-z][\w\- ]{2,40}?) (?P<aux>is|are) [^,()]{0,40}?,? "
                         r"(?P<verb>influenced|affected|determined|shaped|modified) by (?P<factors>.+?)\.?$")
_BRACKETED_REASON = re.compile(r"(?:^|, )(?:and )?(?P<factor>[a-z][\w\-’' ]{2,40}?) \((?:as|because|since) "
                               r"(?P<reason>[^()]{8,80})\)")


def bracketed_reason(s: Sentence) -> Draft | None:
    """ "The therapeutic target is a moving one, influenced by ..., body composition (as fat tissue is
    a primary site of aromatization), and ..." -> "Why is the therapeutic target influenced by body
    composition?" -> "Fat tissue is a primary site of aromatization", for the people the passage is
    about."""
    m = _INFLUENCED.match(s.text) if s.lost is None else None
    if m is None:
        return None
    r = _BRACKETED_REASON.search(m.group("factors"))
    if r is None or clean_prompt_part(r.group("factor"), 1) is None or finite_verb(r.group("reason").split()) is None:
        return None
    reason = short_phrase(r.group("reason"), 12)
    if reason is None:
        return None
    prompt = with_population(s, f"Why {m.group('aux')} {lower_first(m.group('head'))} {m.group('verb')} by "
                                f"{r.group('factor')}?", nearest=True)
    return ask(s, "why", prompt, upper_first(reason))


_REGULATOR_OF = re.compile(r"^(?P<agent>[A-Z][\w\-]+) is an? (?:[a-z]+ )?regulator of (?P<process>[a-z][\w\- ]{2,40}), "
                           r"(?:promoting|stimulating|inhibiting|suppressing) ")
_DISRUPTS = re.compile(r"^(?P<cause>(?:The )?(?:[a-z]+ )?(?:suppression|loss|withdrawal|deficiency|depletion|lack|reduction) "
                       r"of (?P<agent>[a-z][\w\-]+)(?: by [a-z][\w\-]+)?) disrupts this (?:balance|process|equilibrium), "
                       r"(?:thereby )?leading to (?P<effects>.+?)\.?$")
_PROCESS_NOUN = re.compile(r"\s+(?:remodel(?:l)?ing|turnover|metabolism|homeostasis|health)$")
MAX_STEP_WORDS = 11


def disrupted_balance(s: Sentence) -> Draft | None:
    """ "Estrogen is a critical regulator of bone remodeling, promoting ... and inhibiting ... . The
    profound suppression of estrogen by anastrozole disrupts this balance, leading to an accelerated
    rate of bone loss and a significantly increased risk of osteopenia, ..." -> "The profound
    suppression of estrogen by anastrozole: what follows for bone, step by step?" -> "Balance of bone
    remodeling disrupted → accelerated rate of bone loss → significantly increased risk of ...": the
    balance is the one the sentence before says the agent keeps."""
    m = _DISRUPTS.match(s.text) if s.lost is None else None
    prev = s.previous or s.before  # ("this balance" opening a paragraph is the one the paragraph before ends on)
    if m is None or prev is None or prev.lost is not None:
        return None
    r = _REGULATOR_OF.match(prev.text)
    if r is None or r.group("agent").lower() != m.group("agent").lower():
        return None
    effects = [re.sub(r"^(?:an?|the) ", "", e.strip()) for e in re.split(r",? and (?=(?:an?|the) )", m.group("effects"))]
    steps = [f"balance of {r.group('process')} disrupted"] + effects
    if len(effects) > 3 or any(not 1 <= len(x.split()) <= MAX_STEP_WORDS for x in steps):
        return None
    domain = _PROCESS_NOUN.sub("", r.group("process"))
    prompt = question(with_population(s, f"{m.group('cause')}: what follows for {domain}, step by step?", nearest=True))
    if prompt is None or any(contains_answer(prompt, x) for x in effects):
        return None
    answer = " → ".join([upper_first(steps[0])] + steps[1:])
    return make_draft("chain", "basic", {"prompt": prompt, "answer": answer, "explanation": prev.text}, s, prompt)


def link_drafts(doc) -> tuple[list[Draft], list[Draft]]:
    """The why cards and the chain cards of the shapes above, in document order."""
    why = [d for d in (mediated(s) or bracketed_reason(s) for s in doc.sentences) if d is not None]
    chains = [d for d in (disrupted_balance(s) for s in doc.sentences) if d is not None]
    return why, chains
