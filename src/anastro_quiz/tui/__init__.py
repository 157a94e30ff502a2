"""The Textual study app. Built by :func:`anastro_quiz.tui.app.make_app`; talks only to the core."""
