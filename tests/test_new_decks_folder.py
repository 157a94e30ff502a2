"""Where a deck generated in the app goes, and that the next launch finds it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anastro_quiz.errors import UserError
from anastro_quiz.generate.output import generate_into
from anastro_quiz.paths import bundled_decks_dir, default_deck_paths, folder_for_new_decks, user_decks_dir
from test_generate_command import SYNTHETIC


def test_with_only_the_bundled_decks_new_decks_go_to_the_user_data_dir_which_is_then_in_use(tmp_path):
    assert folder_for_new_decks([bundled_decks_dir()]) == user_decks_dir()
    assert user_decks_dir() == Path(os.environ["XDG_DATA_HOME"]) / "anastro-quiz" / "decks"  # beside the database
    assert default_deck_paths() == [bundled_decks_dir()]  # not made yet
    user_decks_dir().mkdir(parents=True)
    assert default_deck_paths() == [bundled_decks_dir(), user_decks_dir()]


def test_new_decks_go_to_the_first_deck_folder_in_use(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "one.yaml").write_text("id: one\ntitle: One\ncards: []\n")
    assert folder_for_new_decks([bundled_decks_dir(), tmp_path / "one.yaml", tmp_path / "mine"]) == tmp_path / "mine"


def test_a_generated_deck_whose_id_another_file_has_is_refused_and_nothing_written(tmp_path):
    document = tmp_path / "letrozole.txt"
    document.write_text(SYNTHETIC, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(UserError, match="already in use"):
        generate_into([document], out, taken={"letrozole": tmp_path / "elsewhere" / "letrozole.yaml"})
    assert not out.exists()
    written = generate_into([document], out, taken={"letrozole": out / "letrozole.yaml"})  # its own file: fine
    assert written.deck_files == [out / "letrozole.yaml"] and (out / "sources" / "letrozole.txt").exists()
