"""A wrong typed answer says what differed (the review screen shows this note)."""

from anastro_quiz.grading import grade_typed


def test_wrong_number_names_the_difference_even_with_alternatives():
    grade = grade_typed("7.1%", "6.1%", accept=["6.1 percent"], tolerance=0.05)
    assert not grade.correct
    assert grade.note == "number differs: 7.1 vs 6.1"

