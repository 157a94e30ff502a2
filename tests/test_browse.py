"""Collection.browse / Store.deck_rows: a deck's cards with their schedule, filtered."""

from __future__ import annotations

import rawdb

from anastro_quiz.store import LEECH_LAPSES


def test_browse_lists_cards_in_deck_order_and_filters(collection):
    rows = collection.browse("sample")
    ids = [item.id for item, _ in rows]
    assert ids == [item.id for item in collection.decks["sample"].items()]
    assert all(row.fsrs_state == 0 and not row.suspended for _, row in rows)

    first, second = rows[0][0], rows[1][0]
    collection.set_suspended(first, True)
    rawdb.make_leech(collection.store, second.deck_id, second.id, LEECH_LAPSES)
    assert [i.id for i, _ in collection.browse("sample", "suspended")] == [first.id]
    leeches = collection.browse("sample", "leeches")
    assert [i.id for i, _ in leeches] == [second.id] and leeches[0][1].lapses == LEECH_LAPSES
    collection.set_suspended(first, False)
    assert collection.browse("sample", "suspended") == []
    assert collection.browse("no-such-deck") == []
