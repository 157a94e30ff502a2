"""Quizlet exports, as Quizlet writes them: split at the first separator, quotes kept,
custom row separators, multi-line definitions; ids from the front, never the position."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck


def _import(tmp_path: Path, text: str, *extra: str):
    src = tmp_path / "quizlet.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "q.yaml"
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(out), "--force", *extra])
    assert "Traceback" not in result.output
    cards = [(c.data["prompt"], c.data["answer"]) for c in load_deck(out).cards] if result.exit_code == 0 else None
    return result, cards, out


def test_comma_export_splits_at_the_first_comma_and_keeps_quotes(tmp_path):
    result, cards, _ = _import(tmp_path, 'Ribosome,makes proteins, in the cytoplasm\nRANKL,the "key" ligand\n')
    assert result.exit_code == 0, result.output
    assert cards == [("Ribosome", "makes proteins, in the cytoplasm"), ("RANKL", 'the "key" ligand')]


def test_semicolon_between_rows_gives_every_row(tmp_path):
    result, cards, _ = _import(tmp_path, "Ribosome\tmakes proteins;Nucleus\tholds DNA;Osteoclast\tresorbs bone")
    assert result.exit_code == 0, result.output
    assert cards == [("Ribosome", "makes proteins"), ("Nucleus", "holds DNA"), ("Osteoclast", "resorbs bone")]


def test_multi_line_definitions_are_kept_and_reported(tmp_path):
    result, cards, _ = _import(tmp_path, "Osteoclast\tresorbs bone\nmultinucleated\nRANKL\tligand\n")
    assert result.exit_code == 0, result.output
    assert cards == [("Osteoclast", "resorbs bone\nmultinucleated"), ("RANKL", "ligand")]
    assert "line 1: line 2 had no term before a separator: kept as more lines of this definition" in result.output


def test_custom_row_separator_blank_line_and_custom_term_separator(tmp_path):
    text = "Osteoclast - resorbs bone,\nmultinucleated - giant\n\nRANKL - a ligand\n"
    result, cards, _ = _import(tmp_path, text, "--separator", " - ", "--row-separator", "\\n\\n")
    assert result.exit_code == 0, result.output
    assert cards == [("Osteoclast", "resorbs bone,\nmultinucleated - giant"), ("RANKL", "a ligand")]


def test_a_definition_that_starts_with_a_quote_keeps_it(tmp_path):
    result, cards, _ = _import(tmp_path, 'RANKL\t"key" ligand, of NF-kB\nOPG\tthe "decoy"\n')
    assert result.exit_code == 0, result.output
    assert cards == [("RANKL", '"key" ligand, of NF-kB'), ("OPG", 'the "decoy"')]


def test_quoted_csv_is_still_read_as_csv(tmp_path):
    result, cards, _ = _import(tmp_path, '"Bone, cortical","Dense, outer"\nBMD,Bone mineral density\n')
    assert result.exit_code == 0, result.output
    assert cards == [("Bone, cortical", "Dense, outer"), ("BMD", "Bone mineral density")]


def test_non_ascii_terms_get_ids_from_the_front_whatever_the_order(tmp_path):
    rows = ["骨芽細胞\tosteoblast", "破骨細胞\tosteoclast", "Kühlschrank\tfridge", "Straße\tstreet"]
    result, _, out = _import(tmp_path, "\n".join(rows) + "\n")
    assert result.exit_code == 0, result.output
    first = {c.data["prompt"]: c.id for c in load_deck(out).cards}
    assert len(set(first.values())) == 4 and not {"card", "card-2"} & set(first.values())
    result, _, out = _import(tmp_path, "\n".join(reversed(rows)) + "\n")
    assert {c.data["prompt"]: c.id for c in load_deck(out).cards} == first


@pytest.mark.parametrize("extra, message", [
    (["--separator", ""], "cannot be empty"),
    (["--format", "anki", "--separator", ";"], "are for Quizlet exports"),
])
def test_bad_separator_options_exit_2_and_write_nothing(tmp_path, extra, message):
    result, _, out = _import(tmp_path, "a\tb\n", *extra)
    assert result.exit_code == 2 and message in result.output and not out.exists()


def test_an_image_or_a_sound_in_a_plain_file_is_reported_not_silently_kept(tmp_path):
    from click.testing import CliRunner

    from anastro_quiz.cli import cli

    src = tmp_path / "set.txt"
    src.write_text('heart\t<img src="heart.png"> the organ that pumps blood\nlung\t[sound:lung.mp3] breathes\n',
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    assert "line 1: images and sounds: heart.png (not found beside the file): named in the card" in result.output
    assert "line 2: images and sounds: lung.mp3 (not found beside the file): named in the card" in result.output
    cards = [(c.data["prompt"], c.data["answer"]) for c in load_deck(tmp_path / "out.yaml").cards]
    assert cards == [("heart", "[image heart.png: not found beside the file] the organ that pumps blood"),
                     ("lung", "[audio lung.mp3: not found beside the file] breathes")]


def test_images_and_sounds_beside_the_file_are_copied_and_named_in_the_card(tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "collection.media").mkdir()
    (tmp_path / "export" / "collection.media" / "heart.png").write_bytes(b"\x89PNG heart")
    (tmp_path / "export" / "lung.mp3").write_bytes(b"ID3 lung")
    src = tmp_path / "export" / "set.txt"
    src.write_text('heart\t<img src="heart.png"> pumps blood\nlung\t[sound:lung.mp3] breathes\n', encoding="utf-8")
    (tmp_path / "deck").mkdir()
    out = tmp_path / "deck" / "out.yaml"
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"copied 2 images and sounds to {tmp_path / 'deck' / 'media'}: heart.png, lung.mp3" in result.output
    assert (tmp_path / "deck" / "media" / "heart.png").read_bytes() == b"\x89PNG heart"
    assert (tmp_path / "deck" / "media" / "lung.mp3").read_bytes() == b"ID3 lung"
    assert [c.data["answer"] for c in load_deck(out).cards] == [
        "[image: media/heart.png] pumps blood", "[audio: media/lung.mp3] breathes"]
    assert "line 1: images and sounds: heart.png (copied to media/): named in the card" in result.output
    (tmp_path / "deck" / "media" / "lung.mp3").write_bytes(b"another lung")
    again = CliRunner().invoke(cli, ["import", str(src), "-o", str(out), "--force"])
    assert again.exit_code == 0 and (tmp_path / "deck" / "media" / "lung.mp3").read_bytes() == b"ID3 lung"


def test_a_comma_definition_that_goes_on_after_a_comma_or_a_quoted_word_is_kept_whole(tmp_path):
    """Quizlet writes a definition as it is: a quoted word followed by a comma is no CSV field,
    and a definition line that starts with the comma (no term before it) goes on from above."""
    result, cards, _ = _import(tmp_path, 'Bone,"dense", outer layer\nRibosome,makes proteins\n'
                                         ', in the cytoplasm\nBMD,bone mineral density\n')
    assert result.exit_code == 0, result.output
    assert cards == [("Bone", '"dense", outer layer'), ("Ribosome", "makes proteins\n, in the cytoplasm"),
                     ("BMD", "bone mineral density")]
    assert "line 2: line 3 had no term before a separator: kept as more lines of this definition" in result.output
    assert "skipped" not in result.output


def test_a_spreadsheet_row_with_more_columns_than_read_says_so(tmp_path):
    result, cards, _ = _import(tmp_path, '"Bone, cortical","Dense, outer",extra\n"BMD","Bone mineral density",\n')
    assert result.exit_code == 0, result.output
    assert cards == [("Bone, cortical", "Dense, outer"), ("BMD", "Bone mineral density")]
    assert "line 1: column 3 left out (term and definition only)" in result.output
