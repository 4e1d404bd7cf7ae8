"""Chapter 00 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from fakes import FakeTorchTensor as FakeTorchScalar
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch00 as q  # noqa: F401  (used by question_checks)

pytestmark = pytest.mark.ch00


RIGHT = {
    "q1": (2, 3),
    "q2": [3, 4],
    "q3": "c",
    "q4": [[0, 3], [1, 4], [2, 5]],
    "q5": np.arange(6).reshape(3, 2),
    "q6": (2, 4),
    "q7": "b",
    "q8": "a",
    "q9": FakeTorchScalar(27.0),
}

WRONG = {
    "q1": [
        ((3, 2), "wrong order"),
        ((3,), "1 dimension;"),
        ((2, 3, 3), "3 dimensions"),
        ("2, 3", "tuple of ints"),
    ],
    "q2": [((4, 3), "wrong order"), ((3, 1), "axis 1"), ((1, 4), "axis 0")],
    "q3": [
        ("a", "neither is 1"),
        ("b", "never adds an axis"),
        ("yes", "expected one of"),
    ],
    "q4": [
        ([[0, 1], [2, 3], [4, 5]], "entry [0, 1] is 1, expected 3"),
        ([[0, 1, 2], [3, 4, 5]], "transposed"),
        ([0, 3, 1, 4, 2, 5], "expected shape (3, 2)"),
    ],
    "q5": [
        ([[0, 3], [1, 4], [2, 5]], "entry [0, 1] is 3, expected 1"),
        ([[0, 2, 4], [1, 3, 5]], "transposed"),
        ([], "empty"),
    ],
    "q6": [((2, 3), "axis 1"), ((3, 4), "axis 0"), ((4, 2), "wrong order")],
    "q7": [("a", "NumPy's default"), ("c", "integers"), (None, "None")],
    "q8": [
        ("b", "cannot be changed"),
        ("c", "expected one of"),
        (True, "as a string"),
    ],
    "q9": [
        (FakeTorchScalar(9.0), "3x^2"),
        (6.0, "x**2"),
        (FakeTorchScalar(-27.0), "wrong sign"),
        (None, "None"),
    ],
}
