"""Quizzes: a scored test mixing choice, typed and true/false questions (no UI).

Questions come from the decks' study items. Choice, typed and true/false cards keep
their own form; basic, reverse and cloze items become a multiple-choice question when
the deck offers enough plausible distractors (other answers of the same kind), else a
typed question for short answers, else a true/false "is this the answer?" question.
A chain of steps ("A → B → C") is never asked typed (nobody types it as written): three
or more steps are asked "in which order?" (its steps listed, four orders of them offered,
one right: :mod:`anastro_quiz.chain_orders`), two steps as any other many-part answer but
not typed, and a chain that cannot be asked so is left out of the quiz (a flashcard only).
Answers are saved in ``quiz_runs``/``quiz_answers``; card schedules are never touched.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Iterable, Sequence

from rapidfuzz import fuzz

from . import distractors as rules
from .chain_orders import ORDER_QUESTION, chain_steps, lettered, letters, order_question
from .decks import StudyItem
from .numbers import plural
from .grading import check_choice, normalize
from .study_grading import grade_answer

if TYPE_CHECKING:  # a type only: the quiz needs the collection's items, clock and store
    from .collection import Collection

KINDS = ("choice", "typed", "true_false")
CHOICES = 4
SHORT_ANSWER_WORDS = 4
SAME_QUESTION = 90  # rapidfuzz ratio of two prompts that ask the same thing
_normalized = lru_cache(maxsize=16384)(normalize)  # one deck's prompts, compared for every question
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Question:
    """One question as asked; ``answer`` is what a correct reply must match."""

    item: StudyItem
    kind: str
    prompt: str
    answer: str
    options: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()  # a chain's steps as listed: the options are orders of them

    @property
    def orders(self) -> bool:
        """An "in which order?" question: its options are the answer's steps in other orders."""
        return bool(self.steps)

    def shown(self, option: str) -> str:
        """An option as offered: an order in the listed steps' letters ("B → A → C"), else itself."""
        return letters(option, self.steps) if self.steps else option

    def check(self, given: str) -> tuple[bool, str]:
        """``(correct, note)`` for a reply; typed replies go through the typed-answer grader (a
        list answer is right with the items it needs; "2 of 3" scores nothing, and the note says so)."""
        if self.kind == "typed":
            grade = grade_answer(given, self.item)
            return grade.correct, grade.note
        correct = check_choice(given, self.answer)
        return correct, "correct" if correct else f"the answer is {self.answer}"


@dataclass(frozen=True)
class QuizAnswer:
    question: Question
    given: str
    correct: bool
    note: str
    duration_ms: int | None = None


@dataclass
class QuizResult:
    score: int
    total: int
    answers: list[QuizAnswer]
    unanswered: list[Question]
    seconds: float

    @property
    def percent(self) -> float:
        return self.score / self.total if self.total else 0.0

    @property
    def mistakes(self) -> list[QuizAnswer]:
        return [a for a in self.answers if not a.correct]

    @property
    def missed_questions(self) -> list[Question]:
        return [a.question for a in self.mistakes] + list(self.unanswered)


def _looks_numeric(text: str) -> bool:
    return bool(_NUMBER.search(text))


_MANY_PARTS = ("compare", "chain", "list")  # generated kinds whose answers hold several parts


def _shape(item: StudyItem) -> str:
    """Which of the many-part answer kinds (a comparison, a chain, a list) an item is, if any."""
    return next((k for k in _MANY_PARTS if k in item.tags), "list" if item.items else "")


def distractors(item: StudyItem, pool: Sequence[StudyItem], rng: random.Random, count: int = CHOICES - 1) -> list[str]:
    """Wrong answers for ``item`` from other items of its deck, most alike first.

    Alike means: same card type, same "has a number" shape, shared tags (a generated
    deck tags each card with its kind, e.g. ``define`` or ``number``), similar length,
    so a number is offered against numbers and a definition against definitions. The
    shared rules of :mod:`anastro_quiz.distractors` then drop what a teacher would not
    offer: "True"/"False", a variant or duplicate of the answer, another unit, and any
    answer that is also right (an equivalent dose, or the answer of a card that asks
    the same question, e.g. the same table row in another article).
    """
    target = normalize(item.answer)
    tags = set(item.tags)
    seen = {target}
    candidates = []
    also_right = []
    for other in pool:
        text = other.answer
        key = _normalized(text)
        if other.key == item.key or other.card_id == item.card_id or not key:
            continue
        if other.type == "true_false":
            continue  # its answer is "True" or "False"
        if _shape(other) != _shape(item):
            continue  # "Women: 1 mg; men: 0.5 mg" or "A → B → C" is no option for a one-part answer
        if fuzz.ratio(_normalized(other.prompt), _normalized(item.prompt)) >= SAME_QUESTION:
            also_right.append(text)
            continue
        if key in seen:
            continue
        seen.add(key)
        score = (other.type == item.type) * 2 + (_looks_numeric(text) == _looks_numeric(item.answer)) * 3
        score += 2 * len(tags.intersection(other.tags))
        score -= abs(len(text) - len(item.answer)) / max(len(item.answer), 1)
        candidates.append((score, rng.random(), text))
    candidates.sort(reverse=True)
    return rules.pick(item.answer, [text for _score, _tie, text in candidates], count,
                      prompt=item.prompt, correct=also_right)


def make_question(item: StudyItem, pool: Sequence[StudyItem], rng: random.Random,
                  prefer: str | None = None) -> Question | None:
    """Turn a study item into a question, of kind ``prefer`` when the item allows it; ``None``
    for a chain of steps that cannot be asked in a form a person could answer (see the module)."""
    if item.type == "true_false":
        return Question(item, "true_false", item.prompt, item.answer, ("True", "False"))
    if item.type == "choice":
        # An authored card keeps its options, less any that repeats the answer (a variant, the
        # same figure, an equivalent dose) or another option, or is a bare True/False.
        options = [item.answer]
        for o in item.choices:
            if rules.clean(o) != rules.clean(item.answer) and not rules.repeats(options, o):
                options.append(o)
        if len(options) < 3:
            return Question(item, "typed", item.prompt, item.answer)
        rng.shuffle(options)
        return Question(item, "choice", item.prompt, item.answer, tuple(options))
    if item.type == "typed":
        return Question(item, "typed", item.prompt, item.answer)
    steps = chain_steps(item)
    asked = order_question(steps, rng, CHOICES - 1) if len(steps) >= 3 else None
    if asked is not None:
        listed, right, options = asked
        return Question(item, "choice", f"{item.prompt}\n{ORDER_QUESTION}\n{lettered(listed)}", right,
                        tuple(options), steps=tuple(listed))
    wrong = distractors(item, pool, rng)
    short = len(item.answer.split()) <= SHORT_ANSWER_WORDS and not steps
    # Fewer than three good distractors: no choice question (two options that give the answer
    # away are worse than a typed one).
    choice = len(wrong) >= rules.MIN_DISTRACTORS
    possible = [k for k, ok in (("choice", choice), ("typed", short), ("true_false", bool(wrong))) if ok]
    if not possible:
        return None if steps else Question(item, "typed", item.prompt, item.answer)
    kind = prefer if prefer in possible else possible[0]
    if kind == "choice":
        options = [item.answer, *wrong]
        rng.shuffle(options)
        return Question(item, "choice", item.prompt, item.answer, tuple(options))
    if kind == "true_false":
        # Half the time the statement is true, so guessing "False" does not pay.
        shown = item.answer if rng.random() < 0.5 else wrong[0]
        prompt = f"{item.prompt}\nProposed answer: {shown}"
        return Question(item, "true_false", prompt, "True" if shown == item.answer else "False", ("True", "False"))
    return Question(item, "typed", item.prompt, item.answer)


def build_questions(items: Sequence[StudyItem], count: int, rng: random.Random | None = None,
                    pool: Sequence[StudyItem] | None = None) -> list[Question]:
    """Pick ``count`` items at random (one per authored card where possible) and mix the kinds;
    an item that is a flashcard only (see :func:`make_question`) gives way to the next."""
    rng = rng or random.Random()
    pool = list(pool if pool is not None else items)
    by_card: dict[tuple[str, str], list[StudyItem]] = {}
    for item in items:
        by_card.setdefault((item.deck_id, item.card_id), []).append(item)
    cards = list(by_card.values())
    rng.shuffle(cards)
    # One item per card first (c1 and c2 of the same cloze give each other away), then the rest.
    first = [group[rng.randrange(len(group))] for group in cards]
    questions: list[Question] = []

    def ask(candidates: Iterable[StudyItem]) -> None:
        for item in candidates:
            if len(questions) >= count:
                return
            question = make_question(item, [p for p in pool if p.deck_id == item.deck_id], rng,
                                     prefer=KINDS[len(questions) % len(KINDS)])
            if question is not None:
                questions.append(question)

    ask(first)
    if len(questions) < count:
        rest = [i for group in cards for i in group if i not in first]
        rng.shuffle(rest)
        ask(rest)
    return questions


def flashcard_only(items: Iterable[StudyItem], pool: Sequence[StudyItem]) -> list[StudyItem]:
    """The items a quiz leaves out: chains of steps it cannot ask in a form a person could answer
    (two steps, and no other chain of the deck to set against them)."""
    return [item for item in items if chain_steps(item)
            and make_question(item, [p for p in pool if p.deck_id == item.deck_id], random.Random(0)) is None]


@dataclass
class Quiz:
    """A quiz in progress; every answer is saved as it is given."""

    collection: Collection
    deck_ids: list[str]
    questions: list[Question]
    time_limit_s: int | None = None
    run_id: str = ""
    started: datetime | None = None
    answers: list[QuizAnswer] = field(default_factory=list)
    finished: bool = False
    asked: int = 0  # how many questions were asked for (0: as many as there are)
    available: int = 0  # how many cards the chosen decks and topics hold (0: not counted)
    topics: bool = False  # the cards were narrowed to some topics (tags)
    left_out: int = 0  # of ``available``, how many are flashcards only (counted when the quiz is short)

    @classmethod
    def create(cls, collection: Collection, deck_ids: Iterable[str] | None, count: int, *, time_limit_s: int | None = None,
               tags: Iterable[str] = (), rng: random.Random | None = None,
               keys: Iterable[tuple[str, str]] | None = None) -> "Quiz":
        """Build and save a new quiz over some decks and/or topics (tags), or over the cards
        ``keys`` (a search's selection in Cards); raises ``ValueError`` if empty."""
        chosen = set(keys) if keys is not None else None
        decks = list(deck_ids or (sorted({d for d, _c in chosen}) if chosen else collection.decks))
        wanted = set(tags)
        items = [i for (d, c), i in collection.items.items()
                 if d in decks and (not wanted or wanted.intersection(i.tags)) and (chosen is None or (d, c) in chosen)]
        if not items:
            raise ValueError("no cards match the chosen decks and topics")
        if count < 1:
            raise ValueError("a quiz needs at least one question")
        pool = [i for (d, _), i in collection.items.items() if d in decks]
        questions = build_questions(items, count, rng, pool)
        if not questions:
            raise ValueError("the chosen cards are flashcards only (chains of steps a quiz cannot ask)")
        quiz = cls.start(collection, decks, questions, time_limit_s)
        quiz.asked, quiz.available, quiz.topics = count, len(items), bool(wanted) or chosen is not None
        if len(questions) < count:  # every item was tried: those not asked are flashcards only
            quiz.left_out = len(items) - len(questions)
        return quiz

    @property
    def short(self) -> bool:
        """Fewer questions than asked for: the decks (and topics) hold fewer cards."""
        return self.asked > len(self.questions)

    def shortfall_note(self) -> str | None:
        """What a user should be told when the quiz is shorter than asked, else None:
        "13 questions (only 13 cards in these decks; you asked for 20)"."""
        if not self.short:
            return None
        where = "this deck" if len(self.deck_ids) == 1 else "these decks"
        if self.topics:
            where += " and topics"
        held = f"only {plural(self.available, 'card')} in {where}"
        if self.left_out:
            held += f", {self.left_out} of them a flashcard only"
        return f"{plural(len(self.questions), 'question')} ({held}; you asked for {self.asked})"

    @classmethod
    def start(cls, collection: Collection, deck_ids: list[str], questions: list[Question],
              time_limit_s: int | None = None) -> "Quiz":
        started = collection.now()
        run_id = collection.store.start_quiz(deck_ids, len(questions), time_limit_s, started)
        return cls(collection, deck_ids, questions, time_limit_s, run_id, started)

    @property
    def current(self) -> Question | None:
        if self.finished or len(self.answers) >= len(self.questions):
            return None
        return self.questions[len(self.answers)]

    @property
    def position(self) -> int:
        return len(self.answers)

    def seconds_left(self, now: datetime | None = None) -> float | None:
        if self.time_limit_s is None or self.started is None:
            return None
        now = now or self.collection.now()
        return max(0.0, self.time_limit_s - (now - self.started).total_seconds())

    def answer(self, given: str, duration_ms: int | None = None) -> QuizAnswer:
        """Check and save the reply to the current question."""
        question = self.current
        if question is None:
            raise RuntimeError("the quiz is over")
        correct, note = question.check(given)
        result = QuizAnswer(question, given, correct, note, duration_ms)
        self.collection.store.record_quiz_answer(
            self.run_id, question.item.deck_id, question.item.id, question.kind, given, question.answer,
            correct, self.collection.now(), duration_ms)
        self.answers.append(result)
        return result

    def finish(self) -> QuizResult:
        """End the quiz (early or not); unanswered questions score zero."""
        score = sum(a.correct for a in self.answers)
        now = self.collection.now()
        self.collection.store.finish_quiz(self.run_id, score, now)
        self.finished = True  # after the write: if it fails, the quiz can still be finished again
        unanswered = self.questions[len(self.answers):]
        seconds = (now - self.started).total_seconds() if self.started else 0.0
        return QuizResult(score, len(self.questions), list(self.answers), unanswered, seconds)

    def retry_mistakes(self, result: QuizResult) -> "Quiz":
        """A new saved quiz asking again every question missed (or left unanswered)."""
        questions = result.missed_questions
        if not questions:
            raise ValueError("no mistakes to retry")
        return Quiz.start(self.collection, self.deck_ids, questions, self.time_limit_s)
