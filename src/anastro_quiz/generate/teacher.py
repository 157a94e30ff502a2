"""Stage 4, the cards a teacher writes: why/how, clinical actions, comparisons, lists, chains.

Each card rests on one sentence (or table row) quoted verbatim, and is built only when
the sentence says the thing plainly: a cause or means after "because", "due to", "by
<gerund>", "leads to", ", resulting in", "in order to" (in :mod:`teacher_why`); a rule after
"If ...," or "... should be ...", "... is contraindicated in ..." (in :mod:`teacher_clinical`);
parallel table rows or list items for two populations. When the subject cannot be named (a dangling "it", "this trial") or the answer
is too long to recall, there is no card: a missing card costs less than a junk one.
Comparisons live in :mod:`teacher_compare`, enumerations in :mod:`teacher_lists` (a bulleted list under its lead in :mod:`teacher_bullets`), mechanism
chains in :mod:`teacher_chains`, "X is responsible for Y" and a fronted "As X is ..." in :mod:`teacher_roles`,
the drug's mechanism of action, what it keeps its target from binding, where in the cell cycle it stops cells and the enzymes that metabolize it in :mod:`teacher_mechanism`,
prodrugs, enzyme induction, flares, trials and contraindication lists in :mod:`teacher_pharmacology`, monitoring and baseline tests in :mod:`teacher_monitoring`,
naming the drug and whose dose in :mod:`teacher_context`, the dose a use gets and two forms' doses side by side in :mod:`teacher_doses`, a trial's two figures side by side and its hazard ratios in :mod:`teacher_trials`, a first-in-class approval in :mod:`teacher_approvals`, which form of a hormone predominates when and what its feedback triggers in :mod:`teacher_physiology`, the related drugs it works like and what an older generation has that it lacks in :mod:`teacher_relatives`, what turns it into its opposite, a share behind an evaluative opener and which organ's impairment changes its kinetics in :mod:`teacher_turns`, the cover its first weeks need, whether an effect reverses and a named phenomenon in :mod:`teacher_course`, what a drug or an enzyme's
inhibitors do to another drug's levels in :mod:`teacher_interactions`, its main route of excretion and how it is mainly eliminated in
:mod:`teacher_kinetics`, its rare adverse effects in :mod:`teacher_rare`, the bracketed examples of a use and the receptor status it needs in :mod:`teacher_uses`, the size of the drug's effect in :mod:`teacher_effect`, what it leaves unchanged in :mod:`teacher_unaffected`, a reason pointed to ("which is a reason", "therefore", "a unique vulnerability, as") in :mod:`teacher_reasons`, how an effect is mediated, a bracketed
reason and a regulator's lost balance in :mod:`teacher_links`, the clause tools they share in
:mod:`teacher_clauses`.
"""

from __future__ import annotations

import re

from .cards import Draft
from .sentence_index import index_of
from .teacher_clauses import learn_names, resolved_text, usable
from .teacher_clinical import CLINICAL_BUILDERS, broader_uses_dropped, qualified_uses, thresholds as threshold_drafts
from .teacher_compare import compare_drafts
from .teacher_context import learn_drugs
from .teacher_doses import dose_drafts, form_doses
from .teacher_effect import effect_size
from .teacher_interactions import interaction_drafts
from .teacher_kinetics import elimination, excretion, excretion_beside_metabolism, free_fraction
from .teacher_rare import rare_effects
from .teacher_reasons import stated_reasons
from .teacher_unaffected import unaffected
from .teacher_uses import bracketed_uses, narrowed_uses, receptor_status
from .teacher_trials import trial_drafts
from .teacher_approvals import approval_drafts
from .teacher_physiology import physiology_drafts
from .teacher_relatives import relative_drafts
from .teacher_turns import turn_drafts
from .teacher_course import course_drafts
from .teacher_chains import chain_drafts
from .teacher_lists import list_drafts
from .teacher_bullets import bullet_lists
from .teacher_lead import lead_drafts
from .teacher_links import link_drafts
from .teacher_mechanism import (cell_cycle_arrest, mechanism, metabolism, one_metabolism_card, prevented_bindings,
                                 repeats_class)
from .teacher_monitoring import interaction_monitoring
from .teacher_pharmacology import pharmacology_for
from .teacher_route import short_route
from .teacher_why import WHY_BUILDERS

# Findings in animals or in vitro, and why a thing is named as it is, are not what a clinician recalls.
_SIDELINE = re.compile(r"\b(?:mice|mouse|rats?|baboons?|monkeys?|dogs?|ferrets?|rabbits?|in vitro|abbreviated|"
                       r"named after|so named)\b", re.I)

_IS_A = re.compile(r"^[\w\-]+ (?:is|was) an? [\w\- ]{3,40}$")  # "Bicalutamide is an antiandrogen"
_INDICATION_LIST = re.compile(r"^Name \w+ \w+ [\w\-]+ is (?:indicated|used to treat|approved)\b")
_ONE_USE = re.compile(r"^(?:As maintenance treatment, what|What) (?:is|are) [\w\-]+ used (?:to treat|for)\?$")


_LEAD_SECTIONS = {"main", "introduction", "summary", "abstract", "overview", "lead"}
_MECHANISM_SECTION = re.compile(r"\b(?:mechanism of action|pharmacodynamics)\b", re.I)


def _summary_mechanism_dropped(drafts: list[Draft], doc) -> list[Draft]:
    """"How does trastuzumab work?" -> "By binding to the HER2 receptor and slowing down cell
    replication", the lead's one-line summary, in an article with a section on the mechanism of
    action: that section tells other ways it works (immune-mediated, cell-cycle arrest), each a right
    answer too (the twelfth reading: "too open", "shallow"). A mechanism told as what the drug is
    ("As a selective silent antagonist of the AR") names its target exactly and stays."""
    if not any(_MECHANISM_SECTION.search(f"{s.section} {s.heading}") for s in doc.sentences):
        return drafts
    first = doc.sentences[0].section if doc.sentences else ""  # (under the title, before any section)
    lead = {s.text for s in doc.sentences if s.section.lower() in _LEAD_SECTIONS or s.section == first}
    return [d for d in drafts if not (d.kind == "why" and re.match(r"^How does \S+ work\?$", d.data.get("prompt", ""))
                                      and str(d.data.get("answer", "")).startswith("By ") and d.quote in lead)]


_IN_WHOM_USE = re.compile(r"^In [^,]+, what is (?P<drug>\S+) used to treat\?$")


def _open_use_dropped(drafts: list[Draft], doc) -> list[Draft]:
    """"In pre- and postmenopausal women, what is tamoxifen used to treat?" -> "Both early and advanced
    ER-positive breast cancer", while other sentences say what else the drug is used for in women
    ("... used for ovulation induction to treat infertility in women", "... used effectively to ...
    in dysmenorrhea patients"): whom it is for does not single out one use, so the question has
    several right answers (the twelfth reading) and is not asked."""
    out = []
    for d in drafts:
        m = _IN_WHOM_USE.match(str(d.data.get("prompt", ""))) if d.kind == "why" else None
        if m is not None:
            other = re.compile(rf"^{re.escape(m.group('drug'))} (?:is|are|has been|have been) (?:also )?(?:\w+ )?"
                               rf"used (?:\w+ )?(?:to|for|in)\b", re.I)
            if any(s.text != d.quote and s.lost is None and other.match(s.text)
                   for s in index_of(doc.sentences).holding(m.group("drug"))):
                continue
        out.append(d)
    return out


_AS_ROLE_USE = re.compile(r"^As (?P<role>an? [\w\- ]+?), what (?:is|are) (?P<drug>\S+) used to (?:treat|prevent)\b")


def _shared_role_dropped(drafts: list[Draft], doc) -> list[Draft]:
    """"As an immunosuppressant, what is everolimus used to prevent?" -> "Rejection of organ transplants",
    while another sentence says "Everolimus is used in drug-eluting coronary stents as an immunosuppressant
    to prevent restenosis": the qualifier applies to a second stated use, so the question has two right
    answers (and the qualifier nearly gives the first away; the thirteenth reading)."""
    out = []
    for d in drafts:
        m = _AS_ROLE_USE.match(str(d.data.get("prompt", ""))) if d.kind == "why" else None
        if m is not None:
            again = re.compile(rf"\bas {re.escape(m.group('role'))} (?:to|in|for)\b", re.I)
            if any(s.text != d.quote and again.search(s.text)
                   for s in index_of(doc.sentences).holding(m.group("role").rsplit(" ", 1)[-1])):
                continue
        out.append(d)
    return out


def teacher_drafts(doc) -> list[Draft]:
    """Every teacher card the document supports (the selection stage ranks and caps them)."""
    learn_names(doc.sentences)
    learn_drugs(doc)
    linked, link_chains = link_drafts(doc)  # "... are partly mediated by ...", "(as X is ...)", "disrupts this balance"
    chains = chain_drafts(doc) + link_chains
    chained = {d.quote for d in chains + linked}  # a chain tells the sentence's mechanism whole: no second card on it
    out: list[Draft] = list(linked)
    pharmacology = pharmacology_for(doc)
    status_asked = None
    for s in doc.sentences:
        rare = rare_effects(s) if s.lost is None else None  # "Rarely, it ...": the "it" is read here
        if rare is not None:
            out.append(rare)
            continue
        uses = bracketed_uses(s) if s.lost is None else None  # beside the sentence's other cards
        if uses is not None:
            out.append(uses)
        status = receptor_status(s) if s.lost is None and status_asked is None else None
        if status is not None:  # (once: the article's later approvals repeat it)
            status_asked = status
            out.append(status)
        unchanged = unaffected(s, resolved_text(s)) or stated_reasons(s, resolved_text(s)) if s.lost is None else None
        # ("It does not lower ...", "..., which is a reason X is ...": read here, before the other builders)
        if unchanged is not None:
            out.append(unchanged)
            continue
        size = effect_size(s) if s.lost is None else None  # "This decrease ... results in ...": read here
        if size is not None:
            out.append(size)
            continue
        if not usable(s) or s.text in chained:
            if s.text not in chained and s.lost is None:
                out += short_route(s, resolved_text(s))  # "It is taken by mouth.": too short for the other builders
            continue
        text = resolved_text(s)
        if text is None:
            continue
        if _SIDELINE.search(s.text):
            # a finding in vitro is no card, but the rule of practice drawn from it is one
            out += interaction_monitoring(s, text)
            continue
        thresholds = threshold_drafts(s, text)
        if thresholds:
            out += thresholds
            continue
        facts = pharmacology(s, text)  # a prodrug's metabolites, a strong CYP inducer, monitoring, ...
        if facts:
            out += facts
            continue
        for build in CLINICAL_BUILDERS + (mechanism, metabolism, excretion, elimination, free_fraction) + WHY_BUILDERS:
            d = build(s, text)
            if d is not None:
                # One teacher card per sentence: two would show each other's answers ("Why should
                # contraception be used ...?" and "..., what should be used?").
                out.append(d)
                break
    out = narrowed_uses(qualified_uses(out, doc.sentences))
    out = excretion_beside_metabolism(one_metabolism_card(out), doc)
    lead = lead_drafts(doc)
    # "How does olaparib work?" -> "As an inhibitor of the enzyme PARP", "Why does bicalutamide have a
    # risk of birth defects?" -> "Bicalutamide is an antiandrogen": the class card asked again
    out = [d for d in out if not any((d.data.get("prompt", "").startswith("How does ") or
                                      _IS_A.match(d.data.get("answer", ""))) and
                                     repeats_class(d.data.get("answer", ""), c.data["answer"]) for c in lead)]
    out = broader_uses_dropped(_shared_role_dropped(_open_use_dropped(_summary_mechanism_dropped(out, doc), doc), doc)
                               + lead)
    out += dose_drafts(doc) + form_doses(doc)
    out += trial_drafts(doc)
    out += approval_drafts(doc)
    out += physiology_drafts(doc)
    out += relative_drafts(doc)
    out += turn_drafts(doc)
    out += course_drafts(doc)
    out += prevented_bindings(doc)
    explained = " ".join(str(d.data.get("explanation", "")) for d in out)
    # (a sentence another card explains itself with is that card's: "... which term describes tamoxifen?")
    out += [d for d in cell_cycle_arrest(doc) if d.quote not in explained]
    out += interaction_drafts(doc)
    out += compare_drafts(doc.facts)
    lists = list_drafts(doc) + bullet_lists(doc)
    if any(_INDICATION_LIST.search(d.data.get("prompt", "")) for d in lists):
        # the article lists what the drug treats: a single indication keyed alone is one right answer of several
        out = [d for d in out if not _ONE_USE.match(d.data.get("prompt", ""))]
    out += lists
    return out + chains


