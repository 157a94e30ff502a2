"""What kind of word a word is, judged without a tagger: endings, and whether English
inflects it as a verb (wordfreq knows "underscored" but not "osteoclasted")."""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import is_acronym, zipf

# Words that point back at something named earlier, read two ways (one rule would move cards:
# POINTS_BACK on the second reading drops and rescores cards of the bundled decks):
# - POINTS_BACK: a phrase leans on an earlier sentence anywhere in it ("In a bone substudy of
#   this trial"), so it cannot stand alone as a prompt or as a card's context;
# - CONTINUES_PREVIOUS: a sentence carries on from the one before it (it opens with "This",
#   "These", "Such", or names "this trial", "these drugs"), so that earlier one is worth asking.
POINTS_BACK = re.compile(r"\b(?:this|these|those|such(?!\s+as\b)|the same)\s+(?!is\b|are\b|was\b|were\b)[a-z]\w+", re.I)
CONTINUES_PREVIOUS = re.compile(r"^(?:this|these|the same|such)\b|\b(?:this|these)\s+(?:trial|study|drug|medication|"
                                r"effect|enzyme|process|mechanism|agent|therapy|treatment|class|finding)\b", re.I)

# Sentences about the article itself rather than its subject.
META = re.compile(r"\b(?:table|figure|section|article|this discussion|below|above|following|"
                   r"analysis|understanding)\b", re.I)


@lru_cache(maxsize=1 << 17)  # asked of each key term of each sentence
def answerable(word: str) -> bool:
    """Cloze answers are names of things: acronyms and nouns, not adjectives, verbs or adverbs
    (judged by word endings and by whether English inflects the word as a verb: "underscores"
    has "underscored", "osteoclasts" has no "osteoclasted")."""
    return is_acronym(word) or not (NOT_NOUN.search(word.lower()) or is_verb_form(word.lower())
                                    or _PERSON.search(word.lower()))


NOT_NOUN = re.compile(r"(?:al|ive|ous|ic|ary|ory|ed|ing|ly|ible|able|i[sz]es?)$")
_PERSON = re.compile(r"(?:ician|ologist)s?$")  # "the _____ acts as an engineer": a role, not a term
NOUN_SUFFIX = re.compile(r"(?:ion|ist|ism|sis|ity|ment|ness|ance|ence|logy|ase|gen|ol|in|ia)s?$")


def is_verb_form(word: str) -> bool:
    """Whether a rare word is a verb form ("underscores", "titrate", "resorb"): English has its
    past tense ("underscored", "titrated", "resorbed"). Nouns with noun endings never count."""
    if NOUN_SUFFIX.search(word):
        return False
    stems = [word]
    if word.endswith("es"):
        stems += [word[:-1], word[:-2]]
    elif word.endswith("s"):
        stems.append(word[:-1])
    for stem in stems[1:] if len(stems) > 1 else stems:
        past = stem + "d" if stem.endswith("e") else stem + "ed"
        if zipf(past) >= 1.0:
            return True
    return False
