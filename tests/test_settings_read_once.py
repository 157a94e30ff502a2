"""Home's counts read every deck's settings from one read of the settings table (20 decks:
24 statements where there were 131), and read the same values as one query per setting
would: a deck's own override, the global value under it, and a setting saved meanwhile."""

from __future__ import annotations

from anastro_quiz.collection import Collection, DailyLimits


def test_deck_counts_read_once_see_a_deck_s_own_limit_and_a_setting_saved_meanwhile(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "progress.db", [deck_dir], clock=clock)
    try:
        coll.save_limits(DailyLimits(new_per_day=3), "sample")
        summary = {d.id: d for d in coll.deck_summaries()}
        assert summary["sample"].new == 3  # the deck's override of the global 20
        with coll.store.settings_read_once():
            coll.save_limits(DailyLimits(new_per_day=2), "sample")  # saved inside: read back at once
            assert coll.limits("sample").new_per_day == 2
            assert coll.limits().new_per_day == DailyLimits().new_per_day
    finally:
        coll.close()
