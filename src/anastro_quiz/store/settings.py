"""Settings: global values, and per-deck values that override them (the one merge)."""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterator

GLOBAL = "global"


def deck_scope(deck_id: str | None) -> str:
    """The settings scope of ``deck_id``'s overrides (``None``: the global scope)."""
    return f"deck:{deck_id}" if deck_id else GLOBAL


class SettingStore:
    """The ``settings`` table: JSON values by scope and key (mixed into ``Store``)."""

    _read_once: dict[tuple[str, str], str] | None = None  # inside settings_read_once: every row

    def get_setting(self, key: str, scope: str = GLOBAL, default: Any = None) -> Any:
        if self._read_once is not None:
            value = self._read_once.get((scope, key))
            return json.loads(value) if value is not None else default
        row = self.conn.execute("SELECT value FROM settings WHERE scope=? AND key=?", (scope, key)).fetchone()
        return json.loads(row[0]) if row else default

    @contextmanager
    def settings_read_once(self) -> Iterator[None]:
        """Inside the block, settings are read from one read of the whole (small) table: Home's
        counts ask each deck for four settings, each merged from two rows (20 decks: 108 queries).
        A setting saved inside the block ends it (later reads go to the table again)."""
        if self._read_once is not None:
            yield
            return
        self._read_once = {(scope, key): value for scope, key, value in
                           self.conn.execute("SELECT scope, key, value FROM settings")}
        try:
            yield
        finally:
            self._read_once = None

    def set_setting(self, key: str, value: Any, scope: str = GLOBAL) -> None:
        self._read_once = None
        with self.transaction():
            self.db["settings"].upsert({"scope": scope, "key": key, "value": json.dumps(value)},
                                       pk=("scope", "key"))

    def deck_setting(self, key: str, deck_id: str | None = None) -> dict[str, Any]:
        """The dict setting ``key`` as it applies to ``deck_id``: the global value, with the
        deck's saved overrides laid over it field by field (``None``: the global value alone)."""
        data = dict(self.get_setting(key, default={}) or {})
        if deck_id:
            data.update(self.get_setting(key, scope=deck_scope(deck_id), default={}) or {})
        return data

    def save_deck_setting(self, key: str, value: dict[str, Any], deck_id: str | None = None) -> None:
        """Save ``value`` for every deck (``deck_id`` ``None``) or as ``deck_id``'s overrides."""
        self.set_setting(key, value, scope=deck_scope(deck_id))

    def deck_overrides(self, deck_id: str) -> list[str]:
        """The setting keys ``deck_id`` has values of its own for (the rest it takes from global)."""
        return [k for (k,) in self.conn.execute("SELECT key FROM settings WHERE scope=? ORDER BY key",
                                                (deck_scope(deck_id),))]

    def clear_deck_settings(self, deck_id: str) -> int:
        """Drop ``deck_id``'s own values: it takes every setting from the global ones again."""
        self._read_once = None
        with self.transaction():
            return self.conn.execute("DELETE FROM settings WHERE scope=?", (deck_scope(deck_id),)).rowcount

    def all_settings(self) -> dict[tuple[str, str], Any]:
        """Every saved setting by ``(scope, key)``."""
        return {(s, k): json.loads(v) for s, k, v in self.conn.execute("SELECT scope, key, value FROM settings")}
