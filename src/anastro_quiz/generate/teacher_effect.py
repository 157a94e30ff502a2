"""Stage 4, how far the drug moves what it acts on, when a sentence says it as the result of the
effect the sentence before tells: "As such, 1 mg/day is considered to be the minimal dosage required
to achieve maximal suppression of aromatase with anastrozole. This decrease in aromatase activity
results in an at least 85% decrease in estradiol levels in postmenopausal women." -> "In
postmenopausal women on anastrozole, by at least how much do estradiol levels fall?" -> "85%".

"This decrease" points back: the card is made only when the sentence before names the article's
drug, and the people are named ("in postmenopausal women"); the figure is the headline one a
teacher asks (an aromatase inhibitor's fall in estradiol), which the figure cloze of the
sentence cannot ask without its dangling "This".
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, names_drug, question

_RESULT = re.compile(
    r"^(?:This|The|Such an?) (?:decrease|reduction|inhibition|suppression|fall|drop|increase|rise) (?:in|of) "
    r"[\w\- ]{3,40}? (?:results|resulted|leads|led) (?:in|to) an? (?P<qual>at least|approximately|about|around|over|"
    r"more than|up to)? ?(?P<figure>\d+(?:\.\d+)?(?: to \d+(?:\.\d+)?)?%) (?P<change>decrease|reduction|fall|drop|"
    r"increase|rise) in (?P<measure>[a-z][\w\-]*(?: [a-z][\w\-]*){0,2}) in (?P<who>(?:postmenopausal |premenopausal |"
    r"older |healthy )?(?:women|men|patients|adults|children))\.?$")
_FALLS = {"decrease": "fall", "reduction": "fall", "fall": "fall", "drop": "fall", "increase": "rise", "rise": "rise"}


def effect_size(s: Sentence) -> Draft | None:
    """The card for a sentence that gives the size of the drug's effect (see the module docstring)."""
    m = _RESULT.match(s.text)
    if m is None or not DOCUMENT_DRUG or s.previous is None or s.previous.lost is not None:
        return None
    drug = DOCUMENT_DRUG[0].lower()
    if not names_drug(s.previous.text, drug):
        return None  # "This decrease" would be some other drug's, or nobody's
    measure = m.group("measure")
    verb = _FALLS[m.group("change")]
    plural = measure.endswith("s") and not measure.endswith("ss")
    qual = f"by {m.group('qual')} how much" if m.group("qual") else "by how much"
    prompt = question(f"In {m.group('who')} on {drug}, {qual} {'do' if plural else 'does'} {measure} {verb}?")
    answer = m.group("figure")
    if prompt is None or contains_answer(prompt, answer):
        return None
    data = {"prompt": prompt, "answer": answer}
    if m.group("qual"):
        data["accept"] = [f"{m.group('qual')} {answer}"]  # the answer as the sentence says it
    return make_draft("number", "typed", data, s, prompt)
