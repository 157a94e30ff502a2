"""anastro-quiz: grounded flashcards, FSRS spaced repetition and quizzes in the terminal.

The study core (decks, store, scheduler, session, grading, stats, generate) never
imports ``textual``; the TUI lives in :mod:`anastro_quiz.tui`.
"""

__version__ = "0.1.0"
