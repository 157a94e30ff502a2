"""Stage 4, how a drug is given ("Trastuzumab is given by slow injection into a vein" -> "How is
trastuzumab given?"), from a sentence of the drug's profile (:mod:`teacher_profile` asks it first)
or from one too short for any other card (:func:`short_route`). A route beside a figure is left to
the figure card (:func:`beside_its_figure`, run by the pipeline).
"""

from __future__ import annotations

import re

from .cards import Draft
from .extract import Sentence
from .teacher_clauses import DOCUMENT_DRUG, lead_name, lower_first, upper_first
from .teacher_why import as_cards, ask

_ROUTE = re.compile(
    r"^(?P<drug>[A-Z][a-z][\w\-]+) is (?:typically |usually |generally |normally )?(?P<verb>taken|given|administered) "
    r"(?P<how>(?:(?:once |twice )?daily )?by (?:mouth|(?:slow |subcutaneous |intramuscular |intravenous )?(?:injection|infusion)|"
    r"intravenous infusion)(?: (?:into a vein|under the skin|just under the skin|into a muscle))?"
    r"(?: and (?:by )?(?:slow )?(?:injection|infusion)(?: (?:into a vein|just under the skin|under the skin|into a muscle))?)?)"
    r"(?P<rest>[^;]*?)\.?$")


_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:days?|weeks?|months?|years?)\b",
                     re.I)


#: A form the route names after it ("by subcutaneous injection [as a biodegradable implant] every 28 days").
_ROUTE_FORM = re.compile(r"^ as (?P<form>an? [\w\-]+(?: [\w\-]+)? (?:implant|depot|pellet|patch|infusion|injection))\b")
#: The tag of a route asked from a sentence with a figure: the figure card, where one is asked,
#: shows the route, and the pipeline drops this one (``beside_its_figure``).
ROUTE_BESIDE_FIGURE = "route-beside-figure"


def route(s: Sentence, text: str) -> list[Draft]:
    """ "Trastuzumab is given by slow injection into a vein and injection just under the skin" ->
    "How is trastuzumab given?"; "It is given by injection" after "Goserelin is ..." -> "How is
    goserelin given?" -> "By injection". A form named after it is part of the answer ("by
    subcutaneous injection as a biodegradable implant"). When the sentence holds a figure ("... as
    an implant every 28 days"), the figure card shows the route and is the one kept; the route is
    asked only when no figure card is (``ROUTE_BESIDE_FIGURE``: goserelin's interval is not asked,
    since its depots last one month or three).

    Not asked: "by mouth". Readers threw every such card away (three of three, the eighth reading):
    most drugs are taken by mouth, so the card asks nothing a student would be examined on."""
    m = _ROUTE.match(text)
    if m is None:
        return []
    how = m.group("how")
    if how.endswith("by mouth"):
        return []
    form = _ROUTE_FORM.match(m.group("rest"))
    if form is not None:
        how += f" as {form.group('form')}"
    card = ask(s, "why", f"How is {lower_first(m.group('drug'))} {m.group('verb')}?", upper_first(how))
    if card is not None and _FIGURE.search(text):
        card.tags.append(ROUTE_BESIDE_FIGURE)
    return as_cards(card)


def beside_its_figure(drafts: list[Draft]) -> list[Draft]:
    """``drafts`` less the routes whose sentence gives a figure card too (which shows the route);
    the routes kept lose the tag, which is this stage's and no topic of the deck."""
    figured = {d.quote for d in drafts if d.kind == "number"}
    kept = [d for d in drafts if not (ROUTE_BESIDE_FIGURE in d.tags and d.quote in figured)]
    for d in kept:
        if ROUTE_BESIDE_FIGURE in d.tags:
            d.tags.remove(ROUTE_BESIDE_FIGURE)
    return kept


def short_route(s: Sentence, text: str | None) -> list[Draft]:
    """How the drug is given, from a sentence too short to be read for anything else ("It is taken
    by mouth.": five words, a whole fact; other cards need six words of context). Its "It" is the
    drug when the sentences before it resolve it (``text``), or when it stands in the paragraph
    that opens with the article's drug ("Anastrozole, sold under ..., is ... It has also been used
    ... It is taken by mouth.")."""
    if s.lost is not None or not 4 <= len(s.text.split()) < 6 or not s.text.endswith("."):
        return []
    if text is None and DOCUMENT_DRUG and s.text.startswith("It "):
        first = s
        while first.previous is not None:
            first = first.previous
        name = lead_name(first.text)
        if name is not None and name.lower() == DOCUMENT_DRUG[0].lower():
            text = name + s.text[2:]
    return route(s, text) if text is not None else []
