"""Markdown flashcards: hashcards (Q:/A:/C:) and Obsidian spaced repetition (::, :::, ?, ??, ==cloze==)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck


def _import(tmp_path: Path, text: str, name: str = "cards.md", *extra: str):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(out), "--force", *extra])
    assert "Traceback" not in result.output
    return result, (load_deck(out) if result.exit_code == 0 else None), out


HASHCARDS = """---
name = "Bone Biology"
---

Q: What is the capital of France?
A: Paris

Q: List the PGM minerals.
A:

- ruthenium
- rhodium

```
Q: not a card, inside a code block
```

C: [RANKL] drives [osteoclast] formation, see [the review](https://example.org).
"""


def test_hashcards_basic_multi_line_and_cloze(tmp_path):
    result, deck, _ = _import(tmp_path, HASHCARDS)
    assert result.exit_code == 0, result.output
    assert "as hashcards" in result.output
    assert deck.title == "Bone Biology"
    basic, minerals, cloze = deck.cards
    assert (basic.type, basic.data["prompt"], basic.data["answer"]) == ("basic", "What is the capital of France?", "Paris")
    assert minerals.data["answer"] == "- ruthenium\n- rhodium\n\n```\nQ: not a card, inside a code block\n```"
    assert cloze.type == "cloze"
    assert cloze.data["text"] == ("{{c1::RANKL}} drives {{c2::osteoclast}} formation, "
                                  "see [the review](https://example.org).")
    assert len(deck.items()) == 4  # two deletions, two basic cards


def test_hashcards_mistakes_are_listed(tmp_path):
    result, deck, _ = _import(tmp_path, "intro\n\nQ: Alone?\nC: no deletion here\nA: orphan\n\nQ: Ok?\nA: yes\n")
    assert result.exit_code == 0, result.output
    for text in ("line 1: text before the first Q: or C: is not a card", "line 3: Q: without an A: after it",
                 "line 4: C: card without a [deletion]", "line 5: A: without a Q: before it"):
        assert text in result.output, text
    assert [c.data["prompt"] for c in deck.cards] == ["Ok?"]


OBSIDIAN = """# Bone
#flashcards/bone

Osteoclast::bone-resorbing cell <!--SR:!2024-01-05,3,250-->
RANKL:::receptor activator of NF-κB ligand

What are the two AI side effects?
?
Arthralgia
Bone loss

Aromatase inhibitor
??
Anastrozole, for one

Anastrozole is ==1 mg== once ==daily==.

```
code::not a card
```
"""


def test_obsidian_inline_multi_line_reversed_and_cloze(tmp_path):
    result, deck, _ = _import(tmp_path, OBSIDIAN)
    assert result.exit_code == 0, result.output
    assert "as obsidian" in result.output
    got = [(c.type, c.data.get("prompt") or c.data["text"], c.data.get("answer")) for c in deck.cards]
    assert got == [
        ("basic", "Osteoclast", "bone-resorbing cell"),
        ("reverse", "RANKL", "receptor activator of NF-κB ligand"),
        ("basic", "What are the two AI side effects?", "Arthralgia\nBone loss"),
        ("reverse", "Aromatase inhibitor", "Anastrozole, for one"),
        ("cloze", "Anastrozole is {{c1::1 mg}} once {{c2::daily}}.", None),
    ]


def test_markdown_ids_come_from_the_front(tmp_path):
    _, first, _ = _import(tmp_path, "a::1\n破骨細胞::osteoclast\n")
    _, second, _ = _import(tmp_path, "破骨細胞::osteoclast\na::1\n")
    assert {c.data["prompt"]: c.id for c in first.cards} == {c.data["prompt"]: c.id for c in second.cards}


def test_bad_markdown_exits_2_and_writes_nothing(tmp_path):
    for text, message in (("---\nname = \n---\nQ: a\nA: b\n", "front matter (lines 1-3) is not TOML"),
                          ("---\nname = 'x'\nQ: a\n", "front matter '---' is never closed"),
                          ("# An article\n\nJust some notes.\n\nNo cards here.\n",
                           "no flashcard found in cards.md: Markdown flashcards are 'Q:' and 'A:' lines")):
        result, _, out = _import(tmp_path, text)
        assert result.exit_code == 2 and message in result.output, result.output
        assert not out.exists()
    assert "to make cards from an article, run: anastro-quiz generate cards.md -o DIR" in result.output


def test_markdown_format_can_be_forced_for_other_suffixes(tmp_path):
    result, deck, _ = _import(tmp_path, "Q: a?\nA: b\n", "cards.txt", "--format", "markdown")
    assert result.exit_code == 0 and deck.cards[0].data["answer"] == "b"


def test_obsidian_numbered_clozes_hints_and_anki_deletions(tmp_path):
    text = ("The first female ==1;;prime minister;;title== of Australia was ==2;;Julia Gillard==, "
            "==1;;in 2010==.\n\n"
            "Aromatase converts ==androgens;;precursors== to estrogens.\n\n"
            "{{c1::Anastrozole::drug}} lowers {{c2::estradiol}}\n\n"
            "{{c1::RANKL}} binds::RANK\n")
    result, deck, _ = _import(tmp_path, text)
    assert result.exit_code == 0, result.output
    got = [(c.type, c.data.get("text") or c.data["prompt"], c.data.get("explanation")) for c in deck.cards]
    assert got == [
        ("cloze", "The first female {{c1::prime minister::title}} of Australia was {{c2::Julia Gillard}}, "
                  "{{c1::in 2010}}.", None),
        ("cloze", "Aromatase converts {{c1::androgens::precursors}} to estrogens.", None),
        ("cloze", "{{c1::Anastrozole::drug}} lowers {{c2::estradiol}}", None),
        ("cloze", "{{c1::RANKL}} binds", "RANK"),  # the "::" after an Anki deletion separates the card (back: extra)
    ]
    assert len(deck.cards[0].items("d")) == 2  # deletions of one number are one card, as in the plugin


BOLD = "Anastrozole blocks **aromatase**.\nThe {{ovaries}} make most estradiol before menopause.\nPlain ==hl==.\n"


def test_obsidian_bold_and_curly_clozes_only_where_the_plugin_settings_turn_them_on(tmp_path):
    result, deck, _ = _import(tmp_path, BOLD)  # the plugin's default: highlights only
    assert result.exit_code == 0, result.output
    assert [c.data["text"] for c in deck.cards] == ["Plain {{c1::hl}}."]
    result, deck, _ = _import(tmp_path, BOLD, "cards.md", "--cloze-marks", "highlight,bold,curly")
    assert result.exit_code == 0, result.output
    assert [c.data["text"] for c in deck.cards] == [
        "Anastrozole blocks {{c1::aromatase}}.", "The {{c1::ovaries}} make most estradiol before menopause.",
        "Plain {{c1::hl}}."]
    result, _, out = _import(tmp_path, BOLD, "cards.md", "--cloze-marks", "underline")
    assert result.exit_code == 2 and "unknown cloze mark 'underline'" in result.output


OBSIDIAN_IMAGES = """#flashcards

What does a femur look like?::![[femur.png|200]]

Which cell resorbs bone? ![micrograph](img/osteoclast.png "a cell")::osteoclast

Which drug is this? ![pill](https://example.org/pill.png)::anastrozole

Where is the missing scan? ![[scan.png]]::nowhere
"""


def test_markdown_images_are_copied_to_media_and_named_in_the_card(tmp_path):
    (tmp_path / "femur.png").write_bytes(b"\x89PNG femur")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "osteoclast.png").write_bytes(b"\x89PNG osteoclast")
    result, deck, out = _import(tmp_path, OBSIDIAN_IMAGES)
    assert result.exit_code == 0, result.output
    shown = {c.data["prompt"]: c.data["answer"] for c in deck.cards}
    assert shown["What does a femur look like?"] == "[image: media/femur.png]"
    assert shown["Which cell resorbs bone? [image: media/osteoclast.png]"] == "osteoclast"
    # a web address is no file beside the deck: it stays as written; a missing file is said so
    assert shown["Which drug is this? ![pill](https://example.org/pill.png)"] == "anastrozole"
    assert shown["Where is the missing scan? [image scan.png: not found beside the file]"] == "nowhere"
    assert (tmp_path / "media" / "femur.png").read_bytes() == b"\x89PNG femur"
    assert (tmp_path / "media" / "osteoclast.png").read_bytes() == b"\x89PNG osteoclast"
    assert "img/osteoclast.png (copied to media/): named in the card" in result.output
    assert "scan.png (not found beside the file)" in result.output


def test_markdown_images_go_to_anki_as_images_with_their_files(tmp_path):
    import json
    import zipfile

    (tmp_path / "femur.png").write_bytes(b"\x89PNG femur")
    _result, _deck, out = _import(tmp_path, "A femur?::![[femur.png]]\n")
    apkg = tmp_path / "out.apkg"
    exported = CliRunner().invoke(cli, ["--decks", str(out), "export", "--format", "apkg", "-o", str(apkg)])
    assert exported.exit_code == 0, exported.output
    with zipfile.ZipFile(apkg) as package:
        names = json.loads(package.read("media"))
        assert list(names.values()) == ["femur.png"]
        assert package.read(next(iter(names))) == b"\x89PNG femur"


def test_two_markdown_images_of_one_name_in_different_folders_copy_only_the_first(tmp_path):
    for folder, content in (("a", b"first"), ("b", b"second")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.png").write_bytes(content)
    result, deck, _out = _import(tmp_path, "One?::![](a/x.png)\n\nTwo?::![](b/x.png)\n")
    assert result.exit_code == 0, result.output
    answers = {c.data["prompt"]: c.data["answer"] for c in deck.cards}
    assert answers == {"One?": "[image: media/x.png]", "Two?": "[image b/x.png: not copied]"}
    assert (tmp_path / "media" / "x.png").read_bytes() == b"first"
    assert "b/x.png (not copied: another file of that name is already copied)" in result.output


def test_hashcards_image_in_a_cloze_is_no_deletion_and_is_named(tmp_path):
    (tmp_path / "bone.png").write_bytes(b"\x89PNG bone")
    result, deck, _out = _import(tmp_path, "C: ![bone](bone.png) [Osteoclasts] resorb bone.\n")
    assert result.exit_code == 0, result.output
    (card,) = deck.cards
    assert card.data["text"] == "[image: media/bone.png] {{c1::Osteoclasts}} resorb bone."
