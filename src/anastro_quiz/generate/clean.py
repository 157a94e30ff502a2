"""Stage 1: read a scraped article and drop what is not content.

(Which reader handles which file format is in :mod:`.readers`; this module holds what
they share: wiki leftovers to strip, trailing sections to skip, and the plain-text cleaning.)

Scraped health articles mix the text with page boilerplate, image captions (one or two
lines describing a photo in marketing language), a reference list and a closing
"reflection" addressed to the reader. This stage removes those lines and offers
:func:`lost_words`, which spots sentences that lost a linked phrase during scraping
("For with cancer, ..."). Everything here works on general cues (vocabulary, layout,
grammar that cannot occur in edited prose), never on the exact sentences of one file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..patterns import FOLDS_TO_ASCII

MAX_BYTES = 5_000_000  # far above any article; protects against feeding a data dump
SECTION_NAMES = ("fundamentals", "intermediate", "academic")
# Headings after which the rest of a section is not teaching material.
TRAILING_HEADINGS = ("references", "reference", "bibliography", "sources", "citations",
                     "reflection", "further reading", "disclaimer", "related articles",
                     "conclusion and reflection", "about the author", "see also", "external links",
                     "notes", "footnotes", "explanatory notes", "general references", "works cited",
                     "literature", "notes and references", "references and notes", "cited sources")
BOILERPLATE_RE = re.compile(
    r"^(skip to (main )?content|share( this)?( article)?|print|menu|search|log ?in|sign ?up|"
    r"subscribe|cookie.*|advertisement|back to top|table of contents|read more)$", re.I)
# A caption describes an image and sells wellness; it scores on both.
CAPTION_VERB_RE = re.compile(
    r"\b(symboli[sz]e[sd]?|symbolizing|represent(s|ing)?|embod(y|ies|ying)|exemplif(y|ies)|"
    r"depict(s|ing)?|portray(s|ing)?|conve(y|ys)|signif(y|ies)|visuali[sz]es|metaphor\w*|"
    r"illustrat(es|ing)|reflect(s|ing)|showcas(es|ing)|evok(es|ing)|suggests?)\b", re.I)
CAPTION_WORD_RE = re.compile(
    r"\b(hormone optimization|metabolic health|cellular (function|health|repair|regeneration)|"
    r"endocrine (balance|system|health|homeostasis|wellness)|patient (journey|consultation)|"
    r"wellness|vitality|bioidentical|peptide|longevity|serene|smil\w+|couple|women|man|woman|"
    r"visual\w*|image|macro|textured|spher\w+|translucent|porous|intricate|delicate)\b", re.I)
TERMINAL_RE = re.compile(r"[.!?:;)\"”’]\s*$")
REFERENCE_RE = re.compile(r"(\bet al\.|\(\d{4}\)|\bvol\. \d|\bpp\. \d|\bJournal\b.*\d{4})")
BULLET_RE = re.compile(r"^\s*(?:[•●▪◦*\-–]|\d{1,2}[.)])\s+")


# Wiki leftovers inside sentences: reference numbers ("[2]", "[2, 3]", "[12–14]"), note letters
# ("[a]", "[iv]"), named notes ("[note 1]", "[nb 2]"), footnote references ("[^1]") and
# maintenance tags, which are short lower-case phrases ("[citation needed]", "[update]",
# "[when?]", "[dubious – discuss]"). "[Ca2+]" or "[3H]thymidine" start otherwise and stay.
CITATION_RE = re.compile(
    r"[ \t]*\[(?:\d{1,3}(?:\s*[,–\-]\s*\d{1,3})*|[a-z]|[ivx]{2,4}|(?:note|nb|n|fn|lower-alpha)\s*\d+|"
    r"\^[\w\-]+|[a-z][a-z ’'?!,–—\-]{2,40}?)\]")
# Footnote numbers printed as superscripts after a word or a full stop ("effective.²");
# "mg/m²" and "10⁶" keep theirs (a one- or two-letter unit, or a digit, stands before).
SUPERSCRIPT_RE = re.compile(r"(?:(?<=[A-Za-z]{4})|(?<=[.,;:)\]”\"]))[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,–\-][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*")
# Inline HTML that scraped or Markdown text may carry. Only real tag names, so "<0.1%" or
# "a <b" comparison is never taken for a tag.
TAG_RE = re.compile(r"</?(?:a|abbr|b|big|br|cite|code|del|div|em|font|i|img|ins|kbd|mark|p|q|ref|s|"
                    r"small|span|strong|sub|sup|u|var|wbr|references)(?:\s[^<>]*)?/?>|<!--.*?-->", re.I | re.S)
ENTITY_RE = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});")
# Wikipedia hatnotes point elsewhere and teach nothing: "Main article: Aromatase inhibitor".
HATNOTE_RE = re.compile(r"^(?:main articles?|see also|further information|for (?:more|further) "
                        r"(?:information|details)|related articles?|this article is about|not to be confused "
                        r"with|for other uses)\b\s*:?", re.I)


# Wikipedia's abbreviation tooltips survive copying as "DHTTooltip dihydrotestosterone": the
# abbreviation, the word "Tooltip" and the expansion, which :func:`_drop_tooltips` removes.
_TOOLTIP_RE = re.compile(r"(?<=[\w.)])Tooltip\s+")
_TOKEN_RE = re.compile(r"[^\s\-–]+")
_GREEK = {"α": "a", "β": "b", "γ": "g", "δ": "d", "κ": "k"}


def _drop_tooltips(text: str) -> str:
    """Remove "Tooltip <expansion>" after an abbreviation. The expansion is the fewest words
    whose initials spell the abbreviation's letters in order ("INNTooltip International
    Nonproprietary Name"), else the fewest whose letters do ("DHTTooltip dihydrotestosterone");
    a hyphenated tail stays ("ERTooltip estrogen receptor-positive" -> "ER-positive")."""
    while (m := _TOOLTIP_RE.search(text)) is not None:
        abbr = re.findall(r"[A-Za-zα-ω]+", text[: m.start()].split()[-1] if text[: m.start()].split() else "")
        letters = [_GREEK.get(c, c) for c in "".join(abbr[-1:]).lower()]
        tokens = []
        for token in _TOKEN_RE.finditer(text, m.end()):  # an expansion never runs past its punctuation
            tokens.append(token)
            if len(tokens) == 8 or token.group(0)[-1] in ",.;:)]":
                break
        end = m.end()
        for spelled in (lambda ts: [t.group(0)[0].lower() for t in ts], lambda ts: list("".join(t.group(0) for t in ts).lower())):
            found = next((k for k in range(1, len(tokens) + 1) if letters and _is_subsequence(letters, spelled(tokens[:k]))), None)
            if found:
                token = tokens[found - 1]
                end = token.start() + len(token.group(0).rstrip(",.;:)]"))
                break
        text = text[: m.start()] + text[end:]
    return text


# A link's pointer left as text: "(For a list of CYP3A4 inhibitors and inducers, see here.)".
SEE_HERE_RE = re.compile(r"\s*\((?:for [^()]{0,100}?,\s*)?see (?:here|below|above|there)\b[^()]*\)", re.I)


def strip_leftovers(text: str) -> str:
    """Text without citation markers, footnote superscripts, inline HTML tags and entities.

    Quotes in cards are verbatim with respect to this cleaned text, never the raw file."""
    if "<" in text:
        text = TAG_RE.sub("", text)
    if "&" in text:
        text = ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    if "[" in text:
        text = CITATION_RE.sub("", text)
    if "Tooltip" in text:
        text = _drop_tooltips(text)
    if "(" in text:
        text = SEE_HERE_RE.sub("", text)
    return SUPERSCRIPT_RE.sub("", text)


def is_hatnote(text: str) -> bool:
    """A "Main article: X" / "See also: X" line that points to another page."""
    return bool(HATNOTE_RE.match(text.strip()))


def is_trailing_heading(text: str) -> bool:
    """A heading after which the rest of its section is references, links or notes."""
    return text.strip().lower().rstrip(":") in TRAILING_HEADINGS


class InputError(UserError):
    """A document the generator cannot use; the message is meant for the user."""


@dataclass(frozen=True)
class Line:
    """One kept line of a document: its index in the file and its text (``""`` = blank)."""

    number: int
    text: str


def read_document(path: str | Path) -> str:
    """Read a UTF-8 text document, raising :class:`InputError` for unusable files."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise InputError(f"{path}: the file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: this looks like a binary file, not plain text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a UTF-8 text file") from None
    if not text.strip():
        raise InputError(f"{path}: the file contains only whitespace")
    return text


def is_caption(line: str, adjacent: bool) -> bool:
    """Whether a line reads like an image caption (scored on vocabulary and layout)."""
    if BULLET_RE.match(line):
        return False
    verbs = len(CAPTION_VERB_RE.findall(line))
    words = len(CAPTION_WORD_RE.findall(line))
    score = min(verbs, 2) + min(words, 3) + (not TERMINAL_RE.search(line)) + adjacent
    return verbs >= 1 and score >= 4


def is_heading(line: str) -> bool:
    """A short standalone line without closing punctuation (questions allowed)."""
    text = line.strip()
    words = text.split()
    if not words or len(words) > 14 or BULLET_RE.match(line):
        return False
    return text.endswith("?") or not re.search(r"[.!:;,]$", text)


def clean_lines(text: str) -> list[Line]:
    """Lines worth reading, with blank lines kept as separators and everything else dropped."""
    raw = text.splitlines()
    kept: list[Line] = []
    skipping = False
    for i, line in enumerate(raw):
        stripped = line.strip()
        if not stripped:
            kept.append(Line(i, ""))
            continue
        standalone = _blank(raw, i - 1) and _blank(raw, i + 1)
        low = stripped.lower().rstrip(":")
        if standalone and low in SECTION_NAMES:
            skipping = False
        elif standalone and is_heading(stripped) and low in TRAILING_HEADINGS:
            skipping = True
        if skipping or BOILERPLATE_RE.match(stripped):
            kept.append(Line(i, ""))
            continue
        adjacent = not (_blank(raw, i - 1) and _blank(raw, i + 1))
        if is_caption(stripped, adjacent) or REFERENCE_RE.search(stripped) and BULLET_RE.match(line):
            kept.append(Line(i, ""))
            continue
        kept.append(Line(i, line.rstrip()))
    return kept


def _blank(raw: list[str], i: int) -> bool:
    return i < 0 or i >= len(raw) or not raw[i].strip()


# --- sentences that lost words --------------------------------------------------

_PREP = r"(?:of|for|with|in|on|into|by|from|at|about|to|alongside|beyond|during|via|than)"
_AUX = r"(?:is|are|was|were|has|have|does|do|did|can|will|would|may|might)"
_LOST_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Two prepositions in a row: "For with cancer", "converted into by an enzyme".
    ("preposition followed by preposition",
     re.compile(r"\b(?:of|for|with|into|by|from|at|about|alongside|via)\s+(?:for|with|of|into|by|from|to)\b", re.I)),
    # A preposition followed by a verb, conjunction or punctuation: "the monitoring of is".
    ("preposition without object",
     re.compile(rf"\b(?:of|for|with|into|by|from|about|alongside|on|via)\s+(?:{_AUX}|and|or|but)\b|"
                rf"\b(?:of|for|with|into|from|alongside|via)\s*[,.;)]", re.I)),
    # "the specific that govern": an adjective standing where its noun was.
    ("adjective without noun",
     re.compile(r"\b(?:the|a|an|in|on|of)\s+(?!clinic\b|topic\b|logic\b|music\b|public\b|traffic\b)"
                r"\w+(?:ic|ous)\s+(?:that|which|who|to)\b", re.I)),
    # "the management of associated with levels", "the degree of sought in".
    ("participle without noun", re.compile(r"\bof\s+(?:\w+ed|sought|known|given|seen)\s+(?:with|by|in)\b", re.I)),
    # "ensuring that does not": a complementizer directly followed by its verb.
    ("clause without subject",
     re.compile(rf"\b(?!\w*thing\b)\w+ing\s+that\s+{_AUX}\b|"
                r"^(?:When|If|As|Because|While|Although|Since|Once|Unless)\s+"
                r"(?!so\b|not\b|then\b|now\b|possible\b|necessary\b|needed\b|appropriate\b|"
                r"present\b|rare\b|indicated\b)\w+(?<!ed)(?<!ble)\s*,\s*"
                r"(?:this|these|the|a|an|it|they|we|there)\b", re.I)),
    # "This accelerated directly translates": a determiner before a bare participle and adverb.
    ("determiner without noun", re.compile(r"\b(?:this|the|a|an)\s+\w+ed\s+\w+ly\s+\w+s\b", re.I)),
    # "removing all braking mechanisms on activity.": a relational noun (whose activity? levels
    # of what?) ends its clause bare after a preposition; its owner was the lost link. Set
    # phrases where the bare noun is whole ("loss of function", "periods of activity",
    # "similar in function", "a number of levels", "in production") are let through.
    ("relational noun without owner",
     re.compile(r"\b(?!(?:loss|gain|lack|levels?|degrees?|periods?|bursts?|states?|signs?|kinds?|"
                r"types?|forms?|structure|similar|different|differs?|differ(?:ed|ing)|equal|"
                r"identical|rest|increase|decrease|decline|rise|fall|drop|changes?|number|range|variety|"
                r"series|set|array|spectrum|hierarchy)\s)"
                r"\w+\s+(?:on|upon|in(?!\s+production\b)|of|with|over)\s+"
                r"(?:activity|activities|levels?|concentrations?|production|secretion|synthesis|"
                r"function|density|turnover)\s*(?:[.;:)]|$)", re.I)),
    # "The integrated nature of the means that modulating ...": a determiner cannot stand
    # before a finite verb; the noun between them was lost. "means" is also a noun, so it
    # counts only when "that" opens a clause with a gerund subject. Lower-case "a" only, so
    # "Vitamin A is" stays whole; not after "-" or "$" (command options, variables).
    ("determiner before a verb",
     re.compile(r"(?<![-$])\b(?:[Tt]he|an?|An)\s+(?:is|are|was|were|has|have|had|does|did|suggests|indicates|"
                r"implies|demonstrates|requires|ensures|explains|reveals|"
                r"means\s+that\s+(?!\w*thing\b)\w{3,}ing)\s")),
    # "a more atherogenic or loss of": a comparative whose noun went missing.
    ("comparative without noun", re.compile(r"\b(?:a|an)\s+more\s+\w+\s+(?:or|and)\s+\w+\s+of\b", re.I)),
    # Sentences cannot start in lower case unless the scrape cut their subject away.
    ("starts in lower case", re.compile(r"^[a-z]")),
)
# Each case-insensitive rule is first looked for in the sentence lower-cased, case-sensitively (four
# times faster; most sentences match no rule): a rule written in lower case as it stands, "clause
# without subject" by the tail of its first branch or its second branch's opener. Outside İ, ı, ſ and
# the Kelvin sign, lower-casing keeps every character's class (word, space), so nothing a rule
# finds is missed; a sentence with one of those gets the rules alone.
_LOST_FIRST = {reason: re.compile(rule.pattern, rule.flags & ~re.IGNORECASE) for reason, rule in _LOST_RULES
               if rule.flags & re.IGNORECASE and rule.pattern == rule.pattern.lower()}
_LOST_FIRST["clause without subject"] = re.compile(
    rf"ing\s+that\s+{_AUX}\b|^(?:when|if|as|because|while|although|since|once|unless)\s")
_ACRONYM_IN_PARENS = re.compile(r"(\S+(?:\s+\S+){0,7})?\s*\(([A-Z][A-Za-z0-9α-ω\-]{1,9})\)")
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9α-ω\-]{1,9})\)")  # how every match above ends


def lost_words(sentence: str) -> str | None:
    """Why a sentence seems to have lost words when scraped, or ``None`` if it reads whole."""
    text = sentence.strip()
    broken = broken_rule(text)
    if broken is not None:
        return broken
    # the search is slow: skipped where no bracketed acronym, which every match ends with, stands
    for m in _ACRONYM_IN_PARENS.finditer(text) if _BRACKETED_ACRONYM.search(text) else ():
        acronym = m.group(2)
        letters = [c.lower() for c in acronym if c.isascii() and c.isalpha()]
        if len(letters) < 2 or sum(c.isupper() for c in acronym) < 2:
            continue
        before = [w for w in re.split(r"[\s\-]+", m.group(1) or "") if w]
        if not before or before[-1].lower() in _FUNCTION_WORDS:
            return f"'({acronym})' follows '{before[-1] if before else ''}' instead of its expansion"
        # "undergoing Therapy (TRT)": the expansion's last word survived, the ones before it did not
        content = [w for w in before if w.lower() not in _FUNCTION_WORDS]  # "Alone or in Combination"
        if (len(content) >= 2 and content[-1][0].lower() == letters[-1]
                and content[-2][0].lower() != letters[-2] and content[-2][0].islower()
                and not _spelled_within(letters, content)):
            return f"'({acronym})' is missing part of its expansion"
    return None


def broken_rule(text: str) -> str | None:
    """The first of the rules above that ``text`` breaks (each looked for in the text lower-cased
    first, see :data:`_LOST_FIRST`), or ``None``."""
    lowered = None if FOLDS_TO_ASCII.search(text) else text.lower()
    for reason, rule in _LOST_RULES:
        first = _LOST_FIRST.get(reason) if lowered is not None else None
        if (first is None or first.search(lowered)) and rule.search(text):
            return reason
    return None


def repaired(sentence: str) -> str | None:
    """A whole reading of a sentence whose only loss is an acronym's expansion ("decreases in
    (BMD)" -> "decreases in BMD"): the acronym still names the thing, so without its brackets
    the sentence reads whole. ``None`` when the sentence lost anything else."""
    text = sentence.strip()
    if lost_words(text) is None:
        return text
    fixed = text
    for m in reversed(list(_ACRONYM_IN_PARENS.finditer(text))):
        before = [w for w in re.split(r"[\s\-]+", m.group(1) or "") if w]
        if before and before[-1].lower() in _FUNCTION_WORDS:
            start = m.start(2) - 1
            fixed = fixed[:start] + m.group(2) + fixed[m.end():]
    return fixed if fixed != text and lost_words(fixed) is None else None


_FUNCTION_WORDS = {"of", "on", "in", "at", "to", "for", "with", "alongside", "by", "from", "into", "and",
                   "or", "the", "a", "an", "about", "during", "via", "than", "is", "are"}


def _spelled_within(letters: list[str], content: list[str]) -> bool:
    """Whether the last words before an acronym spell it with their parts: "nonsteroidal
    antiandrogen (NSAA)" is non-steroidal anti-androgen, whole, though "nonsteroidal" does not
    start with the acronym's second-to-last letter. The acronym's first letter opens one of
    the words, each later word opens with a later letter, and the rest of the letters come in
    order inside those words; the expansion ends on the last word."""
    for start in range(len(content) - 1, -1, -1):
        run = content[start:]
        if len(run) > len(letters):
            return False
        if run[0][0].lower() != letters[0]:
            continue
        joined = "".join(w.lower() for w in run)
        if _is_subsequence(letters[1:], joined[1:]) and all(w[0].lower() in letters for w in run):
            return True
    return False


def _is_subsequence(needle: list[str], hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)
