"""Chapter 13 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch13 as q

pytestmark = pytest.mark.ch13


def mse_grad(w, b, x, y):
    r = w * x + b - y
    return 2 * np.mean(r * x), 2 * np.mean(r)


def residual(w, b, x, y):
    return w * x + b - y


def stub(w, b, x, y):
    raise NotImplementedError


RIGHT = {
    "q1": mse_grad,
    "q2": "a",
    "q3": [2.18, 1.06],
    "q4": "b",
    "q5": 1 / 3,
    "q6": "c",
    "q7": 5,
    "q8": 0.44,
}

WRONG = {
    "q1": [
        (
            lambda w, b, x, y: (
                np.mean(residual(w, b, x, y) * x),
                np.mean(residual(w, b, x, y)),
            ),
            "factor 2 is missing",
        ),
        (
            lambda w, b, x, y: (
                2 * np.mean((y - w * x - b) * x),
                2 * np.mean(y - w * x - b),
            ),
            "wrong sign",
        ),
        (
            lambda w, b, x, y: (
                2 * np.sum(residual(w, b, x, y) * x),
                2 * np.sum(residual(w, b, x, y)),
            ),
            "not the sum",
        ),
        (
            lambda w, b, x, y: (
                2 * np.mean(residual(w, b, x, y)),
                2 * np.mean(residual(w, b, x, y)),
            ),
            "needs the factor x_i",
        ),
        (lambda w, b, x, y: mse_grad(w, b, x, y)[::-1], "swapped"),
        (lambda w, b, x, y: None, "forget `return`"),
        (lambda w, b, x, y: 2 * residual(w, b, x, y) * x, "shape"),
        (lambda w, b: (0.0, 0.0), "raised TypeError"),
        (3.0, "expected a function"),
    ],
    "q2": [
        ("b", "residuals are positive"),
        ("c", "too steep"),
        ("positive", "expected one of"),
    ],
    "q3": [
        ([1.82, 0.94], "stepped along the gradient"),
        ([20.0, 7.0], "learning rate 0.01"),
        ([2.06, 1.06], "factor x = 3"),
        (2.18, "expected shape (2,)"),
    ],
    "q4": [
        ("a", "slowest curve"),
        ("c", "overshoots"),
        (0.05, "as a string"),
    ],
    "q5": [
        (2 / 3, "second derivative"),
        (1 / 6, "one step"),
        (3.0, "f'' / 2"),
        (-1 / 3, "wrong sign"),
    ],
    "q6": [
        ("a", "never goes up"),
        ("b", "cuts the noise"),
        ("sgd", "expected one of"),
    ],
    "q7": [
        (20, "batch size"),
        (100, "SGD"),
        (1, "one update per epoch"),
        (2000, "one pass"),
    ],
    "q8": [
        (0.64, "zero_grad()"),
        (0.8, "after one step"),
        (0.4, "not another 2.0"),
        (None, "None"),
    ],
}


def test_an_unfinished_mse_grad_is_not_answered_yet():
    verdict = q.q1.verdict(stub)
    assert not verdict
    assert "not answered yet" in verdict.message


def test_q1_accepts_float32_and_tuple_or_array_results():
    def as_array(w, b, x, y):
        return np.array(mse_grad(w, b, x, y), dtype=np.float32)

    assert q.q1.verdict(as_array)


def test_q5_accepts_a_rounded_third():
    assert q.q5.verdict(0.333)
