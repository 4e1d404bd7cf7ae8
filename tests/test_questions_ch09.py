"""Chapter 09 questions: each solution passes, plausible mistakes fail
with a specific reason. No TensorFlow or PyTorch here: tensors are faked
by objects with a .numpy() method."""

import numpy as np
import pytest
from fakes import FakeTFTensor as FakeTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch09 as q

pytestmark = pytest.mark.ch09


def d2f(x):
    return (4 * x**2 - 2) * np.exp(-(x**2))


def raises(x):
    raise ValueError("oops")


RIGHT = {
    "q1": 72.0,
    "q2": FakeTensor(27.0),
    "q3": [[6, -2], [-2, 2]],
    "q4": "b",
    "q5": 1,
    "q6": d2f,
    "q7": FakeTensor([20.0, 6.0]),
}

ALSO_RIGHT = [
    ("q3", np.array([[6.0, -2.0], [-2.0, 2.0]])),
    ("q4", "(B)"),
    ("q6", lambda x: float((4 * x**2 - 2) * np.exp(-(x**2)))),
    ("q7", np.array([20.0, 6.0])),
]

WRONG = {
    "q1": [
        (108.0, "differentiate once by x and once by y"),
        (16.0, "d2f/dy2"),
        (48.0, "only one derivative"),
        (24.0, "without the factor y = 3"),
        (-72.0, "wrong sign"),
        (None, "None"),
    ],
    "q2": [
        (FakeTensor(13.5), "first derivative"),
        (5.0625, "f(1.5)"),
        (36.0, "third derivative"),
        ("27", "expected a number"),
    ],
    "q3": [
        ([[3, -2], [-2, 1]], "power rule twice"),
        ([[6, -1], [-1, 2]], "not half of it"),
        ([[6, 2], [2, 2]], "minus sign"),
        ([0, 0], "the gradient at the origin"),
        ([[6, -2], [-2, 0]], "entry [1, 1] is 0, expected 2"),
        ([], "empty"),
        ([[6, -2, 0], [-2, 2, 0]], "expected shape (2, 2)"),
    ],
    "q4": [
        ("a", "any number of gradients"),
        ("c", "not a rounding result"),
        ("d", "whole matrix"),
        ("e", "expected one of"),
        (2, "as a string"),
    ],
    "q5": [
        (0, "not the minimum"),
        (2, "already lands on the minimum"),
        (10, "off by a factor of 10"),
        (float("nan"), "finite"),
    ],
    "q6": [
        (lambda x: -2 * x * np.exp(-(x**2)), "at x = -2 your d2f"),
        (lambda x: (2 - 4 * x**2) * np.exp(-(x**2)), "expected 0.2564"),
        (lambda x: 4 * x**2 * np.exp(-(x**2)), "at x = -2"),
        (lambda x: 4 * x**2 - 2, "returned 14"),
        (lambda x: None, "forget `return`"),
        (raises, "raised ValueError"),
        ("d2f", "expected a function"),
    ],
    "q7": [
        ([24, 20], "gradient (24, 10)"),
        ([8, 0], "only the diagonal"),
        (44, "a number; Hv is a vector"),
        (32, "v . (Hv)"),
        ([6, 20], "entry [0] is 6, expected 20"),
        ([[20], [6]], "expected shape (2,)"),
    ],
}


@pytest.mark.parametrize("name, answer", ALSO_RIGHT)
def test_other_forms_of_the_solution_are_accepted(name, answer):
    assert getattr(q, name).verdict(answer)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_practice_stub_is_not_answered(name):
    verdict = getattr(q, name).verdict(...)
    assert not verdict and "not answered" in verdict.message
