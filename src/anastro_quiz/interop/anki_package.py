"""Reading an Anki package (``.apkg``, ``.colpkg``): the foreign collection inside it, as plain data.

A package is a zip holding one SQLite collection and its media. Three generations exist:

* ``collection.anki21b``: Anki 2.1.50 and later (schema 18), compressed with zstd; note
  types, their fields and templates, and decks are tables whose ``config`` columns are
  protocol buffers; the package also holds a ``meta`` file (its version) and a
  zstd-compressed protobuf ``media`` list. Such a package also carries a placeholder
  ``collection.anki2`` that only says "please update Anki".
* ``collection.anki21`` ("support older Anki versions", schema 11): note types and decks
  are JSON in the ``col`` table; ``media`` is a JSON map.
* ``collection.anki2``: the same schema 11, from Anki 2.0 and tools like genanki.

:func:`read_package` picks the newest one present and returns an :class:`AnkiCollection`.
This module is the only one that reads the foreign SQLite; the protobuf fields it needs
are declared here as a small subset of Anki's own messages (unknown fields are skipped
by the protobuf library).
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import InteropError

COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
NEWEST_SCHEMA = 18  # Anki 2.1.50 .. 26.x
OLDEST_SCHEMA = 11
NEWEST_PACKAGE_VERSION = 3  # PackageMetadata.Version.LATEST
CLOZE_KIND = 1
# Anki's revlog review kinds
LEARNING, REVIEW, RELEARNING, FILTERED, MANUAL, RESCHEDULED = range(6)
# Anki's card queues
SUSPENDED_QUEUE, SCHED_BURIED_QUEUE, USER_BURIED_QUEUE = -1, -2, -3


@dataclass
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: list[str]
    templates: list[str]  # the front (question) format of each template, in order


@dataclass
class AnkiNote:
    id: int
    guid: str
    notetype_id: int
    fields: list[str]
    tags: list[str]


@dataclass
class AnkiCard:
    id: int
    note_id: int
    deck_id: int  # the home deck (``odid`` for a card sitting in a filtered deck)
    ord: int
    type: int  # 0 new, 1 learning, 2 review, 3 relearning
    queue: int
    data: dict[str, Any]  # FSRS memory state, where Anki keeps it: ``s`` stability, ``d`` difficulty, ``lrt``
    due: int = 0  # a day number from the collection's creation (review, day learning), else a time (s)
    ivl: int = 0  # days
    lapses: int = 0

    @property
    def suspended(self) -> bool:
        return self.queue == SUSPENDED_QUEUE

    @property
    def buried(self) -> bool:
        return self.queue in (SCHED_BURIED_QUEUE, USER_BURIED_QUEUE)


@dataclass
class RevlogEntry:
    id: int  # milliseconds since the epoch, when the answer was given
    card_id: int
    ease: int  # 1-4 the button; 0 for a manual reschedule
    factor: int
    time_ms: int
    kind: int


@dataclass
class AnkiCollection:
    member: str  # which collection file of the package was read
    schema: int
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)  # id -> full name, parts joined by "::"
    notes: list[AnkiNote] = field(default_factory=list)
    cards: list[AnkiCard] = field(default_factory=list)
    revlog: list[RevlogEntry] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)  # file names the package carries -> zip member
    modern_media: bool = False  # members zstd-compressed (collection.anki21b packages)
    crt: int = 0  # the collection's creation (s): day 0 of the cards' due day numbers


@lru_cache(maxsize=1)
def _messages() -> dict[str, Any]:
    """The few fields of Anki's protobuf messages this reader needs, by their Anki field numbers."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    F = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(name="anastro_quiz_anki_subset.proto", package="aqanki",
                                               syntax="proto3")

    def message(name: str, *fields: tuple[str, int, int, int, str]) -> None:
        msg = proto.message_type.add(name=name)
        for fname, number, ftype, label, type_name in fields:
            spec = msg.field.add(name=fname, number=number, type=ftype, label=label)
            if type_name:
                spec.type_name = type_name

    one, many = F.LABEL_OPTIONAL, F.LABEL_REPEATED
    message("NotetypeConfig", ("kind", 1, F.TYPE_INT32, one, ""))
    message("TemplateConfig", ("q_format", 1, F.TYPE_STRING, one, ""), ("a_format", 2, F.TYPE_STRING, one, ""))
    message("PackageMetadata", ("version", 1, F.TYPE_INT32, one, ""))
    message("MediaEntry", ("name", 1, F.TYPE_STRING, one, ""), ("size", 2, F.TYPE_UINT32, one, ""))
    message("MediaEntries", ("entries", 1, F.TYPE_MESSAGE, many, ".aqanki.MediaEntry"))
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return {m.name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"aqanki.{m.name}"))
            for m in proto.message_type}


def _decode(message: str, data: bytes | None):
    from google.protobuf.message import DecodeError

    try:
        return _messages()[message].FromString(data or b"")
    except DecodeError as exc:
        raise InteropError(f"damaged Anki data ({message}: {exc})") from None


def _zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()


def read_package(path: str | Path) -> AnkiCollection:
    """Read an ``.apkg`` / ``.colpkg``; raise :class:`InteropError` saying what is wrong with it."""
    path = Path(path)
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give an Anki package (.apkg or .colpkg)")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InteropError(f"{path} does not exist") from None
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size == 0:
        raise InteropError(f"{path} is empty (not an Anki package)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            member = next((n for n in COLLECTION_NAMES if n in names), None)
            if member is None:
                raise InteropError(f"{path} is a zip file but not an Anki package: it has no collection "
                                   f"({', '.join(COLLECTION_NAMES)})")
            meta = archive.read("meta") if "meta" in names else None
            raw = archive.read(member)
            media = archive.read("media") if "media" in names else None
    except zipfile.BadZipFile as exc:
        reason = "not a zip file" if "not a zip file" in str(exc).lower() else f"damaged zip: {exc}"
        raise InteropError(f"{path} is not a usable Anki package ({reason})") from None
    except (zlib.error, EOFError) as exc:
        raise InteropError(f"{path} is not a usable Anki package (damaged zip: {exc})") from None
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror or exc}") from None
    if meta is not None:
        version = _decode("PackageMetadata", meta).version
        if version > NEWEST_PACKAGE_VERSION:
            raise InteropError(f"{path} was written by a newer Anki (package format {version}; this version "
                               f"reads up to {NEWEST_PACKAGE_VERSION}): export it again with "
                               "\"Support older Anki versions\" ticked")
    if member.endswith("b"):
        try:
            raw = _zstd(raw)
        except Exception as exc:  # zstandard raises its own ZstdError
            raise InteropError(f"{path}: its {member} is damaged (zstd: {exc})") from None
    col = _read_collection(path, member, raw)
    col.media = _media_names(media, modern=member.endswith("b"))
    col.modern_media = member.endswith("b")
    return col


def _media_names(data: bytes | None, *, modern: bool) -> dict[str, str]:
    """File name -> zip member: the modern list's index is the member's name, the legacy map's key is."""
    if not data:
        return {}
    try:
        if modern:
            return {e.name: str(i) for i, e in enumerate(_decode("MediaEntries", _zstd(data)).entries)}
        return {str(name): str(number) for number, name in json.loads(data.decode("utf-8")).items()}
    except (ValueError, UnicodeDecodeError, AttributeError, InteropError):
        return {}  # the media list only says which files came along; a damaged one is not fatal
    except Exception:  # zstandard's ZstdError
        return {}


def read_media(path: str | Path, col: AnkiCollection, names: list[str]) -> dict[str, bytes]:
    """The bytes of the media files ``names`` from the package (a file that cannot be read is left out)."""
    out: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            for name in names:
                member = col.media.get(name)
                if member is None or member not in members:
                    continue
                data = archive.read(member)
                try:
                    out[name] = _zstd(data) if col.modern_media else data
                except Exception:  # zstandard's ZstdError: a damaged file is not copied
                    continue
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError):
        return out
    return out


def _read_collection(path: Path, member: str, raw: bytes) -> AnkiCollection:
    with tempfile.TemporaryDirectory() as work:
        db_path = Path(work) / "collection.db"
        db_path.write_bytes(raw)
        try:
            conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as exc:  # pragma: no cover - opening a file we just wrote
            raise InteropError(f"{path}: cannot open its {member} ({exc})") from None
        try:
            return _read_tables(conn, path, member)
        except sqlite3.DatabaseError as exc:
            raise InteropError(f"{path}: its {member} is not a usable Anki collection ({exc})") from None
        finally:
            conn.close()


def _read_tables(conn: sqlite3.Connection, path: Path, member: str) -> AnkiCollection:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"col", "notes", "cards", "revlog"} <= tables:
        raise InteropError(f"{path}: its {member} is not an Anki collection (no col/notes/cards/revlog tables)")
    row = conn.execute("SELECT ver, models, decks FROM col").fetchone()
    if row is None:
        raise InteropError(f"{path}: its {member} is not an Anki collection (empty col table)")
    schema = int(row[0])
    if schema > NEWEST_SCHEMA:
        raise InteropError(f"{path} was written by a newer Anki (collection schema {schema}; this version reads "
                           f"up to {NEWEST_SCHEMA}): export it again with \"Support older Anki versions\" ticked")
    if schema < OLDEST_SCHEMA:
        raise InteropError(f"{path} is from Anki 1.x (collection schema {schema}); open it in a current Anki "
                           "and export it again")
    col = AnkiCollection(member=member, schema=schema)
    if "notetypes" in tables:
        _schema18(conn, col)
    else:
        _schema11(path, row[1], row[2], col)
    for nid, guid, mid, tags, flds in conn.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"):
        col.notes.append(AnkiNote(nid, str(guid), mid, str(flds).split("\x1f"), str(tags).split()))
    col.crt = int(conn.execute("SELECT crt FROM col").fetchone()[0] or 0)
    for cid, nid, did, odid, ord_, ctype, queue, data, due, odue, ivl, lapses in conn.execute(
            "SELECT id, nid, did, odid, ord, type, queue, data, due, odue, ivl, lapses FROM cards ORDER BY nid, ord"):
        try:
            extra = json.loads(data) if data else {}
        except ValueError:
            extra = {}
        col.cards.append(AnkiCard(cid, nid, odid or did, ord_, ctype, queue, extra if isinstance(extra, dict) else {},
                                  int((odue if odid and odue else due) or 0), int(ivl or 0), int(lapses or 0)))
    for rid, cid, ease, factor, taken, kind in conn.execute(
            "SELECT id, cid, ease, factor, time, type FROM revlog ORDER BY id"):
        col.revlog.append(RevlogEntry(rid, cid, ease, factor, taken, kind))
    return col


def _schema18(conn: sqlite3.Connection, col: AnkiCollection) -> None:
    fields: dict[int, list[str]] = {}
    for ntid, name in conn.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[str]] = {}
    for ntid, config in conn.execute("SELECT ntid, config FROM templates ORDER BY ntid, ord"):
        templates.setdefault(ntid, []).append(_decode("TemplateConfig", config).q_format)
    for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
        kind = _decode("NotetypeConfig", config).kind
        col.notetypes[ntid] = NoteType(ntid, name, kind == CLOZE_KIND, fields.get(ntid, []), templates.get(ntid, []))
    for did, name in conn.execute("SELECT id, name FROM decks"):
        col.decks[did] = str(name).replace("\x1f", "::")


def _schema11(path: Path, models: str, decks: str, col: AnkiCollection) -> None:
    try:
        models_json, decks_json = json.loads(models or "{}"), json.loads(decks or "{}")
    except ValueError:
        raise InteropError(f"{path}: its {col.member} has damaged note types or decks (not JSON)") from None
    for model in models_json.values():
        flds = sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))
        tmpls = sorted(model.get("tmpls", []), key=lambda t: t.get("ord", 0))
        ntid = int(model["id"])
        col.notetypes[ntid] = NoteType(ntid, str(model.get("name", "")), model.get("type") == CLOZE_KIND,
                                       [str(f.get("name", "")) for f in flds], [str(t.get("qfmt", "")) for t in tmpls])
    for deck in decks_json.values():
        col.decks[int(deck["id"])] = str(deck.get("name", ""))
