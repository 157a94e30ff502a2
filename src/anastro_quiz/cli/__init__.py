"""All click code of anastro-quiz: ``main`` (the group, the app launch) and one module per
command family (``decks``, ``transfer``, ``progress``, ``plan``, ``generate``); ``context`` holds what
they share. Library packages (``generate/``, ``interop/``) hold no click code."""

from .main import cli, main

__all__ = ["cli", "main"]
