"""Spreadsheet interop: export cards as CSV; import CSV/TSV from Quizlet or Anki.

Export (:mod:`.csv_export`) writes one row per study item (cloze deletions expanded, as
they are studied) with the columns :data:`CSV_COLUMNS`, formula-like cells neutralised;
importing our own CSV restores them.

Import understands the two common shapes:

* **Quizlet** "export": two columns, term and definition, tab- or comma-separated, with
  no header (a ``term,definition`` / ``front,back`` / ``prompt,answer`` header is
  recognised and skipped);
* this module's own CSV export (a header of :data:`CSV_COLUMNS` names, in any order, that is
  more than Quizlet's two names):
  each row keeps its ``id`` (so progress carries over when the deck id matches), tags and
  ``source``/``quote``; see :func:`_add_exported` for what becomes of each card type;
* **Anki** "Notes in Plain Text" (:mod:`.anki_text`): its ``#separator:``, ``#html:``,
  ``#columns:``, ``#guid column:`` ... header lines say how to read it.

Every row that cannot become a card is reported with its line number and the reason;
every row that became a different kind of card than it was is reported as converted.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..decks import CLOZE_RE, ID_RE, Card, Deck, clean_text, document_name_problem, dump_deck, parse_deck
from . import InteropError, check_output_file, write_text_output
from .anki_import import html_to_text as clean_html  # noqa: F401 - Anki field HTML to text
from .csv_export import ANKI_LABELS, CSV_COLUMNS, export_csv, restore, write_csv  # noqa: F401 - the export, for callers

FORMATS = ("auto", "quizlet", "anki", "csv")


# --- import ------------------------------------------------------------------


@dataclass
class Skipped:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportResult:
    format: str
    cards: list[Card] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    converted: list[Skipped] = field(default_factory=list)
    rows: int = 0
    decks: list[str] = field(default_factory=list)  # the ``deck`` column's values, in order (own CSV)
    anki_decks: list[str] = field(default_factory=list)  # Anki deck names (#deck, #deck column), in order
    _seen: dict[tuple[str, str], Card] = field(default_factory=dict, repr=False)


_HEADER_NAMES = {
    ("term", "definition"), ("front", "back"), ("prompt", "answer"), ("question", "answer"),
    ("word", "definition"), ("text", "extra"),
}


def read_table(path: str | Path, fmt: str = "auto") -> ImportResult:
    """Parse a CSV/TSV file into cards, reporting every skipped row and why."""
    path = Path(path)
    if fmt not in FORMATS:
        raise InteropError(f"unknown import format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give a CSV or TSV file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InteropError(f"{path} is not UTF-8 text (save it as UTF-8 CSV and try again)") from None
    if not text.strip():
        raise InteropError(f"{path} is empty")
    return parse_table(text, fmt)


def parse_table(text: str, fmt: str = "auto") -> ImportResult:
    from .anki_text import anki_header, parse_anki, read_directives

    lines = text.splitlines(keepends=True)
    directives, first_data = read_directives(lines)
    if fmt in ("auto", "csv", "anki") and "columns" in directives:
        header = anki_header(directives)
        labels = {label.lower(): name for name, label in ANKI_LABELS.items()}
        names = [labels.get(c.lower(), c.lower()) for c in header.columns]
        if _is_own_header(names) and {"id", "type"} <= set(names):  # our own export, with Anki's headers
            return _parse_two_columns(lines, "csv", first_data, names, header.dialect)
    if fmt == "auto":
        fmt = "anki" if directives else "quizlet"
    if fmt == "anki":
        return parse_anki(lines, first_data, directives)
    return _parse_two_columns(lines, fmt)


def _sniff_delimiter(sample_lines: list[str]) -> str:
    for line in sample_lines:
        if line.strip():
            if "\t" in line:
                return "\t"
            if ";" in line and "," not in line:
                return ";"
            return ","
    return ","


def _rows(lines: list[str], start: int, dialect: str | type[csv.Dialect]) -> Iterable[tuple[int, list[str]]]:
    """CSV rows with the (1-based) line each starts on; quoted fields may span lines.
    ``dialect`` is a csv dialect, or just a delimiter (the excel dialect otherwise)."""
    body = "".join(lines[start:])
    if isinstance(dialect, str):
        reader = csv.reader(io.StringIO(body, newline=""), delimiter=dialect)
    else:
        reader = csv.reader(io.StringIO(body, newline=""), dialect)
    while True:
        begin = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InteropError(f"line {start + begin + 1}: malformed CSV ({exc})") from None
        yield start + begin + 1, row


def _parse_two_columns(lines: list[str], fmt: str, start: int = 0, header: list[str] | None = None,
                       delimiter: str | type[csv.Dialect] | None = None) -> ImportResult:
    result = ImportResult(format=fmt)
    delimiter = delimiter or _sniff_delimiter(lines[:20])
    cols = {"prompt": 0, "answer": 1, "tags": None}
    own: dict[str, int] | None = None  # column indexes when this is the tool's own CSV export
    if header is not None:
        own = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    header_checked = header is not None
    for line_no, row in _rows(lines, start, delimiter):
        if not any(cell.strip() for cell in row):
            continue
        if not header_checked:
            header_checked = True
            names = [c.strip().lower() for c in row]
            if _is_own_header(names):
                own = {name: names.index(name) for name in CSV_COLUMNS if name in names}
                result.format = "csv"  # this tool's own export
                continue
            if tuple(names[:2]) in _HEADER_NAMES:
                cols["tags"] = names.index("tags") if "tags" in names else None
                continue
        result.rows += 1
        if own is not None:
            _add_exported(result, line_no, {name: restore(row[i]) if i < len(row) else ""
                                            for name, i in own.items()})
            continue
        if len(row) < 2:
            result.skipped.append(Skipped(line_no, "only one column (expected term and definition)"))
            continue
        tags: list[str] = []
        if cols.get("tags") is not None and cols["tags"] < len(row):
            tags = row[cols["tags"]].split()
        _add_card(result, line_no, row[cols["prompt"]], row[cols["answer"]], tags)
    return result


def _is_own_header(names: list[str]) -> bool:
    """Our export's header, whatever the column order: only our column names, and more than
    a Quizlet header (``prompt,answer``, optionally ``tags``) would have."""
    present = [n for n in names if n]
    if len(present) < 2 or not set(present) <= set(CSV_COLUMNS) or "prompt" not in present:
        return False
    return not (tuple(names[:2]) in _HEADER_NAMES and set(present) <= {"prompt", "answer", "tags"})


def _clean_tags(tags: list[str]) -> list[str]:
    out = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def _empty_reason(prompt: str, answer: str) -> str | None:
    if not prompt and not answer:
        return "empty row"
    if not prompt:
        return "empty term / front"
    if not answer:
        return f"empty definition / back for {_short(prompt)!r}"
    return None


def _add_card(result: ImportResult, line_no: int, prompt: str, answer: str, tags: list[str],
              ctype: str = "basic", card_id: str | None = None) -> None:
    # cleaned as the deck will be at load, so a cell of control characters is an empty cell here
    prompt, answer = clean_text(prompt).strip(), clean_text(answer).strip()
    if reason := _empty_reason(prompt, answer):
        result.skipped.append(Skipped(line_no, reason))
        return
    if CLOZE_RE.search(prompt):
        _add_cloze(result, line_no, prompt, answer, tags, card_id)
        return
    card = result._seen.get((ctype, prompt))
    if card is not None:
        if card.data["answer"] == answer:
            result.skipped.append(Skipped(line_no, f"duplicate of line {card.line}"))
        else:
            result.skipped.append(Skipped(line_no, f"same term as line {card.line} with a different answer"))
        return
    data = {"prompt": prompt, "answer": answer}
    if tags := _clean_tags(tags):
        data["tags"] = tags
    _append(result, line_no, ctype, data, card_id)


def _add_exported(result: ImportResult, line_no: int, row: dict[str, str]) -> None:
    """One row of this tool's own CSV export (one study item) back into a card.

    The card keeps the row's ``id``, tags and ``source``/``quote``. Basic, typed and
    reverse rows keep their type (a reverse card's ``.reverse`` row is merged into it;
    a typed card's accepted alternatives and tolerance are not in the CSV); true/false
    rows become true/false cards again. A cloze deletion (``ID.c1``...) and a choice
    card cannot be rebuilt, since the CSV carries neither the cloze text nor the
    choices: each becomes a basic card with the prompt as shown, under the row's id
    (so its progress carries over), and is reported as converted.
    """
    prompt, answer = clean_text(row.get("prompt", "")).strip(), clean_text(row.get("answer", "")).strip()
    if reason := _empty_reason(prompt, answer):
        result.skipped.append(Skipped(line_no, reason))
        return
    deck = row.get("deck", "").strip()
    if deck and deck not in result.decks:
        result.decks.append(deck)
    row_id, row_type = row.get("id", "").strip(), row.get("type", "").strip().lower() or "basic"
    note = None
    if row_type == "reverse" and row_id.endswith(".reverse"):
        forward = result._seen.get(("id", row_id[: -len(".reverse")]))
        if forward is not None and forward.type == "reverse":
            same = (forward.data["prompt"], forward.data["answer"]) == (answer, prompt)
            result.converted.append(Skipped(line_no, f"the reverse side of line {forward.line}'s reverse card, "
                                                     "merged into it" + ("" if same else
                                                     " (its text differs; the forward side's text was kept)")))
            return
        ctype, note = "basic", "the reverse side of a reverse card without its forward row: imported as basic"
    elif row_type in ("basic", "reverse", "typed"):
        ctype = row_type
    elif row_type == "true_false" and answer in ("True", "False"):
        ctype = "true_false"
    elif row_type == "cloze":
        ctype, note = "basic", ("cloze deletion: imported as a basic card with the prompt as shown "
                                "(the CSV does not carry the cloze text)")
    elif row_type == "choice":
        ctype, note = "basic", "choice card: imported as basic (the CSV does not carry its choices)"
    else:
        ctype, note = "basic", f"type {row_type!r} cannot be rebuilt from the CSV: imported as basic"
    if ctype == "true_false":
        data: dict[str, object] = {"statement": prompt, "answer": answer == "True"}
    else:
        data = {"prompt": prompt, "answer": answer}
    if tags := _clean_tags(row.get("tags", "").split()):
        data["tags"] = tags
    document, quote = row.get("source", "").strip(), row.get("quote", "").strip()
    if document and quote and (why := document_name_problem(document)) is not None:
        result.converted.append(Skipped(line_no, f"source left out: document {document!r} {why} "
                                                 "(a deck cites only files in its own folder)"))
    elif document and quote:
        data["source"] = {"document": document, "quote": quote}
    elif document or quote:
        result.converted.append(Skipped(line_no, "source left out: it needs both a document and a quote"))
    card_id = None
    if row_id and not ID_RE.match(row_id):
        result.converted.append(Skipped(line_no, f"id {row_id!r} is not a valid card id; a new one was made"))
    elif row_id:
        earlier = result._seen.get(("id", row_id))
        if earlier is None:
            card_id = row_id
        elif earlier.type == ctype and all(earlier.data.get(k) == v for k, v in data.items()):
            result.skipped.append(Skipped(line_no, f"duplicate of line {earlier.line}"))
            return
        else:
            result.converted.append(Skipped(line_no, f"id {row_id!r} is already used on line {earlier.line}; "
                                                     "a new one was made"))
    if note:
        result.converted.append(Skipped(line_no, note))
    _append(result, line_no, ctype, data, card_id)


def _add_cloze(result: ImportResult, line_no: int, text: str, extra: str, tags: list[str],
               card_id: str | None = None) -> None:
    text = text.strip()
    if not CLOZE_RE.search(text):
        result.skipped.append(Skipped(line_no, "cloze note without a {{c1::...}} deletion"))
        return
    if any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
        result.skipped.append(Skipped(line_no, "empty cloze deletion"))
        return
    card = result._seen.get(("cloze", text))
    if card is not None:
        result.skipped.append(Skipped(line_no, f"duplicate of line {card.line}"))
        return
    data: dict[str, object] = {"text": text}
    if extra.strip():
        data["explanation"] = extra.strip()
    if tags := _clean_tags(tags):
        data["tags"] = tags
    _append(result, line_no, "cloze", data, card_id)


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _slug(text: str) -> str:
    text = CLOZE_RE.sub(lambda m: m.group(2), text)
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].rstrip("-") or "card"


def _append(result: ImportResult, line_no: int, ctype: str, data: dict, card_id: str | None = None) -> None:
    if card_id is None:
        base = _slug(str(data.get("prompt") or data.get("text") or data.get("statement")))
        card_id, n = base, 2
        while ("id", card_id) in result._seen:
            card_id, n = f"{base}-{n}", n + 1
    card = Card(id=card_id, type=ctype, data={"id": card_id, "type": ctype, **data}, line=line_no)
    result.cards.append(card)
    result._seen[("id", card_id)] = card
    result._seen[(ctype, str(data.get("prompt") or data.get("text") or data.get("statement")))] = card


def build_deck(result: ImportResult, deck_id: str, title: str) -> Deck:
    if not ID_RE.match(deck_id):
        raise InteropError(f"deck id {deck_id!r} is not a simple identifier (letters, digits, - _ . :)")
    if not result.cards:
        reasons = "; ".join(str(s) for s in result.skipped[:5])
        raise InteropError("no usable rows found" + (f" ({reasons})" if reasons else ""))
    return Deck(id=deck_id, title=title, description="", cards=result.cards)


def import_table(path: str | Path, output: str | Path, *, deck_id: str | None = None, title: str | None = None,
                 fmt: str = "auto", overwrite: bool = False) -> tuple[ImportResult, Deck]:
    """Read ``path`` and write a deck YAML to ``output``; returns what was read and the deck."""
    path, output = Path(path), Path(output)
    check_output_file(output, what="deck file")
    if output.suffix not in (".yaml", ".yml"):
        raise InteropError(f"{output}: deck files end in .yaml or .yml")
    if output.exists() and not overwrite:
        raise InteropError(f"{output} already exists (use --force to replace it)")
    result = read_table(path, fmt)
    deck_id = deck_id or _slug(output.stem)
    deck = build_deck(result, deck_id, title or output.stem.replace("-", " ").replace("_", " ").strip().title())
    text = dump_deck(deck)
    check, problems = parse_deck(text, output)
    if problems or check is None:  # pragma: no cover - import only builds valid cards
        raise InteropError("internal error: the imported deck does not validate:\n"
                           + "\n".join(str(p) for p in problems))
    write_text_output(output, text, what="deck file")
    return result, deck
