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


def test_browse_across_decks_and_search(collection):
    from anastro_quiz.card_search import matches, parse_query

    everything = collection.browse(None)
    assert [i.key for i, _ in everything] == [i.key for i, _ in collection.browse("sample")]
    typed = [i for i, _ in collection.browse(None, search="type:typed")]
    assert typed and all(i.type == "typed" for i in typed)
    first = everything[0][0]
    word = first.answer.split()[0]
    assert first.key in {i.key for i, _ in collection.browse(None, search=f"answer:{word}")}
    assert collection.browse(None, search=f"prompt:{word} zzzz-nothing") == []
    assert parse_query('answer:"bone loss" tag:atac plain') == [("answer", "bone loss"), ("tag", "atac"),
                                                                (None, "plain")]
    assert matches(first, "") and matches(first, first.id.upper())
    assert parse_query('unclosed "quote') == [(None, "unclosed"), (None, '"quote')]
