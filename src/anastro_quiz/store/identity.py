"""What a SQLite file says about itself, and whether anastro-quiz may use it.

``PRAGMA application_id`` (:data:`APPLICATION_ID`) marks a file as ours: set when a database
is created, and on the first open of one made before it existed (identified by its tables).
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import SCHEMA_VERSION

APPLICATION_ID = 0x416E517A  # "AnQz", in the SQLite header (offset 68)
OUR_TABLES = {"cards", "schedule", "reviews", "sessions", "quiz_runs", "quiz_answers", "settings",
              "kept_cards", "deck_digests", "card_tags", "review_days", "mastery_at", "mastery_decks",
              "mastery_tags", "state_counts", "review_deck_days", "streak_upto"}
CORE_TABLES = {"cards", "schedule", "reviews", "settings"}
CORE_REVIEW_COLUMNS = {"id", "deck", "card_id", "rating", "reviewed_at", "undone"}


@dataclass(frozen=True)
class Identity:
    """What a SQLite file says about itself, read without writing: its header's
    ``application_id`` and ``user_version``, its tables (SQLite's own ``sqlite_*`` ones
    left out) and the columns of a ``reviews`` table if it has one."""

    application_id: int
    version: int
    tables: frozenset[str]
    review_columns: frozenset[str] = frozenset()

    @property
    def blank(self) -> bool:
        """A SQLite file with nothing in it yet (no id, no version, no tables)."""
        return self.application_id == 0 and self.version == 0 and not self.tables

    @property
    def ours(self) -> bool:
        """Marked as ours, or one of ours from before the mark (our version, tables and columns)."""
        if self.application_id == APPLICATION_ID:
            return True
        return (self.application_id == 0 and self.version >= 1 and CORE_TABLES <= self.tables <= OUR_TABLES
                and CORE_REVIEW_COLUMNS <= self.review_columns)


def schema_problem(path: object, identity: Identity, *, must_exist: bool = False) -> str | None:
    """Why a database must not be used (another application's, a newer schema), or ``None``.

    ``must_exist``: an empty database is not acceptable either (merging one makes no sense).
    """
    if identity.application_id not in (0, APPLICATION_ID):
        return (f"{path} is another application's SQLite database (application_id "
                f"{identity.application_id:#010x}), not an anastro-quiz one")
    if not identity.ours and not (identity.blank and not must_exist):
        return f"{path} is a SQLite database but not an anastro-quiz one"
    if identity.version > SCHEMA_VERSION:
        return (f"{path} was written by a newer anastro-quiz (schema {identity.version}; this version "
                f"knows up to {SCHEMA_VERSION}): upgrade anastro-quiz")
    if must_exist and not CORE_TABLES <= identity.tables:
        return f"{path} is an empty anastro-quiz database"
    return None
