"""Chapter 03 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch03 as q  # noqa: F401  (used by question_checks)

pytestmark = pytest.mark.ch03

RIGHT = {
    "q1": 10.0,
    "q2": np.array([4.0, 3.0]),
    "q3": lambda x, y: np.array([2 * x * y, x**2 + np.cos(y)]),
    "q4": "a",
    "q5": 22.4,
    "q6": (2, 3),
    "q7": (1, 2),
    "q8": 18,
}

WRONG = {
    "q1": [(6.0, "adds 4"), (27.0, "that is df/dy"), (21.0, "f(3, 1)")],
    "q2": [
        ([3.0, 4.0], "entry [0] is 3, expected 4"),
        ([6.0, 4.0], "entry [0] is 6"),
        ([4.0, -3.0], "entry [1] is -3, expected 3"),
        (4.0, "expected shape (2,)"),
        ([], "empty"),
    ],
    "q3": [
        (
            lambda x, y: np.array([2 * x * y, x**2]),
            "at (x, y) = (3, 4) your grad_f returned [24.,  9.]",
        ),
        (
            lambda x, y: np.array([x**2 + np.cos(y), 2 * x * y]),
            "expected [24.      ,  8.346356]",
        ),
        (lambda x, y: 2 * x * y + x**2 + np.cos(y), "shape ()"),
        (lambda x, y: None, "forget `return`"),
        (lambda x: np.array([2 * x, x]), "raised TypeError"),
    ],
    "q4": [
        ("b", "|grad f| = 26"),
        ("c", "steepest descent"),
        ("d", "perpendicular"),
        ("e", "one of"),
    ],
    "q5": [
        (112.0, "divide it by 5"),
        (26.0, "largest slope"),
        (14.4, "only the x part"),
        (-22.4, "wrong sign"),
    ],
    "q6": [
        ((3, 2), "Rows are outputs"),
        ((2,), "one row per output"),
        ((3, 3), "square only"),
        ("2x3", "tuple of ints"),
    ],
    "q7": [
        ((2,), "helpers.gradient"),
        ((2, 1), "One output means one row"),
        ((2, 2), "Hessian's shape"),
        (None, "tuple of ints"),
    ],
    "q8": [
        (54, "d2f/dx2"),
        (2, "d2f/dy2"),
        (27, "df/dx = 3x**2 y**2"),
        (6, "df/dy = 2x**3 y"),
    ],
}
