"""Counts on screen read "1 card", "2 cards", never "(s)"."""

from __future__ import annotations

import random

from textual.widgets import Static

from anastro_quiz.quiz import Quiz
from anastro_quiz.tui.screens.quiz_results import QuizResultsScreen

from .conftest import home_loaded, settle



async def test_home_counts_decks_and_streak_days(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await home_loaded(pilot)
        today = str(app.screen.query_one("#today", Static).render())
        assert "Streak: 0 days (best" in today and "(s)" not in today
        assert app.screen.sub_title == "1 deck"


async def test_quiz_results_say_1_question_and_2_questions(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        await home_loaded(pilot)
        for wrong, expected in ((1, "1 question to review"), (2, "2 questions to review")):
            quiz = Quiz.create(collection, None, 1 + wrong, rng=random.Random(4))
            quiz.answer(quiz.current.answer)
            for _ in range(wrong):
                quiz.answer("wrong")
            await app.push_screen(QuizResultsScreen(quiz, quiz.finish()))
            await settle(pilot)
            score = str(app.screen.query_one("#quiz-score", Static).render())
            assert expected in score and "(s)" not in score
            app.pop_screen()
            await settle(pilot)
