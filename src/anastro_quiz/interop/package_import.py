"""``import FILE.apkg|FILE.colpkg``: an Anki package's decks written as deck files, its history into the database.

Everything is read and checked first (:func:`plan_package_import`); only then are the deck
files written and the reviews recorded (:func:`write_package_import`), so a bad package,
a taken output or a deck that would not validate writes nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..clock import next_day_start, utcnow
from ..decks import Deck, dump_deck, parse_deck
from . import InteropError, check_output_file, write_atomically, write_text_output
from .anki_import import PackageImport, convert_package
from .anki_notes import MARKED_TAG
from .anki_media import MEDIA_FOLDER
from .anki_package import read_media, read_package

PACKAGE_SUFFIXES = (".apkg", ".colpkg")


def is_package(path: str | Path) -> bool:
    """Whether ``path`` should be read as an Anki package: its suffix, or a zip's first bytes."""
    path = Path(path)
    if path.suffix.lower() in PACKAGE_SUFFIXES:
        return True
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


@dataclass
class PackagePlan:
    package: PackageImport
    files: list[tuple[Deck, Path]] = field(default_factory=list)
    with_history: bool = True
    media: list[tuple[Path, bytes]] = field(default_factory=list)  # images and sounds to copy beside the decks


def _file_name(deck_id: str) -> str:
    return deck_id.replace("::", ".") + ".yaml"


def plan_package_import(path: str | Path, output: str | Path, *, deck_id: str | None = None,
                        title: str | None = None, overwrite: bool = False, with_history: bool | None = None,
                        known_decks: Iterable[Deck] = ()) -> PackagePlan:
    """Read and convert the package, and decide every file to write; raise :class:`InteropError` if anything is wrong.

    ``output``: a ``.yaml`` file (a package with one deck) or a folder (one file per deck,
    named after the deck id, ``biology::cells`` → ``biology.cells.yaml``; created if missing).
    ``known_decks``: the decks in use, so notes this tool exported come back with their ids.
    """
    from .anki import note_guid

    path, output = Path(path), Path(output)
    collection = read_package(path)
    known = {note_guid(d.id, c.id): (d.id, c.id) for d in known_decks for c in d.cards}
    package = convert_package(collection, whole_collection=path.suffix.lower() == ".colpkg", known=known)
    if not package.decks:
        reasons = "; ".join(package.skipped[:3])
        raise InteropError(f"{path}: no notes that can become cards" + (f" ({reasons})" if reasons else ""))
    single = output.suffix.lower() in (".yaml", ".yml")
    if single and len(package.decks) > 1:
        raise InteropError(f"{path} holds {len(package.decks)} decks ({', '.join(d.title for d in package.decks)}): "
                           "give a folder with -o to write one deck file each")
    if (deck_id or title) and len(package.decks) > 1:
        raise InteropError("--id and --title need a package with one deck")
    if single:
        check_output_file(output, what="deck file")
        targets = [(package.decks[0], output)]
    else:
        if output.exists() and not output.is_dir():
            raise InteropError(f"{output} is not a folder; give a folder, or a .yaml file for a one-deck package")
        if not output.parent.is_dir():
            raise InteropError(f"the folder {output.parent} does not exist")
        targets = [(deck, output / _file_name(deck.id)) for deck in package.decks]
    if deck_id or title:
        from ..decks import ID_RE

        if deck_id and not ID_RE.match(deck_id):
            raise InteropError(f"deck id {deck_id!r} is not a simple identifier (letters, digits, - _ . :)")
        old = package.decks[0]
        new = Deck(id=deck_id or old.id, title=title or old.title, description=old.description, cards=old.cards)
        package.decks[0] = new
        package.reviews = [r.__class__(**{**r.__dict__, "deck": new.id}) for r in package.reviews]
        package.suspended = {(new.id, c) for _, c in package.suspended}
        package.buried = {(new.id, c) for _, c in package.buried}
        package.marked = {(new.id, c) for _, c in package.marked}
        package.kept = {(new.id, c): kept for (_, c), kept in package.kept.items()}
        targets = [(new, targets[0][1])]
    taken = [str(p) for _, p in targets if p.exists()]
    if taken and not overwrite:
        raise InteropError(f"{noun_list(taken)} already {'exists' if len(taken) == 1 else 'exist'} "
                           "(use --force to replace)")
    for deck, target in targets:
        check, problems = parse_deck(dump_deck(deck), target)
        if problems or check is None:  # pragma: no cover - convert_package keeps only valid cards
            raise InteropError("internal error: the imported deck does not validate:\n"
                               + "\n".join(str(p) for p in problems))
    media = _media_plan(path, collection, package, (output.parent if single else output) / MEDIA_FOLDER, overwrite)
    history = bool(package.reviews or package.suspended or package.buried or package.marked or package.kept) \
        if with_history is None else with_history
    if not history:
        _marks_as_tags(package)
    return PackagePlan(package=package, files=targets, with_history=history, media=media)


def _marks_as_tags(package: PackageImport) -> None:
    """Without a history to hold them, Anki's marks stay what Anki has them as: a tag."""
    for deck in package.decks:
        for card in deck.cards:
            if any((deck.id, item.id) in package.marked for item in card.items(deck.id)):
                card.data["tags"] = [*card.data.get("tags", []), MARKED_TAG]
    package.marked = set()


def _media_plan(path: Path, collection, package: PackageImport, folder: Path, overwrite: bool) -> list[tuple[Path, bytes]]:
    """The media files the imported cards name, read from the package; one that would replace a
    different file of that name is refused without ``overwrite``."""
    data = read_media(path, collection, sorted(package.media_files))
    if unreadable := sorted(package.media_files - set(data)):
        package.media.append(f"could not be read from the package, not copied: {', '.join(unreadable)}")
    plan = [(folder / name, content) for name, content in sorted(data.items())]
    if folder.exists() and not folder.is_dir():
        raise InteropError(f"{folder} is not a folder: the images and sounds go there")
    taken = [str(target) for target, content in plan if target.exists() and target.read_bytes() != content]
    if taken and not overwrite:
        raise InteropError(f"{noun_list(taken)} already {'exists' if len(taken) == 1 else 'exist'} with other "
                           "content (use --force to replace)")
    return plan


def noun_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def write_package_import(plan: PackagePlan, store=None, *, now: datetime | None = None):
    """Write the deck files, then (``store`` given and history wanted) the history. Returns the history report."""
    for deck, target in plan.files:
        target.parent.mkdir(exist_ok=True)
        write_text_output(target, dump_deck(deck), what="deck file")
    for target, content in plan.media:
        try:
            target.parent.mkdir(exist_ok=True)
            write_atomically(target, lambda tmp, content=content: tmp.write_bytes(content))
        except OSError as exc:
            raise InteropError(f"cannot write {target}: {exc.strerror or exc}") from None
    if store is None or not plan.with_history:
        return None
    package = plan.package
    return store.import_history(package.reviews, suspended=package.suspended, buried=package.buried,
                                marked=package.marked, buried_until=next_day_start(now or utcnow()),
                                kept={key: (k.state, k.fsrs_state, k.due, k.lapses) for key, k in package.kept.items()})
