"""Chapter 10 questions: each solution passes, plausible mistakes fail
with a specific reason. No PyTorch here: answers are plain numbers,
strings and NumPy functions."""

import numpy as np
import pytest
from fakes import FakeTorchTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch10 as q

pytestmark = pytest.mark.ch10


def relative_error(a, b):
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return np.linalg.norm(a - b) / denominator


def df(x):
    t = np.tanh(x)
    return t * (1 - t**2)


def no_zero_case(a, b):
    with np.errstate(invalid="ignore"):
        return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def raises(*args):
    raise ValueError("oops")


def FakeTensor(value):  # a float64 PyTorch scalar
    return FakeTorchTensor(value, dtype=np.float64)


RIGHT = {
    "q1": 2 / 3,
    "q2": "b",
    "q3": "c",
    "q4": "b1",
    "q5": "b",
    "q6": relative_error,
    "q7": df,
    "q8": "c",
}

ALSO_RIGHT = [
    ("q1", 0.667),
    ("q1", FakeTensor(2 / 3)),
    ("q4", "B1"),
    ("q6", lambda a, b: FakeTensor(relative_error(a, b))),
    ("q7", lambda x: np.tanh(x) / np.cosh(x) ** 2),
]

WRONG = {
    "q1": [
        (4.0, "absolute difference"),
        (4 / 3, "divided by ||a|| = 3 only"),
        (0.0, "differ in their last entry"),
        (1.0, "opposite gradients"),
        (None, "None"),
    ],
    "q2": [
        ("a", "Rule out float32 first"),
        ("c", "makes float32 worse"),
        ("d", "lets real bugs through"),
        ("e", "expected one of"),
    ],
    "q3": [
        ("a", "same sign"),
        ("b", "diagonal entries agree"),
        ("d", "wrong place"),
    ],
    "q4": [
        ("W1", "indices 0-19"),
        ("W2", "index 25"),
        ("b2", "indices 40-42"),
        ("b3", "index 46"),
        (23, "as a string"),
    ],
    "q5": [("a", "too lax"), ("c", "would fail"), ("1e-7", "expected one of")],
    "q6": [
        (
            lambda a, b: np.linalg.norm(a - b),
            "(a, b) = ([3., 4.], [6., 8.]) your relative_error returned 5",
        ),
        (
            lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(a),
            "returned 1; expected 0.333333",
        ),
        (
            lambda a, b: (
                np.max(np.abs(a - b)) / (np.max(np.abs(a)) + np.max(np.abs(b)))
            ),
            "(a, b) = ([1., 0.], [0., 1.])",
        ),
        (no_zero_case, "returned nan; expected 0"),
        (raises, "raised ValueError: oops"),
        ("relative_error", "expected a function"),
    ],
    "q7": [
        (lambda x: np.tanh(x) * (1 - x**2), "at x = [ 0.5, -1. ,  2. ]"),
        (lambda x: np.tanh(x), "your df returned"),
        (lambda x: 1 - np.tanh(x) ** 2, "your df returned"),
        (lambda x: 2 * df(x), "your df returned"),
        (lambda x: float(df(x)[0]), "shape"),
    ],
    "q8": [
        ("a", "requires grad"),
        ("b", "warning"),
        ("d", "expected one of"),
    ],
}


@pytest.mark.parametrize("name, answer", ALSO_RIGHT)
def test_equivalent_answers_are_accepted(name, answer):
    assert getattr(q, name).verdict(answer)
