"""Converting an Anki collection: Anki's reading of a card's log, note-type shapes, HTML and media,
and notes that cannot become cards (synthetic collections; the packages made by Anki itself are
tested in test_interop_apkg_import.py)."""

from __future__ import annotations


def _log(*entries: tuple[int, int, int]):
    """(kind, ease, factor) entries, a day apart."""
    from anastro_quiz.interop.anki_package import RevlogEntry

    return [RevlogEntry(id=1_700_000_000_000 + i * 86_400_000, card_id=1, ease=ease, factor=factor, time_ms=1000,
                        kind=kind) for i, (kind, ease, factor) in enumerate(entries)]


def test_reviews_before_a_reset_are_left_out_as_anki_does():
    from anastro_quiz.interop.anki_import import anki_filter
    from anastro_quiz.interop.anki_package import LEARNING, MANUAL, REVIEW

    entries = _log((LEARNING, 3, 0), (REVIEW, 3, 2500), (REVIEW, 1, 2500), (MANUAL, 0, 0),
                   (LEARNING, 3, 0), (LEARNING, 3, 0), (REVIEW, 4, 2500))
    kept, left_out = anki_filter(entries)
    assert [e.id for e, _ in kept] == [e.id for e in entries[4:]]
    assert left_out == {"manual": 1, "before reset": 3}


def test_cram_is_a_drill_and_manual_entries_are_not_reviews():
    from anastro_quiz.interop.anki_import import anki_filter
    from anastro_quiz.interop.anki_package import FILTERED, LEARNING, MANUAL, RESCHEDULED, REVIEW

    entries = _log((LEARNING, 3, 0), (REVIEW, 3, 2500), (FILTERED, 1, 0), (MANUAL, 0, 2500), (RESCHEDULED, 0, 2500),
                   (FILTERED, 3, 2500))
    kept, left_out = anki_filter(entries)
    assert [(e.ease, mode) for e, mode in kept] == [(3, "review"), (3, "review"), (1, "drill"), (3, "review")]
    assert left_out == {"manual": 2}


def test_note_type_shapes():
    from anastro_quiz.interop.anki_notes import classify
    from anastro_quiz.interop.anki_package import NoteType

    def nt(templates, fields=("Front", "Back"), cloze=False):
        return NoteType(1, "x", cloze, list(fields), list(templates))

    assert classify(nt(["{{Front}}"])) == "basic"
    assert classify(nt(["{{Front}}\n{{type:Back}}"])) == "typed"
    assert classify(nt(["{{Front}}", "{{Back}}"])) == "reverse"
    assert classify(nt(["{{Front}}", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}"], ("Front", "Back", "Add Reverse"))) \
        == "other"
    assert classify(nt(["{{Front}}", "{{Back}}", "{{Extra}}"], ("Front", "Back", "Extra"))) == "other"
    assert classify(nt(["{{cloze:Text}}"], ("Text", "Back Extra"), cloze=True)) == "cloze"
    assert classify(nt(['<div id="image-occlusion-container">{{cloze:Occlusion}}'], ("Occlusion", "Image"),
                       cloze=True)) == "image"


def test_html_to_text_and_media_references():
    from anastro_quiz.interop.anki_media import media_references
    from anastro_quiz.interop.anki_notes import html_to_text

    field = 'A&nbsp;<i>b</i><br>c<div>d &lt; e</div><img src="x y.png"> [sound:s.mp3]<img src=\'z.jpg\'>'
    assert html_to_text(field) == "A b\nc\nd < e"
    assert media_references(field) == ["x y.png", "z.jpg", "s.mp3"]


from anastro_quiz.interop.anki_package import AnkiCard, AnkiNote  # noqa: E402


def _collection():
    from anastro_quiz.interop.anki_package import AnkiCard, AnkiCollection, AnkiNote, NoteType

    col = AnkiCollection(member="collection.anki2", schema=11, decks={1: "Default", 2: "Other"})
    col.notetypes = {1: NoteType(1, "Basic", False, ["Front", "Back"], ["{{Front}}"]),
                     2: NoteType(2, "Cloze", True, ["Text", "Back Extra"], ["{{cloze:Text}}"])}
    col.notes = [AnkiNote(10, "g1", 1, ['<img src="heart.png">', "Heart"], []),
                 AnkiNote(11, "g2", 2, ["{{c1::}} and more", ""], []),
                 AnkiNote(12, "g3", 1, ["Q", "A"], ["t"]),
                 AnkiNote(13, "g4", 2, ["{{c1::a}} then {{c2::b}}", ""], [])]
    col.cards = [AnkiCard(100, 10, 1, 0, 0, 0, {}), AnkiCard(101, 11, 1, 0, 0, 0, {}), AnkiCard(102, 12, 1, 0, 0, 0, {}),
                 AnkiCard(103, 13, 1, 0, 0, 0, {}), AnkiCard(104, 13, 2, 1, 0, 0, {})]
    return col


def test_notes_that_cannot_become_cards_are_reported_and_the_rest_validate():
    from anastro_quiz.decks import dump_deck, parse_deck
    from anastro_quiz.interop.anki_import import convert_package

    result = convert_package(_collection(), whole_collection=False)
    assert [len(d.cards) for d in result.decks] == [2]
    assert parse_deck(dump_deck(result.decks[0]))[1] == []
    assert "Default: '<img src=\"heart.png\">': its front is empty once images and sounds are removed" in result.skipped
    assert "Default: '{{c1::}} and more': empty cloze deletion" in result.skipped
    assert "Default: '<img src=\"heart.png\">': heart.png: not copied (the note is left out); not in the package: " \
           "heart.png" in result.media
    assert result.media_files == set()
    assert "Default: '{{c1::a}} then {{c2::b}}': its cards are in 2 decks (Default, Other); all of them are in 'Default' here" \
        in result.converted


def test_histories_anki_knows_more_about_are_reported():
    from anastro_quiz.interop.anki_import import convert_package
    from anastro_quiz.interop.anki_package import REVIEW, AnkiCard, RevlogEntry

    col = _collection()
    col.cards = [c for c in col.cards if c.note_id == 12] + [AnkiCard(105, 13, 1, 0, 2, 2, {"s": 30.0})]
    col.cards[0].type = 2  # reviewed in Anki, but its log starts with a review (no learning step)
    col.revlog = [RevlogEntry(1_700_000_000_000, 102, 3, 2500, 4000, REVIEW)]
    result = convert_package(col, whole_collection=False)
    assert "1 card whose history in the package starts after it was learnt (no learning step): replayed from " \
           "its first review here, so its state may be less certain than Anki's" in result.history
    assert ("1 card scheduled in Anki without a review history in the package: due date, interval and FSRS memory "
            "state kept as Anki has them (1 scheduled by SM-2, with no memory state: stability from the interval, "
            "difficulty 5)") in result.history  # {"s": 30} alone is no memory state
    assert len(result.kept) == 1


def test_media_names_in_cards_and_only_plain_file_names_are_copied():
    from anastro_quiz.interop.anki_import import convert_package

    col = _collection()
    col.notes = [AnkiNote(12, "g3", 1, ['Which bone? <img src="femur.png">', 'Femur [sound:femur.mp3]'], []),
                 AnkiNote(13, "g4", 1, ['Skull? <img src="../../etc/x.png">', 'Cranium <img src="gone.jpg">'], [])]
    col.cards = [AnkiCard(102, 12, 1, 0, 0, 0, {}), AnkiCard(103, 13, 1, 0, 0, 0, {})]
    col.media = {"femur.png": "0", "femur.mp3": "1", "../../etc/x.png": "2"}
    result = convert_package(col, whole_collection=False)
    cards = {c.data["prompt"]: c.data["answer"] for c in result.decks[0].cards}
    assert cards == {"Which bone? [image: media/femur.png]": "Femur [audio: media/femur.mp3]",
                     "Skull? [image ../../etc/x.png: not copied]": "Cranium [image gone.jpg: not in the package]"}
    assert result.media_files == {"femur.png", "femur.mp3"}
    assert any("not a plain file name, not copied: ../../etc/x.png" in m and "not in the package: gone.jpg" in m
               for m in result.media)
