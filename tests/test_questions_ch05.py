"""Chapter 05 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch05 as q

pytestmark = pytest.mark.ch05


def dual_cos(a, b):
    return np.cos(a), -np.sin(a) * b


def dual_div(a, b, c, d):
    return a / c, (b * c - a * d) / c**2


RIGHT = {
    "q1": np.array([8, 14]),
    "q2": [0, 1],
    "q3": 7,
    "q4": dual_cos,
    "q5": dual_div,
    "q6": 30.0,
    "q7": "b",
    "q8": np.array([7.0, 3.0]),
}

WRONG = {
    "q1": [
        ([8, 3], "not the product of the ε parts"),
        ([8, 17], "ε² = 0"),
        ([6, 4], "the sum"),
        ([14, 8], "value first"),
        (22, "expected shape (2,)"),
        ([], "empty"),
        ("8 + 14ε", "got str"),
    ],
    "q2": [
        ([1, 0], "gives ∂f/∂x"),
        ([1, 1], "directional derivative"),
        ([0, 0], "comes out 0"),
        ([3, 4], "values of x and y"),
        ([[0, 1]], "expected shape (2,)"),
        (None, "got None"),
    ],
    "q3": [
        (3, "number of outputs"),
        (1, "one column of J"),
        (21, "whole column"),
        (14, "central differences"),
        ("7", "got str"),
    ],
    "q4": [
        (lambda a, b: (np.cos(a), np.sin(a) * b), "-0.958851]"),
        (lambda a, b: (np.cos(a), -np.sin(a)), "at (a, b) = (0.5, 2)"),
        (lambda a, b: (-np.sin(a) * b, np.cos(a)), "returned [-0.958851"),
        (lambda a, b: -np.sin(a) * b, "shape"),
        (lambda a, b: None, "forget `return`"),
        (lambda a, b: 1 / 0, "ZeroDivisionError"),
    ],
    "q5": [
        (lambda a, b, c, d: (a / c, (b * c + a * d) / c**2), "expected"),
        (lambda a, b, c, d: (a / c, (a * d - b * c) / c**2), "(3, 1, 2, "),
        (lambda a, b, c, d: (a / c, (b * c - a * d) / c), "returned [1.5"),
        (lambda a, b, c, d: (a / c, b / d), "your dual_div returned"),
    ],
    "q6": [
        (10, "the seed here is 3"),
        (36, "-2x term"),
        (4, "value part"),
        (42, "subtracts"),
        (-30, "wrong sign"),
        (float("nan"), "finite"),
    ],
    "q7": [
        ("a", "not a small float"),
        ("c", "not about tangents"),
        ("d", "no step"),
        ("e", "one of"),
        (2, "as a string"),
    ],
    "q8": [
        ([5, 4], "Jᵀ v"),
        ([3, 1], "first column"),
        ([6, 5], "values f(2, 3)"),
        ([8, 3], "3·1 + 2·2 = 7"),
        (np.array([[7.0], [3.0]]), "shape"),
    ],
}


def test_unanswered_stubs_are_not_failures():
    def stub(*args):
        raise NotImplementedError("your code here")

    for name in ("q4", "q5"):
        assert "not answered yet" in getattr(q, name).verdict(stub).message
    assert "not answered yet" in q.q1.verdict(...).message
