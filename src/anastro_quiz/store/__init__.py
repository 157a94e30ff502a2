"""SQLite persistence through sqlite-utils: every SQL statement of anastro-quiz is in this package.

Modules by table and purpose: ``db`` (opening, migrating, transactions), ``errors`` (every
database failure as a user message, one place), ``schema``
(the migrations; ``compact_log`` the one that rewrites the review log, reporting as it goes), ``identity`` (whether a file is ours and usable), ``cards`` (cards, schedules, curation marks), ``reviews`` (the review
log and the one lapse/leech rule), ``sessions`` (study sessions, quizzes), ``settings``
(global values with per-deck overrides), ``overview`` (Home's counts, predicted recall),
``mastery`` (mastery per deck and tag, kept counts),
``queries`` (read-only aggregates for stats), ``plans`` (the exam plan and its moved due
dates), ``merge`` (merging another copy's database; ``merge_source`` opens and checks that copy), ``replay`` (rebuilding many cards from their
reviews), ``backup`` (copying a database file).
Everything above the store calls :class:`Store`'s named methods, never SQL.
"""

from __future__ import annotations

from .backup import BackupSource
from .check import CheckReport, CheckStore
from .cards import LEARNING, NEW, RELEARNING, REVIEW, CardStore, DeckCounts, ScheduleRow
from .db import SQLITE_HEADER, Connection, is_current_on_disk, is_sqlite_file, upgrade_why
from .errors import StoreBusy, StoreDamaged, StoreError, StoreFull, StoreReadOnly, database_errors
from .merge import HistoryReport, MergeReport, MergeStore, SettingConflict
from .merge_source import check_mergeable
from .mastery import MasteryStore
from .plans import PlanStore
from .overview import OverviewStore
from .queries import QueryStore
from .replay import ReplayStore
from .reviews import LEECH_LAPSES, LoggedReview, ReviewStore, is_lapse, is_leech
from .schema import MIGRATIONS, SCHEMA_VERSION
from .sessions import SessionStore
from .settings import SettingStore, deck_scope


class Store(CheckStore, CardStore, OverviewStore, MasteryStore, ReviewStore, SessionStore, SettingStore, PlanStore, QueryStore,
            MergeStore, ReplayStore, Connection):
    """One open database. Use :meth:`open`; close with :meth:`close` or ``with``."""


__all__ = [
    "BackupSource", "CheckReport", "DeckCounts", "HistoryReport", "LEARNING", "LEECH_LAPSES", "LoggedReview", "MIGRATIONS", "MergeReport", "NEW",
    "RELEARNING", "REVIEW", "SCHEMA_VERSION", "SQLITE_HEADER", "ScheduleRow", "SettingConflict", "Store",
    "StoreBusy", "StoreDamaged", "StoreError", "StoreFull", "StoreReadOnly", "check_mergeable", "database_errors", "deck_scope", "is_current_on_disk", "is_lapse", "is_leech", "is_sqlite_file", "upgrade_why",
]
