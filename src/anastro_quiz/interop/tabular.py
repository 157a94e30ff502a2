"""Spreadsheet interop: export cards as CSV; import CSV/TSV from Quizlet or Anki.

Export (:mod:`.csv_export`) writes one row per card (an Anki note of its note type) with the
columns :data:`CSV_COLUMNS`, formula-like cells neutralised; importing our own CSV restores them.

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
from pathlib import Path

from ..decks import CLOZE_RE, ID_RE, Deck, clean_text, document_name_problem, dump_deck, parse_deck
from . import InteropError, check_output_file, write_atomically, write_text_output
from .anki_media import MEDIA_FOLDER
from .anki_text import anki_header, is_anki_header, parse_anki, read_directives
from .markdown_cards import CLOZE_MARKS, parse_markdown
from .quizlet import is_quoted_csv, parse_quizlet
from .import_cards import (ImportResult, Skipped, media_beside, add_card, append_card, clean_tags, empty_reason,  # noqa: F401
                           csv_rows, slug_of)
from .anki_notes import html_to_text as clean_html  # noqa: F401 - Anki field HTML to text
from .csv_export import ANKI_LABELS, CSV_COLUMNS, export_csv, restore, write_csv  # noqa: F401 - the export, for callers

FORMATS = ("auto", "quizlet", "anki", "csv", "markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")


# --- import ------------------------------------------------------------------


_HEADER_NAMES = {
    ("term", "definition"), ("front", "back"), ("prompt", "answer"), ("question", "answer"),
    ("word", "definition"), ("text", "extra"),
}


def read_table(path: str | Path, fmt: str = "auto", term_sep: str | None = None,
               row_sep: str | None = None, known: dict[str, tuple[str, str]] | None = None,
               cloze_marks: tuple[str, ...] = ("highlight",)) -> ImportResult:
    """Parse a CSV/TSV file into cards, reporting every skipped row and why (``cloze_marks``:
    an Obsidian Markdown file's cloze marks, see :func:`.markdown_cards.parse_markdown`)."""
    if unknown := [m for m in cloze_marks if m not in CLOZE_MARKS]:
        raise InteropError(f"unknown cloze mark {unknown[0]!r} (expected any of: {', '.join(CLOZE_MARKS)})")
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
    if (term_sep or row_sep) and fmt not in ("auto", "quizlet"):
        raise InteropError("--separator and --row-separator are for Quizlet exports (--format quizlet)")
    with media_beside(path):
        if fmt == "markdown" or (fmt == "auto" and path.suffix.lower() in MARKDOWN_SUFFIXES and not (term_sep or row_sep)):
            return parse_markdown(text, cloze_marks)
        return parse_table(text, "quizlet" if (term_sep or row_sep) else fmt, term_sep, row_sep, known)


def parse_table(text: str, fmt: str = "auto", term_sep: str | None = None, row_sep: str | None = None,
                known: dict[str, tuple[str, str]] | None = None) -> ImportResult:
    """Cards from a table's text; ``term_sep``/``row_sep`` are a Quizlet export's separators
    (guessed when not given; see :mod:`.quizlet`); ``known``: the note GUIDs of the decks in
    use (see :func:`.anki_text.own_card`)."""
    lines = text.splitlines(keepends=True)
    directives, first_data = read_directives(lines)
    if fmt in ("auto", "csv", "anki") and "columns" in directives:
        header = anki_header(directives)
        labels = {label.lower(): name for name, label in ANKI_LABELS.items()}
        names = [labels.get(c.lower(), c.lower()) for c in header.columns]
        if _is_own_header(names) and {"id", "type"} <= set(names):  # our own export, with Anki's headers
            return _parse_two_columns(lines, "csv", first_data, names, header.dialect, anki=True)
    if fmt == "auto":
        fmt = "anki" if is_anki_header(directives) else "quizlet"
    if fmt == "anki":
        return parse_anki(lines, first_data, directives, known)
    if fmt == "quizlet" and (term_sep or row_sep or not (is_quoted_csv(text) or _has_header(lines))):
        return parse_quizlet(text, term_sep, row_sep)  # Quizlet's own export: no quotes, no header
    return _parse_two_columns(lines, fmt)


def _has_header(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    names = [c.strip().lower() for c in next(csv.reader([first], delimiter=_sniff_delimiter([first])), [])]
    return _is_own_header(names) or tuple(names[:2]) in _HEADER_NAMES


def _sniff_delimiter(sample_lines: list[str]) -> str:
    for line in sample_lines:
        if line.strip():
            if "\t" in line:
                return "\t"
            if ";" in line and "," not in line:
                return ";"
            return ","
    return ","


def _parse_two_columns(lines: list[str], fmt: str, start: int = 0, header: list[str] | None = None,
                       delimiter: str | type[csv.Dialect] | None = None, anki: bool = False) -> ImportResult:
    """``anki``: the file has Anki's header lines, so ``#`` lines are comments, as Anki reads them."""
    result = ImportResult(format=fmt)
    delimiter = delimiter or _sniff_delimiter(lines[:20])
    cols = {"prompt": 0, "answer": 1, "tags": None}
    own: dict[str, int] | None = None  # column indexes when this is the tool's own CSV export
    if header is not None:
        own = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    header_checked = header is not None
    for line_no, row in csv_rows(lines, start, delimiter, comments=result.skipped if anki else None):
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
        used = {cols["prompt"], cols["answer"], cols.get("tags")}
        if extra := [i + 1 for i, cell in enumerate(row) if i not in used and cell.strip()]:
            result.converted.append(Skipped(line_no, f"column{'s' if len(extra) > 1 else ''} "
                                                     f"{', '.join(map(str, extra))} left out (term and definition only)"))
        add_card(result, line_no, row[cols["prompt"]], row[cols["answer"]], tags)
    return result


def _is_own_header(names: list[str]) -> bool:
    """Our export's header, whatever the column order: only our column names, and more than
    a Quizlet header (``prompt,answer``, optionally ``tags``) would have."""
    present = [n for n in names if n]
    if len(present) < 2 or not set(present) <= set(CSV_COLUMNS) or "prompt" not in present:
        return False
    return not (tuple(names[:2]) in _HEADER_NAMES and set(present) <= {"prompt", "answer", "tags"})


def _add_exported(result: ImportResult, line_no: int, row: dict[str, str]) -> None:
    """One row of this tool's own CSV export (one card) back into a card.

    The card keeps the row's ``id``, tags and ``source``/``quote``. Basic, typed, reverse and
    true/false rows keep their type; a cloze row (its text with ``{{c1::...}}``, the
    explanation as its answer) is a cloze card again. A choice card cannot be rebuilt (the CSV
    does not carry its choices): it becomes a basic card under the row's id (so its progress
    carries over), reported as converted. Rows of an export from before one row per card
    still import: a ``.reverse`` row is merged into its reverse card, and a cloze deletion's
    row (``ID.c1``, its prompt as shown) becomes a basic card, reported.
    """
    prompt, answer = clean_text(row.get("prompt", "")).strip(), clean_text(row.get("answer", "")).strip()
    row_type = row.get("type", "").strip().lower() or "basic"
    whole_cloze = row_type == "cloze" and CLOZE_RE.search(prompt) is not None  # a card's row: its text
    if (reason := empty_reason(prompt, answer)) and not (whole_cloze and prompt):
        result.skipped.append(Skipped(line_no, reason))
        return
    deck = row.get("deck", "").strip()
    if deck and deck not in result.decks:
        result.decks.append(deck)
    row_id = row.get("id", "").strip()
    note = None
    if whole_cloze:
        ctype = "cloze"
    elif row_type == "reverse" and row_id.endswith(".reverse"):
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
    if ctype == "cloze":
        data: dict[str, object] = {"text": prompt, **({"explanation": answer} if answer else {})}
    elif ctype == "true_false":
        data = {"statement": prompt, "answer": answer == "True"}
    else:
        data = {"prompt": prompt, "answer": answer}
    if tags := clean_tags(row.get("tags", "").split()):
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
    append_card(result, line_no, ctype, data, card_id)


def build_deck(result: ImportResult, deck_id: str, title: str) -> Deck:
    if not ID_RE.match(deck_id):
        raise InteropError(f"deck id {deck_id!r} is not a simple identifier (letters, digits, - _ . :)")
    if not result.cards:
        reasons = "; ".join(str(s) for s in result.skipped[:5])
        raise InteropError("no usable rows found" + (f" ({reasons})" if reasons else ""))
    return Deck(id=deck_id, title=title, description="", cards=result.cards)


def import_table(path: str | Path, output: str | Path, *, deck_id: str | None = None, title: str | None = None,
                 fmt: str = "auto", overwrite: bool = False, term_sep: str | None = None,
                 row_sep: str | None = None, known: dict[str, tuple[str, str]] | None = None,
                 cloze_marks: tuple[str, ...] = ("highlight",)) -> tuple[ImportResult, Deck]:
    """Read ``path`` and write a deck YAML to ``output``; returns what was read and the deck."""
    path, output = Path(path), Path(output)
    check_output_file(output, what="deck file")
    if output.suffix not in (".yaml", ".yml"):
        raise InteropError(f"{output}: deck files end in .yaml or .yml")
    if output.exists() and not overwrite:
        raise InteropError(f"{output} already exists (use --force to replace it)")
    result = read_table(path, fmt, term_sep, row_sep, known, cloze_marks)
    if not result.cards and result.format in ("hashcards", "obsidian"):
        # Most likely an article, not flashcards: say which lines make cards, and what reads an article.
        raise InteropError(f"no flashcard found in {path.name}: Markdown flashcards are 'Q:' and 'A:' lines "
                           "(hashcards) or 'question::answer' lines (Obsidian spaced repetition); to make cards "
                           f"from an article, run: anastro-quiz generate {path.name} -o DIR")
    deck_id = deck_id or slug_of(output.stem)
    deck = build_deck(result, deck_id, title or result.title or output.stem.replace("-", " ").replace("_", " ").strip().title())
    text = dump_deck(deck)
    check, problems = parse_deck(text, output)
    if problems or check is None:  # pragma: no cover - import only builds valid cards
        raise InteropError("internal error: the imported deck does not validate:\n"
                           + "\n".join(str(p) for p in problems))
    media = [(output.parent / MEDIA_FOLDER / name, source) for name, source in sorted(result.media_files.items())]
    taken = [str(t) for t, source in media if t.exists() and t.resolve() != source.resolve()
             and t.read_bytes() != source.read_bytes()]
    if taken and not overwrite:
        raise InteropError(f"{', '.join(taken)} already exist{'s' if len(taken) == 1 else ''} with other content "
                           "(use --force to replace)")
    write_text_output(output, text, what="deck file")
    for target, source in media:
        if target.exists() and target.resolve() == source.resolve():
            continue  # the file is already there: the deck is written beside its media
        try:
            target.parent.mkdir(exist_ok=True)
            write_atomically(target, lambda tmp, source=source: tmp.write_bytes(source.read_bytes()))
        except OSError as exc:
            raise InteropError(f"cannot write {target}: {exc.strerror or exc}") from None
    return result, deck
