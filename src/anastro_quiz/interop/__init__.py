"""Getting decks and progress in and out: Anki, spreadsheets, other machines, FSRS fitting.

Nothing here knows about the terminal: every function takes paths and decks and returns
a report, raising :class:`InteropError` (a user-facing message) when the input is bad.
A failed operation writes nothing.
"""

from __future__ import annotations

from ..errors import UserError
from ..files import write_atomically, write_text_atomically  # noqa: F401 - write_atomically: for the formats


class InteropError(UserError):
    """Bad input the user can fix; the message says what and where. Nothing was written."""


def check_output_file(path, *, what: str = "output") -> None:
    """Refuse an output path that is a folder or whose folder does not exist."""
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give a file name for the {what}")
    if not path.parent.exists():
        raise InteropError(f"the folder {path.parent} does not exist (check the path, or create the folder "
                           "first: a mistyped one is not made for you)")
    if not path.parent.is_dir():
        raise InteropError(f"{path.parent} is not a folder")


def write_text_output(path, text: str, *, what: str = "output") -> None:
    """Check ``path`` and write ``text`` to it atomically; any failure is an ``InteropError``."""
    check_output_file(path, what=what)
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise InteropError(f"cannot write {path}: {exc.strerror or exc}") from None
