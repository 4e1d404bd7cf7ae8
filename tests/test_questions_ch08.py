"""Chapter 08 questions: each solution passes, plausible mistakes fail
with a specific reason. No torch here: fake tensors and plain functions."""

import math

import numpy as np
import pytest
from fakes import FakeTorchTensor
from question_checks import (  # noqa: F401  (collected here)
    test_every_question_has_at_least_three_wrong_answers,
    test_every_question_is_tested,
    test_mistakes_are_rejected_with_a_reason,
    test_solution_is_accepted,
)

from helpers.questions import ch08 as q

pytestmark = pytest.mark.ch08


def sgd_step(w0, lr):
    return w0 - lr * 2 * (w0 - 3)


def sgd_step_float32(w0, lr):
    w = np.float32(w0)
    return float(w - np.float32(lr) * np.float32(2) * (w - np.float32(3)))


def grad_at(x0):
    return math.cos(x0) * x0**2 + 2 * x0 * math.sin(x0)


def in_place_error(w0, lr):
    raise RuntimeError(
        "a leaf Variable that requires grad is being used in an in-place "
        "operation."
    )


RIGHT = {
    "q1": FakeTorchTensor(24.0),
    "q2": "c",
    "q3": "b",
    "q4": FakeTorchTensor([6.0, 7.0]),
    "q5": sgd_step,
    "q6": grad_at,
    "q7": 12.0,
    "q8": FakeTorchTensor(32.0),
    "q9": "c",
}

WRONG = {
    "q1": [
        (12.0, "second backward() adds"),
        (FakeTorchTensor(8.0), "y = x**3 itself"),
        (144.0, "not multiplied"),
        (None, "None"),
    ],
    "q2": [
        ("a", "created by you"),
        ("b", "always a leaf"),
        ("d", "no history"),
        ("e", "expected one of"),
    ],
    "q3": [
        ("a", "one step further down"),
        ("c", "belongs to the leaf x"),
        ("d", "no power"),
        ("AddBackward", "expected one of"),
    ],
    "q4": [
        ([4.0, 13.0], "column sums"),
        (FakeTorchTensor([[2, 1], [2, 0], [0, 12]]), "Jacobian J itself"),
        ([2.0, 4.0, 6.0], "one entry per input"),
        ([7.0, 6.0], "entry [0] is 7, expected 6"),
        ([], "empty"),
    ],
    "q5": [
        (
            lambda w0, lr: w0 + lr * 2 * (w0 - 3),
            "at (w0, lr) = (5, 0.1) your sgd_step returned 5.4",
        ),
        (lambda w0, lr: w0 - lr * (w0 - 3), "expected 4.6"),
        (lambda w0, lr: w0, "returned 5; expected 4.6"),
        (in_place_error, "raised RuntimeError: a leaf Variable"),
        (lambda w0, lr: None, "forget `return`"),
    ],
    "q6": [
        (lambda x0: math.cos(x0) * 2 * x0, "at x0 = -1.5"),
        (lambda x0: math.sin(x0) * x0**2, "at x0 = -1.5"),
        (lambda x0: 2 * x0 * math.sin(x0), "at x0 = -1.5"),
        ("cos(x) x^2 + 2x sin(x)", "expected a function"),
    ],
    "q7": [
        (36.0, "that is x.grad"),
        (6.0, "y = 3x itself"),
        (3.0, "3 is dy/dx"),
        ("12", "expected a number"),
    ],
    "q8": [
        (FakeTorchTensor(48.0), "the detached factor counts"),
        (64.0, "z itself"),
        (16.0, "16 is x**2"),
        (8.0, "multiply by the detached factor"),
    ],
    "q9": [
        ("a", "retain_graph=True"),
        ("b", "never does nothing"),
        ("RuntimeError", "expected one of"),
    ],
}


def test_float32_results_are_accepted():
    """A learner's torch code works in float32; the tolerance allows it."""
    assert q.q5.verdict(sgd_step_float32)
    assert q.q6.verdict(lambda x0: float(np.float32(grad_at(np.float32(x0)))))


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_unanswered_is_not_an_error(name):
    verdict = getattr(q, name).verdict(...)
    assert not verdict and "not answered yet" in verdict.message
