"""Writing a file all at once: a crash or an error leaves the old file or the new one, never half.

The one atomic writer of the tool (deck edits, exports, backups, generated decks, the deck
cache): the content goes to a temporary file beside the target, which then replaces it. A
file that already existed keeps its permissions; a new one gets the usual ones (not
mkstemp's 0600). A symbolic link is written through: its target is replaced, the link
stays a link. A folder, named pipe, device or socket is refused (:class:`UnsafeOutput`)
before anything is written. Every failure removes the temporary file (and SQLite's
journal beside it); one left by a killed run is swept by the next write to that folder
once it is an hour old.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable

from .errors import UserError

TMP_SUFFIX = ".tmp"
STALE_AFTER_S = 3600
_SIDE_FILES = ("-journal", "-wal", "-shm")  # SQLite's, when ``write`` made a database (backups)


class UnsafeOutput(UserError):
    """An output path that is not a regular file (a folder, pipe, device or socket)."""


def output_target(path: str | Path) -> Path:
    """The file writing ``path`` replaces: ``path`` itself, or the file a symbolic link points
    to; raise :class:`UnsafeOutput` for anything but a regular file (or nothing yet)."""
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError:
        return target  # unreadable: writing it gives the real error
    if stat.S_ISREG(mode):
        return target
    if stat.S_ISDIR(mode):
        raise UnsafeOutput(f"{path} is a folder; give a file name; nothing was written")
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    raise UnsafeOutput(f"{path} is {kind}, not a file: nothing was written (leave out -o to write to "
                       "standard output)")


def temp_beside(target: Path) -> Path:
    """A new empty temporary file in ``target``'s folder, named after it (``.NAME.xxxx.tmp``)."""
    _sweep_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(tmp)


def remove_temp(tmp: Path) -> None:
    """Remove a temporary file and any SQLite journal beside it (never raises)."""
    for name in ("", *_SIDE_FILES):
        try:
            Path(f"{tmp}{name}").unlink(missing_ok=True)
        except OSError:
            pass


def move_into_place(tmp: Path, target: Path) -> None:
    """Give ``tmp`` ``target``'s permissions (or the usual ones) and rename it over ``target``."""
    os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
    os.replace(tmp, target)


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)`` then move the file into place; on any failure nothing is left behind."""
    target = output_target(path)
    tmp = temp_beside(target)
    try:
        write(tmp)
        move_into_place(tmp, target)
    except BaseException:
        remove_temp(tmp)
        raise


def write_text_atomically(path: str | Path, text: str) -> None:
    """:func:`write_atomically` for UTF-8 text, written as given (no newline translation)."""
    write_atomically(path, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def write_bytes_atomically(path: str | Path, data: bytes) -> None:
    write_atomically(path, lambda tmp: tmp.write_bytes(data))


def _sweep_stale(target: Path) -> None:
    # Our own temporary names for this target, left by a run that was killed: an hour old
    # is long past any write still going on.
    cutoff = time.time() - STALE_AFTER_S
    try:
        candidates = list(target.parent.glob(f".{glob.escape(target.name)}.*{TMP_SUFFIX}"))
    except OSError:
        return
    for old in candidates:
        try:
            if old.is_file() and not old.is_symlink() and old.stat().st_mtime < cutoff:
                remove_temp(old)
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
