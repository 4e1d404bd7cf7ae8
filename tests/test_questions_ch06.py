"""Chapter 06 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import math

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch06 as q

pytestmark = pytest.mark.ch06


def exp_backward(x_data, out_grad):
    return out_grad * np.exp(x_data)


def div_backward(a, b, out_grad):
    return out_grad / b, -out_grad * a / b**2


def not_answered(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": np.array([-2.0, -2.0, 5.0]),
    "q2": "a",
    "q3": -8,
    "q4": [12, 6],
    "q5": exp_backward,
    "q6": div_backward,
    "q7": 1,
    "q8": 3,
}

WRONG = {
    "q1": [
        ([1, 1, 5], "not 1 alone"),
        ([5, 5, -2], "swapped"),
        ([-2, -2, -10], "value of f"),
        ([2, 2, 5], "mind the sign"),
        ([-2, -2], "expected shape (3,)"),
        (None, "expected an array"),
    ],
    "q2": [
        ("b", "incomplete"),
        ("c", "reversed"),
        ("d", "still 0"),
        ("e", "one of"),
    ],
    "q3": [(-4, "two contributions"), (16, "value"), (8, "negative")],
    "q4": [
        ([6, 3], "second call adds"),
        ([10, 6], "used twice"),
        ([5, 3], "two calls"),
        ([17, 9], "only the leaves accumulate"),
        ("12, 6", "expected an array"),
    ],
    "q5": [
        (lambda x, g: math.exp(x), "Multiply by out_grad"),
        (lambda x, g: g, "local derivative e^x is missing"),
        (lambda x, g: -g * math.exp(x), "no minus sign"),
        (lambda x, g: g * x * math.exp(x - 1), "power rule"),
        (lambda x, g: None, "returned None"),
        (lambda x: x, "raised TypeError"),
        (3.0, "expected a function"),
    ],
    "q6": [
        (lambda a, b, g: (g / b, g * a / b**2), "minus sign"),
        (lambda a, b, g: (g / b, -g / b**2), "factor a is missing"),
        (lambda a, b, g: (1 / b, -a / b**2), "Multiply both"),
        (lambda a, b, g: (-g * a / b**2, g / b), "swapped"),
        (lambda a, b, g: g / b, "expected shape (2,)"),
    ],
    "q7": [
        (1000, "forward mode"),
        (1001, "forward differences"),
        (2000, "central differences"),
        (2, "backward passes only"),
    ],
    "q8": [(1000, "forward mode"), (1, "one row"), (3000, "whole row")],
}


@pytest.mark.parametrize("name", ["q5", "q6"])
def test_a_stub_counts_as_not_answered(name):
    verdict = getattr(q, name).verdict(not_answered)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_odd_input_never_raises(name):
    for answer in (None, "word", float("nan"), [], {}, print):
        assert not getattr(q, name).verdict(answer)
