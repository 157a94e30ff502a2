"""Writing a file all at once: a crash or an error leaves the old file or the new one, never half.

The one atomic writer of the tool (deck edits, exports, backups, the deck cache): the
content goes to a temporary file beside the target, which then replaces it. A file that
already existed keeps its permissions; a new one gets the usual ones (not mkstemp's 0600).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)`` then move the file into place; on any failure nothing is left behind."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomically(path: str | Path, text: str) -> None:
    """:func:`write_atomically` for UTF-8 text, written as given (no newline translation)."""
    write_atomically(path, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def write_bytes_atomically(path: str | Path, data: bytes) -> None:
    write_atomically(path, lambda tmp: tmp.write_bytes(data))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
