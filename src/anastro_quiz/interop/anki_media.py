"""Images and sounds of imported cards: copied into a ``media/`` folder beside the deck files,
and named in the card's text where they were (``[image: media/cell.png]``,
``[audio: media/mitosis.mp3]``), since a terminal shows neither. Markdown flashcards' own
images (``![](img/cell.png)``, Obsidian's ``![[cell.png]]``) are handled the same way.

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
# Markdown's image ``![alt](path "title")`` and Obsidian's embed ``![[path|size]]`` (a web
# address is no file beside the deck: it stays as written)
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\(\s*<?(?!\w+://)([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_EMBED_RE = re.compile(r"!\[\[(?!\w+://)([^\]|#\n]+?)\s*(?:[|#][^\]\n]*)?\]\]")


def _patterns(markdown: bool) -> tuple[re.Pattern[str], ...]:
    return (_IMG_TAG_RE, _SOUND_RE) + ((_MD_IMAGE_RE, _EMBED_RE) if markdown else ())


def media_references(value: str, markdown: bool = False) -> list[str]:
    """Files a field shows or plays: ``<img src>`` and ``[sound:...]`` (with ``markdown``, also
    ``![](path)`` and ``![[path]]``), in order of kind."""
    return [next(g for g in m.groups() if g is not None)
            for pattern in _patterns(markdown) for m in pattern.finditer(value)]


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
                  missing: str = "not in the package", markdown: bool = False,
                  stored_as: dict[str, str] | None = None) -> str:
    """A field's HTML with each ``<img>`` and ``[sound:...]`` (with ``markdown``, also each
    Markdown image) replaced by its mention (as text), set off by a space from text it touches.
    ``stored_as``: the name in the media folder of a reference written with a folder."""
    def replace(m: re.Match[str]) -> str:
        name = next(g for g in m.groups() if g is not None)
        shown = (stored_as or {}).get(name, name) if name in copied else name
        before = " " if m.start() > 0 and not m.string[m.start() - 1].isspace() else ""
        after = " " if m.end() < len(m.string) and not m.string[m.end()].isspace() else ""
        return before + mention(shown, name in copied, name in package, missing) + after

    for pattern in _patterns(markdown):
        value = pattern.sub(replace, value)
    return value


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
