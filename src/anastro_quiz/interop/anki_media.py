"""Images and sounds of imported cards: copied into a ``media/`` folder beside the deck files,
and named in the card's text where they were (``[image: media/cell.png]``,
``[audio: media/mitosis.mp3]``), since a terminal shows neither.

A file is copied only when a card that is imported refers to it and its name is a plain file
name (no folder, no ``..``); the others are named in the card with why (``not in the
package``) and reported per note.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

MEDIA_FOLDER = "media"
_SOUND_RE = re.compile(r"\[sound:([^\]]+)\]")
_IMG_TAG_RE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))[^>]*>?", re.IGNORECASE)
_SOUND_EXT = (".mp3", ".ogg", ".wav", ".m4a", ".flac", ".opus", ".oga", ".webm", ".mp4")


def media_references(value: str) -> list[str]:
    """Files a field shows or plays: ``<img src>`` and ``[sound:...]``, in order."""
    found = [next(g for g in m.groups() if g is not None) for m in _IMG_TAG_RE.finditer(value)]
    return found + _SOUND_RE.findall(value)


def safe_name(name: str) -> bool:
    """Whether ``name`` may be written in the media folder: one plain file name."""
    return bool(name) and name not in (".", "..") and not name.startswith(".") and "\0" not in name \
        and PurePosixPath(name).name == name and PureWindowsPath(name).name == name


def mention(name: str, copied: bool, in_package: bool = False, missing: str = "not in the package") -> str:
    kind = "audio" if name.lower().endswith(_SOUND_EXT) else "image"
    if copied:
        return f"[{kind}: {MEDIA_FOLDER}/{name}]"
    return f"[{kind} {name}: {'not copied' if in_package else missing}]"


def with_mentions(value: str, copied: set[str], package: set[str] = frozenset(),
                  missing: str = "not in the package") -> str:
    """A field's HTML with each ``<img>`` and ``[sound:...]`` replaced by its mention (as text),
    set off by a space from text it touches."""
    def replace(m: re.Match[str]) -> str:
        name = next(g for g in m.groups() if g is not None)
        before = " " if m.start() > 0 and not m.string[m.start() - 1].isspace() else ""
        after = " " if m.end() < len(m.string) and not m.string[m.end()].isspace() else ""
        return before + mention(name, name in copied, name in package, missing) + after

    return _SOUND_RE.sub(replace, _IMG_TAG_RE.sub(replace, value))


def media_note(where: str, refs: list[str], copied: set[str], imported: bool, package: set[str]) -> str:
    """The report line of one note's images and sounds: which were copied, and why the others were not."""
    line = f"{where}: {', '.join(refs)}"
    done = [r for r in refs if r in copied]
    if done and imported:
        line += f": copied to {MEDIA_FOLDER}/ and named in the card (a terminal shows no images or sounds)"
    elif not imported:
        line += ": not copied (the note is left out)"
    if missing := [r for r in refs if r not in package]:
        line += f"; not in the package: {', '.join(missing)}"
    if unsafe := [r for r in refs if r in package and r not in copied]:
        line += f"; not a plain file name, not copied: {', '.join(unsafe)}"
    return line
