"""Getting decks and progress in and out: Anki, spreadsheets, other machines, FSRS fitting.

Nothing here knows about the terminal: every function takes paths and decks and returns
a report, raising :class:`InteropError` (a user-facing message) when the input is bad.
A failed operation writes nothing.
"""

from __future__ import annotations

from ..errors import UserError


class InteropError(UserError):
    """Bad input the user can fix; the message says what and where. Nothing was written."""


def check_output_file(path, *, what: str = "output") -> None:
    """Refuse an output path that is a folder or whose folder does not exist."""
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give a file name for the {what}")
    if not path.parent.exists():
        raise InteropError(f"the folder {path.parent} does not exist")
    if not path.parent.is_dir():
        raise InteropError(f"{path.parent} is not a folder")


def write_text_output(path, text: str, *, what: str = "output") -> None:
    """Check ``path`` and write ``text`` to it atomically; any failure is an ``InteropError``."""
    check_output_file(path, what=what)
    try:
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise InteropError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_atomically(path, write) -> None:
    """Call ``write(tmp_path)`` then move the file into place, so a failure leaves nothing behind."""
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes the file private; give it normal permissions
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
