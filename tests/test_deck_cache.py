"""The parsed-deck cache is invisible: same decks, edits seen at once, damage ignored."""

from __future__ import annotations

import datetime
import os

from anastro_quiz import deck_cache
from anastro_quiz.decks import load_deck, validate_paths


def _entries():
    folder = deck_cache.cache_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def test_second_load_comes_from_the_cache_and_is_identical(deck_dir):
    path = deck_dir / "all_types.yaml"
    first = load_deck(path)
    assert len(_entries()) == 1
    second = load_deck(path)
    assert [i.to_dict() for i in second.items()] == [i.to_dict() for i in first.items()]
    assert [i.content_hash for i in second.items()] == [i.content_hash for i in first.items()]
    assert second.path == path and second.source_path("003_f596ba227722da9a.txt") is not None


def test_an_edit_is_seen_even_with_a_cache(deck_dir):
    path = deck_dir / "all_types.yaml"
    load_deck(path)
    path.write_text(path.read_text().replace("What class of drug", "Which class of drug"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_deck(path).cards[0].data["prompt"].startswith("Which class")
    path.write_text(path.read_text().replace("type: basic", "type: nonsense", 1))
    assert [p.card_id for p in validate_paths([path])] == ["ai-class"]


def test_a_damaged_cache_entry_is_ignored(deck_dir):
    path = deck_dir / "all_types.yaml"
    load_deck(path)
    [entry] = _entries()
    entry.write_bytes(b"\x00garbage")
    assert load_deck(path).id == "sample"


def test_values_marshal_cannot_store_are_simply_not_cached(tmp_path):
    path = tmp_path / "dated.yaml"
    path.write_text("id: d\ntitle: T\ncards:\n  - {id: a, type: basic, prompt: When?, answer: x, seen: 2024-01-01}\n")
    deck = load_deck(path)
    assert deck.cards[0].data["seen"] == datetime.date(2024, 1, 1)
    assert _entries() == []


def test_cache_can_be_turned_off(deck_dir, monkeypatch):
    monkeypatch.setenv("ANASTRO_QUIZ_CACHE", "")
    load_deck(deck_dir / "all_types.yaml")
    assert deck_cache.cache_dir() is None
