"""Chapter 04 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch04 as q

pytestmark = pytest.mark.ch04

RIGHT = {
    "q1": 7,
    "q2": 5.0,
    "q3": 21,
    "q4": "b",
    "q5": lambda a, da: np.exp(a) * da,
    "q6": lambda a, b, da, db: (da * b - a * db) / b**2,
    "q7": 25,
    "q8": 6,
    "q9": "b",
}

WRONG = {
    "q1": [(6, "graph"), (4, "leaves only"), (3, "operations only")],
    "q2": [(2.0, "parentheses"), (3.0, "(-1)(-1)"), (4.0, "add the subtree")],
    "q3": [
        (15, "only a * b'"),
        (6, "only a' * b"),
        (3, "not the product of the"),
        (30, "f(2, 3) itself"),
        (16, "with respect to y"),
    ],
    "q4": [
        ("a", "all constants"),
        ("c", "a + 0 -> a"),
        ("d", "only that term"),
        (2, "as a string"),
    ],
    "q5": [
        (lambda a, da: np.exp(a), "at (a, da) = (0.5, 2)"),
        (lambda a, da: a * np.exp(a - 1) * da, "at (a, da) = (0, 1)"),
        (lambda a, da: da, "at (a, da) = (1, 1)"),
        (lambda a, da: None, "forget `return`"),
    ],
    "q6": [
        (lambda a, b, da, db: (a * db - da * b) / b**2, "returned 0.25"),
        (lambda a, b, da, db: (da * b - a * db) / b, "expected -0.25"),
        (lambda a, b, da, db: da / db, "returned 0; expected -0.25"),
        (lambda a, b, da, db: da * b + a * db, "returned 1"),
    ],
    "q7": [
        (15, "n = 3"),
        (5, "simplified"),
        (7, "function"),
        (19, "distinct graph nodes"),
    ],
    "q8": [
        (12, "first derivative"),
        (4, "d2f/dy2"),
        (0, "d2f/dx2"),
        (24, "f(2, 3) itself"),
    ],
    "q9": [
        ("a", "no algebra"),
        ("c", "finite differences"),
        ("d", "products are fine"),
        ("e", "one of"),
    ],
}


@pytest.mark.parametrize("answer", [None, "word", float("nan"), [], ...])
@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_gets_a_cross_not_an_exception(name, answer):
    assert not getattr(q, name).verdict(answer)
