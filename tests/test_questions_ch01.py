"""Chapter 01 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch01 as q  # noqa: F401  (used by question_checks)

pytestmark = pytest.mark.ch01

RIGHT = {
    "q1": 13.0,
    "q2": 2.1,
    "q3": lambda x: 12 * x**3 - 2,
    "q4": 70,
    "q5": lambda x: np.cos(x**2) * 2 * x,
    "q6": "b",
    "q7": 0.4,
    "q8": "b",
}

WRONG = {
    "q1": [(26.0, "divide"), (-13.0, "wrong sign"), (9.0, "too small")],
    "q2": [(2.0, "tangent"), (0.21, "divide by h"), (-2.1, "wrong sign")],
    "q3": [
        (lambda x: 12 * x**3 + 2, "at x = -1.5 your df returned -38.5"),
        (lambda x: 3 * x**3 - 2, "expected -42.5"),
        (lambda x: 12 * x**4 - 2, "at x = -1.5"),
        (lambda x: np.array([12 * x**3 - 2] * 2), "shape"),
    ],
    "q4": [(14, "dy/dx = 5"), (10, "2y"), (49, "z itself"), (-70, "sign")],
    "q5": [
        (lambda x: np.cos(x**2), "at x = -1.2"),
        (lambda x: 2 * x * np.sin(x**2), "at x = -1.2"),
        (lambda x: -np.cos(x**2) * 2 * x, "at x = -1.2"),
    ],
    "q6": [("a", "one symbol"), ("c", "not a fixed number"), ("d", "one of")],
    "q7": [
        (-0.4, "against the derivative"),
        (4.0, "learning rate"),
        (0.04, "factor of 0.1"),
    ],
    "q8": [
        ("a", "two steps by hand"),
        ("c", "does not grow"),
        (1, "as a string"),
    ],
}
