"""Deck generator: from plain-text articles to grounded, topic-sorted decks.

The pipeline has one module per stage: :mod:`.clean`, :mod:`.structure`,
:mod:`.extract`, :mod:`.cards` and :mod:`.topics` (rules in ``topics.yaml``);
:mod:`.pipeline` runs them and :mod:`.command` is the ``generate`` CLI command.
Nothing here imports textual.
"""

__all__ = ["InputError", "generate_decks"]


def __getattr__(name: str):
    # Imported lazily: the CLI registers ``generate`` on every start, and the pipeline
    # (pysbd, wordfreq, rapidfuzz) is only needed when generating.
    if name == "InputError":
        from .clean import InputError

        return InputError
    if name == "generate_decks":
        from .pipeline import generate_decks

        return generate_decks
    raise AttributeError(name)
