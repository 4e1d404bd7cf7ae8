"""Chapter 02 questions: each solution passes, plausible mistakes fail
with a specific reason."""

import numpy as np
import pytest
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch02 as q

pytestmark = pytest.mark.ch02


def central_diff(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def complex_step(f, x, h=1e-20):
    return np.imag(f(x + 1j * h)) / h


def stub(*args):
    raise NotImplementedError("your code here")


RIGHT = {
    "q1": (3.1**2 - 3**2) / 0.1,
    "q2": (1.1**3 - 0.9**3) / 0.2,
    "q3": "c",
    "q4": 2,
    "q5": 1001,
    "q6": central_diff,
    "q7": np.imag((2 + 0.1j) ** 3) / 0.1,
    "q8": complex_step,
    "q9": "b",
}

WRONG = {
    "q1": [
        (6.0, "2x + h"),
        (5.9, "backward"),
        (0.61, "divide the change"),
        (-6.1, "wrong sign"),
    ],
    "q2": [
        (3.0, "exact derivative"),
        (3.31, "forward"),
        (2.71, "backward"),
        (6.02, "not by h"),
        (0.602, "by 2h"),
    ],
    "q3": [
        ("a", "rounds to 1"),
        ("b", "float64-sized"),
        ("d", "far too large"),
        ("e", "one of"),
    ],
    "q4": [
        (1, "forward and backward"),
        (-2, "positive"),
        (3, "leading error"),
        (-1, "round-off"),
    ],
    "q5": [
        (1000, "plus one call"),
        (2000, "central"),
        (2001, "only once"),
        (1, "separately"),
    ],
    "q6": [
        (
            lambda f, x, h: (f(x + h) - f(x)) / h,
            "at (x, h) = (1, 0.1) central_diff(f, x, h) with f(x) = x**3 "
            "returned 3.31; expected 3.01",
        ),
        (lambda f, x, h: (f(x + h) - f(x - h)) / h, "returned 6.02"),
        (lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h, "returned 0.0301"),
        (lambda f, x: (f(x + 1e-5) - f(x - 1e-5)) / 2e-5, "TypeError"),
        (lambda f, x, h: None, "forget `return`"),
        (3.01, "expected a function"),
    ],
    "q7": [
        (12.0, "truncation error"),
        (1.199, "divide the imaginary"),
        (7.94, "real part"),
        (12.01, "flips the sign"),
    ],
    "q8": [
        (lambda f, x, h=1e-20: f(x + 1j * h) / h, "complex number"),
        (lambda f, x, h=1e-20: np.real(f(x + 1j * h)) / h, "relative error"),
        (lambda f, x, h=1e-20: np.imag(f(x + 1j * h)), "relative error"),
        (lambda f, x: central_diff(f, x, 1e-5), "a finite difference cannot"),
        (lambda f, x: central_diff(f, x, 1e-20), "returned 0;"),
        (lambda f, x: None, "forget `return`"),
        (lambda f, x: [1.0, 2.0], "expected one number"),
        ("complex_step", "expected a function"),
    ],
    "q9": [
        ("a", "exp and sin"),
        ("c", "polynomial"),
        ("d", "division"),
        (2, "as a string"),
    ],
}


@pytest.mark.parametrize("name", ["q6", "q8"])
def test_a_practice_stub_is_not_answered_yet(name):
    verdict = getattr(q, name).verdict(stub)
    assert not verdict and "not answered yet" in verdict.message


@pytest.mark.parametrize("name", sorted(RIGHT))
@pytest.mark.parametrize(
    "odd", [None, "word", float("nan"), [], ..., lambda *args: 1 / 0]
)
def test_odd_input_never_raises_and_is_never_right(name, odd):
    verdict = getattr(q, name).verdict(odd)
    assert not verdict


def test_q3_answer_is_the_measured_best_float32_step():
    """The float32 central difference of x**3 at 1 is best at h = 5e-3."""
    from helpers.plotting import difference_errors

    options = {"a": 1e-8, "b": 1e-5, "c": 5e-3, "d": 0.5}
    errors = {
        k: difference_errors(
            lambda x: x * x * x, 1.0, 3.0, np.array([h]), "central", np.float32
        )[0]
        for k, h in options.items()
    }
    assert min(errors, key=errors.get) == "c"
