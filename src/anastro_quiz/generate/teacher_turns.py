"""Stage 4, facts a sentence tells behind a turn of phrase, asked plainly, each from one sentence:

- what turns the drug into its opposite ("in prostate cancer, mutations and overexpression of the
  AR can accumulate in prostate gland cells which can convert bicalutamide from an antagonist of the
  AR into an agonist" -> "In prostate cancer, what can convert bicalutamide from an antagonist of the
  AR into an agonist?" -> "Mutations and overexpression of the AR");
- a share told behind an evaluative opener ("It is surprising that although zorbicin binds tightly
  ..., 45% of PR+ patients with metastatic disease do not respond to therapy." -> "What share of PR+
  patients with metastatic disease do not respond to therapy with zorbicin?" -> "45%": the opener and
  its concession go), only when the patients' setting is said;
- how a side benefit comes about, the tissue the question names standing for "in this cell type"
  ("A beneficial side effect of tamoxifen is that it prevents bone loss by acting as an ER agonist
  (i.e., mimicking the effects of estrogen) in this cell type." -> "How does tamoxifen prevent bone
  loss?" -> "By acting as an ER agonist");
- a ratio told "up to N times more than in ..." asked as the ratio ("In cancer cells the HER2
  protein can be expressed up to 100 times more than in normal cells (2 million versus 20,000 per
  cell)." -> "In cancer cells, up to how many times more can the HER2 protein be expressed than in
  normal cells?" -> "100 times", the counts in the explanation);
- which metabolite is the major active form, and why ("However, endoxifen occurs in much higher
  concentrations than afimoxifene and is now thought to be the major active form of tamoxifen in the
  body." -> "Which metabolite is thought to be the major active form of tamoxifen in the body?" ->
  "Endoxifen", its higher concentrations in the explanation);
- which organ's impairment changes the drug's kinetics, when two sentences side by side say one
  does and the other does not ("The half-life increases with patients with impaired renal function.
  There is no significant change in pharmacokinetics in subjects with liver failure." -> "Goserelin:
  impaired function of which organ lengthens its half-life?" -> "The kidneys (renal function)", the
  other sentence, the liver's, in the explanation).
"""

from __future__ import annotations

import re

from .cards import Draft, contains_answer, make_draft
from .teacher_clauses import DOCUMENT_DRUG, question, short_phrase, upper_first

_CONVERT = re.compile(
    r"^(?:(?:However|Moreover|In addition|Also), )?(?:in (?P<where>[a-z][\w\- ]{3,30}), )?"
    r"(?P<what>[a-z][\w\- ]{3,60}?) (?:can|may|could) (?:(?:accumulate|arise|develop|occur)(?: [^,]{0,40}?)? "
    r"(?:which|that) (?:can|may|could) )?convert (?P<drug>[A-Za-z][\w\-]+) from (?P<from>an? [\w\- ]{3,40}?) "
    r"into (?P<to>an? [\w\-]+)\.?$")
_EVALUATIVE = re.compile(
    r"^It is (?:surprising|remarkable|striking|notable|noteworthy|interesting|curious|puzzling) that "
    r"(?:(?:although|though|while|despite|even though) [^;]+?, )?(?P<main>.+)$")
_SHARE = re.compile(
    r"^(?P<share>(?:about |approximately |around |roughly |nearly )?\d+(?:\.\d+)?(?:–\d+(?:\.\d+)?)?%) of "
    r"(?P<who>[\w+\-]+(?: [\w+\-]+){0,4}?) (?P<verb>do not|did not|fail to|failed to) (?P<rest>respond to "
    r"(?:the )?(?:treatment|therapy)|benefit(?: from (?:the )?(?:treatment|therapy))?)\.?$")
# What tells a share of non-responders from the benefit reported elsewhere: the disease's stage, the line
# of treatment, the drug given alone, the trial
_SETTING = re.compile(r"\b(?:metastatic|advanced|early|late-stage|early-stage|adjuvant|neoadjuvant|first-line|"
                      r"second-line|refractory|relapsed|recurrent|monotherapy|alone|trial|study)\b", re.I)
_KINETIC = r"(?:(?:elimination |terminal |plasma |serum )?half-life|clearance|exposure|AUC)"
_PROLONGED = re.compile(
    rf"^The {_KINETIC} (?:increases|is (?:increased|prolonged|longer)|rises)\b[^.]*?\b"
    r"(?:impaired (?P<organ>renal|hepatic|kidney|liver) function|(?P<organ2>renal|hepatic|kidney|liver) "
    r"(?:impairment|failure|insufficiency))\b[^.]*\.?$")
_UNCHANGED = re.compile(
    r"^There (?:is|was) no (?:significant |clinically (?:relevant|significant) |important )?change in "
    r"(?:the )?(?:pharmacokinetics|half-life|clearance|exposure)\b[^.]*?\b(?:with|in) (?:subjects|patients) with "
    r"(?:impaired )?(?P<organ>renal|hepatic|kidney|liver) (?:failure|impairment|insufficiency|function)\b[^.]*\.?$")
_SIDE_BENEFIT = re.compile(
    r"^An? (?:beneficial|welcome|useful|favou?rable|positive) (?:side )?effect of (?P<drug>[A-Za-z][\w\-]+) is that "
    r"(?:it|they) (?P<verb>prevents|reduces|protects against|lowers|slows) (?P<what>[a-z][\w\- ]{3,30}?) "
    r"by (?P<how>[a-z]+ing [^()]{3,60}?)(?: \([^()]*\))?(?: (?P<pointer>in (?:this|that|these) (?:cell type|cell types|"
    r"tissue|tissues|organ)))?\.?$")
# the tissue the prompt's "bone loss" names is the one "in this cell type" points back to
_TISSUE = re.compile(r"\b(?:bone|breast|uter\w*|endometri\w*|liver|hepatic|muscle|skin|brain|heart|vascular|"
                     r"vessels?|prostate|ovar\w*|testicular|kidney|renal)\b")
_FOLD_MORE = re.compile(
    r"^In (?P<ctx>[a-z][\w\- ]{3,30}?),? (?P<subj>the [\w\-+]+(?: [\w\-+]+)?) can be (?P<part>[a-z]+ed) up to "
    r"(?P<n>\d+(?:\.\d+)?) (?:times|-fold|fold) (?P<more>more|higher|greater) than in (?P<base>[a-z][\w\- ]{3,30}?)"
    r"(?: \((?P<aside>[^()]{3,60})\))?\.?$")
_MAJOR_FORM = re.compile(
    r"^(?:(?:However|Moreover|Thus|Hence), )?(?P<x>[a-z][\w\-]+) (?P<why>occurs in (?:much |far |considerably )?higher "
    r"(?:concentrations|levels) than (?P<y>[a-z][\w\-]+)) and is (?:now )?(?:thought|considered|believed) to be the "
    r"(?P<rank>major|main|principal|predominant) active (?P<noun>form|metabolite) of (?P<drug>[A-Za-z][\w\-]+)"
    r"(?P<where> in the body)?\.?$")
_ORGAN = {"renal": "renal", "kidney": "renal", "hepatic": "hepatic", "liver": "hepatic"}
_ORGAN_NAME = {"renal": "The kidneys (renal function)", "hepatic": "The liver (hepatic function)"}


def _side_benefit(s, text: str, drug: str) -> Draft | None:
    m = _SIDE_BENEFIT.match(text)
    if m is None or m.group("drug").lower() != drug.lower():
        return None
    if m.group("pointer") and not _TISSUE.search(m.group("what")):
        return None  # "in this cell type" with no tissue named in the question: the pointer dangles
    answer = short_phrase("By " + m.group("how"), 10)
    if answer is None:
        return None
    prompt = question(f"How does {drug} {base_verb(m.group('verb'))} {m.group('what')}?")
    if prompt is None or contains_answer(prompt, answer):
        return None
    return make_draft("why", "basic", {"prompt": prompt, "answer": answer}, s, prompt)


def base_verb(verb: str) -> str:
    """"prevents" -> "prevent", "protects against" -> "protect against"."""
    head, _, tail = verb.partition(" ")
    head = head[:-1] if head.endswith("s") else head
    return f"{head} {tail}".strip()


def _fold_more(s, text: str) -> Draft | None:
    m = _FOLD_MORE.match(text)
    if m is None:
        return None
    prompt = question(f"In {m.group('ctx')}, up to how many times {m.group('more')} can {m.group('subj')} be "
                      f"{m.group('part')} than in {m.group('base')}?")
    if prompt is None:
        return None
    data = {"prompt": prompt, "answer": f"{m.group('n')} times"}
    if m.group("aside"):
        data["explanation"] = upper_first(m.group("aside"))  # the counts the ratio is taken from
    return make_draft("number", "basic", data, s, prompt)


def _major_form(s, text: str, drug: str) -> Draft | None:
    m = _MAJOR_FORM.match(text)
    if m is None or m.group("drug").lower() != drug.lower():
        return None
    prompt = (f"Which metabolite is thought to be the {m.group('rank')} active {m.group('noun')} of {drug}"
              f"{m.group('where') or ''}?")
    explanation = f"{upper_first(m.group('x'))} {m.group('why')}."  # why it, not the other, is the major one
    data = {"prompt": prompt, "answer": upper_first(m.group("x")), "explanation": explanation}
    return make_draft("why", "basic", data, s, prompt)


def _converted(s, text: str, drug: str) -> Draft | None:
    m = _CONVERT.match(text)
    if m is None or m.group("drug").lower() != drug.lower():
        return None
    answer = short_phrase(m.group("what"), 8)
    if answer is None or answer != upper_first(m.group("what")):
        return None
    where = f"In {m.group('where')}, w" if m.group("where") else "W"
    prompt = question(f"{where}hat can convert {drug} from {m.group('from')} into {m.group('to')}?")
    if prompt is None or contains_answer(prompt, answer):
        return None
    return make_draft("why", "basic", {"prompt": prompt, "answer": answer}, s, prompt)


def _share_behind_an_opener(s, text: str, drug: str) -> Draft | None:
    m = _EVALUATIVE.match(text)
    if m is None:
        return None
    share = _SHARE.match(m.group("main"))
    if share is None or not _SETTING.search(share.group("who")):
        # "70% of HER2+ patients do not respond": in which setting (alone, metastatic, first line)
        # unsaid, the share reads as a general fact beside the benefit the article reports (the
        # twelfth reading)
        return None
    rest = share.group("rest")
    if drug.lower() not in rest.lower():
        rest = re.sub(r"\b(?:the )?(treatment|therapy)$", rf"\1 with {drug}", rest) if re.search(
            r"(?:treatment|therapy)$", rest) else f"{rest} from {drug}"
    prompt = question(f"What share of {share.group('who')} {share.group('verb')} {rest}?")
    answer = re.sub(r"^(?:about|approximately|around|roughly|nearly) ", "", share.group("share"))
    if prompt is None:
        return None
    return make_draft("number", "basic", {"prompt": prompt, "answer": answer}, s, prompt)


def _impaired_organ(s, after, drug: str) -> Draft | None:
    prolonged = _PROLONGED.match(s.text)
    if prolonged is None or after is None:
        return None
    unchanged = _UNCHANGED.match(after.text)
    if unchanged is None:
        return None
    organ = _ORGAN[prolonged.group("organ") or prolonged.group("organ2")]
    other = _ORGAN[unchanged.group("organ")]
    if organ == other:
        return None
    what = re.search(_KINETIC, s.text).group(0)
    verb = "lengthen" if "half-life" in what else "raise"
    # the organ named, not both offered: "renal or hepatic?" shows its answer
    prompt = f"{upper_first(drug)}: impaired function of which organ {verb}s its {what}?"
    data = {"prompt": prompt, "answer": _ORGAN_NAME[organ], "explanation": after.text}
    return make_draft("why", "basic", data, s, prompt)


def turn_drafts(doc) -> list[Draft]:
    """The cards of this module for one document (see the module docstring)."""
    if not DOCUMENT_DRUG:
        return []
    drug = DOCUMENT_DRUG[0]
    out = []
    sentences = [s for s in doc.sentences if s.lost is None]
    for s, after in zip(sentences, sentences[1:] + [None]):
        text = upper_first(s.text)
        d = _converted(s, text, drug) or _share_behind_an_opener(s, text, drug) or _side_benefit(s, text, drug) \
            or _fold_more(s, text) or _major_form(s, text, drug)
        if d is None and after is not None and after.before is s:
            d = _impaired_organ(s, after, drug)
        if d is not None:
            out.append(d)
    return out
