"""Deck generator: from plain-text articles to grounded, topic-sorted decks.

The pipeline has one module per stage: :mod:`.clean`, :mod:`.structure`,
:mod:`.extract`, :mod:`.cards` and :mod:`.topics` (rules in ``topics.yaml``);
:mod:`.pipeline` runs them and :mod:`.command` is the ``generate`` CLI command.
Nothing here imports textual.
"""

from .clean import InputError
from .pipeline import generate_decks

__all__ = ["InputError", "generate_decks"]
