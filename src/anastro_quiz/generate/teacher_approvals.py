"""Stage 4, what an approval says a teacher asks about: the use a drug was the first of its class
approved for ("In January 2019, zorelin became the first JAK inhibitor to be approved by the FDA for
KRAS-mutated lung cancer." -> "Zorelin became the first JAK inhibitor approved by the FDA for which
cancer?").

Read over the whole document: the drug may be named by a brand name the lead gives, and a first
approval for the use the lead already names ("the first new AR antagonist approved for prostate
cancer" in the article on a prostate cancer drug) teaches nothing the deck's use card does not. Nor
is a first approval asked where the article tells other approvals of the drug: "first ... for which
cancer?" then has two right answers (the twelfth reading: olaparib was also the first PARP inhibitor
approved at all, for ovarian cancer). The name of the test that selects patients ("..., called the
BRACAnalysis CDx") is a product's name, trivia (read WEAK twice), and is not asked.
"""

from __future__ import annotations

import re

from .cards import Draft
from .teacher_clauses import DOCUMENT_DRUG, lower_first, readable_sentences, upper_first
from .teacher_why import ask

_FIRST = re.compile(
    r"^(?:In \w+ \d{4}, )?(?P<drug>[A-Za-z][a-z][\w\-]+) became the first (?P<cls>[\w\-]+(?: [\w\-]+){0,3}?) "
    r"(?:to be |to get )?approved (?P<by>by the (?:FDA|EMA|European Medicines Agency|Food and Drug Administration) )?"
    r"(?:for|to treat) (?P<use>[^,;()]{5,60}?)\.?$")
_USE_HEAD = re.compile(r"\b(?P<head>cancer|carcinoma|tumou?r|disease|syndrome|infection|disorder|leukemia|lymphoma)s?$",
                       re.I)

# how far a disease has gone, not which disease: "advanced kidney cancer" is the lead's "kidney cancer"
_STAGE_WORDS = {"the", "of", "advanced", "metastatic", "early", "locally", "recurrent", "relapsed", "refractory",
                "late", "stage", "treatment"}


def _the_drug(name: str, doc) -> str | None:
    """The article's drug, named by itself or by one of the brand names its lead gives."""
    if not DOCUMENT_DRUG:
        return None
    drug = DOCUMENT_DRUG[0]
    return lower_first(drug) if name.lower() == drug.lower() or name.lower() in doc.subjects else None


def _lead_text(doc) -> str:
    first = next((s for s in doc.sentences if s.usable), None)
    return first.text.lower() if first is not None else ""


def _approved_otherwise(drug: str, s, doc) -> bool:
    """Whether another sentence tells an approval of the drug ("In December 2014, X was approved for
    use as a single agent ...", "... the FDA approved X as monotherapy")."""
    name = re.escape(drug)
    other = re.compile(rf"\b{name}\b(?: \w+){{0,3}} (?:was|were|is|has been) (?:\w+ )?approved\b|"
                       rf"\bapproved {name}\b", re.I)
    return any(o is not s and o.text != s.text and other.search(o.text) for o in doc.sentences)


def approval_drafts(doc) -> list[Draft]:
    """The cards of this module for one document (see the module docstring)."""
    out = []
    lead = _lead_text(doc)
    for s, text in readable_sentences(doc):
        m = _FIRST.match(text)
        head = _USE_HEAD.search(m.group("use")) if m else None
        if m and head and (drug := _the_drug(m.group("drug"), doc)) and not _approved_otherwise(drug, s, doc):
            use = m.group("use")
            # the use the lead names already, with only its head left to tell: nothing new to recall
            qualifiers = [w for w in re.findall(r"[\w\-]+", use[: head.start()].lower()) if w not in _STAGE_WORDS]
            if not qualifiers or all(w in lead for w in qualifiers):
                continue
            by = m.group("by") or ""
            prompt = f"{upper_first(drug)} became the first {m.group('cls')} approved {by}for which {head.group('head').lower()}?"
            # "gBRCAm metastatic breast cancer": a first word spelled with capitals inside stays as written
            d = ask(s, "why", prompt, use if re.match(r"^\w+[A-Z]", use) else upper_first(use))
            out += [d] if d is not None else []
    return out
