"""Deck generator: from articles to grounded decks, tagged or sorted by topic.

The pipeline has one module per stage: :mod:`.readers` (one reader per format: plain
text, Markdown, HTML, PDF), :mod:`.clean` and :mod:`.structure` (reading),
:mod:`.extract` (sentences, facts; key terms and word rarity in :mod:`.vocabulary`; long
sentences cut by :mod:`.clauses`; pysbd
wrapped by :mod:`.segmenter`; a long document's paragraphs shared with helper processes by
:mod:`.parallel`), :mod:`.cards`, :mod:`.cloze` and
:mod:`.table_cards` (candidate cards), :mod:`.select` (what is worth asking) and
:mod:`.topics` (headings, or a user's topic file); :mod:`.pipeline` runs them and
:mod:`.output` writes a run's decks, summary and report. The ``generate`` command is
``anastro_quiz.cli.generate``; nothing here imports click or textual.
"""

__all__ = ["InputError", "generate_decks"]


def __getattr__(name: str):
    # Imported lazily: the pipeline (pysbd, wordfreq, rapidfuzz) is only needed when generating.
    if name == "InputError":
        from .clean import InputError

        return InputError
    if name == "generate_decks":
        from .pipeline import generate_decks

        return generate_decks
    raise AttributeError(name)
