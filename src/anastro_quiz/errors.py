"""The study core's user-facing error: a mistake the user can fix, said in words they can act on.

Every layer raises its own kind (the store's ``StoreError``, the formats' ``InteropError``),
all of them a :class:`UserError`, so the CLI turns any of them into its message and exit
status 2 in one place (``anastro_quiz.cli.context``), and the app into a notification.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a state the user can act on; the message is for them. Nothing was written."""
